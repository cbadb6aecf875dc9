"""Facts real decisions turned on: compliance levels, access control and paid open-source tiers,
models the team runs itself, provider-native APIs and the strategic wall.

Each test states what a user would see: which options a fact walls off, which cost line it adds,
and what the verdict says about it.
"""

from __future__ import annotations

import pytest

from gateway_roi.ask.answers import parse_answer
from gateway_roi.ask.questions import QUESTIONS
from gateway_roi.ask.session import Prompt, run_questionnaire
from gateway_roi.errors import GatewayRoiError
from gateway_roi.files.loading import dump_scenario, load_scenario_text
from gateway_roi.model.cost_lines import OptionCosts
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.evaluation import assess
from gateway_roi.model.facts import bundled_facts
from gateway_roi.model.inputs import resolve_inputs
from gateway_roi.model.products import Offer, offers
from gateway_roi.model.ranges import Range
from gateway_roi.model.scenario import UNKNOWN_NUMBER_RANGES, Scenario
from gateway_roi.model.verdict import Decision, decide, infeasible_reasons

# Scale met (thresholds 10 services, 1M calls), a platform team with a 24x7 rotation.
AT_SCALE = """
name: At scale
organisation: {services: 20, monthly_requests: 2000000}
team: {platform_team: true, on_call_24x7: true}
"""
SELF_HOSTED_AND_EXTERNAL = """
providers:
  in_use:
    - {name: vllm-llama, self_hosted: true}
    - {name: openai}
"""
ALL_SELF_HOSTED = """
providers:
  in_use:
    - {name: vllm-llama, self_hosted: true}
    - {name: vllm-qwen, self_hosted: true}
"""


def _run(text: str, *overrides: str) -> tuple[dict[str, OptionCosts], Decision]:
    mi = resolve_inputs(load_scenario_text(text, overrides=list(overrides)))
    options = compute_costs(mi)
    return options, decide(mi, options)


def _offer(option: OptionCosts) -> Offer:
    """The plan an option priced, as the facts describe it."""
    return next(o for kind in ("saas", "open_source") for o in offers(bundled_facts(), kind)
                if (o.product, o.plan) == (option.product, option.plan))


def _walled(options: dict[str, OptionCosts]) -> set[str]:
    return {k for k, o in options.items() if not o.feasible}


def _line_ids(o: OptionCosts) -> set[str]:
    return {line.id for line in o.lines}


# --- compliance levels -------------------------------------------------------------------------


@pytest.mark.parametrize(("gateway", "walled"), [
    ("allowed", set()),
    ("under_contract", set()),  # the cheapest plan with a data contract is priced
    ("redacted", set()),
    ("not_allowed", {"buy"}),
])
def test_each_gateway_rule_walls_off_exactly_what_it_says(gateway: str, walled: set[str]) -> None:
    """With only cost attribution required (direct and automate cover it by hand), each rule
    for a third-party gateway walls off its options and no others."""
    options, _ = _run(AT_SCALE, "needs.governance.cost_attribution=required",
                      f"needs.data.third_party_gateway={gateway}")
    assert _walled(options) == walled
    assert options["buy"].compliance_walled == ("buy" in walled)
    assert options["direct"].by_hand == options["automate"].by_hand == ("cost_attribution",)


def test_in_house_walls_off_buying_and_needs_every_model_in_house() -> None:
    """Providers in_house (the old stay_in_house): buying is walled off; an external provider is
    refused with the fix."""
    options, d = _run(AT_SCALE + ALL_SELF_HOSTED, "needs.governance.cost_attribution=required",
                      "needs.compliance_level=stay_in_house")
    assert _walled(options) == {"buy"}
    assert "compliance" in d.criteria.buy_walls.standing
    for written in (["needs.compliance_level=stay_in_house"],
                    ["needs.data.providers=in_house"]):
        with pytest.raises(GatewayRoiError) as caught:
            load_scenario_text(AT_SCALE + SELF_HOSTED_AND_EXTERNAL, overrides=written)
        assert "openai is an external provider" in str(caught.value)
        assert "self_hosted: true" in str(caught.value)


def test_the_old_shorthand_means_the_two_rules() -> None:
    """compliance_level reads as the pair of rules it stands for, the same costs either way."""
    from gateway_roi.model.scenario import LEVEL_RULES

    for level, (providers, gateway) in LEVEL_RULES.items():
        extra = ALL_SELF_HOSTED if providers == "in_house" else ""
        old, _ = _run(AT_SCALE + extra, f"needs.compliance_level={level}")
        new, _ = _run(AT_SCALE + extra, f"needs.data.providers={providers}",
                      f"needs.data.third_party_gateway={gateway}")
        assert {k: o.total for k, o in old.items()} == {k: o.total for k, o in new.items()}
    with pytest.raises(GatewayRoiError, match="give one or the other"):
        load_scenario_text(AT_SCALE, overrides=["needs.compliance_level=vendor_contract",
                                                "needs.data.providers=redacted"])


def test_compliance_required_alone_still_means_no_third_party_gateway() -> None:
    """The old switch keeps its meaning: compliance required walls off buying, nothing else."""
    old, _ = _run(AT_SCALE, "needs.governance.compliance=required")
    new, _ = _run(AT_SCALE, "needs.governance.compliance=required",
                  "needs.compliance_level=no_third_party_gateway")
    assert _walled(old) == _walled(new) == {"buy"}
    assert {k: o.total for k, o in old.items()} == {k: o.total for k, o in new.items()}


def test_vendor_contract_picks_a_vendor_that_offers_one_and_pays_the_review() -> None:
    """vendor_contract: auto picks a preset with a data contract; the review hours are paid."""
    options, _ = _run(AT_SCALE, "needs.governance.cost_attribution=required",
                      "needs.compliance_level=vendor_contract")
    buy = options["buy"]
    assert "data_contract" in _offer(buy).offers
    review = next(line for line in buy.lines if line.id == "compliance_review")
    assert review.total > 0
    plain, _ = _run(AT_SCALE, "needs.governance.cost_attribution=required")
    assert "data_contract" not in _offer(plain["buy"]).offers  # a cheaper one without


def test_vendor_contract_walls_off_a_chosen_vendor_without_one() -> None:
    """A vendor the team chose that offers no data contract cannot be bought under this level."""
    options, d = _run(AT_SCALE, "needs.governance.cost_attribution=required",
                      "needs.compliance_level=vendor_contract", "buy.vendor=portkey",
                      "buy.plan=production")
    assert not options["buy"].feasible
    assert "data_contract" in options["buy"].gaps
    why = " ".join(p.text("en") for p in infeasible_reasons(options["buy"]))
    assert "data-processing contract with region pinning" in why
    assert d.criteria.buy_walls.customization


def test_redaction_is_a_cost_line_and_a_single_point_of_failure_of_every_option() -> None:
    """redact_in_house adds build, run and downtime lines to every option sending data out, and
    the redactor's downtime lowers every option's availability (buying also pays the review of
    what the vendor sees)."""
    base, _ = _run(AT_SCALE)
    redact, _ = _run(AT_SCALE, "needs.compliance_level=redact_in_house")
    for key, o in redact.items():
        assert {"redaction_build", "redaction_run", "redaction_downtime"} <= _line_ids(o), key
        assert o.availability < base[key].availability
        added = sum(line.total for line in o.lines
                    if line.id.startswith("redaction_") or line.id == "compliance_review")
        assert o.total == pytest.approx(base[key].total + added)


def test_redaction_only_in_front_of_the_vendor_when_every_model_runs_in_house() -> None:
    """Nothing leaves to a provider the team runs itself: only buying sends data to a third party."""
    options, _ = _run(AT_SCALE + ALL_SELF_HOSTED, "needs.compliance_level=redact_in_house")
    with_redaction = {k for k, o in options.items() if "redaction_build" in _line_ids(o)}
    assert with_redaction == {"buy"}


# --- access control and paid tiers --------------------------------------------------------------


def test_access_control_only_in_a_paid_tier_adds_the_licence_line_to_self_host() -> None:
    """LiteLLM has SSO beyond 5 users only in Enterprise: self-hosting pays a licence, marked as
    an estimate until the team is quoted."""
    editions = {o.plan: o for o in offers(bundled_facts(), "open_source") if o.product == "litellm"}
    without, _ = _run(AT_SCALE, "needs.governance.cost_attribution=required")
    assert "licence" not in _line_ids(without["self_host"])
    options, _ = _run(AT_SCALE, "needs.governance.access_control=required",
                      "self_host.gateway=litellm")
    sh = options["self_host"]
    assert "access_control" in editions["enterprise"].offers
    assert "access_control" not in editions["community"].offers
    licence = next(line for line in sh.lines if line.id == "licence")
    assert licence.kind == "standing"
    assert "QUOTE NEEDED" in licence.note
    assert sh.licence_needed == ("access_control",)
    assert sh.feasible  # the paid tier meets it


def test_a_quoted_licence_replaces_the_estimate() -> None:
    """self_host.licence is the figure the team was quoted: no quote-needed note, its amount."""
    options, _ = _run(AT_SCALE, "needs.governance.access_control=required",
                      "self_host.gateway=litellm", "self_host.licence=1000",
                      "discount_rate=0")
    licence = next(line for line in options["self_host"].lines if line.id == "licence")
    assert licence.total == pytest.approx(36 * 1000)
    assert "QUOTE NEEDED" not in licence.note


def test_access_control_buys_a_plan_with_sso_and_says_a_quote_is_needed() -> None:
    """SSO sits in plans that publish no price: buying prices one, marked quote needed."""
    options, _ = _run(AT_SCALE, "needs.governance.access_control=required")
    buy = options["buy"]
    assert "access_control" in _offer(buy).offers and buy.feasible
    assert buy.quote_needed
    fees = next(line for line in buy.lines if line.id == "fees")
    assert "QUOTE NEEDED" in fees.note


# --- models the team runs itself ----------------------------------------------------------------


def test_a_self_hosted_provider_the_vendor_cannot_reach_makes_buy_infeasible() -> None:
    """A vendor that cannot reach private endpoints cannot front a self-hosted model."""
    options, d = _run(AT_SCALE + SELF_HOSTED_AND_EXTERNAL,
                      "needs.governance.cost_attribution=required", "buy.vendor=cloudflare")
    buy = options["buy"]
    assert not buy.feasible
    why = " ".join(p.text("en") for p in infeasible_reasons(buy))
    assert "reaching the team's self-hosted models on its private network" in why
    assert d.option != "buy"


def test_auto_vendor_prefers_a_preset_that_reaches_private_endpoints() -> None:
    """With a self-hosted model, auto picks a preset that can reach it."""
    options, _ = _run(AT_SCALE + SELF_HOSTED_AND_EXTERNAL,
                      "needs.governance.cost_attribution=required")
    assert "private_endpoints" in _offer(options["buy"]).offers
    assert options["buy"].feasible


def test_in_house_models_add_their_capacity_and_pages_to_every_gateway_option() -> None:
    """Fronting in-house models costs each gateway option its setup and monthly share (a SaaS
    gateway also its private link); staying direct or automating adds nothing, and one more
    in-house model adds as much again."""
    plain, _ = _run(AT_SCALE + "providers:\n  in_use: [{name: vllm-llama}, {name: openai}]\n",
                    "needs.governance.cost_attribution=required")
    one, _ = _run(AT_SCALE + SELF_HOSTED_AND_EXTERNAL, "needs.governance.cost_attribution=required")
    two, _ = _run(AT_SCALE + SELF_HOSTED_AND_EXTERNAL.replace("{name: openai}",
                                                              "{name: vllm-qwen, self_hosted: true}"),
                  "needs.governance.cost_attribution=required")
    for key in ("direct", "automate"):
        assert one[key].total == pytest.approx(plain[key].total)
        assert not {"in_house_setup", "in_house_capacity"} & _line_ids(one[key])

    def line(options: dict[str, OptionCosts], key: str, line_id: str) -> float:
        return next(x.total for x in options[key].lines if x.id == line_id)

    for key in ("buy", "self_host", "build"):
        assert one[key].total > plain[key].total
        assert "vllm-llama" in next(x.note for x in one[key].lines if x.id == "in_house_setup")
        monthly = line(one, key, "in_house_capacity")
        if key != "buy":  # the vendor's private link is paid once, whatever the models
            assert line(two, key, "in_house_capacity") == pytest.approx(2 * monthly)
            assert line(two, key, "in_house_setup") == pytest.approx(
                2 * line(one, key, "in_house_setup"))
    link = next(x for x in one["buy"].lines if x.id == "in_house_capacity")
    assert "private_connectivity_cost_per_month" in link.inputs
    assert line(one, "buy", "in_house_capacity") > line(one, "self_host", "in_house_capacity")


# --- provider-native APIs -----------------------------------------------------------------------


def test_a_required_native_api_no_gateway_passes_raises_its_bypass_cost() -> None:
    """Realtime required: a gateway that does not pass it through sends more services around
    it (bypass share + native_api_bypass_share); one that does costs the same as before."""
    # Neither Envoy AI Gateway nor Helicone documents realtime pass-through.
    chosen = ("self_host.gateway=envoy-ai-gateway", "buy.vendor=helicone", "buy.plan=pro")
    base, _ = _run(AT_SCALE, *chosen)
    more, _ = _run(AT_SCALE, *chosen, "needs.native_apis.realtime=required")
    for key in ("buy", "self_host"):
        old = next(line for line in base[key].lines if line.id == "bypass")
        new = next(line for line in more[key].lines if line.id == "bypass")
        assert new.total == pytest.approx(old.total * (0.2 + 0.1) / 0.2)
        assert "realtime" in new.note
    litellm, _ = _run(AT_SCALE, "self_host.gateway=litellm",
                      "needs.native_apis.realtime=required")
    plain, _ = _run(AT_SCALE, "self_host.gateway=litellm")
    assert litellm["self_host"].total == pytest.approx(plain["self_host"].total)
    # An in-house gateway is built to pass it through: its hours, once, up front.
    v = resolve_inputs(load_scenario_text(AT_SCALE)).values
    assert more["build"].total == pytest.approx(
        base["build"].total + v["build_realtime_hours"] * v["engineer_hour_cost"])
    assert "native_apis" in _line_ids(more["build"])


# --- the strategic wall -------------------------------------------------------------------------


def test_strategic_walls_off_buying_for_its_own_reason() -> None:
    """buy.strategic: the gateway is part of the product: buying is walled off, never by default."""
    options, d = _run(AT_SCALE, "needs.governance.cost_attribution=required")
    assert d.option == "buy" and not d.criteria.buy_walls.strategic
    options, d = _run(AT_SCALE, "needs.governance.cost_attribution=required",
                      "buy.strategic=true")
    assert not options["buy"].feasible
    assert d.criteria.buy_walls.standing[-1] == "strategic"
    assert d.option in ("self_host", "build")
    text = " ".join(r.text("en") for r in d.reasons)
    assert "strategy (the gateway is part of the product the team sells)" in text


# --- "unknown" answers ----------------------------------------------------------------------------

ROTATION_UNKNOWN = """
name: Unknown rotation
organisation: {services: 18, monthly_requests: 4000000}
team: {platform_team: true, on_call_24x7: unknown}
needs: {governance: {audit_trail: required, compliance: required}}
"""


def test_an_unknown_that_flips_the_verdict_is_reported_with_both_branches() -> None:
    """A 24x7 rotation nobody wrote down: the verdict takes "no", and says what "yes" gives."""
    ev = assess(load_scenario_text(ROTATION_UNKNOWN), tripwires=False)
    assert ev.decision.option == "automate"  # no rotation: no gateway this team can run
    (unknown,) = ev.unknowns
    assert unknown.field == "team.on_call_24x7" and unknown.assumed == "false"
    assert unknown.decides
    assert {b.value: b.verdicts for b in unknown.branches} == {
        "false": (("automate", "governance-no-runnable-gateway"),),
        "true": (("self_host", "governance-self-host"),)}
    assert unknown.text == (
        "find out whether a 24x7 rotation exists before deciding (team.on_call_24x7): without one, "
        "automate (governance-no-runnable-gateway); with one, self_host (governance-self-host)")


def test_a_chinese_record_says_what_to_find_out_in_chinese() -> None:
    """The sentence on an unknown that decides reads in Chinese in a Chinese record."""
    ev = assess(load_scenario_text(ROTATION_UNKNOWN), tripwires=False)
    (unknown,) = ev.unknowns
    text = unknown.phrase().text("zh")
    assert text.startswith("决策前先弄清是否已有 7×24 值班（team.on_call_24x7）")
    assert "没有的话，automate (governance-no-runnable-gateway)" in text
    assert "find out" not in text and "with one" not in text


def test_an_unknown_that_changes_nothing_says_so() -> None:
    """An unknown need level that no answer moves is reported as not deciding."""
    ev = assess(load_scenario_text(ROTATION_UNKNOWN.replace("on_call_24x7: unknown",
                                                            "on_call_24x7: true"),
                                   overrides=["needs.routing.user_tier=unknown"]),
                tripwires=False)
    (unknown,) = ev.unknowns
    assert not unknown.decides
    assert "no answer to it changes the verdict on its own" in unknown.text


def test_unknown_answers_survive_a_dump_and_a_reload() -> None:
    """The file written back says unknown where the user did."""
    s = load_scenario_text(ROTATION_UNKNOWN, overrides=["organisation.monthly_requests=unknown"])
    text = dump_scenario(s)
    assert "on_call_24x7: unknown" in text and "monthly_requests: unknown" in text
    assert load_scenario_text(text) == s


def test_an_unknown_number_is_sampled_over_its_stated_range() -> None:
    """monthly_requests: unknown takes the default as likely and samples the stated range."""
    s = load_scenario_text("organisation: {monthly_requests: unknown}\n")
    assert s.organisation.monthly_requests == Range(*UNKNOWN_NUMBER_RANGES[
        "organisation.monthly_requests"], "pert")
    assert s.organisation.monthly_requests.likely == 100_000


def test_unknown_is_refused_where_it_is_not_allowed() -> None:
    """Only the listed fields may be unknown; others keep their own error."""
    with pytest.raises(GatewayRoiError):
        load_scenario_text("organisation: {monthly_provider_spend: unknown}\n")


def test_the_schema_accepts_unknown_for_a_team_fact() -> None:
    """Editors validating against the schema accept unknown where the loader does."""
    team = Scenario.model_json_schema()["$defs"]["Team"]["properties"]["on_call_24x7"]
    assert {"const": "unknown"} in team["anyOf"]


# --- ask: "don't know", compliance levels, access control -------------------------------------


def _ask(answers: dict[str, str], base: Scenario | None = None) -> tuple[Scenario, list[str]]:
    asked: list[str] = []

    def prompt(p: Prompt) -> str:
        asked.append(p.key)
        return answers.get(p.key, "")

    scenario, _ = run_questionnaire(prompt, base, tell=lambda _: None)
    return scenario, asked


def test_ask_accepts_dont_know_and_the_file_says_unknown() -> None:
    """'don't know' to the rotation question leaves it unknown: the verdict shows both answers."""
    scenario, asked = _ask({"team.platform_team": "yes", "team.on_call_24x7": "don't know"})
    assert "team.on_call_24x7" in asked
    assert scenario.unknown == ["team.on_call_24x7"]
    assert "on_call_24x7: unknown" in dump_scenario(scenario)
    again, _ = _ask({}, base=scenario)  # Enter keeps "don't know" as the default
    assert again.unknown == ["team.on_call_24x7"]


def test_ask_offers_dont_know_only_where_the_model_can_branch() -> None:
    """A number the model cannot branch on refuses 'don't know' with the usual reason."""
    with pytest.raises(ValueError):
        parse_answer(next(q for q in QUESTIONS if q.key == "organisation.monthly_provider_spend"),
                     "don't know", lambda _: "USD")
    on_call = next(q for q in QUESTIONS if q.key == "team.on_call_24x7")
    assert parse_answer(on_call, "don't know", lambda _: "USD") == "unknown"


def test_ask_asks_the_data_rules_and_access_control_when_they_apply() -> None:
    """With compliance required, ask asks both data rules; the written rules are the ones
    chosen, a rule left at its default is left out."""
    scenario, asked = _ask({"needs.governance.compliance": "required",
                            "needs.data.providers": "redacted",
                            "needs.data.third_party_gateway": "under_contract",
                            "needs.governance.access_control": "required"})
    assert {"needs.data.providers", "needs.data.third_party_gateway",
            "needs.governance.access_control"} <= set(asked)
    assert scenario.needs.data.providers == "redacted"
    assert scenario.needs.data.third_party_gateway == "under_contract"
    assert scenario.needs.governance.access_control == "required"
    plain, asked = _ask({})
    assert "needs.data.providers" not in asked and plain == Scenario()
