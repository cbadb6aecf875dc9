"""The questions ``ask`` asks, as data: wording, group, kind of answer, when each applies, and why.

Each :class:`Question` adds to a scenario field only what the field's own definition lacks: the wording,
the group, how an answer is read, when the question applies and why it matters to the decision. What the
field means, its bounds and its default come from the same place as the scenario format's documentation:
the pydantic models in :mod:`gateway_roi.model.scenario` (descriptions and bounds, also behind
``gateway-roi schema``) and the sourced figures in :mod:`gateway_roi.model.assumptions` (description,
source, "as of" date). :mod:`gateway_roi.ask.session` walks :data:`QUESTIONS`; answers that span
several fields are read and written by :mod:`gateway_roi.ask.answer_fields`. Pure.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, get_args

from gateway_roi.ask.answer_fields import (
    DETAILS,
    model_defaults,
    no_write,
    read_chains,
    read_names,
    read_native,
    read_non_compatible,
    read_pains,
    read_routing_gate,
    read_self_hosted,
    write_chains,
    write_names,
    write_native,
    write_non_compatible,
    write_pains,
    write_routing_gate,
    write_self_hosted,
    written_details,
)
from gateway_roi.ask.answers import MONEY_UNITS, Kind, Lookup, clean_float, show_number
from gateway_roi.model.assumptions import ASSUMPTIONS, Assumption
from gateway_roi.model.exchange_rates import rate_caution, reference_rate
from gateway_roi.model.facts import bundled_facts
from gateway_roi.model.fields import get_path, has_path, write_path
from gateway_roi.model.inputs import quote_input
from gateway_roi.model.products import offers
from gateway_roi.model.ranges import parse_range
from gateway_roi.model.scenario import (
    GATEWAY_RULES,
    GOVERNANCE_NEEDS,
    LEVEL_RULES,
    NATIVE_APIS,
    PAINS,
    PROVIDERS_RULES,
    Level,
    NativeApis,
    Provider,
    field_for_assumption,
)
from gateway_roi.needs import NEEDS, GovernanceNeed, need

if TYPE_CHECKING:
    from gateway_roi.ask.session import Questionnaire

__all__ = ["GROUPS", "LEVELS", "QUESTIONS", "Question", "Suggestion"]

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
            if _LICENCE_ESTIMATE is not None and self.assumption_id == _LICENCE_ESTIMATE.id:
                return _LICENCE_ESTIMATE
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
    return show_number(ASSUMPTIONS[assumption_id].value, "number")

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


def _is(key: str, value: Any) -> Callable[[Lookup], bool]:
    return lambda get: bool(get(key) == value)


def _implied_gateway_rule(compliance: Any) -> str:
    """What a third-party gateway may see when no rule is written (required compliance: none)."""
    return "not_allowed" if compliance == "required" else "allowed"


def _written_rules(full: Mapping[str, Any]) -> tuple[str, str]:
    """The data rules a file states: ``needs.data``, or the older ``compliance_level``."""
    needs = full.get("needs") or {}
    level = needs.get("compliance_level")
    if level in LEVEL_RULES:
        return LEVEL_RULES[level]
    data = needs.get("data") or {}
    compliance = (needs.get("governance") or {}).get("compliance", "no")
    return (data.get("providers") or "allowed",
            data.get("third_party_gateway") or _implied_gateway_rule(compliance))


def _write_rule(field: str, default: Any) -> Callable[[dict[str, Any], Any], None]:
    """Write one data rule (left out when it is the default); the older shorthand goes."""

    def write(data: dict[str, Any], value: Any) -> None:
        needs = data.get("needs")
        if isinstance(needs, dict) and needs.get("compliance_level") in LEVEL_RULES:
            said = LEVEL_RULES[needs["compliance_level"]]
            if value == said[0 if field.endswith(".providers") else 1]:
                return  # the file's shorthand already says it: left as written
            # The shorthand becomes the two rules it stood for, then this answer.
            providers, gateway = LEVEL_RULES[needs.pop("compliance_level")]
            write_path(data, "needs.data.providers", None if providers == "allowed" else providers)
            write_path(data, "needs.data.third_party_gateway", gateway)
        fallback = default(data) if callable(default) else default
        write_path(data, field, None if value == fallback else value)

    return write


def _platform_team_maybe(get: Lookup) -> bool:
    """A platform team exists, or nobody knows yet (then its rotation is asked too)."""
    return get("team.platform_team") in (True, "unknown")


def _governance(name: str, prompt: str, why: str, **kw: Any) -> Question:
    """The question for one governance need: required, nice or no."""
    return _q(f"needs.governance.{name}", "governance", prompt, "level",
              f"{_GOVERNANCE_WHY} {why}".strip(), choices=LEVELS, **kw)


def _required_by(name: str, label: str) -> Question:
    """What makes a required need that a law could impose required (asked once it is)."""
    field = f"needs.required_by.{name}"
    return _q(field, "governance",
              f"What makes {label} required: a law, a regulator, a contract, or your own wish?",
              "choice",
              "Only a need a law, a regulator or a contract imposes lets a gateway serve it "
              "below scale (few services, low volume). An internal wish at small scale gets "
              "'no gateway yet', with the cheap way to meet it meanwhile (for an audit trail: a "
              "log of every AI call in the shared client library). Left unanswered, the need "
              "is taken as imposed, as files written before this question mean.",
              choices=("imposed", "law", "regulator", "contract", "internal"),
              labels={"imposed": "a law, a regulator or a contract (not saying which)",
                      "law": "a law", "regulator": "a regulator", "contract": "a contract",
                      "internal": "our own wish (no law, regulator or contract)"},
              # "imposed" is the default, written as nothing: files without the field mean it.
              read=lambda full, get: (get_path(full, field) if has_path(full, field)
                                      else None) or "imposed",
              write=lambda data, value: write_path(data, field,
                                                   None if value == "imposed" else value),
              written=lambda w: has_path(w, field),
              when=_is(f"needs.governance.{name}", "required"))


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


def _rules_asked(get: Lookup) -> bool:
    """The data rules are asked when compliance matters, or the file being revised has them."""
    return bool(get("needs.governance.compliance") != "no"
                or get("file:needs.data.providers") != "allowed"
                or get("file:needs.data.third_party_gateway")
                != _implied_gateway_rule(get("file:needs.governance.compliance")))


def _providers_rule(get: Lookup) -> str:
    """What providers may see, as the questions check it (``allowed`` without compliance).

    With compliance answered no, a rule the file kept is still asked, and the summary refuses
    answers the format would refuse; no earlier question insists on it.
    """
    if get("needs.governance.compliance") == "no" or not _rules_asked(get):
        return "allowed"
    return str(get("needs.data.providers"))


def _external(names: Any, get: Lookup) -> list[str]:
    """Providers named that are not among ``names`` (the ones the team runs itself)."""
    chosen = {n.casefold() for n in names}
    return [n for n in get("providers.in_use") or [] if n.casefold() not in chosen]


def _valid_self_hosted(names: Any, get: Lookup) -> str | None:
    """in_house: every provider must be one the team runs (the scenario refuses others)."""
    if _providers_rule(get) != "in_house":
        return None
    external = _external(names, get)
    if not external:
        return None
    them = ", ".join(external)
    return (f"your data may not leave (in_house), so every provider must be one you run "
            f"yourself, and {them} {'is' if len(external) == 1 else 'are'} not named here. Name "
            "them all; or type < to change the providers; or, to keep a hosted one, go back to "
            "\"What may external AI providers see?\" and choose allowed or redacted")


def _note_self_hosted(get: Lookup) -> str:
    if _providers_rule(get) == "in_house":
        return ("Your data may not leave (in_house): every provider must be one you run "
                "yourself.")
    return ""


_OPEN = ("required", "unknown")
"""Need levels under which a need counts: required, or not known yet (both are evaluated)."""


def _another_need_required(get: Lookup) -> bool:
    """A need that is governance on its own is required.

    Only then are the needs marked ``after_another_need`` (single sign-on) asked.
    """
    return any(get(f"needs.governance.{n.id}") == "required" for n in NEEDS
               if n.asked_when == "always" and not n.met_by_automation)


def _need(get: Lookup, name: str) -> Any:
    """A governance need's level as the scenario will hold it.

    An answer to a question no longer asked (SSO, after going back) is not written: ``no``.
    """
    if need(name).asked_when == "after_another_need" and not _another_need_required(get):
        return "no"
    return get(f"needs.governance.{name}")


def _gateway_may_win(get: Lookup) -> bool:
    """A governance need is required, or not known yet: only then can a gateway be the verdict."""
    return any(_need(get, k) in _OPEN for k in GOVERNANCE_NEEDS)


def _self_hosting_matters(get: Lookup) -> bool:
    """Whether running models in-house changes anything.

    It does when a gateway may have to reach them, or the compliance level counts what leaves.
    """
    return _gateway_may_win(get) or _providers_rule(get) in ("redacted", "in_house")


_SAAS = offers(bundled_facts(), "saas")
_OPEN_SOURCE = offers(bundled_facts(), "open_source")


def _paid_only() -> dict[str, frozenset[str]]:
    """Open-source edition name -> the needs only that paid edition meets, not its free one."""
    out = {}
    for paid in (o for o in _OPEN_SOURCE if o.edition == "paid"):
        free = next((o for o in _OPEN_SOURCE
                     if o.product == paid.product and o.edition == "free"), None)
        extra = paid.needs - (free.needs if free is not None else frozenset())
        if extra:
            out[paid.name] = extra
    return out


_PAID_ONLY: frozenset[str] = frozenset(n for needs in _paid_only().values() for n in needs)
"""Governance needs that some open-source gateway meets only in its paid (enterprise) edition."""


def _estimate(product: str, plan: str) -> Assumption | None:
    """Our estimate of a plan's unpublished price, shown as a question's default."""
    facts = bundled_facts().products[product]
    quote = facts.plans[plan].price.quote
    if quote is None:
        return None
    return Assumption(quote_input(product, plan), quote.likely, "USD/month", quote.low,
                      quote.high, quote.reasoning, None, f"Our estimate of the monthly price of "
                      f"{facts.plans[plan].name}: quote needed.", estimate=True, money_kind="price")


_LICENCE_ESTIMATE = next((a for o in _OPEN_SOURCE if o.edition == "paid"
                          for a in [_estimate(o.product, o.plan)] if a is not None), None)
"""The estimate self-hosting carries for a paid edition until the team is quoted."""


def _licence_matters(get: Lookup) -> bool:
    """A need is required (or unknown) that an open-source gateway has only in its paid tier."""
    return any(_need(get, k) in _OPEN for k in sorted(_PAID_ONLY))

# --- governance needs ------------------------------------------------------------------------
def _governance_question(entry: GovernanceNeed) -> Question:
    """A need's question, from its entry in the needs registry (prompt, help, when asked)."""
    when = {"always": None, "after_another_need": _another_need_required}[entry.asked_when]
    return _governance(entry.id, entry.question, entry.help,
                       **({"when": when} if when is not None else {}))


def _label(description: str | None) -> str:
    """A field's description as a choice's label: ``Provider batch APIs.`` -> ``provider...``."""
    text = (description or "").rstrip(".")
    return text[:1].lower() + text[1:]


_NATIVE_LABELS: Mapping[str, str] = {
    k: _label(NativeApis.model_fields[k].description) for k in NATIVE_APIS}


def _passing(api: str) -> str:
    """The gateways whose capability records say they pass ``api`` through."""
    names = [o.name for o in (*_SAAS, *_OPEN_SOURCE) if api in o.native_apis]
    return ", ".join(names) if names else "no gateway"


def _read_details(full: Mapping[str, Any], get: Lookup) -> bool:
    defaults = model_defaults()
    # Rotation figures asked on the main path do not call for adjusting the others.
    main_path = {q.field for q in _ROTATION} if _rotation_named(get) else set()
    return any(get_path(full, p) != get_path(defaults, p) for p in DETAILS
               if p not in main_path)


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
        return clean_float(x)
    return clean_float(round(x, 2 - math.floor(math.log10(x))))


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
            f"{show_number(instance.value, 'number')} USD a month costs "
            f"{show_number(_three_digits(converted), 'number')} {currency}. Pay is not converted: ")
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
    default = _likely(get_path(model_defaults(), "organisation.monthly_provider_spend")) or 0.0
    return Suggestion(_three_digits(default * rate),
                      f"the scenario format's default of {show_number(default, 'number')} a "
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

_REACHING = " and ".join(o.name for o in _SAAS if "private_endpoints" in o.offers)
"""The SaaS presets that can reach a model on the team's private network."""
_PAID_TIERS = "; ".join(f"{', '.join(sorted(needs))} in {name}"
                        for name, needs in _paid_only().items())
"""Which needs sit only in which open-source gateway's paid tier, as said in help."""


_FOLLOW_UPS: Mapping[str, tuple[Question, ...]] = {"compliance": (
    _q("assumptions.compliance_review_hours", "governance",
       "Hours for a security and data-protection review of a SaaS gateway?", "number",
       "When compliance would be nice, data leaving through a vendor needs a review: these "
       "hours are added once to the buy option. Not asked when compliance is required: that "
       "rules buying out entirely.",
       units=_HOURS, when=_is("needs.governance.compliance", "nice")),
    _q("needs.data.providers", "governance", "What may external AI providers see?", "choice",
       "Two rules say where data may go, one for the providers and one for a third-party "
       "gateway. redacted puts an in-house redaction step in front of every call that leaves "
       "to an external provider (its build, run and downtime: one more single point of failure "
       "in front of every call); in_house means data may not leave: every provider must be one "
       "you run yourself.",
       choices=PROVIDERS_RULES,
       labels={"allowed": "prompts as they are, under the providers' own terms",
               "redacted": "only after personal data is redacted in-house",
               "in_house": "nothing: only models we run ourselves"},
       read=lambda full, get: _written_rules(full)[0],
       write=_write_rule("needs.data.providers", "allowed"),
       written=lambda w: has_path(w, "needs.data.providers")
       or has_path(w, "needs.compliance_level"),
       when=_rules_asked),
    _q("needs.data.third_party_gateway", "governance",
       "What may a third-party (SaaS) gateway see?", "choice",
       "under_contract needs a vendor plan with a data-processing agreement and region pinning "
       "(and its review); redacted puts the redaction step in front of the vendor too; "
       "not_allowed walls buying off. under_contract and redacted are different measures, not "
       "steps of one ladder.",
       choices=GATEWAY_RULES,
       labels={"allowed": "prompts as they are",
               "under_contract": "only under a data contract with region pinning",
               "redacted": "only data redacted in-house",
               "not_allowed": "nothing: no third-party gateway"},
       read=lambda full, get: _written_rules(full)[1],
       write=_write_rule("needs.data.third_party_gateway", lambda data: _implied_gateway_rule(
           get_path(data, "needs.governance.compliance")
           if has_path(data, "needs.governance.compliance") else "no")),
       written=lambda w: has_path(w, "needs.data.third_party_gateway")
       or has_path(w, "needs.compliance_level"),
       when=_rules_asked),
)}
"""Questions that follow a need's own: what a required or nice compliance need asks next."""


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
       "attribution is about.", units=(*MONEY_UNITS, *_PER_MONTH), suggest=_suggest_spend),
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
    # One question per entry of the needs registry, in its order; after a need a law can
    # impose, what imposes it; compliance's follow-ups (the review, and where data may go).
    *(q for entry in NEEDS
      for q in (_governance_question(entry),
                *((_required_by(entry.id, entry.label_en),) if entry.imposable else ()),
                *_FOLLOW_UPS.get(entry.id, ()))),
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
        read=read_routing_gate, write=write_routing_gate, shown_as="needs.routing.*",
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
        choices=PAINS, labels=_PAIN_LABELS, allow_none=True, read=read_pains, write=write_pains,
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
        field="providers.in_use", read=read_names, write=write_names,
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
        "Calls to your own models do not leave, so no redaction step sits in front of them; "
        "when data may not leave (providers: in_house) every provider must be one you run "
        "yourself, or the scenario is refused. Asked when a gateway can be the verdict, or the "
        "data rules count what leaves.",
        meaning=f"self_hosted: {Provider.model_fields['self_hosted'].description}",
        field="providers.in_use", allow_none=True, read=read_self_hosted,
        write=write_self_hosted, shown_as="providers.in_use[].self_hosted",
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
        field="providers.in_use", allow_none=True, read=read_non_compatible,
        write=write_non_compatible, shown_as="providers.in_use[].openai_compatible",
        written=lambda w: has_path(w, "providers.in_use"),
    ),
    Question(
        "providers.fallbacks", "costs",
        "Fallback chains, if any: e.g. deepseek > volcano-engine > bailian (several separated "
        "by ;), or none", "chains",
        "Fallback keeps calls working when a provider fails: each chain raises the availability "
        "every option gets, and staying direct means writing the fallback in every service.",
        meaning=f"fallbacks: {Provider.model_fields['fallbacks'].description}",
        field="providers.in_use", read=read_chains, write=write_chains,
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
        f"{show_number(ASSUMPTIONS['native_api_bypass_share'].value * 100, 'number')}% of "
        "services per API) and so does the cost of keeping those paths working. Each one you "
        "pick is recorded as required; add ? to one you are not sure of (batch?), or answer "
        "don't know for all: the verdict takes 'not needed' and gateway-roi says whether the "
        "other answer would change it. Asked once a governance need is required (or not known "
        "yet): only then can a gateway be the verdict.",
        meaning=(NativeApis.__doc__ or "").split("\n", 1)[0],
        choices=NATIVE_APIS, labels=_NATIVE_LABELS,
        help_labels={k: f"{_NATIVE_LABELS[k]}; passed through by {_passing(k)}"
                     for k in NATIVE_APIS},
        allow_none=True, read=read_native,
        write=write_native, shown_as="needs.native_apis.*",
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
       units=(*MONEY_UNITS, *_PER_HOUR)),
    _q("reliability.downtime_cost_per_service_hour", "costs",
       "What does one hour with one service's AI features down cost, in {currency}?", "number",
       "A gateway turns independent provider failures into one shared failure: an outage costs "
       "this for every service it takes down, so a gateway's own outage costs it for all of "
       "them at once.",
       units=(*MONEY_UNITS, *_PER_HOUR, "/service-h", "per service-hour")),
    _q("self_host.licence", "costs",
       "Monthly enterprise licence you were quoted for the open-source gateway's paid tier, in "
       "{currency}? (none: keep the estimate)", "number",
       "A required need that an open-source gateway has only in its paid tier "
       f"({_PAID_TIERS}) adds that licence to self-hosting, every month. No such gateway "
       "publishes a price ('talk to sales'): without a quote, self-hosting carries the "
       "estimate below, and the report marks it QUOTE NEEDED. Asked because such a need is "
       "required (or not known yet).",
       units=(*MONEY_UNITS, *_PER_MONTH), allow_none=True,
       assumption_id=_LICENCE_ESTIMATE.id if _LICENCE_ESTIMATE else "",
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
        read=_read_details, write=no_write, written=written_details,
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
            choices=("auto", *(p.id for p in bundled_facts().saas())),
            labels={"auto": "the plan with the lowest total cost over the horizon",
                    **{p.id: f"{p.name} ({', '.join(pl.name for pl in p.plans.values())})"
                       for p in bundled_facts().saas()}}),
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

