"""Cost model: every line's formula pinned against hand-computed numbers, and the totals' rules.

The scenario below is chosen so every figure is round; expected amounts are written out as the
arithmetic of each line's formula, not computed by calling the model.
"""

from __future__ import annotations

import math

import pytest

from cli.assumptions import ASSUMPTIONS
from cli.costs import OPTION_IDS, ModelInputs, OptionCosts, compute_costs, resolve_inputs
from cli.loading import load_scenario_text

# Round numbers: 10 services (constant), 2 environments, 2 providers (one with a fallback, one
# not OpenAI-compatible), 100 per engineer hour, no discounting, no traffic growth, 12 months.
ROUND = """
name: Round numbers
horizon_months: 12
discount_rate: 0
organisation:
  services: 10
  services_added_per_year: 0
  environments: [dev, prod]
  monthly_requests: 300000
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
operations:
  key_rotations_per_year: 12
  hours_per_rotation: 1
  onboarding_hours_per_service: 10
  fallback_hours_per_service: 40
  services_missing_fallback: 6
  monitoring_setup_hours_per_service: 20
  monitoring_upkeep_hours_per_service_month: 2
reliability:
  provider_availability: 0.99
  downtime_cost_per_hour: 1000
buy:
  vendor: portkey
assumptions:
  non_compatible_factor: 3
  model_switch_hours_per_service: 2
  adoption_share: 0.5
  automate_build_hours: 100
  automate_adoption_hours_per_service: 5
  automate_upkeep_hours_per_month: 10
  secret_rotation_minutes_per_key: 6
  secret_manager_cost_per_secret_month: 0.5
  library_adapter_hours: 4
  config_hours_per_service: 1
  monitoring_upkeep_hours_gateway: 3
  monitoring_setup_hours_gateway: 30
  gateway_integration_hours_per_service: 3
  vendor_admin_hours_per_month: 5
  lag_blocked_share: 0.5
  lag_workaround_hours: 10
  bypass_share: 0.2
  bypass_upkeep_hours_per_month: 5
  hosted_gateway_latency_ms: 30
  self_hosted_latency_ms: 5
  latency_cost_per_ms_per_million_requests: 2
  vendor_exit_probability: 0.6
  migration_hours_per_service: 4
  compliance_review_hours: 40
  vendor_availability: 0.999
  self_host_availability: 0.995
  build_availability: 0.99
  self_host_setup_hours: 100
  instance_cost_per_month: 100
  database_cost_per_month: 200
  cache_cost_per_month: 100
  min_replicas: 2
  peak_to_average: 5
  instance_requests_per_second: 10
  capacity_planning_hours_per_month: 2
  upgrades_per_year: 12
  upgrade_hours: 10
  security_hardening_hours: 50
  security_upkeep_hours_per_month: 3
  oncall_stipend_per_week: 600
  oncall_rotation_size: 8
  oncall_readiness_hours_per_person_month: 5
  existing_rotation_added_hours_per_month: 4
  gateway_incidents_per_year: 12
  incident_hours: 5
  gateway_change_hours: 3
  build_initial_hours: 500
  build_feature_hours_per_month: 20
"""

MONTHS = 12
# Provider availability seen by a call: alpha has one fallback (1 - 0.01^2), beta none (0.99).
DOWNTIME_PROVIDERS = (1 - (0.9999 + 0.99) / 2) * 730 * 1000  # 3686.5 a month


def _costs(text: str = ROUND, overrides: tuple[str, ...] = ()) -> dict[str, OptionCosts]:
    return compute_costs(resolve_inputs(load_scenario_text(text, overrides=list(overrides))))


def _inputs(text: str = ROUND, overrides: tuple[str, ...] = ()) -> ModelInputs:
    return resolve_inputs(load_scenario_text(text, overrides=list(overrides)))


def _line(options: dict[str, OptionCosts], option: str, line_id: str) -> tuple[float, ...]:
    matches = [line for line in options[option].lines if line.id == line_id]
    assert len(matches) == 1, f"{option} should have exactly one {line_id!r} line"
    return matches[0].monthly


def _assert_months(actual: tuple[float, ...], expected: list[float]) -> None:
    assert len(actual) == len(expected)
    for m, (a, e) in enumerate(zip(actual, expected, strict=True)):
        assert a == pytest.approx(e, rel=1e-9, abs=1e-9), f"month {m}: {a} != {e}"


def _first_only(amount: float) -> list[float]:
    return [amount] + [0.0] * (MONTHS - 1)


def _flat(amount: float) -> list[float]:
    return [amount] * MONTHS


@pytest.fixture(scope="module")
def options() -> dict[str, OptionCosts]:
    return _costs()


# --- direct ------------------------------------------------------------------------------------


def test_direct_rotation_formula(options: dict[str, OptionCosts]) -> None:
    """Direct key rotation costs rotations/12 x services x environments x hours x hourly cost."""
    # 12/12 rotations x 10 services x 2 environments x 1 h x 100
    _assert_months(_line(options, "direct", "rotation"), _flat(12 / 12 * 10 * 2 * 1 * 100))


def test_direct_rotation_grows_with_services_added() -> None:
    """Direct key rotation costs more each month as new services start calling AI."""
    monthly = _line(_costs(overrides=("organisation.services_added_per_year=12",)),
                    "direct", "rotation")
    # services at month m = 10 + 12 * m / 12 = 10 + m
    _assert_months(monthly, [1 * (10 + m) * 2 * 1 * 100 for m in range(MONTHS)])


def test_direct_fallback_only_for_services_without_it(options: dict[str, OptionCosts]) -> None:
    """Fallback logic is written once, in month 0, for the services that do not have it yet."""
    # 6 services still missing fallback x 40 h x 100
    _assert_months(_line(options, "direct", "fallback"), _first_only(6 * 40 * 100))


def test_direct_fallback_for_new_services() -> None:
    """Each new service writes its own fallback in the month it arrives."""
    monthly = _line(_costs(overrides=("organisation.services_added_per_year=6",)),
                    "direct", "fallback")
    new = 6 / 12 * 40 * 100  # half a service a month
    _assert_months(monthly, [(10 - 4) * 40 * 100] + [new] * (MONTHS - 1))


def test_direct_fallback_free_without_chains() -> None:
    """Without declared fallback chains there is no fallback logic to pay for."""
    monthly = _line(_costs(overrides=("providers.in_use.0.fallbacks=[]",)), "direct", "fallback")
    _assert_months(monthly, _flat(0.0))


def test_direct_onboarding_formula(options: dict[str, OptionCosts]) -> None:
    """Direct onboarding pays per service for each new provider (slower if not compatible)."""
    multiplier = 1 + 1 / 2 * (3 - 1)  # half the providers are not OpenAI-compatible, factor 3
    per_month = (6 / 12 * 10 * multiplier + 12 / 12 * 2) * 10 * 0.5 * 100
    assert per_month == 6000
    _assert_months(_line(options, "direct", "onboarding"), _flat(per_month))


def test_direct_monitoring_lines(options: dict[str, OptionCosts]) -> None:
    """Today's services keep the monitoring they have; every service is kept up each month."""
    _assert_months(_line(options, "direct", "monitoring_setup"), [0.0] * 12)
    _assert_months(_line(options, "direct", "monitoring_upkeep"), _flat(10 * 2 * 100))


def test_direct_monitoring_setup_for_new_services() -> None:
    """Each new service sets up its own monitoring in the month it arrives."""
    monthly = _line(_costs(overrides=("organisation.services_added_per_year=6",)),
                    "direct", "monitoring_setup")
    _assert_months(monthly, [0.0] + [6 / 12 * 20 * 100] * 11)


def test_provider_downtime_counts_fallbacks(options: dict[str, OptionCosts]) -> None:
    """Provider downtime is (1 - availability with fallbacks) x 730 h x cost of an hour down."""
    assert DOWNTIME_PROVIDERS == pytest.approx(3686.5)
    for option in OPTION_IDS:
        _assert_months(_line(options, option, "provider_downtime"), _flat(DOWNTIME_PROVIDERS))


# --- automate ----------------------------------------------------------------------------------


def test_automate_build_paid_in_month_zero_only(options: dict[str, OptionCosts]) -> None:
    """Building the automation is paid once, at the start."""
    _assert_months(_line(options, "automate", "build"), _first_only(100 * 100))


def test_automate_adoption_and_rotation(options: dict[str, OptionCosts]) -> None:
    """Automation moves each service once, then rotates keys in minutes without restarts."""
    _assert_months(_line(options, "automate", "adoption"), _first_only(10 * 5 * 100))
    # 12/12 rotations x 2 provider keys x 2 environments x 6/60 h x 100
    _assert_months(_line(options, "automate", "rotation"), _flat(1 * 2 * 2 * 6 / 60 * 100))
    _assert_months(_line(options, "automate", "secret_store"), _flat(2 * 2 * 0.5))


def test_automate_onboarding_upkeep_monitoring(options: dict[str, OptionCosts]) -> None:
    """Automation adds a provider once in the library, then configures each service."""
    # (6/12 x (4 h x 2 + 10 x 0.5 x 1 h) + 12/12 x 10 x 0.5 x 1 h) x 100
    _assert_months(_line(options, "automate", "onboarding"),
                   _flat((6 / 12 * (4 * 2 + 10 * 0.5 * 1) + 1 * 10 * 0.5 * 1) * 100))
    _assert_months(_line(options, "automate", "upkeep"), _flat(10 * 100))
    _assert_months(_line(options, "automate", "monitoring"), _flat(3 * 100))


# --- buy ---------------------------------------------------------------------------------------


def test_buy_portkey_fees(options: dict[str, OptionCosts]) -> None:
    """Portkey costs 49 a month plus 9 per extra 100k requests beyond the first 100k."""
    assert options["buy"].vendor == "portkey"
    # 300k requests: 49 + 2 x 9
    _assert_months(_line(options, "buy", "fees"), _flat(49 + 2 * 9))


def test_buy_portkey_fees_beyond_three_million() -> None:
    """Above 3M requests Portkey is priced at the same 9 per 100k."""
    options = _costs(overrides=("organisation.monthly_requests=5000000",))
    _assert_months(_line(options, "buy", "fees"), _flat(49 + (5_000_000 - 100_000) / 100_000 * 9))


def test_buy_helicone_graduated_fees() -> None:
    """Helicone charges 79 a month, then 0.0007 per log to 30k and 0.0002 per log above."""
    options = _costs(overrides=("buy.vendor=helicone", "organisation.monthly_requests=100000"))
    _assert_months(_line(options, "buy", "fees"),
                   _flat(79 + (30_000 - 10_000) * 0.0007 + (100_000 - 30_000) * 0.0002))


def test_buy_openrouter_percent_of_spend() -> None:
    """OpenRouter's fee is 5.5% of the provider spend."""
    options = _costs(overrides=("buy.vendor=openrouter",))
    _assert_months(_line(options, "buy", "fees"), _flat(0.055 * 10_000))


def test_buy_fees_follow_traffic_growth() -> None:
    """Vendor fees grow with traffic: month 12 of 100% yearly growth is twice month 0."""
    options = _costs(overrides=("organisation.traffic_growth_per_year=1", "horizon_months=13"))
    fees = _line(options, "buy", "fees")
    assert fees[0] == pytest.approx(49 + 2 * 9)
    assert fees[12] == pytest.approx(49 + 5 * 9)  # 600k requests


def test_buy_people_lines(options: dict[str, OptionCosts]) -> None:
    """Buying costs admin time, moving services, key changes in a console, lag and bypasses."""
    _assert_months(_line(options, "buy", "vendor_admin"), _flat(5 * 100))
    _assert_months(_line(options, "buy", "integration"), _first_only(10 * 3 * 100))
    _assert_months(_line(options, "buy", "key_changes"), _flat(1 * 2 * 2 * 6 / 60 * 100))
    # no gateway-side adapter work: (6/12 x 10 x 0.5 x 1 + 12/12 x 10 x 0.5 x 1) x 100
    _assert_months(_line(options, "buy", "onboarding"),
                   _flat((6 / 12 * 10 * 0.5 + 1 * 10 * 0.5) * 100))
    # (6 + 12)/12 x 0.5 blocked x 10 h x 100
    _assert_months(_line(options, "buy", "lag"), _flat(18 / 12 * 0.5 * 10 * 100))
    _assert_months(_line(options, "buy", "bypass"), _flat(10 * 0.2 * 5 * 100))


def test_buy_latency_lock_in_and_downtime(options: dict[str, OptionCosts]) -> None:
    """Buying adds latency, an expected migration cost and the vendor's own downtime."""
    # 300k requests = 0.3M x 30 ms x 2 per ms per million
    _assert_months(_line(options, "buy", "latency"), _flat(0.3 * 30 * 2))
    # 0.6 chance spread over 12 months x 10 services x 4 h x 100
    _assert_months(_line(options, "buy", "lock_in"), _flat(0.6 / 12 * 10 * 4 * 100))
    # (1 - 0.999) x 730 h x 1000
    _assert_months(_line(options, "buy", "gateway_downtime"), _flat(0.001 * 730 * 1000))


def test_buy_compliance_review_only_when_compliance_matters(
    options: dict[str, OptionCosts],
) -> None:
    """A data-egress review is paid once when compliance is a need, and not otherwise."""
    _assert_months(_line(options, "buy", "compliance_review"), _flat(0.0))
    nice = _costs(overrides=("needs.governance.compliance=nice",))
    _assert_months(_line(nice, "buy", "compliance_review"), _first_only(40 * 100))


# --- self-host and build -----------------------------------------------------------------------


def test_self_host_setup_and_upkeep(options: dict[str, OptionCosts]) -> None:
    """Self-hosting pays set-up once, then monitoring, capacity, upgrades, security, incidents."""
    _assert_months(_line(options, "self_host", "setup"), _first_only(100 * 100))
    _assert_months(_line(options, "self_host", "monitoring_setup"), _first_only(30 * 100))
    _assert_months(_line(options, "self_host", "monitoring_upkeep"), _flat(3 * 100))
    _assert_months(_line(options, "self_host", "capacity"), _flat(2 * 100))
    _assert_months(_line(options, "self_host", "upgrades"), _flat(12 / 12 * 10 * 100))
    _assert_months(_line(options, "self_host", "security_setup"), _first_only(50 * 100))
    _assert_months(_line(options, "self_host", "security_upkeep"), _flat(3 * 100))
    _assert_months(_line(options, "self_host", "incidents"), _flat(12 / 12 * 5 * 100))
    # every key rotation is a gateway change: 12/12 x 2 environments x 3 h x 100
    _assert_months(_line(options, "self_host", "key_changes"), _flat(1 * 2 * 3 * 100))
    # (1 - 0.995) x 730 h x 1000
    _assert_months(_line(options, "self_host", "gateway_downtime"), _flat(0.005 * 730 * 1000))
    # 300k requests x 5 ms x 2 per ms per million
    _assert_months(_line(options, "self_host", "latency"), _flat(0.3 * 5 * 2))


def test_self_host_onboarding_formula(options: dict[str, OptionCosts]) -> None:
    """A self-hosted gateway configures a new provider (x2 if not compatible), then services."""
    # (6/12 x (1 h x 2 + 10 x 0.5 x 1 h) + 12/12 x 10 x 0.5 x 1 h) x 100
    _assert_months(_line(options, "self_host", "onboarding"),
                   _flat((6 / 12 * (1 * 2 + 10 * 0.5) + 10 * 0.5) * 100))


def test_self_host_on_call_without_rotation(options: dict[str, OptionCosts]) -> None:
    """Without a 24x7 rotation, on-call means stipends plus readiness for a whole new rotation."""
    # 600 a week x 52 / 12 + 8 people x 5 h x 100
    expected = 600 * 52 / 12 + 8 * 5 * 100
    _assert_months(_line(options, "self_host", "on_call"), _flat(expected))
    _assert_months(_line(options, "build", "on_call"), _flat(expected))


def test_self_host_on_call_with_existing_rotation() -> None:
    """With an existing 24x7 rotation, on-call only adds toil hours to it."""
    options = _costs(overrides=("team.platform_team=true", "team.on_call_24x7=true"))
    _assert_months(_line(options, "self_host", "on_call"), _flat(4 * 100))
    _assert_months(_line(options, "build", "on_call"), _flat(4 * 100))


def test_infrastructure_minimum_replicas(options: dict[str, OptionCosts]) -> None:
    """Light traffic still pays for the minimum replicas, the database and the cache."""
    # 300k requests: peak 0.57 req/s fits one instance; 2 replicas for HA
    _assert_months(_line(options, "self_host", "infrastructure"), _flat(2 * 100 + 200 + 100))


def test_infrastructure_replicas_follow_peak_traffic() -> None:
    """Heavy traffic adds instances: ceil(peak requests per second / capacity per instance)."""
    # 23,652,000 a month = 9 req/s on average, x5 at peak = 45 req/s, 10 per instance -> 5
    options = _costs(overrides=("organisation.monthly_requests=23652000",))
    _assert_months(_line(options, "self_host", "infrastructure"), _flat(5 * 100 + 200 + 100))
    _assert_months(_line(options, "build", "infrastructure"), _flat(5 * 100 + 200 + 100))


def test_build_development_adapters_features(options: dict[str, OptionCosts]) -> None:
    """Building pays development and adapters up front, then features every month."""
    _assert_months(_line(options, "build", "development"), _first_only(500 * 100))
    # 2 providers x 4 h x multiplier 2 x 100
    _assert_months(_line(options, "build", "adapters"), _first_only(2 * 4 * 2 * 100))
    _assert_months(_line(options, "build", "features"), _flat(20 * 100))
    # (1 - 0.99) x 730 h x 1000
    _assert_months(_line(options, "build", "gateway_downtime"), _flat(0.01 * 730 * 1000))
    # adapters written in-house: (6/12 x (4 h x 2 + 10 x 0.5) + 10 x 0.5) x 100
    _assert_months(_line(options, "build", "onboarding"),
                   _flat((6 / 12 * (4 * 2 + 10 * 0.5) + 10 * 0.5) * 100))


def test_self_run_lines_are_complete(options: dict[str, OptionCosts]) -> None:
    """Self-hosting upgrades a product while building develops features; both carry on-call."""
    self_ids = {line.id for line in options["self_host"].lines}
    build_ids = {line.id for line in options["build"].lines}
    assert "upgrades" in self_ids and "features" not in self_ids
    assert "features" in build_ids and "upgrades" not in build_ids
    assert {"on_call", "incidents", "infrastructure", "gateway_downtime"} <= self_ids & build_ids


# --- totals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [ROUND, ROUND.replace("discount_rate: 0", "discount_rate: 0.3")])
def test_totals_are_sums_of_lines(text: str) -> None:
    """Each option's total, one-time and continuous parts add up from its lines."""
    for option in _costs(text).values():
        assert option.total == pytest.approx(math.fsum(line.total for line in option.lines))
        assert option.one_time + option.continuous == pytest.approx(option.total)
        assert option.one_time == pytest.approx(
            math.fsum(line.total for line in option.lines if line.kind == "one_time"))
        assert option.cumulative[-1] == pytest.approx(option.total)


def test_zero_discount_total_is_plain_sum(options: dict[str, OptionCosts]) -> None:
    """With no discounting, a line's total is just the sum of its monthly amounts."""
    for option in options.values():
        for line in option.lines:
            assert line.total == pytest.approx(math.fsum(line.monthly), abs=1e-9)
        assert option.total == pytest.approx(
            math.fsum(a for line in option.lines for a in line.monthly))


def test_direct_total_by_hand(options: dict[str, OptionCosts]) -> None:
    """The direct option's 12-month total matches the sum of its lines computed by hand."""
    expected = 6 * 40 * 100 + 12 * (2000 + 6000 + 2000 + DOWNTIME_PROVIDERS)
    assert options["direct"].total == pytest.approx(expected)


def test_discounting_present_value() -> None:
    """Later months count for less: a month-m amount is divided by (1 + rate)^(m/12)."""
    options = _costs(overrides=("discount_rate=0.5",))
    assert options["automate"].lines[0].id == "build"
    assert options["automate"].lines[0].total == pytest.approx(100 * 100)  # month 0: undiscounted
    upkeep = next(line for line in options["automate"].lines if line.id == "upkeep")
    assert upkeep.total == pytest.approx(sum(1000 / 1.5 ** (m / 12) for m in range(MONTHS)))
    assert upkeep.total < 12 * 1000


# --- break-even --------------------------------------------------------------------------------


def test_breakeven_month_by_hand() -> None:
    """Automation that costs more up front pays back in the month its cumulative cost catches up."""
    options = _costs(overrides=("assumptions.automate_build_hours=1000",))
    # month 0: direct 24000 (fallback for 6 services) + its monthly lines; automate 100000 + 5000
    # + its monthly lines
    direct_month = 2000 + 6000 + 2000 + DOWNTIME_PROVIDERS
    automate_month = 40 + 2 + 1150 + 1000 + 300 + DOWNTIME_PROVIDERS
    gap0 = (100_000 + 5_000 + automate_month) - (24_000 + direct_month)
    saving = direct_month - automate_month
    first = next(m for m in range(MONTHS) if gap0 - saving * m <= 0)  # 0-based month
    assert first == 10
    assert options["automate"].breakeven_month == first + 1


def _check_breakeven(option: OptionCosts, direct: OptionCosts) -> None:
    mine, theirs = option.cumulative, direct.cumulative
    month = option.breakeven_month
    if month is None:
        assert mine[-1] > theirs[-1] + 1e-9
        return
    assert 1 <= month <= len(mine)
    assert all(mine[m] <= theirs[m] + 1e-9 for m in range(month - 1, len(mine)))
    if month > 1:
        assert mine[month - 2] > theirs[month - 2] + 1e-9


@pytest.mark.parametrize("overrides", [
    (), ("discount_rate=0.2",), ("assumptions.automate_build_hours=1000",),
    ("organisation.services=60", "organisation.monthly_requests=50000000"),
])
def test_breakeven_semantics(overrides: tuple[str, ...]) -> None:
    """Break-even is the first month from which an option stays at or below direct's cost."""
    options = _costs(overrides=overrides)
    assert options["direct"].breakeven_month is None
    for option_id in OPTION_IDS[1:]:
        _check_breakeven(options[option_id], options["direct"])


def test_never_breaking_even_is_none() -> None:
    """An option that never catches up with direct has no break-even month."""
    options = _costs()
    build = options["build"]
    assert build.cumulative[-1] > options["direct"].cumulative[-1]
    assert build.breakeven_month is None


# --- currency and provenance -------------------------------------------------------------------


def test_currency_converts_money_defaults() -> None:
    """In CNY at 7 per dollar, a default in dollars is multiplied by 7; hours are not."""
    mi = _inputs("name: yuan\ncurrency: CNY\nusd_rate: 7\n")
    usd = _inputs("name: dollars\n")
    assert mi.usd_rate == 7
    for name in ("engineer_hour_cost", "oncall_stipend_per_week", "instance_cost_per_month",
                 "downtime_cost_per_hour", "secret_manager_cost_per_secret_month"):
        assert mi.values[name] == pytest.approx(ASSUMPTIONS[name].value * 7)
        assert usd.values[name] == pytest.approx(ASSUMPTIONS[name].value)
    assert mi.values["engineer_hour_cost"] == pytest.approx(94 * 7)
    assert mi.inputs["engineer_hour_cost"].unit == "CNY/h"
    assert mi.values["hours_per_rotation"] == ASSUMPTIONS["hours_per_rotation"].value
    assert mi.values["provider_availability"] == ASSUMPTIONS["provider_availability"].value


def test_currency_leaves_written_money_alone() -> None:
    """Money written in the scenario is already in its currency and is not converted again."""
    mi = _inputs("name: yuan\ncurrency: CNY\nusd_rate: 7\nteam: {engineer_hour_cost: 500}\n"
                 "assumptions: {instance_cost_per_month: 900}\n")
    assert mi.values["engineer_hour_cost"] == 500
    assert mi.values["instance_cost_per_month"] == 900


def test_currency_converts_vendor_fees() -> None:
    """A vendor's dollar price is converted to the scenario currency; a % of spend is not."""
    yuan = ROUND.replace("name: Round numbers", "name: Round yuan\ncurrency: CNY\nusd_rate: 7")
    _assert_months(_line(_costs(yuan), "buy", "fees"), _flat((49 + 2 * 9) * 7))
    by_spend = _costs(yuan, overrides=("buy.vendor=openrouter",))
    _assert_months(_line(by_spend, "buy", "fees"), _flat(0.055 * 10_000))


def test_input_origins() -> None:
    """Each input says whether it came from a scenario field, an override or a default."""
    mi = _inputs()
    assert mi.inputs["engineer_hour_cost"].origin == "scenario"
    assert mi.inputs["engineer_hour_cost"].field == "team.engineer_hour_cost"
    assert mi.inputs["automate_build_hours"].origin == "override"
    assert mi.inputs["automate_build_hours"].field == "assumptions.automate_build_hours"
    assert mi.inputs["services"].origin == "scenario"
    default = _inputs("name: defaults\n").inputs["engineer_hour_cost"]
    assert default.origin == "default" and default.field == "team.engineer_hour_cost"


def test_line_inputs_are_known() -> None:
    """Every input a cost line names is one the report can show, with a value and a source."""
    mi = _inputs()
    for option in compute_costs(mi).values():
        for line in option.lines:
            assert line.inputs, f"{option.id}.{line.id} names no inputs"
            unknown = set(line.inputs) - set(mi.inputs)
            assert not unknown, f"{option.id}.{line.id} names unknown inputs {unknown}"


def test_every_default_has_a_source() -> None:
    """Every default figure the model uses says where it comes from."""
    mi = _inputs("name: defaults\n")
    defaults = [i for i in mi.inputs.values() if i.origin == "default"]
    assert len(defaults) == len(ASSUMPTIONS)
    for item in defaults:
        assert item.source and item.source.strip(), f"{item.name} has no source"
        assert item.description.strip(), f"{item.name} has no description"


def test_line_inputs_include_everything_that_moves_the_line() -> None:
    """A cost line lists every input whose change changes its amounts (so reports show why)."""
    mi = _inputs(overrides=("organisation.services_added_per_year=3",
                            "organisation.traffic_growth_per_year=0.5"))
    base = compute_costs(mi)
    missing: set[str] = set()
    for name, value in mi.values.items():
        changed = compute_costs(mi.with_values({name: value * 0.9 + 0.01}))
        for option_id, option in base.items():
            for before, after in zip(option.lines, changed[option_id].lines, strict=True):
                if before.monthly != after.monthly and name not in before.inputs:
                    missing.add(f"{option_id}.{before.id} <- {name}")
    assert not missing, "lines moved by inputs they do not name: " + ", ".join(sorted(missing))
