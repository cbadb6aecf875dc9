"""Scenario text on a terminal: printed literally, with escape sequences and controls removed.

tests/hostile/markup-and-escapes.yaml puts rich markup (`[bold red]...[/]`, `[link=...]`) and
terminal escape sequences (colours, clear screen, window title, hyperlinks, BEL, a carriage
return, a right-to-left override) in every text field. Whatever the command, the markup shows
as typed and no escape sequence, control character or override reaches the terminal; only JSON
keeps the exact text, escaped as JSON.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.files.resources import bundled_scenarios
from gateway_roi.text import clean_text

HOSTILE = Path(__file__).resolve().parent / "hostile"
SOURCE = HOSTILE / "markup-and-escapes.yaml"
# What the name shows once cleaned: markup as typed, each escape sequence gone whole.
NAME = "[bold red]Boss[/] [link=https://evil.example]click[/link] REDlink evil"
# Anything a terminal would act on: C0 controls but tab and newline, DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Leftovers of an escape sequence whose ESC alone was removed.
LEFTOVERS = ("[2J", "[31m", "]0;", "pwned", "]8;;", "[5m", "[4m", "[33m")
runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def assert_safe(text: str) -> None:
    assert not UNSAFE.search(text), repr(UNSAFE.search(text))
    for leftover in LEFTOVERS:
        assert leftover not in text, leftover


@pytest.mark.parametrize("text, shown", [
    ("\x1b[31mred\x1b[0m", "red"),
    ("\x1b[38;2;255;0;0mtrue colour", "true colour"),
    ("\x1b]0;window title\x07x", "x"),
    ("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),
    ("\x1bP1$r0m\x1b\\after", "after"),
    ("a\x1b", "a"),
    ("bell\x07 back\x08space\rreturn", "bell backspacereturn"),
    ("\x9b31mC1", "31mC1"),
    ("\u202eevil\u202c", "evil"),
    ("[bold]x[/] [link=http://e]y[/link]", "[bold]x[/] [link=http://e]y[/link]"),
    ("tab\tand\nnewline \u4e2d\u6587", "tab\tand\nnewline \u4e2d\u6587"),
])
def test_clean_text_removes_whole_sequences_and_keeps_the_rest(text: str, shown: str) -> None:
    """Escape sequences go whole, controls and overrides go, markup and other text stay."""
    assert clean_text(text) == shown


def test_evaluate_text_prints_names_literally() -> None:
    """`evaluate`: the panel title shows the markup as typed, with no escape sequence left."""
    code, out, err = run("evaluate", SOURCE)
    assert code == 0, err
    assert NAME in out
    assert_safe(out)


def test_comparison_table_prints_names_literally(tmp_path: Path) -> None:
    """The comparison table of several scenarios shows each name literally."""
    other = tmp_path / "other.yaml"
    other.write_text('name: "[i]other[/i]\\e[31m"\n', encoding="utf-8")
    for extra in ([], ["--no-details"]):
        code, out, err = run("evaluate", SOURCE, other, *extra)
        assert code == 0, err
        table = out[out.index("Comparison"):]
        assert NAME in table and "[i]other[/i]" in table
        assert_safe(out)


def test_json_keeps_the_exact_text_escaped_as_json() -> None:
    """JSON carries the text as written (a machine decides), escaped so no raw ESC is printed."""
    code, out, err = run("evaluate", SOURCE, "--format", "json")
    assert code == 0, err
    assert "\x1b" not in out
    assert "\x1b[31m" in json.loads(out)["scenarios"][0]["name"]


def test_diff_prints_names_and_provider_fields_literally(tmp_path: Path) -> None:
    """`diff`: names and provider-named field paths are shown cleaned, markup as typed."""
    changed = tmp_path / "changed.yaml"
    changed.write_text(SOURCE.read_text(encoding="utf-8").replace(
        'fallbacks: ["deep\\e[33mseek"]', "fallbacks: []"), encoding="utf-8")
    code, out, err = run("diff", SOURCE, changed)
    assert code == 0, err
    assert f"({NAME})" in out
    assert "providers.in_use[[red]openai[/]].fallbacks: [deepseek] -> []" in out
    assert_safe(out)


def test_check_prints_names_literally() -> None:
    """`check`: the line naming the scenario shows its name literally, whether ok or not."""
    for expect, code_wanted in (("automate", 0), ("build", 3)):
        code, out, err = run("check", SOURCE, "--expect", expect)
        assert code == code_wanted, err
        assert NAME in out
        assert_safe(out + err)


def test_report_on_stdout_holds_no_escape_sequence() -> None:
    """`report` to the terminal: the markdown holds the text, but no control character."""
    code, out, err = run("report", SOURCE)
    assert code == 0, err
    assert "\\[bold red\\]Boss\\[/\\]" in out  # markdown-escaped, so shown as typed
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)


def test_validate_shows_a_bad_key_escaped_not_executed() -> None:
    """A field name holding ESC is named with a visible `\\x1b`, never the raw character."""
    code, out, err = run("validate", HOSTILE / "escape-in-field-name.yaml")
    assert code == 1
    assert "services\\x1b[31m: unknown field" in err
    assert_safe(err.replace("\\x1b[31m", ""))


def test_file_names_with_escapes_are_cleaned_in_messages_and_panels(tmp_path: Path) -> None:
    """A scenario file named with escapes and markup: its name shows cleaned everywhere."""
    bad = tmp_path / "bad\x1b[2J[bold]x.yaml"
    bad.write_text("name: x\norganisation:\n  services: -1\n", encoding="utf-8")
    code, _, err = run("validate", bad)
    assert code == 1
    assert f"{tmp_path}/bad[bold]x.yaml:3: organisation.services:" in err
    assert_safe(err)
    good = tmp_path / "good\x1b]0;pwned\x07[u]y.yaml"
    shutil.copy(SOURCE, good)
    code, out, err = run("evaluate", good)
    assert code == 0, err
    assert "good[u]y.yaml" in out
    assert_safe(out)


def test_set_with_escapes_in_the_path_is_shown_escaped(tmp_path: Path) -> None:
    """A --set path holding ESC is refused and named with a visible escape."""
    code, _, err = run("evaluate", SOURCE, "--set", "organisation.bad\x1b[31mfield=1")
    assert code == 1
    assert "--set: organisation.bad\\x1b[31mfield: unknown field" in err
    assert "\x1b" not in err


def test_examples_listing_holds_no_control_characters() -> None:
    """`examples` lists every bundled scenario as plain text."""
    code, out, err = run("examples")
    assert code == 0, err
    for path in bundled_scenarios():
        assert path.name in out
    assert_safe(out)


def test_ask_summary_prints_answers_literally(capsys: pytest.CaptureFixture[str]) -> None:
    """`ask`'s closing summary shows a markup-and-escape name as text, escapes removed."""
    from gateway_roi.ask.session import Questionnaire
    from gateway_roi.commands.ask import tell_terminal

    form = Questionnaire(None, "", width=200)
    tell_terminal("\n" + form.summary_text({"name": "[bold red]Boss[/] \x1b[2J\x1b[31mRED\x07"},
                                           200))
    err = capsys.readouterr().err
    assert "name: [bold red]Boss[/] RED" in err
    assert_safe(err)
