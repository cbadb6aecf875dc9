"""Fuzzing the scenario loader: whatever text or bytes come in, only InvalidScenarioError escapes.

The text comes from a small grammar: keys from the real field names (and some that are not),
nested mappings and lists in block and flow style, and scalars that trip YAML readers (`no`,
`017`, `1:30`, `.nan`, anchors, tags, escapes, huge numbers), then a few random edits (a
character inserted, a line doubled or deleted, a tab). Raw bytes go through the file loader.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from gateway_roi.errors import InvalidScenarioError
from gateway_roi.files.loading import MAX_FILE_BYTES, load_scenario_file, load_scenario_text
from gateway_roi.model.assumptions import ASSUMPTIONS
from gateway_roi.model.scenario import Scenario

FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


def _field_names(model: type[BaseModel], out: set[str]) -> set[str]:
    for name, field in model.model_fields.items():
        out.add(name)
        for arg in (field.annotation, *getattr(field.annotation, "__args__", ())):
            for inner in (arg, *getattr(arg, "__args__", ())):
                if isinstance(inner, type) and issubclass(inner, BaseModel) and inner is not model:
                    _field_names(inner, out)
    return out


KEYS = sorted(_field_names(Scenario, set()) | set(ASSUMPTIONS)
              | {"low", "likely", "high", "unknown_field", "Name", "na me", "1", "true", "~",
                 "<<", "? x", "&k", "*k", '"quoted"', "'single'", '"\\e[31m"', "k:v"})

TRICKY = [
    "no", "yes", "on", "off", "y", "n", "true", "false", "True", "null", "~", "",
    "017", "0o17", "0x1F", "0b101", "1e5", "1.5e3", "1_000", ".5", "-0", "+3", "1:30",
    "2024-01-31", "2024-01-31T10:00:00Z", ".inf", "-.inf", ".nan", ".NaN", "1e400", "-1e400",
    "1e300", "-1", "5 to 10", "10 to 5", "1 to 1e999", "0 to 0", "1" + "0" * 400,
    "0x" + "f" * 300, "1" + "0" * 5000, "0o" + "7" * 400, "&a x", "*a", "&a [1, *a]",
    "!!float x", "!!int x", "!!binary aGk=", "!!set {a, b}", "!!timestamp 2020-01-01",
    "!!python/object:os.system x", "!foo x", "! 12", "!!str 017", '"\\e[31mred"', '"\\x00"',
    '"\\u202e"', '"\\ud800"', "'it''s'", "|", ">-", "- x", "? x", "[", "]", "{", "}", ",",
    "# c", "%YAML 1.1", "---", "...", "@x", "`x`", "\t", "{low: 1, likely: 2, high: 3}",
    "{low: 3, likely: 2, high: 1}", "{low: .nan, likely: 1, high: 2}", "[1, 2]", "''", '""',
    "required", "nice", "openai", "auto", "portkey", "USD", "CNY", "direct", "[bold]x[/]",
    "a" * 300, "\u4e2d\u6587", "\u00e9", "\U0001f600", "\ufeff", "<<: {a: 1}",
]

SCALARS = st.one_of(
    st.sampled_from(TRICKY),
    st.integers().map(str),
    st.floats().map(repr),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=12),
)
# Values that fit most fields, so shaped scenarios often load and reach validation and beyond.
PLAIN = st.one_of(st.integers(0, 300).map(str),
                  st.sampled_from(["0.5", "0.99", "3", "5 to 10", "x", "no", "required"]))


def _submodel(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds (directly, optionally or in a list), and whether in a list."""
    args = getattr(annotation, "__args__", ())
    for arg in (annotation, *args):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg, False
        if getattr(arg, "__origin__", None) is list:
            inner = arg.__args__[0]
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner, True
    return None, getattr(annotation, "__origin__", None) is list


def _literals(annotation: Any) -> list[Any]:
    """The values a Literal field (possibly optional) allows."""
    if getattr(annotation, "__origin__", None) is Literal:
        return list(annotation.__args__)
    return [v for arg in getattr(annotation, "__args__", ()) for v in _literals(arg)]


@st.composite
def _shaped(draw: st.DrawFn, model: type[BaseModel] = Scenario) -> _Map:
    """Entries laid out like the model's own fields, with plain or tricky values."""
    entries = _Map()
    for name, field in model.model_fields.items():
        if not draw(st.integers(0, 3)) == 0:
            continue
        sub, many = _submodel(field.annotation)
        if sub is not None:
            value: Any = ([draw(_shaped(sub)) for _ in range(draw(st.integers(1, 2)))] if many
                          else draw(_shaped(sub)))
        elif many:
            value = draw(st.lists(st.one_of(st.sampled_from(["dev", "prod", "openai"]), PLAIN,
                                            SCALARS), max_size=3, unique=True))
        else:
            choices = [str(a) for a in _literals(field.annotation)]
            value = draw(st.one_of(st.sampled_from(choices) if choices else PLAIN, PLAIN,
                                   PLAIN, SCALARS))
        entries.append((name, value))
    return entries


class _Map(list[tuple[str, Any]]):
    """A mapping as written: entries in order, duplicates allowed."""


@st.composite
def _tree(draw: st.DrawFn, depth: int = 0) -> Any:
    kind = draw(st.sampled_from(["scalar", "scalar", "map", "list"] if depth < 4 else ["scalar"]))
    if kind == "scalar":
        return draw(SCALARS)
    size = draw(st.integers(0, 4))
    if kind == "list":
        return [draw(_tree(depth + 1)) for _ in range(size)]
    return _Map((draw(st.sampled_from(KEYS)), draw(_tree(depth + 1))) for _ in range(size))


def _flow(node: Any) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, _Map):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in node) + "}"
    return "[" + ", ".join(_flow(v) for v in node) + "]"


def _block(node: Any, indent: int, flow: list[bool]) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    is_map = isinstance(node, _Map)
    for entry in node:
        key, value = entry if is_map else ("-", entry)
        head = f"{pad}{key}:" if is_map else f"{pad}-"
        if isinstance(value, str) or not value or (flow and flow.pop()):
            lines.append(f"{head} {_flow(value)}")
        else:
            lines.append(head)
            lines.extend(_block(value, indent + 2, flow))
    return lines


@st.composite
def yamlish(draw: st.DrawFn) -> str:
    """Scenario-like YAML text: mostly well-formed, with tricky values and a few random edits."""
    top = draw(st.one_of(_shaped(), st.lists(st.tuples(st.sampled_from(KEYS), _tree(1)),
                                            max_size=6).map(_Map)))
    if draw(st.integers(0, 9)) == 0:
        text = _flow(draw(_tree(0)))
    else:
        flow = draw(st.lists(st.booleans(), max_size=30))
        text = "\n".join(_block(top, 0, flow)) + "\n"
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):
        lines = text.split("\n")
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        edit = draw(st.sampled_from(["insert", "double", "delete", "tab", "doc"]))
        if edit == "insert":
            column = draw(st.integers(0, len(lines[at])))
            char = draw(st.one_of(st.sampled_from(list(":-?&*!|>{}[],#'\"%@`\t\\\x00\x1b\r")),
                                  st.characters()))
            lines[at] = lines[at][:column] + char + lines[at][column:]
        elif edit == "double":
            lines.insert(at, lines[at])
        elif edit == "delete":
            del lines[at]
        elif edit == "tab":
            lines[at] = "\t" + lines[at]
        else:
            lines.insert(at, "---")
        text = "\n".join(lines)
    return text


def _only_our_error(load: Any, *args: Any, **kwargs: Any) -> None:
    """Load; a Scenario or InvalidScenarioError with located, printable problems is fine."""
    try:
        scenario = load(*args, **kwargs)
    except InvalidScenarioError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.message
            assert problem.line is None or problem.line >= 1
            assert problem.column is None or problem.column >= 1
            str(problem)
            problem.to_dict()
        return
    assert isinstance(scenario, Scenario)


@FUZZ
@given(yamlish())
def test_grammar_text_gives_a_scenario_or_our_error(text: str) -> None:
    """Scenario-like YAML with hostile values and random edits never escapes as another error."""
    _only_our_error(load_scenario_text, text, source="fuzz.yaml")


@FUZZ
@given(st.text(max_size=300))
def test_any_text_gives_a_scenario_or_our_error(text: str) -> None:
    """Any text at all (surrogates, controls, emoji) never escapes as another error."""
    _only_our_error(load_scenario_text, text, source="fuzz.yaml")


@FUZZ
@given(yamlish(), st.lists(st.tuples(st.lists(st.sampled_from([*KEYS, "0", "99"]), min_size=1,
                                               max_size=3), SCALARS), max_size=3))
def test_set_overrides_give_a_scenario_or_our_error(text: str,
                                                    sets: list[tuple[list[str], str]]) -> None:
    """--set values and paths of any shape never escape as another error."""
    overrides = [".".join(path) + "=" + value for path, value in sets]
    _only_our_error(load_scenario_text, text, source="fuzz.yaml", overrides=overrides)


PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"name: x\n"]


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), body=st.one_of(
    st.binary(max_size=500),
    yamlish().map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=100).map(lambda t: t.encode("utf-16")),
    st.text(max_size=100).map(lambda t: t.encode("latin-1", "replace")),
))
def test_any_bytes_in_a_file_give_a_scenario_or_our_error(fuzz_dir: Path, prefix: bytes,
                                                          body: bytes) -> None:
    """A file of any bytes (BOMs, UTF-16, Latin-1, binary) never escapes as another error."""
    path = fuzz_dir / "fuzz.yaml"
    path.write_bytes(prefix + body)
    _only_our_error(load_scenario_file, path)


@pytest.mark.parametrize("size", [MAX_FILE_BYTES, MAX_FILE_BYTES + 1])
def test_size_limit_is_exact(tmp_path: Path, size: int) -> None:
    """A file of exactly the size limit is read; one byte more is refused as too large."""
    path = tmp_path / "big.yaml"
    head = b"name: x\ndescription: "
    path.write_bytes(head + b"a" * (size - len(head) - 1) + b"\n")
    with pytest.raises(InvalidScenarioError) as info:
        load_scenario_file(path)
    message = info.value.problems[0].message
    if size > MAX_FILE_BYTES:
        assert "larger than 1,000,000 bytes" in message
    else:  # read and parsed: refused by the description's own length limit
        assert info.value.problems[0].field == "description"


def test_the_grammar_reaches_valid_scenarios() -> None:
    """The fuzz grammar is not all noise: its building blocks make scenarios that load."""
    tree = _Map([("name", "Fuzz"), ("organisation", _Map([("services", "5 to 10")])),
                 ("providers", _Map([("in_use", [_Map([("name", "openai")])])]))])
    for flow in itertools.product([True, False], repeat=3):
        text = "\n".join(_block(tree, 0, list(flow))) + "\n"
        assert load_scenario_text(text).organisation.services.high == 10
