"""Cost model: every line's formula and kind pinned against hand-computed numbers.

The scenario below is chosen so every figure is round; expected amounts are written out as the
arithmetic of each line's formula (from the scenario's own numbers), never computed by calling
the model.
"""

from __future__ import annotations

import pytest

from gateway_roi.errors import InvalidScenarioError
from gateway_roi.files.loading import load_scenario_text
from gateway_roi.model.assumptions import ASSUMPTIONS, REGIONAL_LABOUR
from gateway_roi.model.cost_lines import KINDS, CostLine, OptionCosts
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.facts import bundled_facts
from gateway_roi.model.inputs import ModelInputs, resolve_inputs
from gateway_roi.options import OPTION_IDS

# Round numbers: 10 services (constant), 2 environments, 2 providers (alpha falls back to beta;
# beta is not OpenAI-compatible, so the non-compatible multiplier is 1 + 1/2 x (3 - 1) = 2),
# 100 per engineer hour, 120 per platform hour, no discounting, no growth, 12 months.
ROUND = """
name: Round numbers
horizon_months: 12
discount_rate: 0
organisation:
  services: 10
  services_added_per_year: 0
  environments: [dev, prod]
  monthly_requests: 1000000
  monthly_provider_spend: 10000
  traffic_growth_per_year: 0
providers:
  in_use:
    - name: alpha
      fallbacks: [beta]
    - name: beta
      openai_compatible: false
  new_per_year: 6
  new_models_per_year: 12
team:
  engineer_hour_cost: 100
  platform_hour_cost: 120
  platform_team: true
  on_call_24x7: false
operations:
  key_rotations_per_year: 12
  hours_per_rotation: 1
  onboarding_hours_per_service: 10
  fallback_hours_per_service: 40
  services_missing_fallback: 6
  monitoring_setup_hours_per_service: 20
  monitoring_upkeep_hours_per_service_month: 2
reliability:
  provider_availability: 0.9
  downtime_cost_per_service_hour: 10
buy:
  vendor: portkey
assumptions:
  extra_key_minutes: 30
  sdk_upkeep_hours_per_provider_year: 6
  non_compatible_factor: 3
  new_provider_non_compatible_share: 0.5
  model_switch_hours_per_service: 2
  adoption_share: 0.5
  automate_build_hours: 100
  automate_adoption_hours_per_service: 5
  secret_rotation_minutes_per_key: 6
  secret_manager_cost_per_secret_month: 0.5
  automate_upkeep_hours_per_month: 10
  library_upkeep_hours_per_provider_month: 1
  library_releases_per_year: 12
  library_rollout_hours_per_service: 0.5
  library_lag_blocked_share: 0.1
  lag_workaround_hours: 10
  library_bypass_share: 0.1
  bypass_upkeep_hours_per_month: 5
  monitoring_upkeep_hours_gateway: 3
  library_adapter_hours: 4
  config_hours_per_service: 1
  gateway_integration_hours_per_service: 3
  vendor_admin_hours_per_month: 5
  lag_blocked_share: 0.5
  bypass_share: 0.2
  hosted_gateway_latency_ms: 30
  self_hosted_latency_ms: 5
  latency_loss_per_ms: 0.0001
  interactive_share: 0.5
  vendor_exit_rate_per_year: 0.12
  migration_hours_per_service: 4
  compliance_review_hours: 40
  vendor_availability: 0.999
  self_host_availability: 0.995
  build_availability: 0.99
  self_host_setup_hours: 100
  readiness_hours: 80
  instance_cost_per_month: 150
  instance_requests_per_second: 200
  peak_to_average: 5
  min_replicas: 2
  database_cost_per_month: 200
  cache_cost_per_month: 100
  log_kb_per_request: 2
  log_retention_months: 5
  storage_cost_per_gb_month: 0.2
  capacity_planning_hours_per_month: 4
  upgrades_per_year: 12
  upgrade_hours: 8
  security_upkeep_hours_per_month: 4
  security_hardening_hours: 40
  monitoring_setup_hours_gateway: 30
  oncall_stipend_per_week: 600
  oncall_rotation_size: 8
  oncall_readiness_hours_per_person_month: 4
  existing_rotation_added_hours_per_month: 4
  secondary_oncall_share: 0.5
  gateway_incidents_per_year: 6
  incident_hours: 6
  global_incidents_per_year: 12
  global_incident_hours: 1
  build_core_hours: 400
  build_fallback_hours: 20
  build_adapter_hours_compatible: 10
  build_adapter_hours_native: 100
  build_provider_upkeep_hours_compatible: 2
  build_provider_upkeep_hours_native: 8
  build_feature_hours_per_month: 16
"""

MONTHS = 12
# Per call: alpha falls back to beta, 1 - 0.1^2 = 0.99; beta alone 0.9; averaged 0.945.
PROVIDER_DOWN = 1 - (0.99 + 0.9) / 2  # 0.055 of the time
STIPEND_MONTH = 600 * 52 / 12  # 2,600 a month



def _inputs(text: str = ROUND, overrides: tuple[str, ...] = ()) -> ModelInputs:
    return resolve_inputs(load_scenario_text(text, overrides=list(overrides)))


def _costs(text: str = ROUND, overrides: tuple[str, ...] = ()) -> dict[str, OptionCosts]:
    return compute_costs(_inputs(text, overrides))


def _only_line(options: dict[str, OptionCosts], option: str, line_id: str) -> CostLine:
    matches = [line for line in options[option].lines if line.id == line_id]
    assert len(matches) == 1, f"{option} should have exactly one {line_id!r} line"
    return matches[0]


def _assert_months(actual: tuple[float, ...], expected: list[float]) -> None:
    assert len(actual) == len(expected)
    for m, (a, e) in enumerate(zip(actual, expected, strict=True)):
        assert a == pytest.approx(e, rel=1e-9, abs=1e-9), f"month {m}: {a} != {e}"


def _at_start(amount: float) -> list[float]:
    return [amount] + [0.0] * (MONTHS - 1)


def _flat(amount: float) -> list[float]:
    return [amount] * MONTHS


def _onboarding(gateway_side_hours: float) -> list[float]:
    """(6 providers x (gateway-side h + 10 services x 0.5 x 1 h) + 12 models x 10 x 0.5 x 1 h)
    / 12 x 100: a new provider once in the library or gateway, then config in each service."""
    return _flat((6 * (gateway_side_hours + 10 * 0.5 * 1) + 12 * 10 * 0.5 * 1) / 12 * 100)


@pytest.fixture(scope="module")
def options() -> dict[str, OptionCosts]:
    return _costs()


# (option, line id, kind, monthly amounts): each amount is the line's formula with ROUND's numbers.
LINES: list[tuple[str, str, str, list[float]]] = [
    # --- direct ---
    # (6 services missing fallback now + 0 new) x 40 h x 100
    ("direct", "fallback", "per_event", _at_start(6 * 40 * 100)),
    # 12/12 rotations x 10 services x 2 envs x (1 h + 1 further key x 30 min / 60) x 100
    ("direct", "rotation", "per_event", _flat(12 / 12 * 10 * 2 * (1 + 1 * 30 / 60) * 100)),
    # 10 services x 2 providers x 6 h/yr / 12 x multiplier 2 x 100
    ("direct", "sdk_upkeep", "per_event", _flat(10 * 2 * 6 / 12 * 2 * 100)),
    # (6 providers x 10 h x 2 + 12 models x 2 h) / 12 x 10 services x 0.5 adoption x 100
    ("direct", "onboarding", "per_event", _flat((6 * 10 * 2 + 12 * 2) / 12 * 10 * 0.5 * 100)),
    # only new services need it: none are added
    ("direct", "monitoring_setup", "per_event", _flat(0.0)),
    # 10 services x 2 h x 100
    ("direct", "monitoring_upkeep", "standing", _flat(10 * 2 * 100)),
    # 0.055 x 730 h x 10 services x 10 per service-hour
    ("direct", "provider_downtime", "per_event", _flat(PROVIDER_DOWN * 730 * 10 * 10)),
    # --- automate ---
    ("automate", "build", "up_front", _at_start(100 * 100)),
    ("automate", "adoption", "up_front", _at_start(10 * 5 * 100)),
    ("automate", "adoption_new", "per_event", _flat(0.0)),
    # 12/12 x 2 keys x 2 envs x 6 min / 60 x 100
    ("automate", "rotation", "per_event", _flat(12 / 12 * 2 * 2 * 6 / 60 * 100)),
    # 2 keys x 2 envs x 0.5 a secret
    ("automate", "secret_store", "standing", _flat(2 * 2 * 0.5)),
    # (6 x (4 h x 2 + 10 x 0.5 x 1 h) + 12 x 10 x 0.5 x 1 h) / 12 x 100
    ("automate", "onboarding", "per_event", _onboarding(4 * 2)),
    # (10 h + 2 providers x 1 h x 2) x 100
    ("automate", "upkeep", "standing", _flat((10 + 2 * 1 * 2) * 100)),
    # 12/12 releases x 10 services x 0.5 h x 100
    ("automate", "rollout", "per_event", _flat(12 / 12 * 10 * 0.5 * 100)),
    # (6 + 12) / 12 x 0.1 x 10 h x 100
    ("automate", "lag", "per_event", _flat((6 + 12) / 12 * 0.1 * 10 * 100)),
    # 10 services x 0.1 x 5 h x 100
    ("automate", "bypass", "standing", _flat(10 * 0.1 * 5 * 100)),
    ("automate", "monitoring", "standing", _flat(3 * 100)),
    ("automate", "provider_downtime", "per_event", _flat(PROVIDER_DOWN * 730 * 10 * 10)),
    # --- buy (Portkey: $49 with 100k logs, then $90 per million) ---
    ("buy", "fees", "standing", _flat(49 + (1_000_000 - 100_000) * 90 / 1e6)),
    ("buy", "vendor_admin", "standing", _flat(5 * 100)),
    ("buy", "integration", "up_front", _at_start(10 * 3 * 100)),
    ("buy", "integration_new", "per_event", _flat(0.0)),
    ("buy", "key_changes", "per_event", _flat(12 / 12 * 2 * 2 * 6 / 60 * 100)),
    # (6 x (0 h gateway-side + 10 x 0.5 x 1 h) + 12 x 10 x 0.5 x 1 h) / 12 x 100
    ("buy", "onboarding", "per_event", _onboarding(0)),
    ("buy", "lag", "per_event", _flat((6 + 12) / 12 * 0.5 * 10 * 100)),
    ("buy", "bypass", "standing", _flat(10 * 0.2 * 5 * 100)),
    # spend 10,000 x 30 ms x 0.0001 per ms x 0.5 interactive
    ("buy", "latency", "standing", _flat(10_000 * 30 * 0.0001 * 0.5)),
    ("buy", "provider_downtime", "per_event", _flat(PROVIDER_DOWN * 730 * 10 * 10)),
    # 0.12 a year / 12 x 10 services x 4 h x 100
    ("buy", "lock_in", "per_event", _flat(0.12 / 12 * 10 * 4 * 100)),
    ("buy", "compliance_review", "up_front", _at_start(0.0)),  # compliance is not a need
    # (1 - 0.999) x 730 h x 10 services x 10
    ("buy", "gateway_downtime", "standing", _flat((1 - 0.999) * 730 * 10 * 10)),
    # --- self_host ---
    ("self_host", "setup", "up_front", _at_start(100 * 120)),
    ("self_host", "readiness", "up_front", _at_start(80 * 120)),
    # peak 1M / 730 h / 3600 s x 5 = 1.9 rps < 200: min 2 replicas x 150 + 200 db + 100 cache
    ("self_host", "infrastructure", "standing", _flat(2 * 150 + 200 + 100)),
    # 1M requests x 2 KB / 1e6 KB per GB x 5 months x 0.2 per GB-month
    ("self_host", "log_storage", "standing", _flat(1_000_000 * 2 / 1e6 * 5 * 0.2)),
    ("self_host", "monitoring_upkeep", "standing", _flat(3 * 120)),
    ("self_host", "capacity", "standing", _flat(4 * 120)),
    ("self_host", "upgrades", "standing", _flat(12 / 12 * 8 * 120)),
    ("self_host", "security_upkeep", "standing", _flat(4 * 120)),
    # no 24x7 rotation yet: 600 a week x 52 / 12 + 8 people x 4 h x 120
    ("self_host", "on_call", "standing", _flat(STIPEND_MONTH + 8 * 4 * 120)),
    ("self_host", "incidents", "standing", _flat(6 / 12 * 6 * 120)),
    # 12 a year / 12 x 1 h x 10 services x 10: every service down at once
    ("self_host", "global_outages", "standing", _flat(12 / 12 * 1 * 10 * 10)),
    ("self_host", "integration", "up_front", _at_start(10 * 3 * 100)),
    ("self_host", "integration_new", "per_event", _flat(0.0)),
    # 12/12 x 2 envs x 3 h x 120 (platform hours: every change touches every service)
    ("self_host", "key_changes", "standing", _flat(12 / 12 * 2 * 3 * 120)),
    # gateway-side 1 h x multiplier 2 per new provider
    ("self_host", "onboarding", "per_event", _onboarding(1 * 2)),
    ("self_host", "lag", "per_event", _flat((6 + 12) / 12 * 0.5 * 10 * 100)),
    ("self_host", "bypass", "standing", _flat(10 * 0.2 * 5 * 100)),
    ("self_host", "latency", "standing", _flat(10_000 * 5 * 0.0001 * 0.5)),
    ("self_host", "provider_downtime", "per_event", _flat(PROVIDER_DOWN * 730 * 10 * 10)),
    ("self_host", "gateway_downtime", "standing", _flat((1 - 0.995) * 730 * 10 * 10)),
    # --- build ---
    ("build", "development", "up_front", _at_start(400 * 100)),
    ("build", "fallback_build", "up_front", _at_start(20 * 100)),
    # 2 providers x 4 h x multiplier 2 x 100
    # alpha speaks the OpenAI API (10 h), beta has its own (100 h)
    ("build", "adapters", "up_front", _at_start((10 + 100) * 100)),
    ("build", "monitoring_setup", "up_front", _at_start(30 * 120)),
    ("build", "security_setup", "up_front", _at_start(40 * 120)),
    ("build", "readiness", "up_front", _at_start(80 * 120)),
    ("build", "infrastructure", "standing", _flat(2 * 150 + 200 + 100)),
    ("build", "log_storage", "standing", _flat(1_000_000 * 2 / 1e6 * 5 * 0.2)),
    ("build", "monitoring_upkeep", "standing", _flat(3 * 120)),
    ("build", "capacity", "standing", _flat(4 * 120)),
    ("build", "features", "standing", _flat(16 * 100)),
    ("build", "keeping_up", "standing", _flat((2 + 8) * 100)),
    ("build", "security_upkeep", "standing", _flat(4 * 120)),
    ("build", "on_call", "standing", _flat(STIPEND_MONTH + 8 * 4 * 120)),
    ("build", "incidents", "standing", _flat(6 / 12 * 6 * 120)),
    ("build", "global_outages", "standing", _flat(12 / 12 * 1 * 10 * 10)),
    ("build", "integration", "up_front", _at_start(10 * 3 * 100)),
    ("build", "integration_new", "per_event", _flat(0.0)),
    ("build", "key_changes", "standing", _flat(12 / 12 * 2 * 3 * 120)),
    # gateway-side: half of tomorrow's providers OpenAI-compatible (10 h), half not (100 h)
    ("build", "onboarding", "per_event", _onboarding(0.5 * 10 + 0.5 * 100)),
    ("build", "lag", "per_event", _flat((6 + 12) / 12 * 0.5 * 10 * 100)),
    ("build", "bypass", "standing", _flat(10 * 0.2 * 5 * 100)),
    ("build", "latency", "standing", _flat(10_000 * 5 * 0.0001 * 0.5)),
    ("build", "provider_downtime", "per_event", _flat(PROVIDER_DOWN * 730 * 10 * 10)),
    ("build", "gateway_downtime", "standing", _flat((1 - 0.99) * 730 * 10 * 10)),
]


@pytest.mark.parametrize(("option", "line_id", "kind", "expected"), LINES,
                         ids=[f"{o}.{i}" for o, i, _, _ in LINES])
def test_line_formula_and_kind(options: dict[str, OptionCosts], option: str, line_id: str,
                               kind: str, expected: list[float]) -> None:
    """Each cost line pays its formula's amount in each month, under the kind the essay means."""
    line = _only_line(options, option, line_id)
    assert line.kind == kind
    _assert_months(line.monthly, expected)
    # No discounting: the line's total is the plain sum of its months.
    assert line.total == pytest.approx(sum(expected), rel=1e-9, abs=1e-9)


def test_every_line_is_pinned(options: dict[str, OptionCosts]) -> None:
    """No option carries a cost line this file does not pin (a new line needs its formula here)."""
    pinned = {(o, i) for o, i, _, _ in LINES}
    actual = {(key, line.id) for key, o in options.items() for line in o.lines}
    assert actual == pinned


def test_direct_total_by_hand(options: dict[str, OptionCosts]) -> None:
    """direct's total is its lines' amounts over 12 months, added up by hand."""
    monthly = 3000 + 2000 + 6000 + 2000 + PROVIDER_DOWN * 730 * 100
    assert options["direct"].total == pytest.approx(24_000 + 12 * monthly)
    assert options["direct"].up_front == 0
    assert options["direct"].standing == pytest.approx(12 * 2000)
    assert options["direct"].per_event == pytest.approx(24_000 + 12 * (monthly - 2000))


def test_automate_kinds_by_hand(options: dict[str, OptionCosts]) -> None:
    """automate's up-front, per-event and standing sums are its lines of each kind, by hand."""
    a = options["automate"]
    assert a.up_front == pytest.approx(10_000 + 5_000)
    assert a.per_event == pytest.approx(12 * (40 + 1150 + 500 + 150 + PROVIDER_DOWN * 730 * 100))
    assert a.standing == pytest.approx(12 * (2 + 1400 + 500 + 300))


@pytest.mark.parametrize("overrides", [(), ("discount_rate=0.1",),
                                       ("organisation.services_added_per_year=6",
                                        "organisation.traffic_growth_per_year=0.5")])
def test_totals_are_sums_of_lines_and_kinds(overrides: tuple[str, ...]) -> None:
    """Each option's total is the sum of its lines, and also up_front + per_event + standing."""
    for o in _costs(ROUND, overrides).values():
        assert o.total == pytest.approx(sum(line.total for line in o.lines))
        assert o.up_front + o.per_event + o.standing == pytest.approx(o.total)
        for kind in KINDS:
            assert getattr(o, kind) == pytest.approx(
                sum(line.total for line in o.lines if line.kind == kind))
        assert {line.kind for line in o.lines} <= set(KINDS)
        assert o.cumulative[-1] == pytest.approx(o.total)
        assert o.cumulative_from_start[0] == pytest.approx(
            sum(line.monthly[0] for line in o.lines if line.kind == "up_front"))


def test_new_services_lines_follow_growth() -> None:
    """Services added over time pay their own adoption, integration, fallback and monitoring."""
    # 12 services a year: one more each month from month 1; services in month m: 10 + m.
    got = _costs(ROUND, ("organisation.services_added_per_year=12",))
    new = [0.0] + [1.0] * (MONTHS - 1)
    _assert_months(_only_line(got, "automate", "adoption_new").monthly, [n * 5 * 100 for n in new])
    _assert_months(_only_line(got, "buy", "integration_new").monthly, [n * 3 * 100 for n in new])
    _assert_months(_only_line(got, "direct", "monitoring_setup").monthly,
                   [n * 20 * 100 for n in new])
    _assert_months(_only_line(got, "direct", "fallback").monthly,
                   [6 * 40 * 100] + [1 * 40 * 100] * (MONTHS - 1))
    _assert_months(_only_line(got, "direct", "rotation").monthly,
                   [(10 + m) * 2 * 1.5 * 100 for m in range(MONTHS)])
    _assert_months(_only_line(got, "self_host", "global_outages").monthly,
                   [(10 + m) * 10 for m in range(MONTHS)])


def test_fallback_free_without_chains() -> None:
    """With no fallback chains declared, direct has no fallback logic to write."""
    text = ROUND.replace("      fallbacks: [beta]\n", "")
    _assert_months(_only_line(_costs(text), "direct", "fallback").monthly, _flat(0.0))


def test_on_call_with_an_existing_rotation() -> None:
    """A team already on 24x7 pays the rotation's extra toil and half a paid secondary slot."""
    got = _costs(ROUND, ("team.on_call_24x7=true",))
    # 4 h x 120 + 0.5 x 600 a week x 52 / 12
    _assert_months(_only_line(got, "self_host", "on_call").monthly,
                   _flat(4 * 120 + 0.5 * STIPEND_MONTH))


def test_infrastructure_replicas_follow_peak_traffic() -> None:
    """Peak traffic beyond two instances' capacity adds instances."""
    # 1,051.2M requests / 730 h / 3600 s x 5 = 2,000 rps peak: 10 instances of 200 rps
    got = _costs(ROUND, ("organisation.monthly_requests=1051200000",))
    _assert_months(_only_line(got, "self_host", "infrastructure").monthly,
                   _flat(10 * 150 + 200 + 100))
    # logs grow with requests: 1,051.2M x 2 KB / 1e6 x 5 months x 0.2
    _assert_months(_only_line(got, "self_host", "log_storage").monthly,
                   _flat(1_051_200_000 * 2 / 1e6 * 5 * 0.2))


def test_compliance_review_when_compliance_matters() -> None:
    """A SaaS gateway's data-egress review is paid once, up front, when compliance matters."""
    got = _costs(ROUND, ("needs.governance.compliance=nice",))
    line = _only_line(got, "buy", "compliance_review")
    assert line.kind == "up_front"
    _assert_months(line.monthly, _at_start(40 * 100))


def test_traffic_compounds_monthly() -> None:
    """Requests and spend compound monthly: the latency line grows by 1.44^(m/12) a month."""
    got = _costs(ROUND, ("organisation.traffic_growth_per_year=0.44",))
    _assert_months(_only_line(got, "buy", "latency").monthly,
                   [10_000 * 1.44 ** (m / 12) * 30 * 0.0001 * 0.5 for m in range(MONTHS)])


def test_present_value_discounting() -> None:
    """At 10% a year, month m is worth 1.1^(-m/12); month 0 is not discounted."""
    got = _costs(ROUND, ("discount_rate=0.1",))
    factors = [1.1 ** (-m / 12) for m in range(MONTHS)]
    upkeep = _only_line(got, "direct", "monitoring_upkeep")
    _assert_months(upkeep.monthly, _flat(2000))  # the amounts themselves are not discounted
    assert upkeep.total == pytest.approx(sum(2000 * f for f in factors))
    build = _only_line(got, "automate", "build")
    assert build.total == pytest.approx(10_000)
    assert got["direct"].cumulative[0] == pytest.approx(sum(
        line.monthly[0] for line in got["direct"].lines))
    assert got["direct"].cumulative[1] - got["direct"].cumulative[0] == pytest.approx(
        sum(line.monthly[1] for line in got["direct"].lines) * 1.1 ** (-1 / 12))


def test_breakeven_month_by_hand() -> None:
    """Break-even is the first month from which an option's cumulative cost stays <= direct's."""
    # No fallback to write: direct pays 17,015 every month (3,000 + 2,000 + 6,000 + 2,000 +
    # 4,015). automate pays 15,000 up front plus 8,057 a month (40 + 2 + 1,150 + 1,400 + 500 +
    # 150 + 500 + 300 + 4,015): cumulative 23,057 > 17,015 after month 1, 31,114 <= 34,030 after
    # month 2, and below from then on.
    got = _costs(ROUND, ("operations.services_missing_fallback=0",))
    assert got["direct"].cumulative[0] == pytest.approx(17_015)
    assert got["automate"].cumulative[:2] == pytest.approx((23_057, 31_114))
    assert got["automate"].breakeven_month == 2


def test_breakeven_none_when_never_below_direct() -> None:
    """An option that stays dearer than direct every month has no break-even month."""
    got = _costs(ROUND, ("operations.services_missing_fallback=0",))
    # build pays 70,600 up front and ~18,790 a month, more than direct's 17,015.
    assert got["build"].breakeven_month is None
    assert got["direct"].breakeven_month is None  # direct is the baseline itself


def test_breakeven_must_stay_below() -> None:
    """A month in which the option is cheaper but later overtaken does not count as break-even."""
    got = _costs(ROUND)
    for o in got.values():
        if o.breakeven_month is None or o.id == "direct":
            continue
        m = o.breakeven_month
        for mine, theirs in zip(o.cumulative[m - 1:], got["direct"].cumulative[m - 1:],
                                strict=True):
            assert mine <= theirs + 1e-9
        if m > 1:
            assert o.cumulative[m - 2] > got["direct"].cumulative[m - 2]


# --- vendors and open-source gateways chosen by capability ---------------------------------

CHEAP = """
horizon_months: 12
discount_rate: 0
organisation:
  services: 10
  services_added_per_year: 0
  monthly_requests: 100000
  monthly_provider_spend: 50
  traffic_growth_per_year: 0
"""


def _plan_total(extra: tuple[str, ...], vendor: str, plan: str) -> float:
    return _costs(CHEAP, (*extra, f"buy.vendor={vendor}", f"buy.plan={plan}"))["buy"].total


def test_auto_vendor_is_the_cheapest_plan_without_requirements() -> None:
    """With nothing required, `buy.vendor: auto` prices a plan no other plan undercuts."""
    buy = _costs(CHEAP)["buy"]
    assert buy.feasible
    cheapest = min(_plan_total((), p.id, plan)
                   for p in bundled_facts().saas() for plan in p.plans)
    assert buy.total == pytest.approx(cheapest)


@pytest.mark.parametrize("requirement", ["needs.routing.user_tier=required",
                                         "needs.governance.audit_trail=required"])
def test_auto_vendor_meets_every_required_need_and_routing(requirement: str) -> None:
    """`auto` skips cheaper plans that cannot do what is required and prices one that can,
    the cheapest of those."""
    buy = _costs(CHEAP, (requirement,))["buy"]
    assert buy.feasible and not buy.gaps and not buy.unmet_routing
    capable = [_costs(CHEAP, (requirement, f"buy.vendor={p.id}", f"buy.plan={plan}"))["buy"]
               for p in bundled_facts().saas() for plan in p.plans]
    assert buy.total == pytest.approx(min(o.total for o in capable if o.feasible))


def test_chosen_vendor_without_capability_is_infeasible() -> None:
    """A vendor chosen in the scenario that cannot route as required makes buy infeasible."""
    buy = _costs(CHEAP, ("buy.vendor=openrouter", "needs.routing.user_tier=required"))["buy"]
    assert buy.unmet_routing == ("user_tier",)
    assert not buy.feasible
    assert "cannot express the required routing: user_tier" in buy.infeasible_reason


def test_quote_replaces_the_published_price() -> None:
    """`buy.quote` is the monthly fee, whatever the preset publishes."""
    buy = _costs(CHEAP, ("buy.vendor=truefoundry", "buy.quote=1000"))["buy"]
    fees = _only_line({"buy": buy}, "buy", "fees")
    assert fees.kind == "standing"
    _assert_months(fees.monthly, _flat(1000.0))
    assert "quote" in fees.formula
    assert not buy.quote_needed


def test_traffic_beyond_published_pricing_needs_a_quote() -> None:
    """Beyond Portkey Production's published 3M requests a month the fee is an estimate."""
    chosen = ("buy.vendor=portkey", "buy.plan=production")
    within = _costs(CHEAP, (*chosen, "organisation.monthly_requests=500000"))["buy"]
    assert not within.quote_needed
    # $49 with 100k requests included, then $9 per 100k ($90 per million)
    _assert_months(_only_line({"buy": within}, "buy", "fees").monthly,
                   _flat(49 + (500_000 - 100_000) * 90 / 1e6))
    beyond = _costs(CHEAP, (*chosen, "organisation.monthly_requests=5000000"))["buy"]
    assert beyond.quote_needed
    fees = _only_line({"buy": beyond}, "buy", "fees")
    # the last published rate (90 per million) carried on beyond 3M
    _assert_months(fees.monthly, _flat(49 + (5_000_000 - 100_000) * 90 / 1e6))
    assert "QUOTE NEEDED" in fees.note


def test_a_plan_priced_only_by_an_aggregator_is_marked_unverified() -> None:
    """TrueFoundry's prices come from no TrueFoundry page: the fee says so."""
    buy = _costs(CHEAP, ("buy.vendor=truefoundry", "buy.plan=pro"))["buy"]
    assert buy.quote_needed
    assert "UNVERIFIED" in _only_line({"buy": buy}, "buy", "fees").note


@pytest.mark.parametrize(("requirements", "gateway"), [
    ((), "litellm"),
    (("needs.routing.cost_budget=required",), "litellm"),
    (("needs.governance.audit_trail=required",), "litellm"),
    (("needs.governance.rate_limits=required", "needs.routing.user_tier=required"), "litellm"),
])
def test_auto_gateway_meets_the_requirements(requirements: tuple[str, ...], gateway: str) -> None:
    """`self_host.gateway: auto` picks an open-source gateway that can do what is required."""
    sh = _costs(CHEAP, requirements)["self_host"]
    assert sh.product == gateway
    assert sh.feasible and not sh.gaps and not sh.unmet_routing


def test_what_an_open_source_gateway_lacks_the_team_adds_and_pays_for() -> None:
    """Higress neither routes by cost budget nor keeps an audit trail: self-hosting it means
    building both in (the same hours as building them into an in-house gateway), then keeping
    them working; it stays feasible."""
    chosen = ("self_host.gateway=higress", "needs.routing.cost_budget=required",
              "needs.governance.audit_trail=required")
    sh = _costs(CHEAP, chosen)["self_host"]
    assert sh.product == "higress" and sh.feasible
    assert sh.added == ("audit_trail", "routing.cost_budget")
    mi = _inputs(CHEAP, chosen)
    v = mi.values
    hours = v["build_hours_audit_trail"] + v["build_routing_hours_cost_budget"]
    built = _only_line({"self_host": sh}, "self_host", "added_build")
    assert built.kind == "up_front"
    assert built.total == pytest.approx(hours * v["engineer_hour_cost"])
    upkeep = _only_line({"self_host": sh}, "self_host", "added_upkeep")
    _assert_months(upkeep.monthly, _flat(v["build_upkeep_audit_trail"] * v["engineer_hour_cost"]))
    plain = _costs(CHEAP, ("self_host.gateway=higress",))["self_host"]
    assert sh.total > plain.total


def test_region_routing_self_hosts_litellms_open_source_tag_routing() -> None:
    """LiteLLM's region routing is deprecated for tag routing, which needs no licence."""
    sh = _costs(CHEAP, ("needs.routing.region=required",))["self_host"]
    assert (sh.product, sh.plan) == ("litellm", "community")
    assert sh.unmet_routing == () and sh.feasible
    assert not any(line.id == "licence" for line in sh.lines)


# --- currency, region and defaults ----------------------------------------------------------

def _currency(currency: str, rate: float, *extra: str) -> ModelInputs:
    return _inputs(CHEAP + f"currency: {currency}\nusd_rate: {rate}\n" + "".join(extra))


@pytest.mark.parametrize(("currency", "engineer", "platform"), [
    ("CNY", 174, 196), ("EUR", 50, 56)])
def test_regional_labour_defaults(currency: str, engineer: float, platform: float) -> None:
    """A CNY or EUR team without its own engineer hour gets its region's figure, not USD x rate."""
    rate = 7.2 if currency == "CNY" else 0.9
    mi = _currency(currency, rate)
    assert mi.values["engineer_hour_cost"] == engineer
    assert mi.values["platform_hour_cost"] == platform
    assert mi.values["engineer_hour_cost"] != pytest.approx(96 * rate)
    assert mi.values["platform_hour_cost"] != pytest.approx(108 * rate)
    assert mi.inputs["engineer_hour_cost"].source.startswith(f"{currency} region:")
    assert REGIONAL_LABOUR["engineer_hour_cost"][currency].value == engineer


def test_currency_without_regional_labour_is_refused() -> None:
    """A GBP scenario without its engineer hour is refused, naming team.engineer_hour_cost."""
    with pytest.raises(InvalidScenarioError, match=r"team\.engineer_hour_cost"):
        _inputs(CHEAP + "currency: GBP\nusd_rate: 0.8\n")
    mi = _inputs(CHEAP + "currency: GBP\nusd_rate: 0.8\nteam:\n  engineer_hour_cost: 60\n")
    assert mi.values["engineer_hour_cost"] == 60


def test_prices_convert_at_the_exchange_rate() -> None:
    """Instances, vendor fees and the secret manager are USD prices: x usd_rate."""
    mi = _currency("EUR", 0.5, "buy:\n  vendor: cloudflare\n  plan: workers_paid\n")
    assert mi.values["instance_cost_per_month"] == pytest.approx(140 * 0.5)
    assert mi.values["secret_manager_cost_per_secret_month"] == pytest.approx(0.40 * 0.5)
    assert mi.values["database_cost_per_month"] == pytest.approx(200 * 0.5)
    fees = _only_line(compute_costs(mi), "buy", "fees")
    _assert_months(fees.monthly, _flat(5 * 0.5))


def test_platform_hour_follows_a_given_engineer_hour() -> None:
    """A team that gives its engineer hour gets platform hours at x 1.125 (108 / 96)."""
    assert ASSUMPTIONS["platform_hour_cost"].value / ASSUMPTIONS["engineer_hour_cost"].value == 1.125
    mi = _inputs(CHEAP + "team:\n  engineer_hour_cost: 80\n")
    assert mi.values["platform_hour_cost"] == pytest.approx(80 * 1.125)
    cny = _currency("CNY", 7.2, "team:\n  engineer_hour_cost: 200\n")
    assert cny.values["platform_hour_cost"] == pytest.approx(200 * 1.125)


def test_whole_outage_cost_is_shared_by_the_services() -> None:
    """`downtime_cost_per_hour` (every service down) is what a whole outage costs, however many
    services there are; an outage of one provider costs its share of it."""
    mi = _inputs(CHEAP + "reliability:\n  downtime_cost_per_hour: 1000\n")
    assert mi.values["downtime_cost_per_hour"] == 1000
    assert mi.inputs["downtime_cost_per_hour"].field == "reliability.downtime_cost_per_hour"
    got = compute_costs(mi)
    gateway = _only_line(got, "self_host", "gateway_downtime")
    assert "downtime_cost_per_hour" in gateway.inputs
    # self_host's gateway downtime: (1 - 0.999) x 730 h x the whole-outage 1,000 per hour
    _assert_months(gateway.monthly, _flat((1 - 0.999) * 730 * 1000))


def test_inputs_keep_full_precision() -> None:
    """An availability of 0.9995 stays 0.9995 in the inputs the JSON reports (not 1.0)."""
    mi = _inputs(CHEAP + "reliability:\n  provider_availability: 0.9995\n")
    assert mi.inputs["provider_availability"].value == 0.9995
    assert mi.inputs["provider_availability"].origin == "scenario"


def test_every_line_input_is_known(options: dict[str, OptionCosts]) -> None:
    """Every input a line names has a value and a provenance the record can show."""
    mi = _inputs()
    for o in options.values():
        for line in o.lines:
            for name in line.inputs:
                assert name in mi.inputs and name in mi.values, (o.id, line.id, name)


def test_options_in_order(options: dict[str, OptionCosts]) -> None:
    """The five options come in the documented order."""
    assert tuple(options) == OPTION_IDS


@pytest.mark.parametrize("draws", [0, 50])
def test_plans_sharing_a_schedule_cost_what_each_costs_alone(draws: int) -> None:
    """Plans priced in one evaluation share the sums of a schedule they have in common (one
    vendor's plans that differ by their base fee): each plan's fees are still, number for
    number, those it comes to priced alone, for one evaluation and for draws."""
    import numpy as np

    from gateway_roi.model.cost_lines import Timeline
    from gateway_roi.model.products import fee_lines, offers

    scenario = load_scenario_text(
        "name: s\norganisation: {services: 12, monthly_requests: {low: 2000000, likely: "
        "9000000, high: 40000000}}\n", "s.yaml")
    pick = None
    if draws:
        rng = np.random.default_rng(1)
        pick = lambda r: r.likely if r.is_fixed else rng.uniform(r.low, r.high, draws)  # noqa: E731
    mi = resolve_inputs(scenario, pick=pick)
    tl = Timeline(mi, detail=True)
    plans = [o for o in offers(mi.facts, "saas") if o.price_basis != "quote"]
    sums: dict = {}
    for offer in plans:
        args = (offer, tl.requests, tl.spend, mi.usd_rate)
        kw = {"models": 4.0, "gateways": 2.0, "log_kb_per_request": mi.values["log_kb_per_request"]}
        shared, alone = fee_lines(*args, **kw, sums=sums), fee_lines(*args, **kw)
        for a, b in zip(shared, alone, strict=True):
            assert a.id == b.id and a.formula == b.formula
            assert all(np.asarray(x).tobytes() == np.asarray(y).tobytes()
                       for x, y in zip(a.monthly, b.monthly, strict=True))
    assert len(sums) < 3 * len(plans)  # some schedule was shared
