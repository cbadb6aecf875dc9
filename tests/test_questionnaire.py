"""The questionnaire driven through an injected prompt function: no terminal needed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from gateway_roi.ask.answers import parse_answer
from gateway_roi.ask.questions import GROUPS, QUESTIONS, Question
from gateway_roi.ask.session import (
    FINISH_KEY,
    Prompt,
    Questionnaire,
    Session,
    run_questionnaire,
    scenario_filename,
)
from gateway_roi.files.loading import dump_scenario, load_scenario_file, load_scenario_text
from gateway_roi.model.assumptions import ASSUMPTIONS
from gateway_roi.model.facts import bundled_facts
from gateway_roi.model.products import offers
from gateway_roi.model.scenario import Organisation, Scenario

ROOT = Path(__file__).resolve().parent.parent


class Script:
    """A prompt function that answers by question key (Enter for anything not scripted).

    Answers given as a list are used one per time the question is asked.
    """

    def __init__(self, answers: dict[str, str | list[str]] | None = None,
                 stop_at: str | None = None) -> None:
        self.answers = {k: [v] if isinstance(v, str) else list(v)
                        for k, v in (answers or {}).items()}
        self.stop_at = stop_at
        self.prompts: list[Prompt] = []
        self.told: list[str] = []

    def __call__(self, prompt: Prompt) -> str:
        self.prompts.append(prompt)
        if len(self.prompts) > 300:  # no run asks that many: the driver is looping
            raise AssertionError(f"asked {prompt.key} again and again")
        if prompt.key == self.stop_at:
            raise KeyboardInterrupt
        queue = self.answers.get(prompt.key)
        return queue.pop(0) if queue else ""

    def tell(self, text: str) -> None:
        self.told.append(text)

    @property
    def asked(self) -> list[str]:
        return [p.key for p in self.prompts if p.key != FINISH_KEY]


def run(answers: dict[str, str | list[str]] | None = None, base: Scenario | None = None,
        **kw: Any) -> tuple[Scenario, Script]:
    script = Script(answers)
    scenario, _ = run_questionnaire(script, base, tell=script.tell, **kw)
    return scenario, script


def question(key: str) -> Question:
    return next(q for q in QUESTIONS if q.key == key)


def test_enter_everywhere_gives_the_default_scenario() -> None:
    """Accepting every default with Enter produces the scenario format's defaults."""
    scenario, script = run()
    assert scenario == Scenario()
    assert script.prompts[-1].key == FINISH_KEY


def test_main_path_asks_at_most_25_questions() -> None:
    """With the defaults, at most 25 questions are asked, grouped scale, ops, governance, costs."""
    _, script = run()
    assert len(script.asked) <= 25
    groups = list(dict.fromkeys(p.group for p in script.prompts if p.key != FINISH_KEY))
    assert groups == [title for title, _ in GROUPS.values()]
    assert {p.total for p in script.prompts if p.key != FINISH_KEY} == {len(script.asked)}


def test_defaults_are_shown_with_each_question() -> None:
    """Each prompt carries its default as the user would type it."""
    _, script = run()
    shown = {p.key: p.default for p in script.prompts}
    assert shown["organisation.monthly_requests"] == "100,000"
    assert shown["organisation.traffic_growth_per_year"] == "30%"
    assert shown["team.engineer_hour_cost"] == "96"
    assert shown["organisation.environments"] == "dev, staging, prod"
    assert shown["team.platform_team"] == "no"


def test_no_rotation_questions_without_a_platform_team() -> None:
    """Nothing about a 24x7 rotation is asked when there is no team."""
    _, script = run({"team.platform_team": "no"})
    assert "team.on_call_24x7" not in script.asked
    scenario, script = run({"team.platform_team": "yes", "team.on_call_24x7": "y"})
    assert "team.on_call_24x7" in script.asked
    assert scenario.team.on_call_24x7 is True


def test_the_team_size_is_not_asked_and_a_stated_size_is_kept() -> None:
    """No cost or rule reads the team's size: not asked (no contradicting [0] default)."""
    _, script = run({"team.platform_team": "yes", "team.on_call_24x7": "y"})
    assert not any("size" in key for key in script.asked)
    assert not any("How many engineers" in p.text for p in script.prompts)
    base = load_scenario_file(ROOT / "scenarios" / "large-org-governance.yaml")
    scenario, _ = run(base=base)
    assert scenario.team.platform_team_size == base.team.platform_team_size


def test_vendor_data_egress_review_only_when_buying_stays_possible() -> None:
    """The SaaS review is asked when compliance is nice; not when it is no, nor when it is
    required (which rules buying out, so the review hours change nothing)."""
    for level in ("no", "required"):
        _, script = run({"needs.governance.compliance": level})
        assert "assumptions.compliance_review_hours" not in script.asked, level
    scenario, script = run({"needs.governance.compliance": "nice",
                            "assumptions.compliance_review_hours": "80"})
    assert "assumptions.compliance_review_hours" in script.asked
    assert scenario.assumptions["compliance_review_hours"].likely == 80


def test_routing_kinds_are_asked_only_when_custom_routing_is_needed() -> None:
    """The four routing questions follow a yes to custom routing, and only then."""
    _, script = run()
    assert not any(k.startswith("needs.routing.") for k in script.asked)
    scenario, script = run({"needs.routing": "y", "needs.routing.region": "r"})
    assert sum(k.startswith("needs.routing.") for k in script.asked) == 4
    assert scenario.needs.routing.region == "required"


def test_yes_to_custom_routing_with_no_kind_marked_is_said_plainly() -> None:
    """Enter through the four kinds after "yes": the user is told nothing is recorded, and how
    to go back; marking one kind says nothing."""
    scenario, script = run({"needs.routing": "y"})
    assert scenario.needs.routing.model_dump() == dict.fromkeys(
        ("user_tier", "region", "cost_budget", "business_context"), "no")
    assert any("records no custom routing" in t and "<" in t for t in script.told)
    _, script = run({"needs.routing": "y", "needs.routing.region": "nice"})
    assert not any("records no custom routing" in t for t in script.told)


def test_non_usd_currency_asks_its_rate_and_converts_default_money() -> None:
    """A non-USD currency asks usd_rate; the engineer hour is the region's own figure (CNY 174,
    never the US figure times the exchange rate)."""
    scenario, script = run({"currency": "cny", "usd_rate": "7"})
    assert scenario.currency == "CNY"
    assert scenario.usd_rate is not None and scenario.usd_rate.likely == 7
    shown = {p.key: p for p in script.prompts}
    assert shown["team.engineer_hour_cost"].default == "174"
    assert shown["team.engineer_hour_cost"].default != f"{96 * 7:g}"
    assert "in CNY" in shown["team.engineer_hour_cost"].text
    assert scenario.team.engineer_hour_cost is None  # still the sourced default


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("organisation.monthly_requests", "2M", 2_000_000),
        ("organisation.monthly_requests", "150k", 150_000),
        ("organisation.monthly_requests", "2,500,000 requests/month", 2_500_000),
        ("organisation.monthly_requests", "1M to 4M", "1000000 to 4000000"),
        ("team.engineer_hour_cost", "90/h", 90),
        ("team.engineer_hour_cost", "$120 per hour", 120),
        ("organisation.services", "5 to 10", "5 to 10"),
        ("organisation.services", "5 to 10, likely 7", {"low": 5, "likely": 7, "high": 10}),
        ("organisation.traffic_growth_per_year", "30%", 0.3),
        ("organisation.traffic_growth_per_year", "0.3", 0.3),
        ("reliability.provider_availability", "99.9%", 0.999),
        ("horizon_months", "3y", 36),
        ("horizon_months", "24", 24),
        ("team.platform_team", "Y", True),
        ("needs.governance.audit_trail", "r", "required"),
        ("needs.governance.audit_trail", "ni", "nice"),
        ("buy.vendor", "2", "portkey"),
        ("needs.pains", "1, scattered", ["rotation_restarts", "scattered_monitoring"]),
        ("organisation.environments", "dev prod", ["dev", "prod"]),
    ],
)
def test_plain_answers_with_units_suffixes_and_ranges(key: str, text: str, expected: object
                                                      ) -> None:
    """2M, 150k, 90/h, 99.9%, 3y, '5 to 10', yes/no and choices read as a file would write them."""
    form = Questionnaire()
    q = form.question(key)
    assert form.parse(q, text, {}) == expected


@pytest.mark.parametrize(
    ("key", "text", "reason"),
    [
        ("organisation.services", "lots", "cannot read 'lots' as a number"),
        ("organisation.services", "-3", "out of range"),
        ("organisation.services", "10 to 5", "low end above its high end"),
        ("organisation.traffic_growth_per_year", "30", "30%"),
        ("reliability.provider_availability", "101%", "at most 1"),
        ("needs.governance.audit_trail", "n", "could be nice or no"),
        ("needs.governance.audit_trail", "maybe", "not one of: required, nice, no"),
        ("currency", "euro", "not an ISO 4217 code"),
        ("team.platform_team", "sometimes", "answer yes or no"),
        ("organisation.environments", "dev, " + "x" * 41, "at most 40 characters"),
    ],
)
def test_invalid_answers_say_why(key: str, text: str, reason: str) -> None:
    """An answer that does not fit is refused with the reason the scenario model gives."""
    form = Questionnaire()
    with pytest.raises(ValueError, match="(?i)" + reason.replace("(", r"\(")):
        form.parse(form.question(key), text, {})


def test_invalid_answer_is_reprompted_with_the_reason() -> None:
    """The driver tells the reason and asks the same question again."""
    scenario, script = run({"organisation.services": ["lots", "-3", "12"]})
    assert script.asked.count("organisation.services") == 3
    errors = [t for t in script.told if t.startswith("Not valid")]
    assert "cannot read 'lots'" in errors[0]
    assert "out of range" in errors[1]
    assert scenario.organisation.services.likely == 12


def test_question_mark_tells_meaning_why_and_default_source() -> None:
    """`?` tells the field's description, why it matters and where the default comes from."""
    _, script = run({"team.engineer_hour_cost": ["?", ""], "organisation.services": ["?", ""]})
    help_texts = [t for t in script.told if t.startswith(("The loaded", "Services"))]
    services, hour = help_texts
    assert Organisation.model_fields["services"].description in services
    assert "Why it matters" in services and "scenario format's default" in services
    a = ASSUMPTIONS["engineer_hour_cost"]
    assert a.source in hour and f"as of {a.as_of}" in hour
    assert "Allowed: at least 0" in services
    assert script.asked.count("team.engineer_hour_cost") == 2


def test_going_back_keeps_later_answers_as_defaults() -> None:
    """`<` returns to the previous question; answers given after it come back as defaults."""
    script = Script({
        "organisation.services": "12",
        "organisation.services_added_per_year": ["4", ""],
        "organisation.monthly_requests": ["<", "<", "3M"],
    })
    scenario, _ = run_questionnaire(script, tell=script.tell)
    order = script.asked
    i = order.index("organisation.monthly_requests")
    assert order[i:i + 4] == ["organisation.monthly_requests",
                              "organisation.services_added_per_year",
                              "organisation.monthly_requests",
                              "organisation.services_added_per_year"]
    again = [p for p in script.prompts if p.key == "organisation.services_added_per_year"]
    assert again[1].default == "4"
    assert scenario.organisation.services_added_per_year.likely == 4
    assert scenario.organisation.monthly_requests.likely == 3_000_000


def test_going_back_from_the_first_question_says_there_is_nothing_before() -> None:
    """`<` at the first question is refused with a message, not an error."""
    scenario, script = run({"name": ["<", "Acme"]})
    assert any("first question" in t for t in script.told)
    assert scenario.name == "Acme"


def test_going_back_from_the_summary_changes_the_last_answer() -> None:
    """At the final summary `<` goes back to the last question asked."""
    script = Script({"details": ["", "yes"], FINISH_KEY: ["<", ""],
                     "buy.vendor": "helicone"})
    scenario, _ = run_questionnaire(script, tell=script.tell)
    assert scenario.buy.vendor == "helicone"
    assert sum("Your answers:" in t for t in script.told) == 2


def test_summary_lists_every_answer() -> None:
    """The summary before writing names each field asked and its value."""
    _, script = run({"organisation.services": "12", "name": "Acme"})
    summary = next(t for t in script.told if "Your answers:" in t)
    assert "organisation.services: 12" in summary
    assert "name: Acme" in summary
    assert "team.engineer_hour_cost: 96 (sourced default)" in summary
    assert max(len(line) for line in summary.splitlines()) <= 80


def test_providers_fallbacks_and_compatibility_build_the_providers_list() -> None:
    """Providers, the non-OpenAI-compatible ones and fallback chains become providers.in_use."""
    scenario, script = run({
        "providers.in_use": "openai, deepseek, claude",
        "providers.not_openai_compatible": "claude",
        "providers.fallbacks": "deepseek > volcano-engine > bailian; openai > claude",
        "operations.services_missing_fallback": "2",
    })
    providers = {p.name: p for p in scenario.providers.in_use}
    # Fallbacks not yet in use join the providers, carrying no traffic of their own.
    assert list(providers) == ["openai", "deepseek", "claude", "volcano-engine", "bailian"]
    assert providers["volcano-engine"].share == providers["bailian"].share == 0
    assert providers["claude"].openai_compatible is False
    assert providers["openai"].openai_compatible is True
    assert providers["deepseek"].fallbacks == ["volcano-engine", "bailian"]
    assert providers["openai"].fallbacks == ["claude"]
    assert scenario.operations.services_missing_fallback.likely == 2
    prompt = next(p for p in script.prompts if p.key == "providers.not_openai_compatible")
    assert prompt.choices == ("openai", "deepseek", "claude")


def test_going_back_to_the_providers_drops_answers_about_removed_ones() -> None:
    """Removing a provider after going back also removes it from the later answers' defaults."""
    script = Script({
        "providers.in_use": ["openai claude", "openai"],
        "providers.not_openai_compatible": ["claude", "<", ""],
        "providers.fallbacks": ["claude > openai", "<", ""],
        "operations.services_missing_fallback": ["<"],
    })
    scenario, _ = run_questionnaire(script, tell=script.tell)
    assert script.asked.count("providers.in_use") == 2
    last = {p.key: p.default for p in script.prompts}
    assert last["providers.not_openai_compatible"] == "none"
    assert last["providers.fallbacks"] == "none"
    assert [p.name for p in scenario.providers.in_use] == ["openai"]
    assert scenario.providers.in_use[0].fallbacks == []


def test_missing_fallback_is_asked_only_with_fallback_chains() -> None:
    """How many services lack fallback is asked only once fallback chains are declared."""
    _, script = run()
    assert "operations.services_missing_fallback" not in script.asked


def test_a_fallback_chain_must_start_at_a_named_provider() -> None:
    """A chain whose first provider was not named is refused and asked again."""
    _, script = run({"providers.fallbacks": ["mistral > openai", "none"]})
    assert any("'mistral' is not among the providers you named (openai)" in t
               for t in script.told)


def test_existing_scenario_values_become_the_defaults() -> None:
    """With --from, Enter everywhere gives back the same scenario."""
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        base = load_scenario_file(path)
        scenario, _ = run(base=base, source=path.name)
        assert scenario == base, path.name


def test_skip_answered_asks_only_what_the_file_lacks() -> None:
    """--skip-answered asks only questions whose fields the base scenario does not set."""
    base = load_scenario_text("name: Acme\norganisation:\n  services: 12\nteam:\n"
                              "  platform_team: false\n")
    scenario, script = run(base=base, skip_answered=True)
    assert "name" not in script.asked
    assert "organisation.services" not in script.asked
    assert "team.platform_team" not in script.asked
    assert "organisation.monthly_requests" in script.asked
    assert scenario.name == "Acme"
    assert scenario.organisation.services.likely == 12


def test_help_says_a_default_comes_from_the_base_file() -> None:
    """Defaults taken from --from say so in the help."""
    base = load_scenario_text("name: Acme\norganisation:\n  services: 12\n")
    _, script = run({"organisation.services": ["?", ""]}, base=base, source="acme.yaml")
    assert any("Default: 12, from acme.yaml" in t for t in script.told)


def test_fields_that_no_longer_apply_are_dropped_with_a_note() -> None:
    """Answering 'no platform team' drops the base's 24x7 rotation, and says so."""
    base = load_scenario_text("name: Acme\nteam:\n  platform_team: true\n  on_call_24x7: true\n")
    scenario, script = run({"team.platform_team": "no"}, base=base)
    assert scenario.team.on_call_24x7 is False
    assert any("team.on_call_24x7 no longer applies" in t for t in script.told)


def test_fields_no_question_covers_are_kept_from_the_base() -> None:
    """Description, assumptions and other unasked fields of --from survive the questionnaire."""
    base = load_scenario_text(
        "name: Acme\ndescription: why we ask\nassumptions:\n  upgrade_hours: 12\n")
    scenario, _ = run({"name": "Acme 2"}, base=base)
    assert scenario.description == "why we ask"
    assert scenario.assumptions["upgrade_hours"].likely == 12
    assert scenario.name == "Acme 2"


def test_interrupted_session_continues_where_it_stopped() -> None:
    """After Ctrl-C the session keeps the answers; running it again starts at the next question."""
    form = Questionnaire()
    first = Script({"name": "Acme", "currency": "EUR", "usd_rate": "0.9"},
                   stop_at="horizon_months")
    session = Session()
    with pytest.raises(KeyboardInterrupt):
        form.run(first, first.tell, session)
    assert session.history == ["name", "decision_makers", "currency", "usd_rate"]
    second = Script()
    form.run(second, second.tell, session)
    assert second.asked[0] == "horizon_months"
    scenario, _ = form.build(session.answers)
    assert (scenario.name, scenario.currency) == ("Acme", "EUR")


def test_answers_round_trip_through_the_scenario_file() -> None:
    """load -> dump -> load of a questionnaire's scenario gives the same scenario."""
    scenario, _ = run({
        "name": "Acme: AI platform", "decision_makers": "CTO, Head of Platform",
        "currency": "EUR", "usd_rate": "0.92", "horizon_months": "4y",
        "organisation.services": "12 to 20", "organisation.monthly_requests": "2M to 5M",
        "organisation.traffic_growth_per_year": "10% to 50%", "team.platform_team": "y",
        "team.platform_team_size": "6", "team.on_call_24x7": "y",
        "needs.governance.compliance": "required", "needs.pains": "2,4",
        "providers.in_use": "openai deepseek", "providers.fallbacks": "deepseek > openai",
        "details": "y", "reliability.provider_availability": "99.5%", "buy.vendor": "kong",
        "team.engineer_hour_cost": "80/h",
    })
    text = dump_scenario(scenario)
    again = load_scenario_text(text)
    assert again == scenario
    assert load_scenario_text(dump_scenario(again)) == scenario


def test_every_question_names_a_real_field_a_group_and_a_reason() -> None:
    """Questions are data over the scenario model: each field exists and each says why."""
    keys = [q.key for q in QUESTIONS]
    assert len(keys) == len(set(keys))
    defaults = Scenario().model_dump(mode="json")
    for q in QUESTIONS:
        assert q.why
        assert q.group in GROUPS or q.group == "routing"
        if q.field and not q.field.startswith("assumptions."):
            node: object = defaults
            for part in q.field.split("."):
                assert isinstance(node, dict) and part in node, q.key
                node = node[part]


def test_defaults_flag_answers_nothing_and_builds_from_the_base() -> None:
    """Building without any answers gives the base scenario (what --defaults writes)."""
    base = load_scenario_file(ROOT / "scenarios" / "regulated-data-stays.yaml")
    scenario, notes = Questionnaire(base).build({})
    assert scenario == base
    assert notes == []


def test_answers_that_make_an_invalid_scenario_are_reported() -> None:
    """A currency without a reference rate, and no rate given, is refused (--defaults)."""
    from gateway_roi.errors import InvalidScenarioError

    with pytest.raises(InvalidScenarioError, match="usd_rate"):
        Questionnaire().build({"currency": "XAF"})


def test_parse_answer_strips_escape_sequences() -> None:
    """Arrow keys typed into an answer do not end up in it."""
    q = question("organisation.services")
    assert parse_answer(q, "\x1b[D12\x1b[C", lambda _: None) == 12



# --- exchange rates ------------------------------------------------------------------------------

def test_a_listed_currency_gets_a_dated_reference_rate_as_default() -> None:
    """EUR, CNY, GBP and JPY each default to the ECB reference rate, its source and date said."""
    from gateway_roi.model.exchange_rates import REFERENCE_AS_OF, reference_rate

    for currency, near in (("EUR", 0.89), ("CNY", 6.7), ("GBP", 0.75), ("JPY", 158)):
        scenario, script = run({"currency": currency, "team.engineer_hour_cost": "80"})
        prompt = next(p for p in script.prompts if p.key == "usd_rate")
        ref = reference_rate(currency)
        assert ref is not None and abs(ref.per_usd / near - 1) < 0.02
        assert prompt.default == f"{ref.per_usd:,.10g}"
        assert "ECB" in prompt.text and REFERENCE_AS_OF in prompt.text
        assert scenario.usd_rate is not None and scenario.usd_rate.likely == ref.per_usd


def test_a_rate_the_wrong_way_round_is_asked_again_and_kept_if_repeated() -> None:
    """1.08 for EUR (the EUR/USD quote) is caught; typed a second time it is kept."""
    scenario, script = run({"currency": "EUR", "usd_rate": ["1.08", "0.92"]})
    asked = [p.key for p in script.prompts].count("usd_rate")
    assert asked == 2 and scenario.usd_rate is not None and scenario.usd_rate.likely == 0.92
    warning = next(t for t in script.told if t.startswith("Check this"))
    assert "other way round" in warning and "0.9259" in warning
    scenario, script = run({"currency": "EUR", "usd_rate": ["1.08", "1.08"]})
    assert scenario.usd_rate is not None and scenario.usd_rate.likely == 1.08


def test_a_plausible_rate_is_taken_at_once_and_what_it_makes_of_defaults_is_shown() -> None:
    """After the rate: a US-dollar price in the user's currency, and the engineer hour (the
    region's own figure, never converted)."""
    from gateway_roi.model.assumptions import REGIONAL_LABOUR

    _, script = run({"currency": "CNY", "usd_rate": "7.1"})
    assert [p.key for p in script.prompts].count("usd_rate") == 1
    echo = next(t for t in script.told if "engineer hour" in t)
    price = ASSUMPTIONS["instance_cost_per_month"].value * 7.1
    hour = REGIONAL_LABOUR["engineer_hour_cost"]["CNY"].value
    assert "7.1 CNY per US dollar" in echo
    assert f"{price:,.3g} CNY" in echo and f"defaults to {hour:g} CNY" in echo


def test_a_currency_without_regional_pay_asks_for_the_engineer_hour() -> None:
    """GBP has a rate but no regional engineer hour: the user is told, and must give one."""
    scenario, script = run({"currency": "GBP", "team.engineer_hour_cost": ["", "?", "70"]})
    assert any("Default: none for GBP: pay is never converted" in t for t in script.told)
    echo = next(t for t in script.told if "engineer hour" in t)
    assert "no engineer hour figure for GBP" in echo
    assert any(t.startswith("An answer is needed here: gateway-roi has no default for GBP")
               for t in script.told)
    assert scenario.team.engineer_hour_cost is not None
    assert scenario.team.engineer_hour_cost.likely == 70


def test_a_currency_without_reference_needs_a_rate() -> None:
    """No reference rate, no default: an answer is needed, and any positive one is kept."""
    scenario, script = run({"currency": "XAF", "usd_rate": ["", "600"],
                            "team.engineer_hour_cost": "20k"})
    assert any("An answer is needed" in t for t in script.told)
    assert scenario.usd_rate is not None and scenario.usd_rate.likely == 600


def test_the_provider_bill_default_is_in_the_scenarios_currency() -> None:
    """A JPY team is not offered a bill of 2,000 yen a month: the default follows the rate."""
    _, script = run({"currency": "JPY", "usd_rate": "150", "team.engineer_hour_cost": "9k"})
    prompt = next(p for p in script.prompts if p.key == "organisation.monthly_provider_spend")
    assert prompt.default == "300,000"


# --- key rotation, summary, plain words -------------------------------------------------------------

def test_rotation_figures_are_asked_on_the_main_path_when_rotation_hurts() -> None:
    """Naming the rotation pain brings its two figures right after the environments."""
    scenario, script = run({"needs.pains": "rotation_restarts",
                            "operations.key_rotations_per_year": "12",
                            "operations.hours_per_rotation": "0.5"})
    asked = script.asked
    envs = asked.index("organisation.environments")
    assert asked[envs + 1:envs + 3] == ["operations.key_rotations_per_year",
                                        "operations.hours_per_rotation"]
    assert asked.index("details") > envs + 2
    assert not any(k.startswith("details.") for k in asked)
    assert scenario.operations.key_rotations_per_year is not None
    assert scenario.operations.key_rotations_per_year.likely == 12
    assert scenario.operations.hours_per_rotation is not None
    assert scenario.operations.hours_per_rotation.likely == 0.5


def test_rotation_figures_stay_behind_adjust_figures_otherwise() -> None:
    """Without the pain they are asked only after yes to adjusting figures, and written."""
    _, script = run()
    assert not any("rotat" in k for k in script.asked)
    scenario, script = run({"details": "yes", "details.operations.key_rotations_per_year": "2"})
    assert "details.operations.key_rotations_per_year" in script.asked
    assert "operations.key_rotations_per_year" not in script.asked
    assert scenario.operations.key_rotations_per_year is not None
    assert scenario.operations.key_rotations_per_year.likely == 2


def test_summary_lists_no_pseudo_field() -> None:
    """`details` decides what else is asked and is not in the file: not in the summary."""
    _, script = run({"details": "yes"})
    summary = next(t for t in script.told if "Your answers:" in t)
    assert "details" not in summary


@pytest.mark.parametrize("key, jargon", [
    ("team.engineer_hour_cost", "loaded cost"),
    ("discount_rate", "discount rate"),
    ("thresholds.scale_min_services", "threshold"),
])
def test_expert_questions_read_plainly_with_the_term_in_help(key: str, jargon: str) -> None:
    """The question avoids the jargon; `?` names it, so an expert can still match it."""
    q = question(key)
    assert jargon not in q.prompt.lower()
    assert jargon in Questionnaire().help_text(q, {}).lower()


def test_help_cites_no_file_the_user_does_not_have() -> None:
    """`?` never points at the repository's files (article.md, cli/...)."""
    form = Questionnaire()
    for q in QUESTIONS:
        text = form.help_text(q, {"currency": "EUR", "details": True})
        assert "article.md" not in text and "cli/" not in text and ".py" not in text, q.key


# --- self-hosted providers, native APIs, the strategic wall, the licence quote ------------------

GOVERNED = {"needs.governance.cost_attribution": "required"}
"""A required governance need: a gateway can be the verdict, so its follow-ups are asked."""
NEW_KEYS = ("providers.self_hosted", "needs.native_apis", "buy.strategic", "self_host.licence")


def test_the_new_questions_stay_off_the_default_path_and_come_with_governance() -> None:
    """With the defaults none of them is asked; a required governance need brings the
    self-hosted, native API and strategic questions (the licence waits for access control)."""
    _, script = run()
    assert not set(NEW_KEYS) & set(script.asked)
    _, script = run(GOVERNED)
    asked = script.asked
    assert {"providers.self_hosted", "needs.native_apis", "buy.strategic"} <= set(asked)
    assert "self_host.licence" not in asked
    assert asked.index("providers.in_use") + 1 == asked.index("providers.self_hosted")
    assert asked.index("needs.governance.access_control") + 1 == asked.index("buy.strategic")


def test_self_hosted_providers_are_marked_in_the_providers_list() -> None:
    """Naming vllm as run in-house sets self_hosted on it only; the choices are the providers."""
    scenario, script = run({**GOVERNED, "providers.in_use": "openai, vllm",
                            "providers.self_hosted": "vllm",
                            "providers.not_openai_compatible": "none"})
    providers = {p.name: p for p in scenario.providers.in_use}
    assert providers["vllm"].self_hosted is True
    assert providers["openai"].self_hosted is False
    prompt = next(p for p in script.prompts if p.key == "providers.self_hosted")
    assert prompt.choices == ("openai", "vllm")
    assert "self_hosted: true" in dump_scenario(scenario)


def test_redact_in_house_asks_which_models_run_in_house_without_other_governance() -> None:
    """The redaction step sits only in front of calls that leave: the question is asked for
    redacted data even when no other need makes a gateway a candidate."""
    scenario, script = run({"needs.governance.compliance": "nice",
                            "needs.data.providers": "redacted",
                            "providers.in_use": "openai vllm", "providers.self_hosted": "2"})
    assert "providers.self_hosted" in script.asked
    assert [p.name for p in scenario.providers.in_use if p.self_hosted] == ["vllm"]


def test_stay_in_house_refuses_a_provider_not_run_in_house_with_the_way_out() -> None:
    """stay_in_house: the prompt says every provider must be run in-house; an answer leaving one
    out, Enter included, is refused naming it and how to change course; no invalid file."""
    scenario, script = run({
        "needs.governance.compliance": "required", "needs.data.providers": "in_house",
        "providers.in_use": ["openai, vllm", "vllm"],
        "providers.self_hosted": ["vllm", "<", "", "vllm"],
    })
    prompt = next(p for p in script.prompts if p.key == "providers.self_hosted")
    assert "may not leave" in prompt.text and "every provider" in prompt.text
    refusals = [t for t in script.told if t.startswith("Not valid")]
    assert len(refusals) == 2
    assert "openai is not named here" in refusals[0]
    assert "allowed or redacted" in refusals[0] and "type <" in refusals[0]
    assert "vllm is not named here" in refusals[1]
    assert [(p.name, p.self_hosted) for p in scenario.providers.in_use] == [("vllm", True)]
    assert scenario.needs.data.providers == "in_house"


def test_the_summary_refuses_to_finish_answers_the_format_refuses() -> None:
    """Should answers still make an invalid scenario, Enter at the summary says why and waits
    for < instead of ending the run (a --from file kept stay_in_house, the providers changed)."""
    base = load_scenario_text(
        "name: Acme\nneeds:\n  governance: {compliance: required}\n"
        "  compliance_level: stay_in_house\nproviders:\n  in_use: [{name: vllm, "
        "self_hosted: true}]\n")
    finishes = iter(["", "stop"])
    told: list[str] = []

    def prompt(p: Prompt) -> str:
        if p.key == FINISH_KEY:
            if next(finishes) == "stop":
                raise KeyboardInterrupt
            return ""
        return {"needs.governance.compliance": "no", "providers.in_use": "openai"}.get(p.key, "")

    session = Session()
    with pytest.raises(KeyboardInterrupt):
        Questionnaire(base).run(prompt, told.append, session)
    refusal = next(t for t in told if t.startswith("These answers do not make a valid"))
    assert "in_house" in refusal and "openai" in refusal and "Type <" in refusal
    assert "self_hosted: true" in refusal
    assert session.answers["providers.in_use"] == ["openai"]  # the answers are kept


def test_native_apis_picked_are_required_and_a_question_mark_leaves_one_unknown() -> None:
    """'2, files?' makes batch required and files unknown (both branches are evaluated)."""
    scenario, _ = run({**GOVERNED, "needs.native_apis": "2, files?"})
    apis = scenario.needs.native_apis
    assert apis.batch == "required"
    assert apis.files == "no" and scenario.unknown == ["needs.native_apis.files"]
    assert (apis.realtime, apis.multimodal, apis.fine_tuning) == ("no", "no", "no")
    assert "files: unknown" in dump_scenario(scenario)
    again, script = run(base=scenario)  # Enter keeps both as the default
    assert again == scenario
    prompt = next(p for p in script.prompts if p.key == "needs.native_apis")
    assert prompt.default == "files?, batch"


def test_dont_know_leaves_every_native_api_unknown_but_not_the_pains() -> None:
    """Native API levels may be unknown; pains may not, and 'don't know' there is told why."""
    scenario, script = run({**GOVERNED, "needs.native_apis": "don't know",
                            "needs.pains": ["don't know", "none"]})
    assert scenario.unknown == sorted(f"needs.native_apis.{k}" for k in
                                      ("files", "batch", "fine_tuning", "realtime", "multimodal"))
    refusal = next(t for t in script.told if t.startswith("Not valid"))
    assert "needs.pains.* cannot be left unknown" in refusal
    form = Questionnaire()
    with pytest.raises(ValueError, match="needs.pains.rotation_restarts cannot be left unknown"):
        form.parse(form.question("needs.pains"), "rotation?", {})


def test_native_apis_help_tells_the_leaky_abstraction_and_who_passes_them() -> None:
    """`?` says a unified API does not carry them, which gateways pass each, and the bypass."""
    _, script = run({**GOVERNED, "needs.native_apis": ["?", ""]})
    text = next(t for t in script.told if "leaky abstraction" in t)
    assert "a unified API does not carry these" in text
    # Who passes batch through is what the facts say, plan by plan.
    passing = [o.name for kind in ("saas", "open_source") for o in offers(bundled_facts(), kind)
               if "batch" in o.native_apis]
    assert passing
    assert ("2. batch: provider batch APIs (half-price offline jobs); passed through by "
            + ", ".join(passing)) in text
    assert "native_api_bypass_share" in text and "around the gateway" in text


def test_strategic_wall_is_asked_after_governance_and_dont_know_is_told_why() -> None:
    """yes sets buy.strategic; 'don't know' is refused (no unknown for it) with what to do."""
    scenario, script = run({**GOVERNED, "buy.strategic": ["don't know", "?", "yes"]})
    assert scenario.buy.strategic is True
    refusal = next(t for t in script.told if t.startswith("Not valid"))
    assert "buy.strategic cannot be left unknown" in refusal and "answer no unless" in refusal
    help_text = next(t for t in script.told if "strategic wall" in t)
    assert "extension of the essay's walls" in help_text and "off by default" in help_text
    assert "walls off buying" in help_text
    assert "Default: no" in help_text


def test_licence_quote_is_asked_when_access_control_is_required() -> None:
    """A required need in the paid tier only (access control) asks the quote; '3k' is written."""
    scenario, script = run({**GOVERNED, "needs.governance.access_control": "required",
                            "self_host.licence": ["idk", "3k"]})
    assert scenario.self_host.licence is not None and scenario.self_host.licence.likely == 3000
    refusal = next(t for t in script.told if t.startswith("Not valid"))
    assert "self_host.licence cannot be left unknown" in refusal and "estimate" in refusal
    prompt = next(p for p in script.prompts if p.key == "self_host.licence")
    assert prompt.default == "2,500" and "in USD" in prompt.text


@pytest.mark.parametrize("answer", ["", "none"])
def test_licence_enter_or_none_keeps_the_sourced_estimate(answer: str) -> None:
    """Enter or none leave the field out: the estimate applies, its source and date in help."""
    scenario, script = run({**GOVERNED, "needs.governance.access_control": "required",
                            "self_host.licence": ["?", answer]})
    assert scenario.self_host.licence is None
    quote = bundled_facts().products["litellm"].plans["enterprise"].price.quote
    assert quote is not None and quote.likely == 2500
    help_text = next(t for t in script.told if "Default: 2,500" in t)
    assert quote.reasoning in help_text
    assert "access_control in LiteLLM Enterprise" in help_text
    summary = next(t for t in script.told if "Your answers:" in t)
    assert "self_host.licence: 2,500 (sourced default)" in summary


def test_licence_default_is_converted_to_the_scenarios_currency() -> None:
    """In EUR the estimate is shown in euros, converted from its US-dollar price at the rate."""
    _, script = run({"currency": "EUR", "usd_rate": "0.9", **GOVERNED,
                     "needs.governance.access_control": "required"})
    prompt = next(p for p in script.prompts if p.key == "self_host.licence")
    assert prompt.default == "2,250" and "in EUR" in prompt.text


def test_skip_answered_skips_the_new_questions_a_file_answers() -> None:
    """A file that answers all four asks none of them again, and comes back unchanged."""
    base = load_scenario_text(
        "name: Acme\nneeds:\n  governance: {compliance: required, access_control: required}\n"
        "  compliance_level: stay_in_house\n  native_apis: {batch: required, files: unknown}\n"
        "providers:\n  in_use: [{name: vllm, self_hosted: true}]\nbuy: {strategic: true}\n"
        "self_host: {licence: 3000}\n")
    scenario, script = run(base=base, skip_answered=True)
    assert not set(NEW_KEYS) & set(script.asked)
    assert scenario == base


def test_skip_answered_still_asks_self_hosted_when_the_file_would_be_refused() -> None:
    """stay_in_house chosen now, a file's provider not marked self-hosted: the question comes
    back although the file lists the providers."""
    base = load_scenario_text("name: Acme\nneeds:\n  governance: {compliance: required}\n"
                              "providers:\n  in_use: [{name: vllm}]\n")
    scenario, script = run({"needs.data.providers": "in_house",
                            "providers.self_hosted": ["", "vllm"]}, base=base,
                           skip_answered=True)
    assert "providers.in_use" not in script.asked
    assert script.asked.count("providers.self_hosted") == 2
    assert scenario.providers.in_use[0].self_hosted is True


def test_the_licence_is_not_asked_once_sso_no_longer_applies() -> None:
    """SSO answered required, then the need behind it taken back: SSO is not written, and the
    licence question that followed from it is not asked either."""
    back = {f"needs.governance.{k}": ["", "<"] for k in (
        "audit_trail", "rate_limits", "compliance", "key_management")}
    script = Script({**back, "needs.governance.cost_attribution": ["required", "no"],
                     "needs.governance.access_control": ["required", "<"],
                     "buy.strategic": "<"})
    scenario, _ = run_questionnaire(script, tell=script.tell)
    assert script.asked.count("needs.governance.cost_attribution") == 2
    assert scenario.needs.governance.access_control == "no"
    assert "self_host.licence" not in script.asked


def test_new_answers_survive_an_interruption_and_resume(tmp_path: Path) -> None:
    """Ctrl-C after the new questions: the .partial file holds them and --resume builds the
    same scenario (unknown native APIs included)."""
    from gateway_roi.files.partial import load_partial, save_partial

    answers = {**GOVERNED, "needs.governance.access_control": "required",
               "buy.strategic": "yes", "providers.in_use": "openai vllm",
               "providers.self_hosted": "vllm", "needs.native_apis": "batch, files?",
               "self_host.licence": "4k"}
    form = Questionnaire()
    first = Script(answers, stop_at="details")
    session = Session()
    with pytest.raises(KeyboardInterrupt):
        form.run(first, first.tell, session)
    path = tmp_path / "s.yaml.partial"
    save_partial(path, form, session, output=None, skip_answered=False)
    form2, session2, _, _ = load_partial(path)
    second = Script()
    form2.run(second, second.tell, session2)
    assert second.asked == ["details"]
    scenario, _ = form2.build(session2.answers)
    expected, _ = run(answers)
    assert scenario == expected
    assert scenario.unknown == ["needs.native_apis.files"] and scenario.buy.strategic


@pytest.mark.parametrize(("name", "file"), [
    ("My Team", "my-team.yaml"),
    ("支付团队的网关决策", "支付团队的网关决策.yaml"),
    ("Zahlungs-Team Größe", "zahlungs-team-größe.yaml"),
    ("../../etc/passwd", "etc-passwd.yaml"),
    ('a:b*c?"d<e>f|g\\h', "a-b-c-d-e-f-g-h.yaml"),
    ("right\u202eto-left", "right-to-left.yaml"),
    ("CON", "con-scenario.yaml"),
    ("___", "scenario.yaml"),
])
def test_the_scenario_file_is_named_after_the_scenario_in_its_own_script(name: str,
                                                                         file: str) -> None:
    """A Chinese or German name keeps its letters; separators, characters Windows forbids,
    bidi controls and reserved device names never reach the file name."""
    assert scenario_filename(name) == file


def test_data_rules_from_the_file_are_asked_after_compliance_is_answered_no() -> None:
    """A revised file's data rules never stay in force unseen: with compliance answered no,
    both rule questions still come, and allowed takes them away (the older shorthand too)."""
    base = load_scenario_text("name: Acme\nneeds:\n  governance: {compliance: required}\n"
                              "  compliance_level: redact_in_house\n")
    scenario, script = run({"needs.governance.compliance": "no",
                            "needs.data.providers": "allowed",
                            "needs.data.third_party_gateway": "allowed"}, base)
    assert {"needs.data.providers", "needs.data.third_party_gateway"} <= set(script.asked)
    assert scenario.needs.compliance_level is None
    assert scenario.needs.data.providers in (None, "allowed")
    assert scenario.needs.data.third_party_gateway in (None, "allowed")
    # Without rules in the file, answering no asks nothing more (the main path stays short).
    _, script = run({"needs.governance.compliance": "no"})
    assert "needs.data.providers" not in script.asked


def test_every_governance_need_has_one_question() -> None:
    """Each governance need the scenario format knows is asked about, once, in its group."""
    from gateway_roi.model.scenario import GOVERNANCE_NEEDS

    asked = [q.key.removeprefix("needs.governance.") for q in QUESTIONS
             if q.key.startswith("needs.governance.")]
    assert sorted(asked) == sorted(GOVERNANCE_NEEDS)
    assert all(q.group == "governance" for q in QUESTIONS if q.key.startswith("needs.governance."))


def test_the_counter_says_when_an_answer_brings_follow_ups() -> None:
    """When an answer brings follow-up questions, the counter's new total is said, never a
    silent jump (15/26 to 16/31); otherwise the total stays."""
    _, script = run({"needs.governance.cost_attribution": "required"})
    totals = [p.total for p in script.prompts if p.key != FINISH_KEY]
    jumps = [i for i in range(1, len(totals)) if totals[i] != totals[i - 1]]
    assert jumps
    said = [t for t in script.told if "follow-up question" in t]
    assert len(said) == len(jumps)
    for i, text in zip(jumps, said, strict=True):
        assert f"{totals[i]} in all now" in text


def test_converted_defaults_are_figures_a_person_writes() -> None:
    """A sourced default converted to another currency shows three significant digits (an
    exchange rate keeps its four decimals, as rates are quoted)."""
    _, script = run({"currency": "EUR", "usd_rate": "0.92", "details": "yes"})
    defaults = [p.default for p in script.prompts
                if p.default and p.default[0].isdigit() and p.key != "usd_rate"]
    assert defaults
    for shown in defaults:
        digits = re.sub(r"[^0-9]", "", shown.split(" ")[0].split("%")[0].rstrip("kMB"))
        assert len(digits.strip("0")) <= 3 or "to" in shown, shown
