"""Decision rules: each rule fires for a scenario built for it; tripwires really flip the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.decision import RULES, Tripwire
from cli.evaluation import Evaluation, assess
from cli.loading import load_scenario_text

SCENARIOS_DIR = Path(__file__).resolve().parents[1] / "scenarios"

# One scenario per rule id; each comment says which conditions it sets up.
RULE_SCENARIOS: dict[str, str] = {
    # convenience only; eight services make automation cheaper than living with the hassle
    "convenience-automate": """
name: Eight services, no governance
organisation: {services: 8}
""",
    # convenience only; one service for six months: automation never pays back
    "convenience-direct": """
name: One service, six months
horizon_months: 6
organisation: {services: 1, services_added_per_year: 0}
""",
    # governance + scale + stock ops + compliance, cost and customization walls
    "governance-build": """
name: Big regulated platform
organisation: {services: 30, monthly_requests: 200000000, monthly_provider_spend: 100000}
team: {platform_team: true, platform_team_size: 10, on_call_24x7: true}
needs:
  governance: {cost_attribution: required, compliance: required}
  routing: {region: required}
buy: {vendor: portkey}
""",
    # governance + stock ops + compliance wall, but no scale
    "governance-self-host": """
name: Small regulated team with SRE
organisation: {services: 4}
team: {platform_team: true, platform_team_size: 4, on_call_24x7: true}
needs: {governance: {audit_trail: required, compliance: required}}
""",
    # governance + compliance wall, no platform team
    "governance-no-runnable-gateway": """
name: Regulated, no ops team
organisation: {services: 4}
needs: {governance: {audit_trail: required, compliance: required}}
""",
    # governance, no walls, no ops team
    "governance-buy": """
name: Finance wants cost by project
organisation: {services: 4}
needs: {governance: {cost_attribution: required}}
""",
}


def _evaluate(text: str, overrides: tuple[str, ...] = (), tripwires: bool = False) -> Evaluation:
    return assess(load_scenario_text(text, overrides=list(overrides)), tripwires=tripwires)


def test_every_rule_has_a_scenario() -> None:
    """Every rule the tool can cite is exercised by a scenario here."""
    assert set(RULE_SCENARIOS) == set(RULES)


def test_criteria_shape() -> None:
    """The criteria behind a verdict have the documented JSON-ish shape."""
    for text in RULE_SCENARIOS.values():
        criteria = _evaluate(text).decision.criteria
        assert isinstance(criteria["scale"]["met"], bool)
        assert criteria["ops_capacity"]["level"] in {"stock", "partial", "none"}
        assert criteria["need"]["kind"] in {"convenience", "governance"}
        for wall in ("compliance", "cost", "customization"):
            assert isinstance(criteria["walls"][wall]["met"], bool)


def test_convenience_automate() -> None:
    """Only convenience is missing and automating is cheaper: the verdict is automate."""
    ev = _evaluate(RULE_SCENARIOS["convenience-automate"])
    d = ev.decision
    assert (d.option, d.rule) == ("automate", "convenience-automate")
    assert d.criteria["need"]["kind"] == "convenience"
    assert ev.options["automate"].total < ev.options["direct"].total


def test_convenience_direct() -> None:
    """Only convenience is missing and automating costs more than it saves: stay direct."""
    ev = _evaluate(RULE_SCENARIOS["convenience-direct"])
    d = ev.decision
    assert (d.option, d.rule) == ("direct", "convenience-direct")
    assert d.criteria["need"]["kind"] == "convenience"
    assert ev.options["automate"].total >= ev.options["direct"].total


def test_convenience_never_picks_a_gateway_even_when_cheaper() -> None:
    """Without a governance need, a gateway is never the verdict, even if it costs less."""
    ev = _evaluate(RULE_SCENARIOS["convenience-automate"],
                   ("organisation.services=30", "assumptions.automate_build_hours=1000"))
    cheapest = min(ev.options.values(), key=lambda o: o.total)
    assert cheapest.id == "buy", "precondition: this scenario should price buying lowest"
    assert ev.decision.rule == "convenience-automate"
    assert ev.decision.option == "automate"


def test_governance_build() -> None:
    """Governance, scale, a 24x7 platform team and all three walls against buying: build."""
    d = _evaluate(RULE_SCENARIOS["governance-build"]).decision
    assert (d.option, d.rule) == ("build", "governance-build")
    c = d.criteria
    assert c["need"]["kind"] == "governance"
    assert c["scale"]["met"] is True
    assert c["ops_capacity"]["level"] == "stock"
    assert all(c["walls"][w]["met"] for w in ("compliance", "cost", "customization"))
    assert c["walls"]["customization"]["unmet_routing"] == ["region"]


def test_governance_self_host() -> None:
    """Governance, a 24x7 platform team and a wall against buying, without scale: self-host."""
    d = _evaluate(RULE_SCENARIOS["governance-self-host"]).decision
    assert (d.option, d.rule) == ("self_host", "governance-self-host")
    c = d.criteria
    assert c["ops_capacity"]["level"] == "stock"
    assert c["walls"]["compliance"]["met"] is True
    assert c["scale"]["met"] is False


def test_governance_no_runnable_gateway() -> None:
    """Compliance rules out buying and no team can run a gateway: cheaper of automate/direct."""
    ev = _evaluate(RULE_SCENARIOS["governance-no-runnable-gateway"])
    d = ev.decision
    assert d.rule == "governance-no-runnable-gateway"
    cheaper = min(("automate", "direct"), key=lambda k: ev.options[k].total)
    assert d.option == cheaper
    assert d.criteria["ops_capacity"]["level"] == "none"
    assert d.criteria["walls"]["compliance"]["met"] is True


def test_governance_no_runnable_gateway_with_partial_ops() -> None:
    """A platform team without a 24x7 rotation cannot carry a gateway that buying can't give."""
    d = _evaluate(RULE_SCENARIOS["governance-buy"],
                  ("needs.routing.region=required", "team.platform_team=true")).decision
    assert d.rule == "governance-no-runnable-gateway"
    assert d.option in {"automate", "direct"}
    assert d.criteria["ops_capacity"]["level"] == "partial"
    assert d.criteria["walls"]["customization"]["met"] is True


def test_governance_buy() -> None:
    """Governance required, nothing walls off buying and no 24x7 team: buy first."""
    d = _evaluate(RULE_SCENARIOS["governance-buy"]).decision
    assert (d.option, d.rule) == ("buy", "governance-buy")
    c = d.criteria
    assert c["need"]["kind"] == "governance"
    assert c["need"]["required"] == ["cost_attribution"]
    assert c["ops_capacity"]["level"] == "none"
    assert not any(c["walls"][w]["met"] for w in ("compliance", "cost", "customization"))


def test_governance_buy_even_with_stock_ops() -> None:
    """Even a team with a 24x7 rotation buys first when nothing walls off buying."""
    d = _evaluate(RULE_SCENARIOS["governance-buy"],
                  ("team.platform_team=true", "team.on_call_24x7=true")).decision
    assert (d.option, d.rule) == ("buy", "governance-buy")
    assert d.criteria["ops_capacity"]["level"] == "stock"


def test_nice_governance_is_still_convenience() -> None:
    """Governance needs marked only 'nice' do not make the case for a gateway."""
    d = _evaluate(RULE_SCENARIOS["governance-buy"],
                  ("needs.governance.cost_attribution=nice",)).decision
    assert d.criteria["need"]["kind"] == "convenience"
    assert d.criteria["need"]["nice"] == ["cost_attribution"]
    assert d.option in {"automate", "direct"}


# --- tripwires ---------------------------------------------------------------------------------

TRIPWIRE_SCENARIOS: dict[str, str] = {
    **RULE_SCENARIOS,
    # the services threshold lies 4-10x away: the search must bisect a wide bracket of whole
    # numbers (48 to 120) down to one service
    "wide-services-bracket": """
name: Twelve services, four months, costly automation
horizon_months: 4
organisation: {services: 12, services_added_per_year: 0}
assumptions: {automate_build_hours: 1000}
""",
}
for _path in sorted(SCENARIOS_DIR.glob("*.yaml")):
    TRIPWIRE_SCENARIOS[f"shipped:{_path.name}"] = _path.read_text(encoding="utf-8")

WHOLE_NUMBER_INPUTS = {"services"}
# A continuous threshold is rounded to two significant figures (at most 5%) after a bisection of
# a few steps; 10% short of it must still hold today's verdict.
ROUNDING = 0.10


def _numeric_tripwires() -> list[tuple[str, Tripwire]]:
    cases = []
    for key, text in TRIPWIRE_SCENARIOS.items():
        for tw in _evaluate(text, tripwires=True).tripwires:
            if tw.direction in (">=", "<="):
                cases.append((key, tw))
    return cases


NUMERIC_TRIPWIRES = _numeric_tripwires()


def test_tripwires_are_found() -> None:
    """The scenarios here do report tripwires on numeric inputs and qualitative toggles."""
    assert len(NUMERIC_TRIPWIRES) >= 5
    inputs = {tw.input for _, tw in NUMERIC_TRIPWIRES}
    assert "services" in inputs
    toggles = _evaluate(RULE_SCENARIOS["governance-no-runnable-gateway"], tripwires=True)
    assert any(tw.input == "ops_capacity" and tw.option == "self_host"
               for tw in toggles.tripwires)


def test_tripwire_fields_are_settable() -> None:
    """Every tripwire names a field a user can set with --set."""
    for key, tw in NUMERIC_TRIPWIRES:
        load_scenario_text(TRIPWIRE_SCENARIOS[key], overrides=[f"{tw.field}={tw.current}"])


@pytest.mark.parametrize(("key", "tw"), NUMERIC_TRIPWIRES,
                         ids=[f"{k}:{tw.input}{tw.direction}" for k, tw in NUMERIC_TRIPWIRES])
def test_tripwire_threshold_flips_verdict(key: str, tw: Tripwire) -> None:
    """Setting the value a tripwire names really changes the verdict to the option it names."""
    text = TRIPWIRE_SCENARIOS[key]
    base = _evaluate(text).decision.option
    assert tw.option != base
    d = _evaluate(text, (f"{tw.field}={tw.threshold}",)).decision
    assert (d.option, d.rule) == (tw.option, tw.rule), tw.text


@pytest.mark.parametrize(("key", "tw"), NUMERIC_TRIPWIRES,
                         ids=[f"{k}:{tw.input}{tw.direction}" for k, tw in NUMERIC_TRIPWIRES])
def test_tripwire_just_short_keeps_verdict(key: str, tw: Tripwire) -> None:
    """A value just short of a tripwire's threshold keeps today's verdict (the threshold is tight)."""
    text = TRIPWIRE_SCENARIOS[key]
    base = _evaluate(text).decision.option
    toward_now = -1 if tw.direction == ">=" else 1
    if tw.input in WHOLE_NUMBER_INPUTS:
        short = tw.threshold + toward_now
    elif tw.input.endswith("_availability"):
        # Availabilities are searched through their downtime share (1 - availability).
        short = 1 - (1 - tw.threshold) * (1 - toward_now * ROUNDING)
    else:
        short = tw.threshold * (1 + toward_now * ROUNDING)
    d = _evaluate(text, (f"{tw.field}={short}",)).decision
    assert d.option == base, (
        f"{tw.text}, yet at {short:g} the verdict is already {d.option} ({d.rule})"
    )
