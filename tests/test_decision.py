"""Decision rules: each rule of the table fires for a scenario built for it, with the evidence a
user reads; the table itself is checked against its documentation; tripwires really flip the
verdict; the array form agrees with the scalar one."""

from __future__ import annotations

import itertools
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

from gateway_roi.errors import GatewayRoiError
from gateway_roi.files.loading import load_scenario_text
from gateway_roi.model.changes import criteria_changes
from gateway_roi.model.cost_lines import OptionCosts
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.evaluation import Evaluation, assess
from gateway_roi.model.inputs import ModelInputs, resolve_inputs
from gateway_roi.model.rules import RULES, RuleFacts, allowed_options, decide_arrays, select_rule
from gateway_roi.model.tripwires import Tripwire
from gateway_roi.model.verdict import Decision, decide

SCENARIOS_DIR = Path(__file__).resolve().parents[1] / "scenarios"

# 20 services and 2M calls a month: scale is met (thresholds 10 services, 1M calls).
AT_SCALE = """
name: At scale
horizon_months: 36
organisation: {services: 20, monthly_requests: 2000000}
"""
# 3 services and 50k calls: below scale.
SMALL = """
name: Small
horizon_months: 36
organisation: {services: 3, monthly_requests: 50000}
"""
STOCK_OPS = ("team.platform_team=true", "team.on_call_24x7=true")


def _run(text: str, *overrides: str) -> tuple[ModelInputs, dict[str, OptionCosts], Decision]:
    mi = resolve_inputs(load_scenario_text(text, overrides=list(overrides)))
    options = compute_costs(mi)
    return mi, options, decide(mi, options)


def _reasons(d: Decision) -> list[str]:
    return [r.text("en") for r in d.reasons]


def _money(amount: float) -> str:
    return f"${amount:,.0f}"


# --- each rule, with its evidence --------------------------------------------------------------


def test_central_keys_are_convenience_and_automation_wins() -> None:
    """Central keys (required) are met by a secret manager: convenience, so automate, not buy."""
    _, o, d = _run(AT_SCALE, "needs.governance.key_management=required")
    assert (d.option, d.rule) == ("automate", "convenience-automate")
    assert d.criteria.need.kind == "convenience"
    assert d.criteria.need.met_by_automation == ("key_management",)
    assert d.criteria.need.gateway_only == ()
    text = _reasons(d)
    assert ("Automation meets the required central key management (a secret manager with hot "
            "reload manages keys centrally); required needs only a gateway meets: none.") in text
    saving = o["direct"].total - o["automate"].total
    assert any(t.startswith(f"Automating costs {_money(o['automate'].total)} over 36 months "
                            f"against {_money(o['direct'].total)} for living with it: it saves "
                            f"{_money(saving)}") for t in text)


def test_convenience_reasons_do_not_deny_a_required_need() -> None:
    """With central keys required, the verdict never says that no governance need is required."""
    _, _, d = _run(AT_SCALE, "needs.governance.key_management=required")
    assert not any(t.startswith("No governance need is required") for t in _reasons(d)), \
        _reasons(d)


def test_convenience_direct() -> None:
    """One service: automation costs more than it saves, so stay direct, and say by how much."""
    _, o, d = _run("organisation: {services: 1, monthly_requests: 10000}\n")
    assert (d.option, d.rule) == ("direct", "convenience-direct")
    extra = o["automate"].total - o["direct"].total
    assert (f"Automating would cost {_money(o['automate'].total)} over 36 months, "
            f"{_money(extra)} more than the {_money(o['direct'].total)} of living with the "
            "hassle: tough it out.") in _reasons(d)


def test_convenience_names_the_gateway_it_sets_aside() -> None:
    """A convenience verdict says the cheapest gateway would add a single point of failure."""
    _, o, d = _run("organisation: {services: 1, monthly_requests: 10000}\n")
    cheapest = min((o[k] for k in ("buy", "self_host", "build")), key=lambda x: x.total)
    assert (f"The cheapest gateway ({cheapest.id}) would cost {_money(cheapest.total)} and add a "
            "single point of failure for a problem that is only convenience.") in _reasons(d)


def test_governance_below_scale() -> None:
    """A gateway-only need without scale or a legal need: no gateway yet, the cheaper fallback."""
    _, o, d = _run(SMALL, "needs.governance.cost_attribution=required")
    assert d.rule == "governance-below-scale"
    meanwhile = "automate" if o["automate"].total < o["direct"].total else "direct"
    assert d.option == meanwhile
    text = _reasons(d)
    assert ("Scale is not met: 3 services (threshold 10) and 50,000 requests/month (threshold "
            "1,000,000).") in text
    assert (f"Neither scale nor a hard legal need (audit trail, compliance): a gateway's fixed "
            f"cost would not be amortised. Meanwhile {meanwhile} "
            f"({_money(o[meanwhile].total)}) keeps things working; cover the governance need by "
            "hand until the scale is there.") in text


@pytest.mark.parametrize("by", ["law", "regulator", "contract", None])
def test_an_imposed_audit_trail_lifts_scale_and_an_internal_wish_does_not(by: str | None) -> None:
    """Issue 22, point 6: the 3-service startup whose CTO wants a log of every AI call for
    internal reviews gets no gateway yet, with the cheap way meanwhile; the same need imposed by
    a law, a regulator or a contract (or not saying: the meaning files had before) gets one."""
    imposed = ["needs.governance.audit_trail=required"]
    if by is not None:
        imposed.append(f"needs.required_by.audit_trail={by}")
    _, _, gateway = _run(SMALL, *imposed)
    assert gateway.rule != "governance-below-scale" and gateway.option in ("buy", "self_host",
                                                                          "build")
    _, o, wish = _run(SMALL, "needs.governance.audit_trail=required",
                      "needs.required_by.audit_trail=internal")
    assert wish.rule == "governance-below-scale"
    text = _reasons(wish)
    assert any(r.startswith("Nothing imposes audit trail: no law, regulator or contract")
               for r in text)
    assert ("The cheap way to meet audit trail meanwhile: a log of every AI call (who, which "
            "model, when) written by the shared client library.") in text


def test_every_need_a_law_could_impose_has_a_cheap_way_when_only_wished() -> None:
    """Each imposable need, wished at small scale, gets no gateway yet and its own cheap way
    meanwhile, in English and Chinese (a need added to the registry needs its words)."""
    from gateway_roi.needs import NEEDS

    for need in (n for n in NEEDS if n.imposable):
        _, _, wish = _run(SMALL, f"needs.governance.{need.id}=required",
                          f"needs.required_by.{need.id}=internal")
        assert wish.rule == "governance-below-scale", need.id
        for lang in ("en", "zh"):
            said = [r.text(lang) for r in wish.reasons]
            cheap = [r for r in said if ("The cheap way to meet" in r or "低成本做法" in r)]
            assert len(cheap) == 1 and "cheap_way." not in cheap[0], (need.id, lang, said)


def test_only_a_need_a_law_could_impose_may_be_imposed() -> None:
    """Cost attribution said to be required by law is refused with what is allowed."""
    with pytest.raises(GatewayRoiError) as err:
        _run(SMALL, "needs.governance.cost_attribution=required",
             "needs.required_by.cost_attribution=law")
    assert "only audit_trail, compliance can be imposed" in str(err.value)


def test_legal_need_allows_a_gateway_below_scale_and_says_it_is_not_amortised() -> None:
    """An audit trail is a hard legal need: a gateway below scale, with its cost per service."""
    _, _, d = _run(SMALL, "needs.governance.audit_trail=required")
    assert (d.option, d.rule) == ("buy", "governance-buy")
    assert any(t.startswith("Scale is not met, so the gateway's fixed cost is not amortised: "
                            "buy costs $") and "the picture improves from 10 services" in t
               for t in _reasons(d))


def test_governance_buy() -> None:
    """A gateway-only need at scale, nothing against buying: buy, and direct/automate set aside."""
    _, o, d = _run(AT_SCALE, "needs.governance.cost_attribution=required")
    assert (d.option, d.rule) == ("buy", "governance-buy")
    text = _reasons(d)
    assert "Governance is a hard requirement that only a gateway meets: cost attribution by " \
           "project or key." in text
    assert "Walls against buying: none." in text
    assert any(t.startswith("Cheaper options the rules set aside: automate "
                            f"({_money(o['automate'].total)}): it covers cost attribution by "
                            "project or key only by hand") for t in text)
    assert [a.option for a in d.set_aside] == [k for k in ("direct", "automate")
                                               if o[k].total < o["buy"].total]


def test_governance_buy_with_only_the_cost_wall_and_no_ops() -> None:
    """Self-hosting is cheaper but nobody carries a pager: buy, and say why in one sentence."""
    _, o, d = _run(AT_SCALE, "needs.governance.cost_attribution=required", "buy.quote=100000")
    assert (d.option, d.rule) == ("buy", "governance-buy")
    assert d.criteria.buy_walls.standing == ("cost",)
    text = _reasons(d)
    assert (f"Walls against buying: cost (buying {_money(o['buy'].total)} > self-hosting "
            f"{_money(o['self_host'].total)}).") in text
    assert (f"Self-hosting would be cheaper ({_money(o['self_host'].total)} against "
            f"{_money(o['buy'].total)}), but only a team with a 24x7 rotation can carry it: buy "
            "and outsource the on-call.") in text
    assert any(f"self_host ({_money(o['self_host'].total)}): running it takes a platform team "
               "that already carries a 24x7 rotation" in t for t in text)


def test_governance_no_runnable_gateway() -> None:
    """Compliance walls off buying and no one can run a gateway: the cheaper fallback, and why."""
    _, o, d = _run(AT_SCALE, "needs.governance.compliance=required")
    assert d.rule == "governance-no-runnable-gateway"
    assert d.option == ("automate" if o["automate"].total < o["direct"].total else "direct")
    text = _reasons(d)
    assert ("Walls against buying: compliance (no third-party gateway may see prompts)."
            in text)
    manual = sum(ln.total for ln in o[d.option].lines if ln.id.startswith("by_hand_"))
    assert manual > 0 and o[d.option].feasible  # recommended, never "ruled out"
    assert any(t.startswith("No gateway this team can run: buying is ruled out and self-hosting "
                            f"needs a platform team with a 24x7 rotation. Meanwhile {d.option} "
                            f"({_money(o[d.option].total)}) keeps things working, compliance "
                            "(one place enforces where data may go) covered by hand "
                            f"({_money(manual)} of it).") for t in text)


def test_governance_self_host() -> None:
    """Compliance walls off buying, stock ops, LiteLLM can do it and costs less than building."""
    _, o, d = _run(AT_SCALE, "needs.governance.compliance=required", *STOCK_OPS)
    assert (d.option, d.rule) == ("self_host", "governance-self-host")
    assert o["self_host"].product == "litellm"
    text = _reasons(d)
    assert ("Walls against buying: compliance (no third-party gateway may see prompts)."
            in text)
    assert "Walls against self-hosting: none." in text
    # buy is cheaper here; the sentence says which option was set aside and why
    assert o["buy"].total < o["self_host"].total
    assert any(f"buy ({_money(o['buy'].total)}): no third-party gateway may see prompts, and "
               "a SaaS gateway would see them" in t for t in text)


# All three of the essay's walls against buying: compliance (no third-party gateway), cost (a
# quote far above self-hosting) and customization (OpenRouter cannot route by user tier); and
# self-hosting costs more than building (a long setup).
THREE_WALLS = ("needs.governance.compliance=required", "buy.vendor=openrouter",
               "needs.routing.user_tier=required", "buy.quote=100000")
BUILD_CHEAPER = ("assumptions.self_host_setup_hours=6000",)


def test_governance_build_only_when_all_three_walls_stand() -> None:
    """Build when compliance, cost and customization all stand against buying and self-hosting
    costs more than building; name the walls and both totals."""
    _, o, d = _run(AT_SCALE, *THREE_WALLS, *BUILD_CHEAPER, *STOCK_OPS)
    assert d.criteria.buy_walls.all_three
    assert (d.option, d.rule) == ("build", "governance-build")
    assert (f"Walls against self-hosting: cost (building {_money(o['build'].total)} < "
            f"self-hosting {_money(o['self_host'].total)}).") in _reasons(d)


@pytest.mark.parametrize("dropped", ["buy.quote=100000", "buy.vendor=openrouter"])
def test_two_walls_and_a_cheaper_build_still_self_host(dropped: str) -> None:
    """Without the cost (or the customization) wall against buying, a cheaper build is set
    aside: the essay builds only when all three walls stand; the reason names the missing one."""
    walls = tuple(w for w in THREE_WALLS if w != dropped)
    _, o, d = _run(AT_SCALE, *walls, *BUILD_CHEAPER, *STOCK_OPS)
    assert o["build"].total < o["self_host"].total
    assert (d.option, d.rule) == ("self_host", "governance-self-host")
    missing = "cost" if "quote" in dropped else "customization"
    assert any(t.startswith("Building would cost less than self-hosting") and t.endswith(
        f"here these do not: {missing}.") for t in _reasons(d))
    assert any(a.option == "build" for a in d.set_aside)


def test_every_rule_is_reached_here() -> None:
    """The scenarios above reach every rule of the table."""
    reached = {
        _run(SMALL, "needs.governance.cost_attribution=required")[2].rule,
        _run(AT_SCALE, "needs.governance.key_management=required")[2].rule,
        _run("organisation: {services: 1, monthly_requests: 10000}\n")[2].rule,
        _run(AT_SCALE, "needs.governance.cost_attribution=required")[2].rule,
        _run(AT_SCALE, "needs.governance.compliance=required")[2].rule,
        _run(AT_SCALE, "needs.governance.compliance=required", *STOCK_OPS)[2].rule,
        _run(AT_SCALE, *THREE_WALLS, *BUILD_CHEAPER, *STOCK_OPS)[2].rule,
    }
    assert reached == set(RULES)


def test_chosen_summary_uses_the_three_kinds() -> None:
    """The last reason states the verdict's total and its up-front, per-event and standing parts."""
    _, o, d = _run(AT_SCALE, "needs.governance.cost_attribution=required")
    b = o["buy"]
    assert _reasons(d)[-1] == (
        f"Buy a SaaS gateway: {_money(b.total)} over 36 months ({_money(b.up_front)} up front, "
        f"{_money(b.per_event)} per event, {_money(b.standing)} standing).")


# --- the table against its documentation ---------------------------------------------------------


def _documented(f: RuleFacts) -> list[tuple[str, str]]:
    """Every row of the module docstring's table whose conditions hold for ``f``."""
    meanwhile = "automate" if f.automate_cheaper else "direct"
    gateway_allowed = f.governance and (f.scale_met or f.legal or f.buy_strategic)
    hard_buy_wall = f.buy_compliance or f.buy_customization or f.buy_strategic
    any_buy_wall = hard_buy_wall or f.buy_cost
    three_walls = f.buy_compliance and f.buy_cost and f.buy_customization
    rows = [
        ("automate", "convenience-automate", not f.governance and f.automate_cheaper),
        ("direct", "convenience-direct", not f.governance and not f.automate_cheaper),
        (meanwhile, "governance-below-scale",
         f.governance and not f.scale_met and not f.legal and not f.buy_strategic),
        ("buy", "governance-buy", gateway_allowed and (
            not any_buy_wall or (not hard_buy_wall and not f.ops_stock))),
        (meanwhile, "governance-no-runnable-gateway",
         gateway_allowed and hard_buy_wall and not f.ops_stock),
        ("self_host", "governance-self-host", gateway_allowed and any_buy_wall and f.ops_stock
         and not (three_walls and f.self_host_cost)),
        ("build", "governance-build", gateway_allowed and any_buy_wall and f.ops_stock
         and three_walls and f.self_host_cost),
    ]
    return [(option, rule) for option, rule, holds in rows if holds]


ALL_FACTS = [RuleFacts(*bits) for bits in itertools.product(
    (False, True), repeat=len(fields(RuleFacts)))]


def test_select_rule_matches_the_documented_table() -> None:
    """For every combination of facts exactly one documented row holds, and it is the verdict."""
    assert len(ALL_FACTS) == 2 ** 10
    for f in ALL_FACTS:
        rows = _documented(f)
        assert len(rows) == 1, (f, rows)
        assert select_rule(f) == rows[0], f


def test_verdict_is_always_an_allowed_option() -> None:
    """The option a rule picks is among those the rules allow ("how sure" counts only those)."""
    for f in ALL_FACTS:
        assert select_rule(f)[0] in allowed_options(f), f


def test_provider_count_never_enters_a_rule() -> None:
    """The table reads no provider count: the facts are yes/no questions only."""
    assert all(f.type in (bool, "bool") for f in fields(RuleFacts))


# --- runner-up and margin ----------------------------------------------------------------------


@pytest.mark.parametrize(("overrides", "runner_up"), [
    (("needs.governance.key_management=required",), "direct"),
    (("needs.governance.cost_attribution=required",), "self_host"),
    (("needs.governance.compliance=required", *STOCK_OPS), "build"),
    ((*THREE_WALLS, *BUILD_CHEAPER, *STOCK_OPS), "self_host"),
])
def test_runner_up_and_margin(overrides: tuple[str, ...], runner_up: str) -> None:
    """The runner-up is the option the deciding comparison would move to; the margin is how much
    more it costs than the verdict (negative when the rules chose the dearer one)."""
    _, o, d = _run(AT_SCALE, *overrides)
    assert d.runner_up == runner_up
    assert d.margin == pytest.approx(o[runner_up].total - o[d.option].total)


def test_runner_up_of_self_host_with_only_the_cost_wall_is_buy() -> None:
    """When only buying's cost walls it off, self-hosting's rival is buying, not building."""
    _, o, d = _run(AT_SCALE, "needs.governance.cost_attribution=required", "buy.quote=100000",
                   *STOCK_OPS)
    assert (d.option, d.runner_up) == ("self_host", "buy")
    assert d.margin == pytest.approx(o["buy"].total - o["self_host"].total)
    assert d.margin > 0


# --- what changed between two sets of criteria ---------------------------------------------------


def test_criteria_changes_wording() -> None:
    """A diff names each criterion that changed, with the numbers behind it, in table order."""
    a = _run(SMALL, "needs.governance.key_management=required")[2].criteria
    b = _run(AT_SCALE, "needs.governance.cost_attribution=required", *STOCK_OPS)[2].criteria
    changes = criteria_changes(a, b, "USD", "USD")
    by_name = {c.criterion: c for c in changes}
    assert [c.criterion for c in changes][:3] == ["need.kind", "scale.met",
                                                   "ops_capacity.level"]
    assert by_name["need.kind"].detail == (
        "required needs only a gateway meets: none -> cost_attribution")
    assert (by_name["need.kind"].a, by_name["need.kind"].b) == ("convenience", "governance")
    assert by_name["scale.met"].detail == (
        "services 3 -> 20 (threshold 10 -> 10); monthly requests 50,000 -> 2,000,000 "
        "(threshold 1,000,000 -> 1,000,000)")
    assert by_name["ops_capacity.level"].detail == (
        "platform team false -> true; 24x7 rotation false -> true")


def test_criteria_changes_names_walls() -> None:
    """A routing the vendor cannot do shows as the customization wall, naming the vendor."""
    a = _run(AT_SCALE, "needs.governance.cost_attribution=required",
             "buy.vendor=openrouter")[2].criteria
    b = _run(AT_SCALE, "needs.governance.cost_attribution=required", "buy.vendor=openrouter",
             "needs.routing.user_tier=required")[2].criteria
    changes = {c.criterion: c for c in criteria_changes(a, b, "USD", "USD")}
    assert changes["walls.customization"].detail == (
        "what the vendor cannot do: none (openrouter) -> user_tier (openrouter)")
    assert criteria_changes(a, a, "USD", "USD") == []


# --- tripwires ---------------------------------------------------------------------------------


def _evaluate(text: str, overrides: tuple[str, ...] = (), tripwires: bool = False) -> Evaluation:
    return assess(load_scenario_text(text, overrides=list(overrides)), tripwires=tripwires)


TRIPWIRE_SCENARIOS: dict[str, str] = {
    "self-host": AT_SCALE + "needs: {governance: {compliance: required}}\n"
                            "team: {platform_team: true, on_call_24x7: true}\n",
    "automate": AT_SCALE + "needs: {governance: {key_management: required}}\n",
}
for _path in sorted(SCENARIOS_DIR.glob("*.yaml")):
    TRIPWIRE_SCENARIOS[f"shipped:{_path.name}"] = _path.read_text(encoding="utf-8")


def _numeric_tripwires() -> list[tuple[str, Tripwire]]:
    return [(key, tw) for key, text in TRIPWIRE_SCENARIOS.items()
            for tw in _evaluate(text, tripwires=True).tripwires if tw.direction in (">=", "<=")
            and tw.input != "scale"]


NUMERIC_TRIPWIRES = _numeric_tripwires()


def test_tripwires_are_found() -> None:
    """The scenarios here report tripwires on numeric inputs."""
    assert len(NUMERIC_TRIPWIRES) >= 3
    assert {"services", "monthly_requests"} <= {tw.input for _, tw in NUMERIC_TRIPWIRES}


@pytest.mark.parametrize(("key", "tw"), NUMERIC_TRIPWIRES,
                         ids=[f"{k}:{tw.input}{tw.direction}" for k, tw in NUMERIC_TRIPWIRES])
def test_tripwire_applied_through_the_scenario_flips_the_verdict(key: str, tw: Tripwire) -> None:
    """Setting the field a tripwire names to its threshold (as `--set` would) gives the option
    the tripwire promises."""
    text = TRIPWIRE_SCENARIOS[key]
    assert tw.option != _evaluate(text).decision.option
    d = _evaluate(text, (f"{tw.field}={tw.threshold}",)).decision
    assert (d.option, d.rule) == (tw.option, tw.rule), tw.text


def test_tripwire_on_a_range_shows_the_range() -> None:
    """A tripwire on an input written as a range quotes the range, not its likely value."""
    ev = _evaluate(TRIPWIRE_SCENARIOS["shipped:small-team-many-providers.yaml"],
                   ("organisation.services=2 to 6",), tripwires=True)
    tw = next(t for t in ev.tripwires if t.input == "services")
    assert tw.current == 4  # the likely value, halfway
    assert "(now 2 to 6)" in tw.text
    assert "now 4" not in tw.text


def test_qualitative_tripwire_flips_the_verdict() -> None:
    """"If the 24x7 rotation stops" leads to the verdict it names."""
    text = TRIPWIRE_SCENARIOS["self-host"]
    ev = _evaluate(text, tripwires=True)
    tw = next(t for t in ev.tripwires if t.input == "ops_capacity_lost")
    assert tw.text.startswith("if the 24x7 rotation stops -> ")
    d = _evaluate(text, ("team.on_call_24x7=false",)).decision
    assert (d.option, d.rule) == (tw.option, tw.rule)


# --- many verdicts at once --------------------------------------------------------------------


@pytest.mark.parametrize("overrides", [
    ("needs.governance.cost_attribution=required",),
    ("needs.governance.compliance=required", *STOCK_OPS),
    ("needs.governance.key_management=required",),
])
def test_decide_arrays_agrees_with_decide(overrides: tuple[str, ...]) -> None:
    """On a grid of services x monthly requests, each cell's verdict, rule, runner-up and margin
    are those :func:`decide` gives for that cell alone."""
    mi = resolve_inputs(load_scenario_text(AT_SCALE, overrides=list(overrides)))
    services = np.array([[1.0], [4.0], [9.0], [12.0], [40.0]])
    requests = np.array([[2e4, 9e5, 3e6, 5e7]])
    grid = mi.with_values({"services": services, "monthly_requests": requests})
    arrays = decide_arrays(grid, compute_costs(grid, detail=False))
    assert arrays.option.shape == (5, 4)
    for i, j in itertools.product(range(5), range(4)):
        cell = mi.with_values({"services": float(services[i, 0]),
                               "monthly_requests": float(requests[0, j])})
        d = decide(cell, compute_costs(cell))
        assert (arrays.option[i, j], arrays.rule[i, j]) == (d.option, d.rule), (i, j)
        assert arrays.runner_up[i, j] == d.runner_up
        assert arrays.margin[i, j] == pytest.approx(d.margin, rel=1e-9)
