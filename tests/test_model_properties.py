"""Properties the cost model and the decision rules must keep for any team, not just the bundled
scenarios (issues "an honest cost model" and "rules that follow the essay to the letter")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gateway_roi.files.loading import load_scenario_text
from gateway_roi.model.cost_lines import OptionCosts
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.inputs import resolve_inputs
from gateway_roi.model.scenario import GOVERNANCE_NEEDS, ROUTING_NEEDS
from gateway_roi.model.verdict import Decision, decide

LEVELS = ("no", "nice", "required")
GATEWAYS = ("buy", "self_host", "build")


def _costs(text: str, *overrides: str) -> dict[str, OptionCosts]:
    return compute_costs(resolve_inputs(load_scenario_text(text, overrides=list(overrides))))


def _decide(text: str, *overrides: str) -> tuple[dict[str, OptionCosts], Decision]:
    mi = resolve_inputs(load_scenario_text(text, overrides=list(overrides)))
    options = compute_costs(mi)
    return options, decide(mi, options)


def _line_total(o: OptionCosts, line_id: str) -> float:
    return next(line.total for line in o.lines if line.id == line_id)


def _providers_yaml(compatible: list[bool], fallbacks: bool) -> str:
    rows = []
    for i, ok in enumerate(compatible):
        row = f"    - name: p{i}\n      openai_compatible: {str(ok).lower()}\n"
        if fallbacks and i + 1 < len(compatible):
            row += f"      fallbacks: [p{i + 1}]\n"
        rows.append(row)
    return "providers:\n  in_use:\n" + "".join(rows)


availability = st.floats(min_value=0.9, max_value=0.99999, allow_nan=False)
services = st.integers(min_value=1, max_value=200)


# --- downtime scales with what an outage takes down ---------------------------------------------


@given(a=availability, n=services, compatible=st.lists(st.booleans(), min_size=1, max_size=5),
       fallbacks=st.booleans())
def test_gateway_downtime_at_least_a_providers_share(a: float, n: int, compatible: list[bool],
                                                     fallbacks: bool) -> None:
    """At equal availability, a gateway outage (every service) costs at least as much as provider
    outages (each only its own calls, fallbacks in parallel)."""
    text = (f"organisation: {{services: {n}, services_added_per_year: 0}}\n"
            + _providers_yaml(compatible, fallbacks)
            + f"reliability: {{provider_availability: {a}}}\n"
            + f"assumptions: {{self_host_availability: {a}, build_availability: {a}, "
              f"vendor_availability: {a}}}\n")
    options = _costs(text)
    for key in GATEWAYS:
        gateway = _line_total(options[key], "gateway_downtime")
        provider = _line_total(options[key], "provider_downtime")
        assert gateway >= provider * (1 - 1e-12), key


@given(a=availability, n=services, more=st.integers(min_value=1, max_value=100))
def test_gateway_downtime_grows_with_the_services_it_takes_down(a: float, n: int,
                                                                more: int) -> None:
    """The more services sit behind a gateway, the more each of its outages costs."""
    text = ("organisation: {services_added_per_year: 0}\n"
            f"assumptions: {{self_host_availability: {a}}}\n")
    few = _costs(text, f"organisation.services={n}")["self_host"]
    many = _costs(text, f"organisation.services={n + more}")["self_host"]
    assert _line_total(many, "gateway_downtime") > _line_total(few, "gateway_downtime")
    assert _line_total(many, "global_outages") > _line_total(few, "global_outages")


# --- direct grows with providers ----------------------------------------------------------------


@given(compatible=st.lists(st.booleans(), min_size=1, max_size=6), added=st.booleans(),
       n=st.integers(min_value=1, max_value=50),
       new_per_year=st.floats(min_value=0, max_value=12, allow_nan=False))
def test_direct_never_falls_as_providers_are_added(compatible: list[bool], added: bool, n: int,
                                                   new_per_year: float) -> None:
    """Another provider in use (no fallback chains) never makes staying direct cheaper: one more
    key per service and environment, one more SDK in each service."""
    head = (f"organisation: {{services: {n}}}\n")
    tail = f"  new_per_year: {new_per_year}\n"
    before = _costs(head + _providers_yaml(compatible, False) + tail)["direct"]
    after = _costs(head + _providers_yaml([*compatible, added], False) + tail)["direct"]
    assert after.total >= before.total * (1 - 1e-12), (before.total, after.total)


# --- a range's likely value is continuous in its ends -------------------------------------------


@given(low=st.floats(min_value=0, max_value=50, allow_nan=False),
       width=st.floats(min_value=0.5, max_value=50, allow_nan=False),
       shift=st.floats(min_value=0, max_value=0.5, allow_nan=False))
def test_range_likely_value_is_continuous_in_its_ends(low: float, width: float,
                                                      shift: float) -> None:
    """Moving a range's low end a little moves the value the model uses at most as much:
    "0 to 2" and "0.01 to 2" give nearly the same hours."""
    high = low + width

    def used(lo: float) -> float:
        text = f'operations: {{hours_per_rotation: "{lo!r} to {high!r}"}}\n'
        return float(resolve_inputs(load_scenario_text(text)).values["hours_per_rotation"])

    assert abs(used(low + shift) - used(low)) <= shift + 1e-9


def test_range_from_zero_is_not_a_special_case() -> None:
    """"0 to 2" and "0.01 to 2" are read alike (no jump at a low end of 0)."""
    def used(written: str) -> float:
        text = f'operations: {{hours_per_rotation: "{written}"}}\n'
        return float(resolve_inputs(load_scenario_text(text)).values["hours_per_rotation"])

    assert abs(used("0 to 2") - used("0.01 to 2")) <= 0.01


# --- labour is never converted at the exchange rate ----------------------------------------------


@given(rate=st.floats(min_value=5, max_value=10, allow_nan=False))
def test_cny_labour_defaults_never_equal_usd_times_rate(rate: float) -> None:
    """A CNY team's default engineer and platform hours are the region's, whatever the rate."""
    mi = resolve_inputs(load_scenario_text(f"currency: CNY\nusd_rate: {rate}\n"))
    for name, usd in (("engineer_hour_cost", 96), ("platform_hour_cost", 108)):
        assert abs(mi.values[name] - usd * rate) > 1e-6 * usd * rate, name
    assert mi.values["engineer_hour_cost"] == 174
    assert mi.values["platform_hour_cost"] == 196


# --- the rules ----------------------------------------------------------------------------------

levels = st.sampled_from(LEVELS)
team_text = st.builds(
    lambda platform, on_call: f"team: {{platform_team: {str(platform).lower()}, "
                              f"on_call_24x7: {str(on_call).lower()}}}\n",
    st.booleans(), st.booleans())


def _needs_yaml(governance: dict[str, str], routing: dict[str, str]) -> str:
    gov = ", ".join(f"{k}: {v}" for k, v in governance.items())
    rou = ", ".join(f"{k}: {v}" for k, v in routing.items())
    return f"needs: {{governance: {{{gov}}}, routing: {{{rou}}}}}\n"


scenarios = st.builds(
    lambda n, requests, team, governance, routing, build_hours, setup_hours: (
        f"organisation: {{services: {n}, monthly_requests: {requests}}}\n" + team
        + _needs_yaml(governance, routing)
        + f"assumptions: {{build_core_hours: {build_hours}, "
          f"self_host_setup_hours: {setup_hours}}}\n"),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=10_000, max_value=100_000_000),
    team_text,
    st.fixed_dictionaries(dict.fromkeys(GOVERNANCE_NEEDS, levels)),
    st.fixed_dictionaries({k: st.sampled_from(("no", "required")) for k in ROUTING_NEEDS}),
    st.integers(min_value=20, max_value=2_000),
    st.integers(min_value=20, max_value=2_000),
)


@given(others=st.fixed_dictionaries({k: levels for k in GOVERNANCE_NEEDS
                                     if k != "key_management"}),
       n=st.integers(min_value=1, max_value=60))
def test_a_need_automation_meets_never_makes_governance(others: dict[str, str], n: int) -> None:
    """Central keys required (a secret manager meets them) never by itself make the need
    governance: only a required need that no option short of a gateway meets does."""
    text = (f"organisation: {{services: {n}}}\n"
            + _needs_yaml({**others, "key_management": "required"}, {}))
    _, d = _decide(text)
    gateway_only = any(level == "required" for level in others.values())
    assert d.criteria.need.kind == ("governance" if gateway_only else "convenience")
    assert "key_management" in d.criteria.need.met_by_automation
    assert "key_management" not in d.criteria.need.gateway_only
    if not gateway_only:
        assert d.rule.startswith("convenience-")


@given(text=scenarios, strategic=st.booleans(), quote=st.sampled_from([None, 500, 200_000]))
def test_build_only_when_all_three_walls_stand_against_buying(
        text: str, strategic: bool, quote: int | None) -> None:
    """`build` is never the verdict unless compliance, cost and customization all stand against
    buying (the essay's letter), and self-hosting then costs more."""
    extra = [f"buy.strategic={str(strategic).lower()}"]
    if quote is not None:
        extra.append(f"buy.quote={quote}")
    options, d = _decide(text, *extra)
    if d.option == "build":
        walls = d.criteria.buy_walls
        assert walls.compliance and walls.cost and walls.customization, walls.standing
        assert options["build"].total < options["self_host"].total


@given(text=scenarios, need=st.sampled_from(list(GOVERNANCE_NEEDS)))
def test_a_required_need_never_lowers_builds_total(text: str, need: str) -> None:
    """Building must implement every required need: requiring one more never makes it cheaper."""
    before = _costs(text, f"needs.governance.{need}=no")["build"].total
    after = _costs(text, f"needs.governance.{need}=required")["build"].total
    assert after >= before * (1 - 1e-12)


@given(text=scenarios, compatible=st.booleans())
def test_a_provider_carrying_no_traffic_never_lowers_any_total(text: str,
                                                              compatible: bool) -> None:
    """Another provider with no calls of its own (a fallback kept ready) only adds keys, SDKs
    and adapters: no option gets cheaper."""
    two = "providers: {in_use: [{name: a, fallbacks: [b]}, {name: b}]}\n"
    three = ("providers: {in_use: [{name: a, fallbacks: [b]}, {name: b}, {name: c, share: 0, "
             f"openai_compatible: {str(compatible).lower()}}}]}}\n")
    before, after = _costs(text + two), _costs(text + three)
    for key in before:
        assert after[key].total >= before[key].total * (1 - 1e-12), key


def test_a_fallback_to_a_provider_not_in_use_is_refused_at_its_line() -> None:
    from gateway_roi.errors import InvalidScenarioError

    text = "providers:\n  in_use:\n    - name: a\n      fallbacks: [b, zed]\n    - name: b\n"
    try:
        load_scenario_text(text, "team.yaml")
    except InvalidScenarioError as exc:
        (problem,) = exc.problems
        assert (problem.line, problem.field) == (4, "providers.in_use.0.fallbacks.1")
        assert "'zed' of a is not a provider in use" in problem.message
    else:
        raise AssertionError("a fallback to a provider not in use was accepted")


# What a rule allows: the stricter of two comparable rules (in each of the two).
_STRICTER_PROVIDERS = [("allowed", "redacted"), ("redacted", "in_house"), ("allowed", "in_house")]
_STRICTER_GATEWAY = [("allowed", "under_contract"), ("allowed", "redacted"),
                     ("under_contract", "not_allowed"), ("redacted", "not_allowed"),
                     ("allowed", "not_allowed")]


@given(text=scenarios, pair=st.sampled_from(_STRICTER_GATEWAY),
       providers=st.sampled_from(("allowed", "redacted")))
def test_a_stricter_gateway_rule_never_lowers_a_feasible_options_total(
        text: str, pair: tuple[str, str], providers: str) -> None:
    """What a third-party gateway may see, made stricter: no option that stays feasible costs
    less (an option the stricter rule walls off has no price anyone pays)."""
    base = f"needs.data.providers={providers}"
    loose = _costs(text, base, f"needs.data.third_party_gateway={pair[0]}")
    strict = _costs(text, base, f"needs.data.third_party_gateway={pair[1]}")
    for key, o in strict.items():
        if o.feasible:
            assert o.total >= loose[key].total * (1 - 1e-12), (key, pair)


@given(text=scenarios, pair=st.sampled_from(_STRICTER_PROVIDERS))
def test_a_stricter_providers_rule_never_lowers_a_feasible_options_total(
        text: str, pair: tuple[str, str]) -> None:
    """What providers may see, made stricter (every provider run in-house, so in_house is
    allowed): no option that stays feasible costs less."""
    own = "providers: {in_use: [{name: a, self_hosted: true}, {name: b, self_hosted: true}]}\n"
    loose = _costs(text + own, f"needs.data.providers={pair[0]}")
    strict = _costs(text + own, f"needs.data.providers={pair[1]}")
    for key, o in strict.items():
        if o.feasible:
            assert o.total >= loose[key].total * (1 - 1e-12), (key, pair)


@given(text=scenarios)
def test_a_recommended_option_is_never_described_as_ruled_out(text: str) -> None:
    """The verdict's option is feasible: a need no gateway covers is a line of work by hand,
    never "ruled out"."""
    options, d = _decide(text)
    assert options[d.option].feasible, (d.rule, options[d.option].infeasible_reason)


@given(text=scenarios, need=st.sampled_from(("audit_trail", "compliance")))
def test_a_hard_need_never_turns_a_gateway_verdict_into_direct(text: str, need: str) -> None:
    """Making a hard legal need required never moves a gateway verdict back to `direct`.

    Compliance walls off buying; a team without a 24x7 platform rotation then has no gateway it
    can run at all (``governance-no-runnable-gateway``), so for compliance the property is asked
    of teams that can run one.
    """
    _, before = _decide(text)
    if before.option not in GATEWAYS:
        return
    if need == "compliance" and before.criteria.ops_capacity.level != "stock":
        return
    _, after = _decide(text, f"needs.governance.{need}=required")
    assert after.option != "direct", (before.rule, after.rule)
    assert after.option in GATEWAYS


def test_provider_outages_are_shown_apart_as_the_cost_no_choice_changes() -> None:
    """Every total holds the provider outages alike; the JSON, the panel and the record say
    how much, so a reader compares options by what the choice changes."""
    import json
    import re
    from pathlib import Path

    from typer.testing import CliRunner

    from gateway_roi.app import app

    def run(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})
        return result.exit_code, result.stdout, result.stderr

    path = Path(__file__).resolve().parent.parent / "scenarios" / "rotation-pain-mid-size.yaml"
    code, out, _ = run("evaluate", str(path), "--format", "json", "--draws", "0")
    assert code == 0
    options = json.loads(out)["scenarios"][0]["options"]
    outages = {o["id"]: next(ln["total"] for ln in o["lines"] if ln["shared"]) for o in options}
    assert len(set(outages.values())) == 1, outages
    common = next(iter(outages.values()))
    for o in options:
        assert o["shared"] == common
        assert abs(o["own_total"] - (o["total"] - common)) < 0.02
    code, text, _ = run("evaluate", str(path), "--draws", "0")
    assert code == 0
    chosen = json.loads(out)["scenarios"][0]["recommendation"]["option"]
    total = next(o["total"] for o in options if o["id"] == chosen)
    said = re.search(r"includes ([\d,]+) of provider outages.*?\((\d+)% of (\w+)'s total\)",
                     " ".join(text.split()))
    assert said, text
    assert said.group(1) == f"{common:,.0f}"
    assert int(said.group(2)) == round(100 * common / total)
    assert said.group(3) == chosen
    code, record, _ = run("report", str(path), "--draws", "0")
    assert code == 0
    assert f"${common:,.0f} of expected provider outages" in record
