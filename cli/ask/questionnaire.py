"""Questions as data, and a driver that asks them through an injected prompt function.

Pure: no terminal, no files, no typer or rich. ``gateway-roi ask`` (:mod:`gateway_roi.commands.ask`)
supplies the prompt function and does the I/O; unit tests supply a scripted one.

Each :class:`Question` adds to a scenario field only what the field's own definition lacks: the wording,
the group, how an answer is read, when the question applies and why it matters to the decision. What the
field means, its bounds and its default come from the same place as the scenario format's documentation:
the pydantic models in :mod:`gateway_roi.model.scenario` (descriptions and bounds, also behind
``gateway-roi schema``) and the sourced figures in :mod:`gateway_roi.model.assumptions` (description,
source, "as of" date). Answers are validated by :class:`~gateway_roi.model.scenario.Scenario` itself, so
the questionnaire accepts exactly what a scenario file accepts.

Answers are kept as the values a scenario file holds (numbers, ``"5 to 10"``, booleans, text,
lists), keyed by :attr:`Question.key` (the dotted field path for most questions). ``None`` means
"the sourced default": the field stays unset so reports can say where the figure came from.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import math
import re
import textwrap
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import ValidationError

from gateway_roi.errors import InvalidScenarioError
from gateway_roi.model.assumptions import (
    ASSUMPTIONS,
    OSS_GATEWAYS,
    REGIONAL_LABOUR,
    VENDOR_PRESETS,
    Assumption,
)
from gateway_roi.model.exchange_rates import rate_caution, reference_rate
from gateway_roi.model.fields import field_info, get_path, has_path, validation_problems, write_path
from gateway_roi.model.scenario import (
    COMPLIANCE_LEVELS,
    GOVERNANCE_NEEDS,
    NATIVE_APIS,
    PAINS,
    UNKNOWABLE_STATIC,
    Level,
    NativeApis,
    Provider,
    Scenario,
    field_for_assumption,
    parse_range,
)
from gateway_roi.text import clean_text

__all__ = [
    "BACK",
    "FINISH_KEY",
    "GROUPS",
    "HELP",
    "QUESTIONS",
    "Prompt",
    "Question",
    "Questionnaire",
    "Session",
    "parse_answer",
    "run_questionnaire",
    "scenario_filename",
]

BACK = "<"
"""Typed as an answer: go back to the previous question."""
HELP = "?"
"""Typed as an answer: explain the question."""
FINISH_KEY = "_finish"
"""Key of the last prompt, after the summary: Enter finishes, ``<`` goes back."""

Kind = Literal[
    "number", "percent", "months", "yesno", "level", "choice", "choices", "subset", "text",
    "names", "words", "chains",
]
Lookup = Callable[[str], Any]
"""The current value of an answer key: the answer given, else its default."""

LEVELS: tuple[str, ...] = get_args(Level)

# Group id -> (title, what the group decides). The order is the order of the questions.
GROUPS: Mapping[str, tuple[str, str]] = {
    "scenario": ("The scenario", "what is being decided, and in which currency."),
    "scale": ("Scale", "is there enough traffic, and are there enough services, to spread a "
              "gateway's fixed cost over?"),
    "ops": ("Ops capacity", "could your people keep a gateway up, 24x7?"),
    "governance": ("Governance vs convenience", "is central control a hard requirement, or is "
                   "this about convenience?"),
    "costs": ("Costs and reliability", "what today's setup and each option cost, and what an "
              "outage costs."),
}


# --- reading answers ----------------------------------------------------------------------------

_NUM = re.compile(
    r"^([-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)"
    r"\s*(k|m|bn|b|%)?$"
)
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9}
_TO = re.compile(r"\s+to\s+")
_LIKELY = re.compile(r"^(.*?)\s*(?:,|\()?\s*likely\s+([^)]*?)\s*\)?$")
_YES = {"y", "yes", "true"}
_NO = {"n", "no", "false"}
_DONT_KNOW = {"unknown", "don't know", "dont know", "don\u2019t know", "dk", "idk", "not sure"}
"""Answers that leave a fact open where the model can evaluate both answers (``unknown``)."""
_NONE = {"none", "-", "no", "nothing"}
_CURRENCY_SIGNS = "$€£¥"


def clean_answer(text: str) -> str:
    """Typed text without escape sequences (arrow keys), control characters or outer spaces."""
    return clean_text(text).strip()


def _clean_float(x: float) -> float | int:
    """Drop binary noise (99.9 / 100) and show whole numbers as int."""
    x = float(f"{x:.12g}")
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


def _number(text: str, kind: Kind, units: Sequence[str]) -> float:
    """One number: ``2M``, ``150k``, ``2,000``, ``90/h``, ``$90``, ``99.9%``."""
    t = text.strip().lower()
    stripped = True
    while stripped and t:
        stripped = False
        for unit in sorted(units, key=len, reverse=True):
            if t.endswith(unit) and len(t) > len(unit):
                t = t[: -len(unit)].strip()
                stripped = True
                break
    if t[:1] in _CURRENCY_SIGNS:
        t = t[1:].strip()
    match = _NUM.fullmatch(t)
    if not match:
        raise ValueError(f"cannot read {text.strip()!r} as a number (write e.g. 12, 2.5, 2M, "
                         "150k)")
    value = float(match.group(1).replace(",", "").replace("_", ""))
    suffix = match.group(2)
    if suffix == "%":
        if kind != "percent":
            raise ValueError(f"{text.strip()!r}: a percentage does not fit here; write a number")
        value /= 100
    elif suffix:
        value *= _SCALE[suffix]
    elif kind == "percent" and abs(value) > 1:
        raise ValueError(f"{text.strip()!r}: write a percentage such as {value:g}% (or a "
                         f"fraction such as {value / 100:g})")
    if not math.isfinite(value):
        raise ValueError(f"{text.strip()!r} is not a finite number")
    return _clean_float(value)


def _range_answer(text: str, kind: Kind, units: Sequence[str]) -> Any:
    """A number or a range, as a scenario file writes it (checked like the file's loader)."""
    lowered = text.lower()
    likely_text = None
    m = _LIKELY.fullmatch(lowered)
    if m and _TO.search(m.group(1)):
        lowered, likely_text = m.group(1), m.group(2)
    ends = _TO.split(lowered)
    if len(ends) == 1:
        return _number(ends[0], kind, units)
    if len(ends) != 2 or not all(e.strip() for e in ends):
        raise ValueError(f"cannot read {text!r}: write a number or a range such as 5 to 10")
    low, high = (_number(e, kind, units) for e in ends)
    if likely_text is not None:
        likely = _number(likely_text, kind, units)
        rng = parse_range({"low": low, "likely": likely, "high": high})
    else:
        rng = parse_range(f"{low!r} to {high!r}")
    return rng.dump()


def _months(text: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(y|yr|yrs|year|years|m|mo|month|months)?", text.lower())
    if not m:
        raise ValueError(f"cannot read {text!r}: write months (36) or years (3y)")
    value = float(m.group(1)) * (12 if (m.group(2) or "m").startswith("y") else 1)
    if not value.is_integer():
        raise ValueError(f"{text!r} is not a whole number of months")
    return int(value)


def _pick(text: str, choices: Sequence[str]) -> str:
    """One choice by name, unique beginning of a name, or number."""
    t = text.lower().strip()
    if t.isdigit() and 1 <= int(t) <= len(choices):
        return choices[int(t) - 1]
    if t in choices:
        return t
    starts = [c for c in choices if c.startswith(t)]
    if len(starts) == 1:
        return starts[0]
    if len(starts) > 1:
        raise ValueError(f"{text!r} could be {' or '.join(starts)}: type more of it")
    raise ValueError(f"{text!r} is not one of: {', '.join(choices)}")


def _split(text: str, spaces: bool) -> list[str]:
    parts = re.split(r"[,\s]+" if spaces else r",", text)
    return [p.strip() for p in parts if p.strip()]


def _dedupe(items: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def _chains(text: str, providers: Sequence[str]) -> dict[str, list[str]]:
    if text.lower() in _NONE:
        return {}
    known = {p.casefold(): p for p in providers}
    chains: dict[str, list[str]] = {}
    for chunk in re.split(r"[;\n]", text):
        if not chunk.strip():
            continue
        names = [n.strip() for n in re.split(r"->|>|→", chunk)]
        if len(names) < 2 or not all(names):
            raise ValueError(f"{chunk.strip()!r}: write a chain as provider > fallback "
                             "(> next fallback...)")
        head = known.get(names[0].casefold())
        if head is None:
            raise ValueError(f"{names[0]!r} is not among the providers you named "
                             f"({', '.join(providers)})")
        if head in chains:
            raise ValueError(f"{head} has two chains; give it one: {head} > a > b")
        chains[head] = names[1:]
    return chains


# --- showing values -------------------------------------------------------------------------------

def _show_number(x: float, kind: Kind) -> str:
    if kind == "percent":
        return f"{x * 100:.10g}%"
    for suffix, factor in (("B", 1e9), ("M", 1e6)):
        if abs(x) >= factor and float(f"{x / factor:.4g}") * factor == x:
            return f"{x / factor:g}{suffix}"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.10g}"


def _show_range(value: Any, kind: Kind) -> str:
    rng = parse_range(value)
    if rng.kind == "fixed":
        return _show_number(rng.likely, kind)
    text = f"{_show_number(rng.low, kind)} to {_show_number(rng.high, kind)}"
    if rng.kind == "pert":
        text += f", likely {_show_number(rng.likely, kind)}"
    return text


# --- the questions ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Suggestion:
    """A default worked out from earlier answers, with where it comes from (said in help)."""

    value: Any
    origin: str


@dataclass(frozen=True)
class Question:
    """One question: wording, group and answer type here; meaning, bounds, default from the model.

    ``field`` is the dotted scenario field the answer sets (``None`` for a question that only
    decides which others are asked). ``read`` / ``write`` replace the plain field access for
    answers that map to several fields (the providers list); ``written`` says whether a scenario
    file already answers the question (for ``--skip-answered``).
    """

    key: str
    group: str
    prompt: str
    kind: Kind
    why: str
    field: str | None = None
    meaning: str = ""
    when: Callable[[Lookup], bool] | None = None
    choices: tuple[str, ...] = ()
    labels: Mapping[str, str] = dataclasses.field(default_factory=dict)
    units: tuple[str, ...] = ()
    allow_none: bool = False
    read: Callable[[Mapping[str, Any], Lookup], Any] | None = None
    write: Callable[[dict[str, Any], Any], None] | None = None
    written: Callable[[Mapping[str, Any]], bool] | None = None
    shown_as: str = ""
    """Where the answer lands in the file, when that is not simply ``field``."""
    suggest: Callable[[Lookup], Suggestion | None] | None = None
    """A default that follows from earlier answers (a rate for the currency given), used when
    the base scenario does not set the field."""
    caution: Callable[[Any, Lookup], str | None] | None = None
    """Why an answer the scenario format accepts still looks like a slip: the question is asked
    again, and the same answer typed a second time is kept."""
    echo: Callable[[Questionnaire, Mapping[str, Any]], str | None] | None = None
    """What to tell right after the answer (e.g. what a rate makes of the default figures)."""
    valid: Callable[[Any, Lookup], str | None] | None = None
    """Why an answer cannot stand with earlier answers (the scenario would not validate): it is
    refused, the default too, and a file's answer that fails it is asked even when skipping
    answered questions."""
    if_unsure: str = ""
    """What to tell a "don't know" where the scenario format has no ``unknown`` for the field."""
    items_at: str = ""
    """For a ``choices`` question: the field each picked choice sets (``{}`` is the choice).
    Choices whose field may be ``unknown`` can be answered "don't know" (``name?``)."""
    assumption_id: str = ""
    """The sourced default behind ``field`` when the field's name does not name it."""
    help_labels: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Longer labels for the choices, listed by ``?`` (default: ``labels``)."""
    note: Callable[[Lookup], str] | None = None
    """A sentence added to the question from earlier answers (what they require of it)."""

    def applies(self, lookup: Lookup) -> bool:
        """Whether the question is asked, given the answers so far."""
        return self.when is None or self.when(lookup)

    @property
    def assumption(self) -> Assumption | None:
        """The sourced default behind this question's field, if any."""
        if self.assumption_id:
            return ASSUMPTIONS[self.assumption_id]
        if self.field is None:
            return None
        name = self.field.rsplit(".", 1)[-1]
        if self.field == f"assumptions.{name}" or field_for_assumption(name) == self.field:
            return ASSUMPTIONS.get(name)
        return None


def _q(key: str, group: str, prompt: str, kind: Kind, why: str, **kw: Any) -> Question:
    """A question whose answer sets the field named by its key (unless ``field`` says otherwise)."""
    kw.setdefault("field", key)
    return Question(key, group, prompt, kind, why, **kw)


def _a(assumption_id: str) -> str:
    """A default figure, as shown in prose."""
    return _show_number(ASSUMPTIONS[assumption_id].value, "number")


_MONEY_UNITS = ("usd",)
_PER_HOUR = ("/h", "/hr", "/hour", "per hour", "an hour", "a hour")
_PER_MONTH = ("/month", "/mo", "per month", "a month")
_PER_YEAR = ("/y", "/yr", "/year", "per year", "a year", "yearly")
_HOURS = ("h", "hr", "hrs", "hour", "hours")

_GOVERNANCE_WHY = (
    "The rules first ask whether any governance need is required. If none is, a gateway is a "
    "convenience and the verdict is automate or stay direct; if one is, buy first (unless a "
    "wall rules buying out)."
)

_PAIN_LABELS: Mapping[str, str] = {
    "rotation_restarts": "rotating a key means restarting services",
    "duplicated_fallback": "each service writes its own fallback",
    "scattered_monitoring": "each service monitors its own AI calls",
    "sdk_per_provider": "switching models means another SDK",
    "slow_key_approval": "getting a key from ops takes too long",
}
_ROUTING_PROMPTS: Mapping[str, str] = {
    "user_tier": "Routing by user tier (e.g. paying users to a better model)?",
    "region": "Routing by region (e.g. EU users to EU endpoints)?",
    "cost_budget": "Routing by cost budget (a cheaper model when a budget runs low)?",
    "business_context": "Routing by business context (per product or feature rules)?",
}
_DETAILS = (
    "providers.new_models_per_year", "operations.key_rotations_per_year",
    "operations.hours_per_rotation", "operations.onboarding_hours_per_service",
    "reliability.provider_availability", "buy.vendor", "discount_rate",
    "thresholds.scale_min_services", "thresholds.scale_min_monthly_requests",
)


def _is(key: str, value: Any) -> Callable[[Lookup], bool]:
    return lambda get: bool(get(key) == value)


def _implied_level(compliance: Any) -> str:
    """The compliance level ``needs.governance.compliance`` implies when none is written."""
    return "no_third_party_gateway" if compliance == "required" else "none"


def _platform_team_maybe(get: Lookup) -> bool:
    """A platform team exists, or nobody knows yet (then its rotation is asked too)."""
    return get("team.platform_team") in (True, "unknown")


def _governance(name: str, prompt: str, why: str) -> Question:
    return _q(f"needs.governance.{name}", "governance", prompt, "level",
              f"{_GOVERNANCE_WHY} {why}".strip(), choices=LEVELS)


def _no_routing_marked(form: Questionnaire, answers: Mapping[str, Any]) -> str | None:
    """After the last kind of routing: say so when "yes" to custom routing marked none."""
    if all(answers.get(f"needs.routing.{name}", "no") == "no" for name in _ROUTING_PROMPTS):
        return ("No kind of routing is marked required or nice, so the scenario records no "
                "custom routing (as if you had answered no). Type < to go back and mark one.")
    return None


def _routing(name: str) -> Question:
    last = name == list(_ROUTING_PROMPTS)[-1]
    return _q(f"needs.routing.{name}", "routing", _ROUTING_PROMPTS[name], "level",
              "Only required routing counts against buying, and only when the vendor preset "
              "cannot express it.",
              meaning=f"Routing calls by {name.replace('_', ' ')}: required (a must), nice (would "
                      "help) or no.",
              choices=LEVELS, when=_is("needs.routing", True),
              echo=_no_routing_marked if last else None)


def _detail(key: str, prompt: str, kind: Kind, why: str, **kw: Any) -> Question:
    return _q(key, "costs", prompt, kind, why, when=_is("details", True), **kw)


# Provider answers map to the one ``providers.in_use`` list of {name, openai_compatible, fallbacks}.

def _providers(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = get_path(data, "providers.in_use")
    return found if isinstance(found, list) else []


def _read_names(full: Mapping[str, Any], get: Lookup) -> list[str]:
    return [p["name"] for p in _providers(full)]


def _write_names(data: dict[str, Any], names: Any) -> None:
    existing = {p["name"].casefold(): p for p in _providers(data)}
    write_path(data, "providers.in_use",
              [dict(existing.get(n.casefold(), {"name": n}), name=n) for n in names])


def _provider_flag(flag: str, marked: bool) -> tuple[
        Callable[[Mapping[str, Any], Lookup], list[str]], Callable[[dict[str, Any], Any], None]]:
    """Read and write one per-provider flag (``self_hosted: true``) as a subset of the names.

    The providers picked carry ``flag: marked``; the others lose the flag (its default).
    """

    def read(full: Mapping[str, Any], get: Lookup) -> list[str]:
        names = {n.casefold() for n in get("providers.in_use") or []}
        return [p["name"] for p in _providers(full)
                if p.get(flag) is marked and p["name"].casefold() in names]

    def write(data: dict[str, Any], names: Any) -> None:
        chosen = {n.casefold() for n in names}
        for p in _providers(data):
            if p["name"].casefold() in chosen:
                p[flag] = marked
            else:
                p.pop(flag, None)

    return read, write


_read_non_compatible, _write_non_compatible = _provider_flag("openai_compatible", False)
_read_self_hosted, _write_self_hosted = _provider_flag("self_hosted", True)


def _compliance_level(get: Lookup) -> str:
    """The compliance level the scenario will hold (``none`` when compliance is not a need)."""
    if get("needs.governance.compliance") == "no":
        return "none"  # the level question is not asked, and its answer (if any) not written
    return str(get("needs.compliance_level"))


def _external(names: Any, get: Lookup) -> list[str]:
    """Providers named that are not among ``names`` (the ones the team runs itself)."""
    chosen = {n.casefold() for n in names}
    return [n for n in get("providers.in_use") or [] if n.casefold() not in chosen]


def _valid_self_hosted(names: Any, get: Lookup) -> str | None:
    """stay_in_house: every provider must be one the team runs (the scenario refuses others)."""
    if _compliance_level(get) != "stay_in_house":
        return None
    external = _external(names, get)
    if not external:
        return None
    them = ", ".join(external)
    return (f"your data may not leave (stay_in_house), so every provider must be one you run "
            f"yourself, and {them} {'is' if len(external) == 1 else 'are'} not named here. Name "
            "them all; or type < to change the providers; or, to keep a hosted one, go back to "
            "\"Where may your data go?\" and choose no_third_party_gateway")


def _note_self_hosted(get: Lookup) -> str:
    if _compliance_level(get) == "stay_in_house":
        return ("Your data may not leave (stay_in_house): every provider must be one you run "
                "yourself.")
    return ""


_OPEN = ("required", "unknown")
"""Need levels under which a need counts: required, or not known yet (both are evaluated)."""


def _access_control_asked(get: Lookup) -> bool:
    """SSO is asked once another governance need is required."""
    return any(get(f"needs.governance.{k}") == "required" for k in (
        "cost_attribution", "audit_trail", "rate_limits", "compliance"))


def _need(get: Lookup, name: str) -> Any:
    """A governance need's level as the scenario will hold it.

    An answer to the SSO question no longer asked (after going back) is not written: ``no``.
    """
    if name == "access_control" and not _access_control_asked(get):
        return "no"
    return get(f"needs.governance.{name}")


def _gateway_may_win(get: Lookup) -> bool:
    """A governance need is required, or not known yet: only then can a gateway be the verdict."""
    return any(_need(get, k) in _OPEN for k in GOVERNANCE_NEEDS)


def _self_hosting_matters(get: Lookup) -> bool:
    """Whether running models in-house changes anything.

    It does when a gateway may have to reach them, or the compliance level counts what leaves.
    """
    return _gateway_may_win(get) or _compliance_level(get) in ("redact_in_house",
                                                                 "stay_in_house")


_PAID_ONLY: frozenset[str] = frozenset(
    need for g in OSS_GATEWAYS.values() for need in g.paid - g.meets)
"""Governance needs that some open-source gateway meets only in its paid (enterprise) tier."""


def _licence_matters(get: Lookup) -> bool:
    """A need is required (or unknown) that an open-source gateway has only in its paid tier."""
    return any(_need(get, k) in _OPEN for k in sorted(_PAID_ONLY))


def _label(description: str | None) -> str:
    """A field's description as a choice's label: ``Provider batch APIs.`` -> ``provider...``."""
    text = (description or "").rstrip(".")
    return text[:1].lower() + text[1:]


_NATIVE_LABELS: Mapping[str, str] = {
    k: _label(NativeApis.model_fields[k].description) for k in NATIVE_APIS}


def _passing(api: str) -> str:
    """The gateways whose capability records say they pass ``api`` through."""
    names = [p.name for p in VENDOR_PRESETS.values() if api in p.native_apis]
    names += [g.name for g in OSS_GATEWAYS.values() if api in g.native_apis]
    return ", ".join(names) if names else "no gateway"


_UNSURE_MARK = "?"
"""After a choice (``batch?``): not known yet whether it is needed."""


def _read_native(full: Mapping[str, Any], get: Lookup) -> list[str]:
    apis = get_path(full, "needs.native_apis") or {}
    unknown = set(full.get("unknown") or ())
    return [f"{k}{_UNSURE_MARK}" if f"needs.native_apis.{k}" in unknown else k
            for k in NATIVE_APIS
            if f"needs.native_apis.{k}" in unknown or apis.get(k, "no") != "no"]


def _write_native(data: dict[str, Any], chosen: Any) -> None:
    paths = {f"needs.native_apis.{k}" for k in NATIVE_APIS}
    if data.get("unknown"):
        data["unknown"] = [p for p in data["unknown"] if p not in paths]
    apis = get_path(data, "needs.native_apis") or {}
    unsure = {c.removesuffix(_UNSURE_MARK) for c in chosen if c.endswith(_UNSURE_MARK)}
    for name in NATIVE_APIS:
        level = apis.get(name, "no")
        if name in unsure:
            level = "unknown"
        elif name in chosen:
            level = level if level in ("required", "nice") else "required"
        else:
            level = None
        write_path(data, f"needs.native_apis.{name}", level)


def _read_chains(full: Mapping[str, Any], get: Lookup) -> dict[str, list[str]]:
    names = {n.casefold() for n in get("providers.in_use") or []}
    return {p["name"]: list(p["fallbacks"]) for p in _providers(full)
            if p.get("fallbacks") and p["name"].casefold() in names}


def _write_chains(data: dict[str, Any], chains: Any) -> None:
    by_name = {k.casefold(): v for k, v in chains.items()}
    for p in _providers(data):
        fallbacks = by_name.get(p["name"].casefold())
        if fallbacks:
            p["fallbacks"] = list(fallbacks)
        else:
            p.pop("fallbacks", None)


def _read_routing_gate(full: Mapping[str, Any], get: Lookup) -> bool:
    routing = get_path(full, "needs.routing") or {}
    return any(level != "no" for level in routing.values())


def _write_routing_gate(data: dict[str, Any], needed: Any) -> None:
    if not needed:
        write_path(data, "needs.routing", None)


def _read_pains(full: Mapping[str, Any], get: Lookup) -> list[str]:
    pains = get_path(full, "needs.pains") or {}
    return [k for k in PAINS if pains.get(k, "no") != "no"]


def _write_pains(data: dict[str, Any], chosen: Any) -> None:
    pains = get_path(data, "needs.pains") or {}
    for name in PAINS:
        level = pains.get(name, "no")
        write_path(data, f"needs.pains.{name}",
                  (level if level != "no" else "required") if name in chosen else None)


@functools.cache
def _model_defaults() -> dict[str, Any]:
    return Scenario().model_dump(mode="json")


def _read_details(full: Mapping[str, Any], get: Lookup) -> bool:
    defaults = _model_defaults()
    # Rotation figures asked on the main path do not call for adjusting the others.
    main_path = {q.field for q in _ROTATION} if _rotation_named(get) else set()
    return any(get_path(full, p) != get_path(defaults, p) for p in _DETAILS
               if p not in main_path)


def _written_details(written: Mapping[str, Any]) -> bool:
    return any(has_path(written, path) for path in _DETAILS)


def _no_write(data: dict[str, Any], value: Any) -> None:
    return None


def _rotation_named(get: Lookup) -> bool:
    """Key rotation is among the pains named: its figures are asked on the main path."""
    return "rotation_restarts" in (get("needs.pains") or ())


def _rotation_detail(get: Lookup) -> bool:
    return bool(get("details")) and not _rotation_named(get)


def _likely(value: Any) -> float | None:
    return None if value is None else parse_range(value).likely


def _three_digits(x: float) -> float | int:
    """A default as a person would type it: three significant digits (1,774.8 -> 1,770)."""
    if x <= 0:
        return _clean_float(x)
    return _clean_float(round(x, 2 - math.floor(math.log10(x))))


def _suggest_rate(get: Lookup) -> Suggestion | None:
    ref = reference_rate(str(get("currency")))
    if ref is None:
        return None
    return Suggestion(ref.per_usd, f"{ref.origin}, converted to {ref.currency} per US dollar")


def _caution_rate(value: Any, get: Lookup) -> str | None:
    return rate_caution(str(get("currency")), parse_range(value).likely)


def _echo_rate(form: Questionnaire, answers: Mapping[str, Any]) -> str | None:
    """What the rate just given makes of the defaults, in the user's currency: a wrong rate shows.

    Prices quoted in US dollars convert at the rate; pay does not (the engineer hour is the
    region's own figure, or asked for when there is none).
    """
    from gateway_roi.model.inputs import default_figure

    get = form.lookup(answers)
    currency, rate = str(get("currency")), get("usd_rate")
    if rate is None:
        return None
    shown_rate = form.shown(form.question("usd_rate"), rate, answers)
    instance = ASSUMPTIONS["instance_cost_per_month"]
    converted = default_figure(instance.id, currency, parse_range(rate).likely) or 0.0
    said = (f"At {shown_rate} {currency} per US dollar, a cloud instance priced "
            f"{_show_number(instance.value, 'number')} USD a month costs "
            f"{_show_number(_three_digits(converted), 'number')} {currency}. Pay is not converted: ")
    hour_q = form.question("team.engineer_hour_cost")
    hour = form.shown(hour_q, form.value(hour_q, answers), answers)
    if hour:
        said += f"an engineer hour defaults to {hour} {currency}"
    else:
        said += (f"there is no engineer hour figure for {currency}, so you will be asked for "
                 "one")
    return said + ". If the rate looks wrong, type < and give it again."


def _suggest_spend(get: Lookup) -> Suggestion | None:
    """The format's default bill (in US dollars' worth), in the scenario's currency."""
    rate = _likely(get("usd_rate")) if get("currency") != "USD" else None
    if rate is None:
        return None
    default = _likely(get_path(_model_defaults(), "organisation.monthly_provider_spend")) or 0.0
    return Suggestion(_three_digits(default * rate),
                      f"the scenario format's default of {_show_number(default, 'number')} a "
                      "month, taken as US dollars and converted at your rate")


# Key rotation's figures: behind "adjust figures", or on the main path (right after the
# environments they multiply) when rotation is a pain named. Two questions per field, never
# both asked: the main-path one is keyed by the field, this one by "details.<field>".
_ROTATION: tuple[Question, ...] = (
    _q("details.operations.key_rotations_per_year", "costs",
       "How many times a year are provider keys rotated?", "number",
       "Each rotation is done per service and per environment when direct, with a restart; "
       "once in a gateway (a change everyone fears).", field="operations.key_rotations_per_year",
       units=("rotations", *_PER_YEAR), when=_rotation_detail),
    _q("details.operations.hours_per_rotation", "costs",
       "Hours to rotate one key in one service in one environment, restart included?", "number",
       "Multiplied by services, environments and rotations a year: the essay's 'rotating a key "
       "+ restart ~ 1 hour'.", field="operations.hours_per_rotation", units=_HOURS,
       when=_rotation_detail),
)

_SCALE_WHY = (
    f"Scale is one of the three conditions for a gateway: the rules count it as met from "
    f"{_a('scale_min_services')} services and {_a('scale_min_monthly_requests')} requests a month "
    "(thresholds.*)."
)

_REACHING = " and ".join(p.name for p in VENDOR_PRESETS.values() if p.private_endpoints)
"""The SaaS presets that can reach a model on the team's private network."""
_PAID_TIERS = "; ".join(
    f"{', '.join(sorted(g.paid - g.meets))} in {g.name}" for g in OSS_GATEWAYS.values()
    if g.paid - g.meets)
"""Which needs sit only in which open-source gateway's paid tier, as said in help."""

QUESTIONS: tuple[Question, ...] = (
    # --- the scenario -------------------------------------------------------------------------
    _q("name", "scenario", "Name of this scenario (your team, or the decision)?", "text",
       "It titles the verdict and the report, and names the scenario file.",
       meaning="A short title for the scenario."),
    _q("decision_makers", "scenario",
       "Who makes this decision? Names or roles, separated by commas (or none)", "names",
       "Listed as the decision-makers in the report's decision record; the rules ignore it.",
       meaning="The people or roles who decide.", allow_none=True),
    _q("currency", "scenario", "Currency of your money figures (USD, EUR, CNY...)?", "text",
       "Every amount you give, and every cost shown, is in this currency."),
    _q("usd_rate", "scenario", "How many {currency} does one US dollar buy?", "number",
       "Default figures (engineer hour, vendor prices, infrastructure) are in US dollars and are "
       "converted with it. A rate given the other way round (US dollars per unit) makes every "
       "converted figure wrong, so a rate far from the reference is asked again.",
       when=lambda get: get("currency") != "USD", suggest=_suggest_rate, caution=_caution_rate,
       echo=_echo_rate),
    _q("horizon_months", "scenario",
       "Over how many months should the options be compared (36, or 3y)?", "months",
       "A gateway's costs never stop and its savings build up: a longer horizon favours options "
       "with a high one-time cost, a shorter one favours staying direct. Break-even months are "
       "found within it."),
    # --- scale -----------------------------------------------------------------------------
    _q("organisation.services", "scale", "How many services or projects call AI today?",
       "number", f"{_SCALE_WHY} Every direct-connection chore (key rotations, fallback, "
       "monitoring) is also paid once per service.", units=("services", "projects")),
    _q("organisation.services_added_per_year", "scale",
       "How many new services will start calling AI each year?", "number",
       "Each new service is another direct integration to write, rotate and monitor; behind a "
       "library or a gateway it is mostly configuration.", units=("services", *_PER_YEAR)),
    _q("organisation.monthly_requests", "scale",
       "How many AI API calls a month, all services together (e.g. 2M)?", "number",
       f"{_SCALE_WHY} Volume also drives SaaS gateway fees and the instances a self-hosted "
       "gateway needs.", units=("requests", "calls", *_PER_MONTH)),
    _q("organisation.monthly_provider_spend", "scale",
       "Monthly bill from AI providers, in {currency}?", "number",
       "Some SaaS gateways charge a share of it (OpenRouter: 5.5%); it also shows what cost "
       "attribution is about.", units=(*_MONEY_UNITS, *_PER_MONTH), suggest=_suggest_spend),
    _q("organisation.traffic_growth_per_year", "scale",
       "Yearly growth of requests and spend (e.g. 30%)?", "percent",
       "Traffic grows vendor fees and gateway capacity month after month; with fast growth a "
       "gateway's volume-priced costs weigh more at the end of the horizon.",
       units=_PER_YEAR),
    # --- ops capacity ----------------------------------------------------------------------
    _q("team.platform_team", "ops",
       "Is there a platform or SRE team that could run a gateway?", "yesno",
       "A gateway is on the path of every AI call. Ops capacity is 'stock' only when a platform "
       "team already runs a 24x7 rotation; self-hosting or building without one means standing "
       f"up a rotation (about {_a('oncall_rotation_size')} people, per the SRE book)."),
    # The team's size is not asked: no cost and no rule reads it (a file may still state it).
    _q("team.on_call_24x7", "ops", "Does that team already run a 24x7 on-call rotation?",
       "yesno",
       "With a rotation in place a gateway only adds toil to it; without one, self-hosting or "
       "building pays for a whole new rotation. It decides between 'stock' and 'partial' ops "
       "capacity, and only 'stock' lets the rules pick self_host or build.",
       when=_platform_team_maybe),
    # --- governance vs convenience ---------------------------------------------------------------
    _governance("cost_attribution", "Must AI spend be broken down by project or key?",
                "Provider bills rarely break costs down that way; without a gateway it is "
                "instrumentation in each service."),
    _governance("audit_trail", "Must you keep an audit trail of who called which model, when?",
                ""),
    _governance("rate_limits", "Do you need rate limits and quotas shared across services?", ""),
    _governance("compliance",
                "Must data stay in-house or in a region (residency, no third parties)?",
                "Required compliance is a wall against buying: prompts and responses would "
                "leave through a vendor."),
    _q("assumptions.compliance_review_hours", "governance",
       "Hours for a security and data-protection review of a SaaS gateway?", "number",
       "When compliance would be nice, data leaving through a vendor needs a review: these "
       "hours are added once to the buy option. Not asked when compliance is required: that "
       "rules buying out entirely.",
       units=_HOURS, when=_is("needs.governance.compliance", "nice")),
    _q("needs.compliance_level", "governance", "Where may your data go?", "choice",
       "Each level walls off its options and costs its own lines: vendor_contract needs a "
       "vendor offering a data-processing agreement with region pinning (and its review); "
       "redact_in_house adds an in-house redaction step in front of every call that leaves "
       "(build, run, and its downtime: one more single point of failure); "
       "no_third_party_gateway walls off buying; stay_in_house also needs every provider to be "
       "one you run yourself.",
       choices=COMPLIANCE_LEVELS,
       labels={"none": "no rule beyond the providers' terms",
               "vendor_contract": "a vendor under a data contract with region pinning",
               "redact_in_house": "personal data redacted in-house before any third party",
               "no_third_party_gateway": "providers yes, a third-party gateway no",
               "stay_in_house": "data may not leave at all"},
       read=lambda full, get: full["needs"].get("compliance_level") or _implied_level(
           get("needs.governance.compliance")),
       write=lambda data, value: write_path(
           data, "needs.compliance_level",
           None if value == _implied_level(get_path(data, "needs.governance.compliance")
                                           if has_path(data, "needs.governance.compliance")
                                           else "no") else value),
       # Asked when compliance matters, and whenever a file being revised sets a level (so it
       # never stays in force unseen after compliance is answered no).
       when=lambda get: get("needs.governance.compliance") != "no"
       or get("file:needs.compliance_level") != "none"),
    _governance("key_management", "Do you need provider keys managed centrally?", ""),
    dataclasses.replace(
        _governance("access_control",
                    "Do you need single sign-on, with keys and limits mapped to teams?",
                    "No SaaS preset documents SSO in its priced tier; LiteLLM has it free for up "
                    "to 5 users, beyond that in its enterprise tier (a licence line on "
                    "self-hosting). Asked once another governance need is required."),
        when=_access_control_asked),
    _q("buy.strategic", "governance",
       "Will you sell or expose the gateway as part of your product?", "yesno",
       "The essay walls off buying for compliance, cost and customization. A gateway you sell "
       "or expose to your customers is part of the product, not plumbing: yes walls off buying "
       "too, and the verdict weighs self-hosting and building. This strategic wall is "
       "gateway-roi's explicit extension of the essay's walls, off by default. Asked once a "
       "governance need is required (or not known yet): only then can a gateway be the "
       "verdict.",
       when=_gateway_may_win,
       # Kept as written when not asked: a fact about the product, it counts again as soon
       # as a governance need is required.
       read=lambda full, get: bool(get_path(full, "buy.strategic")),
       if_unsure="answer no unless the gateway is, or will be, part of what you sell or "
                 "expose (no keeps the essay's walls as they are)"),
    Question(
        "needs.routing", "governance",
        "Does any traffic need custom routing (by user tier, region, cost budget or business "
        "context)?", "yesno",
        "Routing a vendor's product cannot express is the customization wall against buying: "
        "required routing the vendor lacks pushes towards self-hosting or building.",
        meaning="Whether calls must be routed by rules of your own, beyond provider fallback.",
        read=_read_routing_gate, write=_write_routing_gate, shown_as="needs.routing.*",
        written=lambda w: has_path(w, "needs.routing"),
    ),
    *(_routing(name) for name in _ROUTING_PROMPTS),
    Question(
        "needs.pains", "governance",
        "Which of these hurt today? Numbers or names, separated by commas (or none)", "choices",
        "Pains are the hassle of direct connections the essay lists. They shape the story of the "
        "verdict and the report, not the rules: the costs already count the work behind them. "
        "Each one you pick is recorded as required; edit the file to mark one nice.",
        meaning="Convenience pains of direct connections.",
        choices=PAINS, labels=_PAIN_LABELS, allow_none=True, read=_read_pains, write=_write_pains,
        shown_as="needs.pains.*",
        written=lambda w: has_path(w, "needs.pains"), items_at="needs.pains.{}",
        if_unsure="pick those that hurt today, or none",
    ),
    # --- costs and reliability ---------------------------------------------------------------
    _q("organisation.environments", "costs",
       "Environments each service runs in, separated by commas?", "words",
       "Keys are rotated, and services restarted, in every environment: rotation work is "
       "services x environments x rotations."),
    *(dataclasses.replace(q, key=q.field or q.key, when=_rotation_named) for q in _ROTATION),
    Question(
        "providers.in_use", "costs",
        "Which AI providers do your services call? Names, separated by commas", "words",
        "The number of providers decides nothing by itself; it moves costs: keys to rotate, "
        "SDKs to keep up, fallback paths to write.",
        meaning="The AI providers in use (OpenAI, DeepSeek, Bailian, Doubao, Claude...).",
        field="providers.in_use", read=_read_names, write=_write_names,
        shown_as="providers.in_use[].name",
        written=lambda w: has_path(w, "providers.in_use"),
    ),
    Question(
        "providers.self_hosted", "costs",
        "Which of them do you run yourself (e.g. vLLM in your own cluster)? (or none)", "subset",
        "A gateway then fronts internal endpoints. A self-hosted gateway reaches them; a SaaS "
        "gateway must reach into your private network, and of the SaaS presets only "
        f"{_REACHING} can: buy prices one of them and the private link it reaches them "
        "through, or is ruled out with that reason when the vendor chosen cannot. Each such "
        "model also costs every gateway option its setup behind the gateway and its limits "
        "retuned as its capacity changes (in_house_endpoint_*); serving the models costs the "
        "same whatever you choose. "
        "Calls to your own models do not leave, so no redaction step "
        "(redact_in_house) sits in front of them; with stay_in_house (data may not leave) "
        "every provider must be one you run yourself, or the scenario is refused. Asked when "
        "a gateway can be the verdict, or the compliance level counts what leaves.",
        meaning=f"self_hosted: {Provider.model_fields['self_hosted'].description}",
        field="providers.in_use", allow_none=True, read=_read_self_hosted,
        write=_write_self_hosted, shown_as="providers.in_use[].self_hosted",
        written=lambda w: has_path(w, "providers.in_use"), when=_self_hosting_matters,
        valid=_valid_self_hosted, note=_note_self_hosted,
        if_unsure="name the providers you run in your own cluster, or none if every one is a "
                  "hosted service",
    ),
    Question(
        "providers.not_openai_compatible", "costs",
        "Which of them do not speak the OpenAI API (need their own SDK)? (or none)", "subset",
        f"Onboarding them, or writing their adapter, takes about "
        f"{_a('non_compatible_factor')}x longer (non_compatible_factor).",
        meaning=f"openai_compatible: {Provider.model_fields['openai_compatible'].description}",
        field="providers.in_use", allow_none=True, read=_read_non_compatible,
        write=_write_non_compatible, shown_as="providers.in_use[].openai_compatible",
        written=lambda w: has_path(w, "providers.in_use"),
    ),
    Question(
        "providers.fallbacks", "costs",
        "Fallback chains, if any: e.g. deepseek > volcano-engine > bailian (several separated "
        "by ;), or none", "chains",
        "Fallback keeps calls working when a provider fails: each chain raises the availability "
        "every option gets, and staying direct means writing the fallback in every service.",
        meaning=f"fallbacks: {Provider.model_fields['fallbacks'].description}",
        field="providers.in_use", read=_read_chains, write=_write_chains,
        shown_as="providers.in_use[].fallbacks",
        written=lambda w: has_path(w, "providers.in_use"),
    ),
    _q("operations.services_missing_fallback", "costs",
       "How many of today's services still lack that fallback logic?", "number",
       "Staying direct means writing it in each of them; with a shared library or a gateway it "
       "is written once.", units=("services",),
       when=lambda get: bool(get("providers.fallbacks"))),
    Question(
        "needs.native_apis", "costs",
        "Which provider-native APIs must your services call? Numbers or names, separated by "
        "commas (or none)", "choices",
        "The essay's leaky abstraction: a unified API does not carry these. Each gateway's "
        "capability record says which it passes through; where the gateway does not, services "
        "that need the API call the provider directly, around the gateway, so that option's "
        "share of bypassing services rises (native_api_bypass_share, "
        f"{_show_number(ASSUMPTIONS['native_api_bypass_share'].value * 100, 'number')}% of "
        "services per API) and so does the cost of keeping those paths working. Each one you "
        "pick is recorded as required; add ? to one you are not sure of (batch?), or answer "
        "don't know for all: the verdict takes 'not needed' and gateway-roi says whether the "
        "other answer would change it. Asked once a governance need is required (or not known "
        "yet): only then can a gateway be the verdict.",
        meaning=(NativeApis.__doc__ or "").split("\n", 1)[0],
        choices=NATIVE_APIS, labels=_NATIVE_LABELS,
        help_labels={k: f"{_NATIVE_LABELS[k]}; passed through by {_passing(k)}"
                     for k in NATIVE_APIS},
        allow_none=True, read=_read_native,
        write=_write_native, shown_as="needs.native_apis.*",
        written=lambda w: has_path(w, "needs.native_apis") or any(
            str(p).startswith("needs.native_apis.") for p in w.get("unknown") or ()),
        items_at="needs.native_apis.{}", when=_gateway_may_win,
    ),
    _q("providers.new_per_year", "costs",
       "How many new providers do you expect to adopt each year?", "number",
       "Each new provider is an integration in every service that adopts it when direct, one "
       "adapter with a shared library or a gateway.", units=("providers", *_PER_YEAR)),
    _q("team.engineer_hour_cost", "costs",
       "What does one hour of an engineer's time cost the company, pay and overheads, in "
       "{currency} (e.g. 90/h)?", "number",
       "Most costs of every option are engineer hours: rotations, onboarding, upgrades, on-call.",
       meaning="The loaded cost of one engineer hour: pay plus what the employer adds (taxes, "
               "benefits, equipment, office), divided by the hours actually worked.",
       units=(*_MONEY_UNITS, *_PER_HOUR)),
    _q("reliability.downtime_cost_per_service_hour", "costs",
       "What does one hour with one service's AI features down cost, in {currency}?", "number",
       "A gateway turns independent provider failures into one shared failure: an outage costs "
       "this for every service it takes down, so a gateway's own outage costs it for all of "
       "them at once.",
       units=(*_MONEY_UNITS, *_PER_HOUR, "/service-h", "per service-hour")),
    _q("self_host.licence", "costs",
       "Monthly enterprise licence you were quoted for the open-source gateway's paid tier, in "
       "{currency}? (none: keep the estimate)", "number",
       "A required need that an open-source gateway has only in its paid tier "
       f"({_PAID_TIERS}) adds that licence to self-hosting, every month. No such gateway "
       "publishes a price ('talk to sales'): without a quote, self-hosting carries the "
       "estimate below, and the report marks it QUOTE NEEDED. Asked because such a need is "
       "required (or not known yet).",
       units=(*_MONEY_UNITS, *_PER_MONTH), allow_none=True, assumption_id="oss_licence_per_month",
       when=_licence_matters,
       # Kept as written when not asked: a quote stays true, and counts again once the need
       # is required.
       read=lambda full, get: copy.deepcopy(get_path(full, "self_host.licence")),
       if_unsure="press Enter (or type none) to keep the estimate, marked QUOTE NEEDED, until "
                 "you are quoted"),
    Question(
        "details", "costs",
        "Adjust the published and estimated figures too (onboarding hours, provider availability, "
        "vendor, thresholds...)?", "yesno",
        "These have sourced defaults, shown in the report with their source and date; change "
        "them when you know better.",
        meaning="Whether to review the figures that otherwise come from gateway-roi's sourced "
                "defaults (the report shows each with its source and date).",
        read=_read_details, write=_no_write, written=_written_details,
    ),
    _detail("providers.new_models_per_year",
            "How many new models of existing providers do you adopt each year?", "number",
            "A new model means code changes in each direct service that wants it; behind a "
            "gateway it may wait for the gateway to support it.", units=("models", *_PER_YEAR)),
    *_ROTATION,
    _detail("operations.onboarding_hours_per_service",
            "Hours to connect one service to one new provider?", "number",
            "Paid per service for each new provider when direct; once per provider with a "
            "library or a gateway.", units=_HOURS),
    _detail("reliability.provider_availability",
            "Availability of one AI provider's API (e.g. 99.7%)?", "percent",
            "Provider outages hit only their own users when direct; a gateway adds its own "
            "availability in series with the providers'."),
    _detail("buy.vendor", "Which SaaS gateway should the buy option price?", "choice",
            "Vendors price very differently (per log, per request, share of spend): auto picks "
            "the cheapest fully priced preset over the horizon.",
            choices=("auto", *VENDOR_PRESETS),
            labels={"auto": "the cheapest fully priced preset over the horizon",
                    **{k: f"{p.name} ({p.pricing_model})" for k, p in VENDOR_PRESETS.items()}}),
    _detail("discount_rate",
            "How much less does a cost paid a year from now weigh than one paid today (e.g. "
            "8%)?", "percent",
            "Later costs count less: a higher rate favours options whose costs come later "
            "(continuous fees) over those paid up front (building).",
            meaning="The yearly discount rate: every amount is turned into its present value, "
                    "what it is worth today, by this rate a year. Finance teams often use their "
                    "cost of capital.", units=_PER_YEAR),
    _detail("thresholds.scale_min_services",
            "How many services calling AI would make your organisation big enough for a "
            "gateway?", "number",
            "One half of the scale criterion of the rules: below it, a gateway's fixed cost is "
            "spread over too few services.",
            meaning="The scale threshold in services: the rules count scale as met from this "
                    "many services calling AI (and enough calls a month).",
            units=("services",)),
    _detail("thresholds.scale_min_monthly_requests",
            "How many AI calls a month would make your traffic big enough for a gateway?",
            "number", "The other half of the scale criterion of the rules.",
            meaning="The scale threshold in calls: the rules count scale as met from this many "
                    "AI calls a month (and enough services).",
            units=("requests", "calls", *_PER_MONTH)),
)

def _bounds_of(info: Any) -> dict[str, Any]:
    """The bounds (ge, gt, le) and unit of a field, from its metadata or its annotation."""
    found: dict[str, Any] = {}
    stack: list[Any] = [*getattr(info, "metadata", ()), getattr(info, "annotation", None)]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        for name in ("ge", "gt", "le", "unit"):
            value = getattr(item, name, None)
            if value not in (None, "") and isinstance(value, int | float | str) and name not in found:
                found[name] = value
        stack.extend(getattr(item, "__metadata__", ()))
        stack.extend(a for a in get_args(item) if a is not type(None))
    return found


def _bounds_text(bounds: Mapping[str, Any], kind: Kind) -> str:
    def show(x: float) -> str:
        return _show_number(x, kind)

    parts = []
    if "gt" in bounds:
        parts.append(f"above {show(bounds['gt'])}")
    if "ge" in bounds and "gt" not in bounds:
        parts.append(f"at least {show(bounds['ge'])}")
    if "le" in bounds and bounds["le"] < 1e12:  # larger bounds only keep numbers finite
        parts.append(f"at most {show(bounds['le'])}")
    return " and ".join(parts)


# --- prompts and sessions -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Prompt:
    """What the prompt function shows: the question, its default, its choices, where we are."""

    key: str
    text: str
    default: str
    """The default as the user would type it; empty when an answer is needed."""
    choices: tuple[str, ...] = ()
    labels: Mapping[str, str] = dataclasses.field(default_factory=dict)
    number: int = 0
    total: int = 0
    group: str = ""


@dataclass
class Session:
    """Answers so far and the order they were given in (what ``<`` walks back through)."""

    answers: dict[str, Any] = dataclasses.field(default_factory=dict)
    history: list[str] = dataclasses.field(default_factory=list)


PromptFn = Callable[[Prompt], str]
TellFn = Callable[[str], None]


@dataclass
class Questionnaire:
    """The questions over one base scenario (``--from``, or the defaults).

    ``base`` gives the defaults; ``source`` names where they come from in help texts.
    """

    base: Scenario | None = None
    source: str = ""
    width: int = 80
    """Columns the summary is wrapped to."""
    questions: tuple[Question, ...] = QUESTIONS
    _full: dict[str, Any] = dataclasses.field(init=False, repr=False)
    _written: dict[str, Any] = dataclasses.field(init=False, repr=False)
    _by_key: dict[str, Question] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        """Dump the base once: fully (defaults) and as written (for ``--skip-answered``)."""
        scenario = self.base or Scenario()
        self._full = scenario.model_dump(mode="json")
        self._written = (self.base.model_dump(mode="json", exclude_unset=True)
                         if self.base is not None else {})
        self._by_key = {q.key: q for q in self.questions}

    @property
    def base_as_written(self) -> dict[str, Any]:
        """The base scenario's fields as its file wrote them (empty without a base)."""
        return copy.deepcopy(self._written)

    # --- values ---------------------------------------------------------------------------------

    def question(self, key: str) -> Question:
        """The question with answer key ``key`` (KeyError when there is none)."""
        return self._by_key[key]

    def base_value(self, q: Question, answers: Mapping[str, Any]) -> Any:
        """The question's default before any answer: from the base scenario or the model."""
        if q.read is not None:
            return q.read(self._full, self.lookup(answers))
        suggestion = self.suggestion(q, answers)
        if suggestion is not None:
            return copy.deepcopy(suggestion.value)
        assert q.field is not None
        if q.field in self._full.get("unknown", ()):
            return "unknown"
        return copy.deepcopy(get_path(self._full, q.field))

    def suggestion(self, q: Question, answers: Mapping[str, Any]) -> Suggestion | None:
        """The default worked out from earlier answers, when it is the one that applies.

        It applies when the question is not answered yet and the base scenario does not set
        the field.
        """
        if q.suggest is None or q.key in answers or self.is_written(q):
            return None
        return q.suggest(self.lookup(answers))

    def value(self, q: Question, answers: Mapping[str, Any]) -> Any:
        """The answer given, else the default."""
        if q.key not in answers:
            return self.base_value(q, answers)
        value = answers[q.key]
        if q.kind in ("subset", "chains") and value:
            # Answered before the providers changed (after going back): keep what still fits.
            names = {n.casefold() for n in self.lookup(answers)("providers.in_use") or ()}
            if q.kind == "subset":
                return [v for v in value if v.casefold() in names]
            return {k: v for k, v in value.items() if k.casefold() in names}
        return value

    def lookup(self, answers: Mapping[str, Any]) -> Lookup:
        """A function from answer key to current value, for conditions and defaults.

        ``file:KEY`` gives the value before any answer to KEY (what the file being revised
        says), so a condition can depend on it without depending on its own answer.
        """
        def get(key: str) -> Any:
            if key.startswith("file:"):
                return self.base_value(self._by_key[key.removeprefix("file:")], answers)
            return self.value(self._by_key[key], answers)
        return get

    def is_written(self, q: Question) -> bool:
        """Whether the base scenario file sets what the question asks."""
        if q.written is not None:
            return q.written(self._written)
        return q.field is not None and has_path(self._written, q.field)

    def applicable(self, answers: Mapping[str, Any], skip_answered: bool = False
                   ) -> list[Question]:
        """The questions asked with these answers, in order."""
        get = self.lookup(answers)
        return [q for q in self.questions if q.applies(get)
                and not (skip_answered and q.key not in answers and self.is_written(q)
                         and not self.refusal(q, self.value(q, answers), answers))]

    def shown(self, q: Question, value: Any, answers: Mapping[str, Any]) -> str:
        """``value`` as the user would type it; a sourced default when ``value`` is None."""
        if value is None:
            a = q.assumption
            if a is None:
                return ""
            from gateway_roi.model.inputs import default_figure

            currency = str(self.lookup(answers)("currency"))
            rate = self.lookup(answers)("usd_rate")
            if a.money_kind == "price" and currency != "USD" and rate is None:
                return f"{a.value:g} USD"
            figure = default_figure(a.id, currency,
                                    parse_range(rate).likely if rate is not None else 1.0)
            hour = self.lookup(answers)("team.engineer_hour_cost")
            if figure is None and a.money_kind == "local" and hour is not None:
                # No regional figure: local costs follow the team's own engineer hour, as the
                # model prices them.
                us_hour = ASSUMPTIONS["engineer_hour_cost"].value
                figure = a.value * parse_range(hour).likely / us_hour
            if figure is None:
                return ""
            # Four significant digits: a converted figure is no more precise than that.
            figure = float(f"{figure:.4g}")
            return _show_range(_clean_float(figure), q.kind)
        if value == "unknown" and q.field in UNKNOWABLE_STATIC:
            return "don't know"
        if q.kind in ("number", "percent"):
            return _show_range(value, q.kind)
        if q.kind == "yesno":
            return "yes" if value else "no"
        if q.kind == "choices" and value and len(value) == len(q.choices) and all(
                v.endswith(_UNSURE_MARK) for v in value):
            return "don't know"
        if q.kind in ("choices", "subset", "names", "words"):
            return ", ".join(value) if value else "none"
        if q.kind == "chains":
            return "; ".join(f"{k} > {' > '.join(v)}" for k, v in value.items()) or "none"
        return str(value)

    def prompt_text(self, q: Question, answers: Mapping[str, Any]) -> str:
        """The question's wording with the currency filled in.

        A worked-out exchange rate default says where it comes from (source and date).
        """
        text = q.prompt.replace("{currency}", str(self.lookup(answers)("currency")))
        note = q.note(self.lookup(answers)) if q.note is not None else ""
        if note:
            text += f" {note}"
        suggestion = self.suggestion(q, answers)
        if suggestion is not None and q.key == "usd_rate":
            ref = reference_rate(str(self.lookup(answers)("currency")))
            if ref is not None:
                text += f" (default: {ref.short_origin})"
        return text

    # --- reading and checking answers ------------------------------------------------------------

    def parse(self, q: Question, text: str, answers: Mapping[str, Any]) -> Any:
        """Read typed ``text`` into a value; ValueError with the reason when it does not fit."""
        get = self.lookup(answers)
        value = parse_answer(q, text, get)
        problem = self.check(q, value, answers)
        if problem:
            raise ValueError(problem)
        return value

    def check(self, q: Question, value: Any, answers: Mapping[str, Any]) -> str | None:
        """Why ``value`` cannot answer ``q`` (None when it can): the scenario model decides."""
        if value is None:
            return None if q.assumption is not None else "an answer is needed"
        if not _fits_kind(q, value, self.lookup(answers)):
            return f"not a valid answer for {q.key}"
        refused = self.refusal(q, value, answers)
        if refused:
            return refused
        if q.field is None:
            return None
        data: dict[str, Any] = {}
        if q.write is not None:
            # The only written-through fields with a field are the providers' (names,
            # compatibility, self-hosting, fallbacks): check the value against the providers
            # named so far.
            write_path(data, "providers.in_use",
                      [{"name": n} for n in self.lookup(answers)("providers.in_use") or []])
            q.write(data, value)
        else:
            write_path(data, q.field, value)
        try:
            Scenario.model_validate(data)
        except ValidationError as exc:
            want = q.field.split(".")
            for err in exc.errors(include_url=False):
                loc = [str(p) for p in err["loc"]]
                n = min(len(loc), len(want))
                if loc and loc[:n] == want[:n]:
                    message = str(err["msg"]).removeprefix("Value error, ")
                    return message[:1].lower() + message[1:]
        return None

    def refusal(self, q: Question, value: Any, answers: Mapping[str, Any]) -> str | None:
        """Why ``value`` cannot stand with the earlier answers (``Question.valid``), if it cannot."""
        return q.valid(value, self.lookup(answers)) if q.valid is not None else None

    # --- help, summary, building the scenario -------------------------------------------------------

    def help_text(self, q: Question, answers: Mapping[str, Any]) -> str:
        """What the question means, why it matters, where its default comes from, what to type."""
        a = q.assumption
        info = field_info(Scenario, q.field) if q.field else None
        meaning = q.meaning or (getattr(info, "description", None) or "") or (
            a.description if a else "")
        lines = [meaning] if meaning else []
        lines.append(f"Why it matters: {q.why}")
        default = self.value(q, answers)
        shown = self.shown(q, default, answers)
        suggestion = self.suggestion(q, answers)
        if q.key in answers:
            origin = "your earlier answer"
        elif suggestion is not None:
            origin = suggestion.origin
        elif self.is_written(q) and self.base is not None:
            origin = f"from {self.source or 'the scenario you started from'}"
        elif default is None and a is not None:
            kind: Kind = "percent" if a.unit == "fraction" else "number"
            currency = str(self.lookup(answers)("currency"))
            regional = REGIONAL_LABOUR.get(a.id, {}).get(currency)
            source, as_of, low, high, per = (
                (regional.source, regional.as_of, regional.low, regional.high,
                 a.unit.replace("USD", currency))
                if regional is not None else (a.source, a.as_of, a.low, a.high, a.unit))
            origin = (f"from {source}" + (f", as of {as_of}" if as_of else "")
                      + f" (plausible range {_show_number(low, kind)} to "
                      f"{_show_number(high, kind)}" + ("" if kind == "percent" else f" {per}")
                      + ")")
            if a.money_kind == "price" and self.lookup(answers)("currency") != "USD":
                origin += f", converted from {a.value:g} USD with usd_rate"
        else:
            origin = "the scenario format's default (see gateway-roi schema)"
        if shown:
            lines.append(f"Default: {shown}, {origin}.")
        elif a is not None and a.money_kind is not None:
            have = ", ".join(["USD", *REGIONAL_LABOUR.get("engineer_hour_cost", {})])
            lines.append(f"Default: none for {self.lookup(answers)('currency')}: pay is never "
                         f"converted at the exchange rate, and gateway-roi has regional figures "
                         f"for {have} only.")
        lines.append(f"Answer with {_ANSWER_HINTS[q.kind]}")
        if q.field in UNKNOWABLE_STATIC:
            lines.append("Not known yet? Answer \"don't know\": the verdict takes the default and "
                         "gateway-roi says whether the other answer would change it.")
        bounds = _bounds_of(info) if info is not None else (
            {"ge": 0, "le": 1e13} if a is not None else {})
        if q.kind in ("number", "percent") and bounds:
            text = _bounds_text(bounds, q.kind)
            unit = bounds.get("unit") or (a.unit if a else "")
            if text:
                lines.append(f"Allowed: {text}" + (f" ({unit})." if unit else "."))
        if q.choices or q.kind == "subset":
            choices = q.choices or tuple(self.lookup(answers)("providers.in_use") or ())
            for i, choice in enumerate(choices, 1):
                label = (q.help_labels.get(choice) or q.labels.get(choice)
                         or _LEVEL_LABELS.get(choice, ""))
                lines.append(f"  {i}. {choice}" + (f": {label}" if label else ""))
        if q.shown_as or q.field:
            lines.append(f"Scenario field: {q.shown_as or q.field}.")
        return "\n".join(lines)

    def summary(self, answers: Mapping[str, Any]) -> list[tuple[str, str, str]]:
        """(group title, key, value shown) for every question that applies."""
        out = []
        for q in self.applicable(answers):
            if q.field is None and not q.shown_as:
                continue  # a question that only decides what else is asked: not in the file
            value = self.value(q, answers)
            shown = self.shown(q, value, answers)
            if value is None and q.assumption is not None:
                shown += " (sourced default)"
            plain_field = q.read is None and q.write is None
            out.append((GROUPS[_group(q)][0], (q.field if plain_field else None) or q.key, shown))
        return out

    def build(self, answers: Mapping[str, Any], source: str = "answers"
              ) -> tuple[Scenario, list[str]]:
        """The scenario these answers describe, plus notes on fields dropped as not applying.

        Starts from the base scenario as written, so fields no question covers (description,
        assumptions...) are kept. Raises :class:`InvalidScenarioError` when the answers do not
        make a valid scenario (e.g. a currency without its rate).
        """
        data = copy.deepcopy(self._written)
        # Unknown answers are re-read from the answers below ("unknown" where the field is).
        data["unknown"] = [p for p in data.get("unknown", ())
                           if p not in {q.field for q in self.questions}]
        notes = []
        asked = self.applicable(answers)
        covered = {q.field for q in asked if q.field is not None}
        for q in self.questions:
            if q in asked:
                value = self.value(q, answers)
                if q.write is not None:
                    q.write(data, value)
                elif q.field is not None:
                    write_path(data, q.field, value)
            elif q.field is not None and q.read is None and q.field not in covered:
                if has_path(data, q.field) and (
                        get_path(data, q.field) != get_path(_model_defaults(), q.field)):
                    was = self.shown(q, get_path(data, q.field), answers)
                    notes.append(f"{q.field} no longer applies: dropped (was {was})")
                write_path(data, q.field, None)
        try:
            scenario = Scenario.model_validate(data)
        except ValidationError as exc:
            raise InvalidScenarioError(validation_problems(exc, Scenario, source)) from None
        return scenario, notes

    # --- the driver ------------------------------------------------------------------------------

    def run(
        self, prompt_fn: PromptFn, tell: TellFn = lambda _: None, session: Session | None = None,
        *, skip_answered: bool = False, confirm: bool = True,
    ) -> Session:
        """Ask every question that applies, in order; return the answers.

        Enter accepts the default; ``?`` tells the help; ``<`` goes back to the previous question
        (later answers stay as defaults); invalid answers are told why and asked again. With
        ``confirm``, a summary is told at the end and Enter finishes (``<`` still goes back).
        ``prompt_fn`` may raise KeyboardInterrupt or EOFError: ``session`` then holds the answers
        so far, ready for :meth:`run` to continue from.
        """
        session = session if session is not None else Session()
        last_group = ""
        while True:
            asked = self.applicable(session.answers, skip_answered)
            q = self._next(asked, session)
            if q is None:
                if not confirm or self._finish(prompt_fn, tell, session):
                    return session
                last_group = ""
                continue
            group = _group(q)
            if group != last_group:
                title, blurb = GROUPS[group]
                tell(f"\n{title}: {blurb}")
                last_group = group
            self._ask(q, asked.index(q) + 1, len(asked), prompt_fn, tell, session)

    def _next(self, asked: list[Question], session: Session) -> Question | None:
        """The first question to ask after the last one answered."""
        order = [q.key for q in self.questions]
        start = order.index(session.history[-1]) + 1 if session.history else 0
        for q in asked:
            if order.index(q.key) >= start:
                return q
        return None

    def _ask(self, q: Question, number: int, total: int, prompt_fn: PromptFn, tell: TellFn,
             session: Session) -> None:
        answers = session.answers
        default = self.value(q, answers)
        choices = q.choices or (tuple(self.lookup(answers)("providers.in_use") or ())
                                if q.kind == "subset" else ())
        prompt = Prompt(q.key, self.prompt_text(q, answers), self.shown(q, default, answers),
                        choices, q.labels, number, total, GROUPS[_group(q)][0])
        cautioned = ""  # an answer that looked like a slip, kept if typed again
        while True:
            text = clean_answer(prompt_fn(prompt))
            if text == HELP:
                tell(self.help_text(q, answers))
                continue
            if text == BACK:
                if session.history:
                    session.history.pop()
                    return
                tell("This is the first question: there is nothing to go back to.")
                continue
            if not text:
                if default is None and q.assumption is None:
                    tell("An answer is needed here (type ? for help).")
                    continue
                if default is None and not prompt.default:
                    currency = self.lookup(answers)("currency")
                    tell(f"An answer is needed here: gateway-roi has no default for {currency} "
                         "(pay is never converted at the exchange rate; type ? for help).")
                    continue
                refused = self.refusal(q, default, answers)
                if refused:
                    tell(f"Not valid: {refused}. Give another answer (? for help).")
                    continue
                value = default
            else:
                try:
                    value = self.parse(q, text, answers)
                except ValueError as exc:
                    tell(f"Not valid: {exc}. Try again (? for help, Enter for the default).")
                    continue
                warning = q.caution(value, self.lookup(answers)) if q.caution else None
                if warning and text != cautioned:
                    tell(f"Check this: {warning}. Type {text} again to keep it, or give "
                         "another.")
                    cautioned = text
                    continue
            answers[q.key] = value
            session.history.append(q.key)
            said = q.echo(self, answers) if q.echo else None
            if said:
                tell(said)
            return

    def _finish(self, prompt_fn: PromptFn, tell: TellFn, session: Session) -> bool:
        """Tell the summary and ask to finish; False when the user went back."""
        tell("\n" + self.summary_text(session.answers, self.width))
        prompt = Prompt(FINISH_KEY, "Enter to finish and write the scenario; < to go back and "
                        "change an answer.", "")
        while True:
            text = clean_answer(prompt_fn(prompt)).lower()
            if text in ("", "y", "yes"):
                problems = self._problems(session.answers)
                if not problems:
                    return True
                # Never write a file the scenario format refuses: say why, keep the answers.
                tell("These answers do not make a valid scenario yet: " + "; ".join(problems)
                     + ". Type < to go back and change an answer (Ctrl-C stops; your answers "
                     "are kept for --resume).")
                continue
            if text == BACK and session.history:
                session.history.pop()
                return False
            tell("Press Enter to finish, or type < to go back (Ctrl-C stops; your answers are "
                 "kept for --resume).")

    def _problems(self, answers: Mapping[str, Any]) -> list[str]:
        """What makes the answers an invalid scenario (empty when :meth:`build` accepts them)."""
        try:
            self.build(answers)
        except InvalidScenarioError as exc:
            return [f"{p.field}: {p.message}" if p.field else p.message for p in exc.problems]
        return []

    def summary_text(self, answers: Mapping[str, Any], width: int = 80) -> str:
        """The summary as plain lines, grouped, fitting ``width`` columns."""
        lines = ["Your answers:"]
        group = ""
        for title, key, shown in self.summary(answers):
            if title != group:
                lines.append(f"  {title}")
                group = title
            lines.extend(textwrap.wrap(f"{key}: {shown}", width - 4, initial_indent="    ",
                                       subsequent_indent="      ", break_on_hyphens=False))
        return "\n".join(lines)


def scenario_filename(name: str) -> str:
    """A file name for a scenario called ``name``: ``My team`` -> ``my-team.yaml``.

    Letters and digits of any script are kept (``支付团队`` -> ``支付团队.yaml``, ``Größe`` ->
    ``größe.yaml``), in NFC so the same name always gives the same file; everything else
    (spaces, punctuation, path separators, the characters Windows forbids) becomes one ``-``.
    """
    text = unicodedata.normalize("NFC", name).lower()
    slug = re.sub(r"[\W_]+", "-", text).strip("-")[:60].strip("-") or "scenario"
    if _WINDOWS_RESERVED.fullmatch(slug):  # CON.yaml cannot be opened on Windows
        slug += "-scenario"
    return f"{slug}.yaml"


_WINDOWS_RESERVED = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]")


def _group(q: Question) -> str:
    return "governance" if q.group == "routing" else q.group


_LEVEL_LABELS: Mapping[str, str] = {
    "required": "a hard requirement",
    "nice": "would help, not a must",
    "no": "not needed",
}

_ANSWER_HINTS: Mapping[Kind, str] = {
    "number": "a number (2M, 150k and 2,000 work too), or a range: 5 to 10 (a 90% interval) "
              "or 5 to 10, likely 7.",
    "percent": "a percentage such as 30% (or 0.3), or a range such as 20% to 40%.",
    "months": "a number of months (36) or years (3y).",
    "yesno": "yes or no (y / n).",
    "level": "required, nice or no (r / ni / no).",
    "choice": "one of the names below, or its number.",
    "choices": "names or numbers from the list below, separated by commas; or none.",
    "subset": "names or numbers of the providers below, separated by commas; or none.",
    "text": "some text.",
    "names": "names separated by commas; or none.",
    "words": "names separated by commas (or spaces).",
    "chains": "chains such as deepseek > volcano-engine > bailian, several separated by ;, or "
              "none. The first name of each chain is a provider you named.",
}


def parse_answer(q: Question, text: str, get: Lookup) -> Any:
    """Read typed ``text`` as an answer to ``q`` (bounds are checked later, by the model).

    Raises ValueError with the reason.
    """
    text = clean_answer(text)
    kind = q.kind
    if q.field in UNKNOWABLE_STATIC and text.lower() in _DONT_KNOW:
        return "unknown"
    if text.lower() in _DONT_KNOW and kind in _NO_UNKNOWN and not (
            kind == "subset" and text.casefold() in {
                n.casefold() for n in get("providers.in_use") or ()}):
        raise ValueError(_unsure_message(q))
    if q.allow_none and q.assumption is not None and text.lower() in _NONE:
        return None  # the sourced default
    if kind in ("number", "percent"):
        units = q.units
        if any(u in _MONEY_UNITS for u in units):
            units = (*units, str(get("currency")).lower())
        return _range_answer(text, kind, units)
    if kind == "months":
        return _months(text)
    if kind == "yesno":
        lowered = text.lower()
        if lowered in _YES:
            return True
        if lowered in _NO:
            return False
        raise ValueError(f"{text!r}: answer yes or no")
    if kind in ("level", "choice"):
        return _pick(text, q.choices)
    if kind == "choices" and q.items_at:
        return _choices_maybe_unsure(q, text)
    if kind in ("choices", "subset"):
        if text.lower() in _NONE:
            return []
        choices = q.choices if kind == "choices" else tuple(get("providers.in_use") or ())
        folded = {c.casefold(): c for c in choices}
        picked = []
        for part in _split(text, spaces=True):
            if kind == "subset" and part.casefold() in folded:
                picked.append(folded[part.casefold()])
                continue
            try:
                picked.append(_pick(part, choices))
            except ValueError:
                if kind == "subset":
                    raise ValueError(f"{part!r} is not among the providers you named "
                                     f"({', '.join(choices)})") from None
                raise
        return _dedupe(picked)
    if kind in ("names", "words"):
        if q.allow_none and text.lower() in _NONE:
            return []
        names = _split(text, spaces=kind == "words")
        if not names:
            raise ValueError("name at least one")
        return _dedupe(names)
    if kind == "chains":
        return _chains(text, get("providers.in_use") or ())
    if q.key == "currency":
        return text.upper()
    return text


_NO_UNKNOWN: frozenset[Kind] = frozenset(
    {"number", "percent", "months", "yesno", "level", "choice", "subset"})
"""Kinds where "don't know" cannot be a real answer (text and names could be a name)."""


def _unsure_message(q: Question) -> str:
    """Why "don't know" is refused where the scenario format has no ``unknown`` for the field."""
    what = q.shown_as or q.field
    head = (f"{what} cannot be left unknown" if what
            else "this question has no \"don't know\" answer")
    if q.if_unsure:
        return f"{head}: {q.if_unsure}"
    if q.kind in ("number", "percent"):
        return f"{head}: give your best estimate; a range such as 5 to 10 says how unsure you are"
    return f"{head}: answer as best you can (Enter keeps the default)"


def _may_be_unsure(q: Question, choice: str) -> bool:
    """Whether a choice of ``q`` may be answered "don't know" (its field may be unknown)."""
    return bool(q.items_at) and q.items_at.format(choice) in UNKNOWABLE_STATIC


def _choices_maybe_unsure(q: Question, text: str) -> list[str]:
    """Choices picked, each one sure (``batch``) or not known yet (``batch?``)."""
    lowered = text.lower()
    if lowered in _NONE:
        return []
    if lowered in _DONT_KNOW:
        if not all(_may_be_unsure(q, c) for c in q.choices):
            raise ValueError(_unsure_message(q))
        return [f"{c}{_UNSURE_MARK}" for c in q.choices]
    picked: dict[str, bool] = {}  # choice -> not known yet
    for part in _split(text.replace(_UNSURE_MARK, _UNSURE_MARK + " "), spaces=True):
        if part == _UNSURE_MARK:
            if not picked:
                raise ValueError(f"{text!r}: put ? right after a name (batch?)")
            part = f"{list(picked)[-1]}{_UNSURE_MARK}"
        unsure = part.endswith(_UNSURE_MARK)
        choice = _pick(part.removesuffix(_UNSURE_MARK).strip(), q.choices)
        if unsure and not _may_be_unsure(q, choice):
            raise ValueError(f"{q.items_at.format(choice)} cannot be left unknown: "
                             f"{q.if_unsure or 'pick it or leave it out'}")
        picked[choice] = picked.get(choice, False) or unsure
    return [f"{c}{_UNSURE_MARK}" if picked[c] else c for c in q.choices if c in picked]


def _fits_kind(q: Question, value: Any, get: Lookup) -> bool:
    """Whether a stored answer (e.g. from a partial file) has the shape its kind produces."""
    kind = q.kind
    if value == "unknown" and q.field in UNKNOWABLE_STATIC:
        return True
    if kind in ("number", "percent"):
        try:
            parse_range(value)
        except ValueError:
            return False
        return True
    if kind == "months":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "yesno":
        return isinstance(value, bool)
    if kind in ("level", "choice"):
        return value in q.choices
    if kind in ("choices", "subset", "names", "words"):
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return False
        if kind == "choices":
            return all(v in q.choices or (v.endswith(_UNSURE_MARK) and _may_be_unsure(
                q, v.removesuffix(_UNSURE_MARK)) and v.removesuffix(_UNSURE_MARK) in q.choices)
                for v in value)
        if kind == "subset":
            names = {n.casefold() for n in get("providers.in_use") or ()}
            return all(v.casefold() in names for v in value)
        return True
    if kind == "chains":
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
            for k, v in value.items())
    return isinstance(value, str)


def run_questionnaire(
    prompt_fn: PromptFn,
    defaults: Scenario | None = None,
    *,
    tell: TellFn = lambda _: None,
    session: Session | None = None,
    skip_answered: bool = False,
    confirm: bool = True,
    source: str = "",
) -> tuple[Scenario, Session]:
    """Ask the questions through ``prompt_fn`` and return the scenario and the answers.

    ``defaults`` (a scenario, e.g. from ``--from``) supplies the defaults; ``skip_answered`` asks
    only what it does not set; ``session`` continues an interrupted run.
    """
    form = Questionnaire(defaults, source)
    session = form.run(prompt_fn, tell, session, skip_answered=skip_answered, confirm=confirm)
    scenario, notes = form.build(session.answers)
    for note in notes:
        tell(note)
    return scenario, session
