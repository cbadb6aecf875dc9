"""Loading scenarios: plain YAML, and every problem located as file:line with a helpful message."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway_roi.errors import InvalidScenarioError, Problem
from gateway_roi.files.loading import SET_SOURCE, dump_scenario, load_scenario_file, load_scenario_text
from gateway_roi.files.resources import bundled_scenarios
from gateway_roi.model.ranges import Range
from gateway_roi.model.scenario import Scenario


def _problems(text: str, overrides: tuple[str, ...] = ()) -> list[Problem]:
    with pytest.raises(InvalidScenarioError) as info:
        load_scenario_text(text, source="team.yaml", overrides=list(overrides))
    assert info.value.problems, "an invalid scenario must report at least one problem"
    return info.value.problems


def _one(text: str, overrides: tuple[str, ...] = ()) -> Problem:
    problems = _problems(text, overrides)
    assert len(problems) == 1, problems
    return problems[0]


def _file_problem(tmp_path: Path, content: bytes) -> Problem:
    path = tmp_path / "team.yaml"
    path.write_bytes(content)
    with pytest.raises(InvalidScenarioError) as info:
        load_scenario_file(path)
    assert len(info.value.problems) == 1
    problem = info.value.problems[0]
    assert problem.source == str(path)
    return problem


# --- what loads, and how ----------------------------------------------------------------------


def test_minimal_scenario_uses_defaults() -> None:
    """A one-line scenario loads with every other field at its default."""
    s = load_scenario_text("name: Tiny\n")
    assert s.name == "Tiny"
    assert s.organisation.services == Range.fixed(3)
    assert s.currency == "USD"


def test_no_stays_the_word_no() -> None:
    """`compliance: no` means the need level "no", not the boolean false."""
    s = load_scenario_text("name: x\nneeds:\n  governance:\n    compliance: no\n"
                           "    audit_trail: nice\n")
    assert s.needs.governance.compliance == "no"
    assert s.needs.governance.audit_trail == "nice"


def test_yes_for_a_boolean_is_refused() -> None:
    """Writing `yes` for a true/false field is refused with a hint to write true or false."""
    p = _one("name: x\nteam:\n  platform_team: yes\n")
    assert (p.source, p.line, p.field) == ("team.yaml", 3, "team.platform_team")
    assert "true or false" in p.message
    assert str(p).startswith("team.yaml:3: team.platform_team: ")


def test_true_is_a_boolean() -> None:
    """`true` and `false` are the booleans."""
    s = load_scenario_text("name: x\nteam:\n  platform_team: true\n  on_call_24x7: false\n")
    assert s.team.platform_team is True and s.team.on_call_24x7 is False


def test_leading_zero_is_decimal() -> None:
    """`017` is seventeen, not octal fifteen."""
    s = load_scenario_text("name: x\norganisation:\n  services: 017\n")
    assert s.organisation.services.likely == 17


def test_underscores_and_explicit_octal() -> None:
    """Digit separators are allowed, and only an explicit 0o prefix means octal."""
    s = load_scenario_text("name: x\norganisation:\n  monthly_requests: 1_000_000\n"
                           "  services: 0o17\n")
    assert s.organisation.monthly_requests.likely == 1_000_000
    assert s.organisation.services.likely == 15


def test_clock_and_date_look_alikes_stay_text() -> None:
    """`1:30` is not ninety and a date stays the text the user typed."""
    s = load_scenario_text("name: 2024-01-31\n")
    assert s.name == "2024-01-31"
    p = _one("name: x\norganisation:\n  services: 1:30\n")
    assert p.field == "organisation.services" and p.line == 3
    assert "1:30" in p.message


def test_interval_likely_is_its_midpoint() -> None:
    """"5 to 10" is a 90% interval whose likely value is its midpoint, 7.5."""
    s = load_scenario_text('name: x\norganisation:\n  services: "5 to 10"\n')
    r = s.organisation.services
    assert (r.low, r.high, r.kind) == (5, 10, "interval90")
    assert r.likely == pytest.approx(7.5)


def test_interval_from_zero_uses_midpoint() -> None:
    """An interval starting at zero (or below) takes its midpoint as the likely value."""
    s = load_scenario_text('name: x\norganisation:\n  traffic_growth_per_year: "-0.2 to 0.6"\n'
                           '  services_added_per_year: "0 to 4"\n')
    assert s.organisation.traffic_growth_per_year.likely == pytest.approx(0.2)
    assert s.organisation.services_added_per_year.likely == pytest.approx(2)


def test_pert_range() -> None:
    """{low, likely, high} keeps the likely value the user gave."""
    s = load_scenario_text("name: x\norganisation:\n  services: {low: 4, likely: 5, high: 9}\n")
    assert s.organisation.services == Range(4, 5, 9, "pert")


def test_file_name_is_default_name(tmp_path: Path) -> None:
    """A scenario file without a name is named after the file."""
    path = tmp_path / "platform-team.yaml"
    path.write_text("organisation:\n  services: 4\n", encoding="utf-8")
    assert load_scenario_file(path).name == "platform-team"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 file saved with a byte-order mark loads like any other."""
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffname: Équipe données\n".encode())
    assert load_scenario_file(path).name == "Équipe données"


def test_single_document_marker_is_fine() -> None:
    """A file that starts with `---` holds one document and loads."""
    assert load_scenario_text("---\nname: x\n").name == "x"


# --- refused, with a location -----------------------------------------------------------------


def test_unknown_field_names_line_and_allowed_fields() -> None:
    """A misspelt field is reported at its line, with the fields allowed there."""
    p = _one("name: x\norganisation:\n  services: 3\n  servces: 4\n")
    assert (p.source, p.line, p.field) == ("team.yaml", 4, "organisation.servces")
    assert "unknown field" in p.message
    assert "services" in p.message and "monthly_requests" in p.message
    assert str(p).startswith("team.yaml:4: organisation.servces: unknown field")


def test_unknown_top_level_and_list_item_fields() -> None:
    """Unknown fields at the top and inside a provider list item list what is allowed there."""
    top = _one("name: x\nservices: 3\n")
    assert (top.line, top.field) == (2, "services")
    assert "organisation" in top.message and "providers" in top.message
    item = _one("name: x\nproviders:\n  in_use:\n    - name: a\n      fallback: [b]\n")
    assert (item.line, item.field) == (5, "providers.in_use.0.fallback")
    assert "fallbacks" in item.message and "openai_compatible" in item.message


def test_every_problem_is_reported() -> None:
    """Several mistakes are reported together, each at its own line."""
    problems = _problems("name: x\norganisation:\n  services: -1\nteam:\n  platform_team: yes\n")
    assert {(p.line, p.field) for p in problems} == {
        (3, "organisation.services"), (5, "team.platform_team")}


def test_duplicate_keys_name_both_lines() -> None:
    """A key written twice is refused, naming the line of each copy."""
    p = _one("name: x\norganisation:\n  services: 3\n  monthly_requests: 5\n  services: 4\n")
    assert p.line == 5
    assert "duplicate key 'services'" in p.message
    assert "line 3" in p.message and "line 5" in p.message


def test_aliases_refused() -> None:
    """YAML anchors and aliases are refused with a request to write the value out."""
    p = _one("name: &n x\ndescription: *n\n")
    assert "anchors and aliases" in p.message and p.line == 1
    anchored = _one("name: x\norganisation: &org\n  services: 3\n")
    assert "anchors and aliases" in anchored.message and anchored.line == 2


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    """An empty file is refused with a hint of what to write."""
    p = _one(text)
    assert "empty" in p.message and "name:" in p.message


def test_several_documents() -> None:
    """A file with two YAML documents is refused at the second one."""
    p = _one("name: x\n---\nname: y\n")
    assert "several YAML documents" in p.message
    assert p.line == 2


@pytest.mark.parametrize("text", ["- name: x\n", "just some words\n", "42\n"])
def test_top_level_must_be_a_mapping(text: str) -> None:
    """A list or a bare value at the top is refused: a scenario is a mapping of fields."""
    p = _one(text)
    assert "top level must be a mapping" in p.message and p.line == 1


def test_not_valid_yaml() -> None:
    """Broken YAML syntax is reported at the line where it breaks."""
    p = _one("name: x\norganisation:\n  services: [3\n  monthly_requests: 5\n")
    assert p.message.startswith("not valid YAML")
    assert p.line is not None and p.line >= 3


def test_non_utf8_bytes(tmp_path: Path) -> None:
    """A file that is not UTF-8 is refused with the byte where decoding failed."""
    p = _file_problem(tmp_path, b"name: caf\xe9\n")
    assert "not UTF-8" in p.message and "byte 9" in p.message


def test_nul_bytes(tmp_path: Path) -> None:
    """A file holding NUL bytes is refused as binary content."""
    p = _file_problem(tmp_path, b"name: x\x00\n")
    assert "binary" in p.message


def test_missing_file(tmp_path: Path) -> None:
    """A file that does not exist is reported as unreadable, not as a traceback."""
    path = tmp_path / "absent.yaml"
    with pytest.raises(InvalidScenarioError) as info:
        load_scenario_file(path)
    assert "cannot read" in info.value.problems[0].message


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "1e400"])
def test_nan_and_infinity_refused(value: str) -> None:
    """NaN and infinite numbers are refused at their line."""
    p = _one(f"name: x\norganisation:\n  monthly_requests: {value}\n")
    assert (p.line, p.field) == (3, "organisation.monthly_requests")
    assert "finite" in p.message


def test_nan_inside_a_range_refused() -> None:
    """NaN hidden inside a {low, likely, high} range is refused too."""
    p = _one("name: x\norganisation:\n  services: {low: 1, likely: .nan, high: 5}\n")
    assert p.field == "organisation.services" and "finite" in p.message


def test_range_low_above_high_refused() -> None:
    """A range whose low end is above its high end is refused."""
    p = _one('name: x\norganisation:\n  services: "10 to 5"\n')
    assert (p.line, p.field) == (3, "organisation.services")
    assert "low end above its high end" in p.message
    pert = _one("name: x\norganisation:\n  services: {low: 5, likely: 20, high: 10}\n")
    assert "low <= likely <= high" in pert.message


def test_out_of_bounds_refused() -> None:
    """A negative count and an availability above 1 are refused with the allowed bounds."""
    p = _one("name: x\norganisation:\n  services: -1\n")
    assert "at least 0" in p.message
    share = _one("name: x\nreliability:\n  provider_availability: 1.5\n")
    assert share.field == "reliability.provider_availability" and "at most 1" in share.message


def test_currency_without_rate_refused() -> None:
    """A scenario in CNY without usd_rate is refused: dollar defaults could not be converted."""
    p = _one("name: x\ncurrency: CNY\n")
    assert "usd_rate" in p.message and "CNY" in p.message
    assert load_scenario_text("name: x\ncurrency: CNY\nusd_rate: 7.1\n").usd_rate == Range.fixed(7.1)


def test_currency_must_be_iso_code() -> None:
    """A currency that is not three capitals is refused."""
    p = _one("name: x\ncurrency: yuan\n")
    assert p.field == "currency" and "ISO 4217" in p.message


def test_unknown_assumption_refused() -> None:
    """An override of a figure that does not exist is refused, listing the known ones."""
    p = _one("name: x\nassumptions:\n  engineer_hourly: 90\n")
    assert p.line == 2 and "engineer_hourly" in p.message and "engineer_hour_cost" in p.message


def test_figure_set_twice_refused() -> None:
    """A figure set both as a field and under assumptions: is refused."""
    p = _one("name: x\nteam:\n  engineer_hour_cost: 90\nassumptions:\n  engineer_hour_cost: 95\n")
    assert "set twice" in p.message


# --- --set overrides --------------------------------------------------------------------------


def test_set_overrides_apply() -> None:
    """--set changes a field, including ones the file does not mention."""
    text = "name: x\norganisation:\n  services: 3\n"
    s = load_scenario_text(text, overrides=["organisation.services=12",
                                            "team.platform_team=true",
                                            'organisation.monthly_requests="1000 to 4000"'])
    assert s.organisation.services == Range.fixed(12)
    assert s.team.platform_team is True
    assert s.organisation.monthly_requests.likely == pytest.approx(2500)


def test_set_into_a_list_item() -> None:
    """--set can reach into a list item by index."""
    text = "name: x\nproviders:\n  in_use:\n    - name: a\n    - name: b\n"
    s = load_scenario_text(text, overrides=["providers.in_use.1.openai_compatible=false"])
    assert s.providers.in_use[1].openai_compatible is False


@pytest.mark.parametrize("override", [
    "organisation.services=abc",
    "organisation.services=-4",
    "team.platform_team=yes",
    "organisation.servces=4",
])
def test_bad_set_value_blamed_on_set(override: str) -> None:
    """A --set whose value is wrong is reported against --set and its field, not the file."""
    p = _one("name: x\norganisation:\n  services: 3\n", (override,))
    assert p.source == SET_SOURCE == "--set"
    assert p.field == override.split("=")[0]
    assert p.line is None


@pytest.mark.parametrize("override", [
    "organisation.services",
    "=3",
    "organisation..services=3",
    "providers.in_use.5.name=x",
    "organisation.services=[1",
])
def test_malformed_set_blamed_on_set(override: str) -> None:
    """A --set that cannot be read or applied is reported against --set."""
    p = _one("name: x\norganisation:\n  services: 3\n", (override,))
    assert p.source == "--set"


def test_set_that_breaks_consistency_blamed_on_set() -> None:
    """A --set that makes the scenario inconsistent (CNY without usd_rate) is blamed on --set."""
    p = _one("name: x\norganisation:\n  services: 3\n", ("currency=CNY",))
    assert "usd_rate" in p.message
    assert p.source == "--set", f"blamed on {p.source}:{p.line}, but the file never says CNY"


def test_problems_of_the_file_keep_the_file_when_set_is_fine() -> None:
    """A mistake in the file is still reported against the file when --set is also used."""
    problems = _problems("name: x\norganisation:\n  servces: 3\n", ("team.platform_team=true",))
    assert [(p.source, p.line) for p in problems] == [("team.yaml", 3)]


# --- dump -------------------------------------------------------------------------------------


def test_dump_round_trip_keeps_ranges() -> None:
    """Dumping and reloading a scenario gives the same scenario, written ranges included."""
    text = """
name: Round trip
currency: EUR
usd_rate: 0.92
organisation:
  services: "5 to 10"
  monthly_requests: {low: 1000, likely: 2000, high: 8000}
  environments: [dev, prod]
providers:
  in_use:
    - name: openai
      fallbacks: [azure]
    - name: azure
      openai_compatible: false
needs:
  governance: {compliance: required, audit_trail: nice}
team: {platform_team: true, on_call_24x7: true}
assumptions: {bypass_share: "0.1 to 0.3"}
"""
    s = load_scenario_text(text)
    dumped = dump_scenario(s)
    again = load_scenario_text(dumped)
    assert again == s
    assert again.organisation.services.kind == "interval90"
    assert again.organisation.monthly_requests.kind == "pert"


def test_dump_holds_only_changes() -> None:
    """A dumped scenario holds only its name and what differs from the defaults."""
    dumped = dump_scenario(Scenario(name="Tiny"))
    assert dumped.strip() == "name: Tiny"


DIALECT_SAMPLES = [
    "name: x\nneeds: {governance: {compliance: no, audit_trail: required}}\n",
    "organisation: {services: 017, monthly_requests: 1e6, environments: [dev, prod]}\n",
    "name: 1:30\ndescription: 2024-01-01\nteam: {on_call_24x7: true, platform_team: yes}\n",
    "organisation:\n  services: '5 to 10'\n  monthly_requests: {low: 1, likely: 2, high: 3}\n",
    "name: 0x1F\ndescription: 0o17\nhorizon_months: +12\ndiscount_rate: .5\n",
    "name: ~\ndescription: null\nx: .inf\ny: .nan\nz: -1_000\n",
]


@pytest.mark.parametrize("text", DIALECT_SAMPLES + [p.read_text(encoding="utf-8")
                                                    for p in bundled_scenarios()])
def test_libyaml_and_pure_python_read_the_same_values(text: str) -> None:
    """Whichever parser reads a file, every value comes out the same (same dialect)."""
    from gateway_roi.files import loading

    if loading._FastParser is None:
        pytest.skip("PyYAML built without libyaml")

    def read(loader_cls: type) -> object:
        loader = loader_cls(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()

    fast, pure = read(loading._FastLoader), read(loading._Loader)
    assert repr(fast) == repr(pure)
