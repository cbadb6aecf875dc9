"""An answer nobody gave is never printed as a fact (issue 22, point 4).

A field written ``unknown`` is decided at its default (no, ``no``, the likely volume); every
output says so: "24x7 rotation: unknown (taken as no)", "requests/month unknown, sampled 10,000
to 10,000,000", and JSON holds ``{"value": ..., "unknown": true}``. The property: whichever
fields are unknown, text, record (English and Chinese) and JSON never state the value taken as
if it had been answered.
"""

from __future__ import annotations

import functools
import io
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from gateway_roi.files.loading import load_scenario_text
from gateway_roi.model.evaluation import Evaluation, assess
from gateway_roi.needs import NEED_IDS
from gateway_roi.outputs.formatters.json import evaluation_data
from gateway_roi.outputs.formatters.text import print_text
from gateway_roi.outputs.report import render_record

TEAM = ("team.platform_team", "team.on_call_24x7")
FIELDS = (*TEAM, "organisation.monthly_requests", "organisation.services",
          *(f"needs.governance.{k}" for k in ("audit_trail", "compliance", "cost_attribution")))


def _scenario(unknown: frozenset[str], services: int, team: bool, rotation: bool,
              levels: dict[str, str]) -> str:
    def value(path: str, given: object) -> object:
        return "unknown" if path in unknown else given

    lines = ["name: unknown words", "organisation:",
             f"  services: {value('organisation.services', services)}",
             f"  monthly_requests: {value('organisation.monthly_requests', 400000)}",
             "team:", f"  platform_team: {str(value('team.platform_team', team)).lower()}",
             f"  on_call_24x7: {str(value('team.on_call_24x7', rotation)).lower()}",
             "needs:", "  governance:"]
    lines += [f"    {k}: {value(f'needs.governance.{k}', lvl)}" for k, lvl in levels.items()]
    return "\n".join(lines) + "\n"


def _text(ev: Evaluation) -> str:
    out = io.StringIO()
    console = Console(file=out, width=400, no_color=True, force_terminal=False)
    print_text(console, [("s.yaml", ev)])
    return re.sub(r"[│╭╮╰╯─]", " ", out.getvalue())


def _plain_answers(path: str, ev: Evaluation) -> list[str]:
    """What stating the value taken for ``path`` as a fact looks like, in each language."""
    if path == "team.platform_team":
        return [r"platform team: (yes|no)\b", r"平台团队：(是|否)"]
    if path == "team.on_call_24x7":
        return [r"24x7 rotation: (yes|no)\b", r"7×24 值班：(是|否)", r"without a 24x7 rotation",
                r"没有 7×24 值班"]
    if path == "organisation.monthly_requests":
        return [r"[\d,]+ requests/month", r"make [\d,]+ requests a month",
                r"(?<!、)每月共? [\d,]+ 次请求"]  # "、每月 N 次请求": a threshold
    if path == "organisation.services":
        return [r"\b\d[\d,]* services \(threshold", r"\b\d[\d,]* services call AI today",
                r"restarts across (about )?\d[\d,]* services", r"\d+ 个服务（门槛",
                r"目前有 (约 )?\d+ 个服务调用", r"重启 (约 )?\d+ 个服务"]
    need = path.rsplit(".", 1)[1]
    from gateway_roi.words.i18n import term
    return [re.escape(f"{term(f'need.{need}')}: no"), re.escape(f"{term(f'need.{need}', 'zh')}（否）")]


@functools.cache
def _bundled_sampled() -> tuple[Evaluation, ...]:
    """Every bundled scenario with its tripwires and 2,000 draws (evaluated once for the tests
    that read them all)."""
    from gateway_roi.files.resources import bundled_scenarios

    return tuple(assess(load_scenario_text(path.read_text(encoding="utf-8"), str(path)),
                        tripwires=True, draws=2000) for path in bundled_scenarios())


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unknown=st.sets(st.sampled_from(FIELDS), min_size=1, max_size=3).map(frozenset),
       services=st.sampled_from([3, 25]), team=st.booleans(), rotation=st.booleans(),
       levels=st.fixed_dictionaries({k: st.sampled_from(["no", "nice", "required"])
                                     for k in ("audit_trail", "compliance",
                                               "cost_attribution")}))
def test_an_unknown_answer_is_never_printed_as_given(unknown: frozenset[str], services: int,
                                                      team: bool, rotation: bool,
                                                      levels: dict[str, str]) -> None:
    """Text, records in both languages and JSON say "unknown" with the value taken."""
    scenario = load_scenario_text(_scenario(unknown, services, team, rotation, levels), "s.yaml")
    ev = assess(scenario, tripwires=False)
    outputs = {"text": _text(ev), "en": render_record(ev, lang="en"),
               "zh": render_record(ev, lang="zh")}
    for path in unknown:
        for pattern in _plain_answers(path, ev):
            for name, out in outputs.items():
                found = re.search(pattern, out)
                assert found is None, (path, name, found and out[max(0, found.start() - 80):
                                                                 found.end() + 80])
    data: dict[str, Any] = evaluation_data(ev)["criteria"]
    ops, scale = data["ops_capacity"], data["scale"]
    for path, entry in (("team.platform_team", ops["platform_team"]),
                        ("team.on_call_24x7", ops["on_call_24x7"]),
                        ("organisation.monthly_requests", scale["monthly_requests"]),
                        ("organisation.services", scale["services"])):
        if path in unknown:
            assert isinstance(entry, dict) and entry["unknown"] is True
            assert "value" in entry
        else:
            assert not isinstance(entry, dict)
    assert set(data["need"]["unknown"]) == {p.rsplit(".", 1)[1] for p in unknown
                                            if p.startswith("needs.governance.")}
    assert set(data["need"]["unknown"]) <= set(NEED_IDS)


def test_rotation_unknown_reads_unknown_in_every_output() -> None:
    """The bundled insurer's criteria and context say the rotation and volume are unknown."""
    from gateway_roi.files.resources import bundled_scenarios
    path = next(p for p in bundled_scenarios() if p.name == "rotation-unknown.yaml")
    ev = assess(load_scenario_text(path.read_text(encoding="utf-8"), str(path)), tripwires=False)
    text = _text(ev)
    assert "24x7 rotation: unknown (taken as no)" in text
    assert "requests/month unknown, sampled 10,000 to 10,000,000" in text
    record = render_record(ev, lang="en")
    assert "24x7 rotation: unknown (taken as no)" in record
    assert "an unknown number of requests a month (sampled 10,000 to 10,000,000)" in record
    assert "7×24 值班：未知（按否处理）" in render_record(ev, lang="zh")


YES_NO = ("team.platform_team", "team.on_call_24x7",
          *(f"needs.governance.{k}" for k in ("audit_trail", "compliance", "rate_limits")))


def _verdict(text: str) -> tuple[str, str]:
    d = assess(load_scenario_text(text, "s.yaml"), tripwires=False).decision
    return d.option, d.rule


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(YES_NO), services=st.sampled_from(["3", "25", '"4 to 40"']),
       team=st.booleans(), rotation=st.booleans(),
       levels=st.fixed_dictionaries({k: st.sampled_from(["no", "required"])
                                     for k in ("audit_trail", "compliance", "rate_limits")}))
def test_an_unknown_that_flips_the_verdict_is_never_100_percent(
        field: str, services: str, team: bool, rotation: bool, levels: dict[str, str]) -> None:
    """Written unknown, an answer that flips the verdict leaves the confidence under 100%, and
    the first screen (panel title and lines, the record's title and lead) says what it depends
    on; one that flips nothing says the verdict holds either way."""
    section, _, leaf = field.rpartition(".")
    answers = ("false", "true") if section == "team" else ("no", "required")

    def scenario(answer: str) -> str:
        lines = ["name: flips", "organisation:", f"  services: {services}", "team:",
                 f"  platform_team: {str(team).lower()}", f"  on_call_24x7: {str(rotation).lower()}",
                 "needs:", "  governance:",
                 *(f"    {k}: {lvl}" for k, lvl in levels.items())]
        text = "\n".join(lines) + "\n"
        # The field's own line takes the answer (yes/no facts and need levels alike).
        return re.sub(rf"(?m)^(\s+{leaf}): .*$", rf"\1: {answer}", text)

    flips = _verdict(scenario(answers[0])) != _verdict(scenario(answers[1]))
    ev = assess(load_scenario_text(scenario("unknown"), "s.yaml"), tripwires=False, draws=300)
    assert ev.uncertainty is not None
    first_screen = _text(ev).split("rule:")[0]
    record = render_record(ev, lang="en")
    title = record.split("\n# ", 1)[1].split("\n", 1)[0]
    if flips:
        assert ev.uncertainty.confidence < 1.0
        assert "Depends on an unknown" in first_screen
        assert "Depends on" in title
        assert "取决于" in render_record(ev, lang="zh").split("\n# ", 1)[1].split("\n", 1)[0]
    else:
        assert "Holds either way" in first_screen
        assert "Depends on" not in title


def test_a_close_call_and_an_estimated_price_are_on_the_first_screen() -> None:
    """A verdict resting on a price nobody published names it, with the margin, in its first
    lines; a margin under CLOSE_MARGIN reads as a close call (bundled scenarios)."""
    from gateway_roi.files.resources import bundled_scenarios
    from gateway_roi.outputs.wording import CLOSE_MARGIN, lead

    seen_close = seen_quote = False
    for path in bundled_scenarios():
        ev = assess(load_scenario_text(path.read_text(encoding="utf-8"), str(path)),
                    tripwires=False)
        d = ev.decision
        share = d.margin / ev.options[d.option].total
        lines = " ".join(lead(ev))
        quoted = [o.product_label for o in (ev.options[d.option], ev.options[d.runner_up])
                  if o.quote_needed and o.product_label]
        if 0 <= share < CLOSE_MARGIN:
            seen_close = True
            assert f"A close call: {d.option}, only " in lines and f"({share:.0%})" in lines
        for label in quoted:
            seen_quote = True
            assert label in lines and "quote needed" in lines
            assert label in render_record(ev, lang="en").split("## ", 1)[0]
    assert seen_close and seen_quote


def test_an_estimate_that_alone_reverses_the_ranking_is_named_on_the_first_screen() -> None:
    """Where one of our estimates (a default's range) reverses the ranking of the verdict and the
    runner-up at the far end of its range, the first lines of the panel and of the record name
    it, in English and Chinese; where none does, they name none (bundled scenarios)."""
    from gateway_roi.outputs.wording import lead, reach
    from gateway_roi.words.inputs import input_words

    named = 0
    for ev in _bundled_sampled():
        u = ev.uncertainty
        assert u is not None
        fragile = [b.input for b in u.tornado if reach(b, u.margin).flips
                   and ev.inputs.inputs[b.input].origin == "default"
                   and not b.input.startswith("quote_")]
        for lang in ("en", "zh"):
            lines = " ".join(lead(ev, lang))
            head = render_record(ev, lang=lang).split("## ", 1)[0]
            for name in fragile:
                assert input_words(name, lang) in lines and input_words(name, lang) in head
            if not fragile:
                assert "reverses the ranking" not in lines and "排序即会反转" not in lines
        named += len(fragile)
    assert named


def test_an_estimated_price_is_sampled_and_worth_asking_for() -> None:
    """Our estimate of a price no vendor publishes is a range: sampled, in the tornado, and,
    wherever it moves the margin, "ask for a quote" says what it is worth and at what monthly
    price the verdict changes, in the panel and the record (issue 22, point 1)."""
    from gateway_roi.model.facts import bundled_facts
    from gateway_roi.model.inputs import quote_input

    asked = 0
    for ev in _bundled_sampled():
        u = ev.uncertainty
        assert u is not None
        for o in ev.options.values():
            if not (o.quote_needed and o.product and o.plan):
                continue
            name = quote_input(o.product, o.plan)
            if name not in ev.inputs.inputs:  # a quote the scenario wrote replaces it
                continue
            quote = bundled_facts().products[o.product].plans[o.plan].price.quote
            assert quote is not None
            spread = ev.inputs.inputs[name].spread
            assert spread is not None and (spread.low, spread.high) == (quote.low, quote.high)
            assert name in u.ranged
            if any(b.input == name for b in u.tornado):
                asked += 1
                sentence = f"Ask for a {o.product_label} quote: knowing it is worth"
                trip = next(t for t in (*ev.tripwires, *u.breakeven) if t.input == name)
                assert sentence in _text(ev).replace("\n    ", " ")
                record = render_record(ev, lang="en")
                assert sentence in record
                assert f"below about ${float(trip.threshold):,.0f} a month the verdict is" in record
                assert f"向供应商索取 {o.product_label} 的报价" in render_record(ev, lang="zh")
    assert asked


@pytest.mark.parametrize(("providers", "gateway", "named"), [
    ("allowed", "under_contract", "under its data-processing contract"),
    ("redacted", "redacted", "only once redacted in-house"),
    ("in_house", "not_allowed", None),
])
def test_compliance_words_match_the_level(providers: str, gateway: str, named: str | None
                                          ) -> None:
    """Issue 22, point 7: "data may not leave" only where the rules say in_house; a vendor
    under contract and in-house redaction are named as what they are."""
    text = ("name: words\norganisation:\n  services: 25\n  monthly_requests: 3000000\n"
            "providers:\n  in_use:\n    - name: openai\n"
            + ("      self_hosted: true\n" if providers == "in_house" else "")
            + "needs:\n  governance:\n    compliance: required\n    audit_trail: required\n"
            f"  data:\n    providers: {providers}\n    third_party_gateway: {gateway}\n")
    ev = assess(load_scenario_text(text, "s.yaml"), tripwires=False)
    for lang in ("en", "zh"):
        record = render_record(ev, lang=lang)
        if lang == "en":
            assert ("data may not leave" in record) == (providers == "in_house")
            if named:
                assert named in record
                assert "prompts and responses leave through a vendor" not in record


def test_scale_stated_in_people() -> None:
    """Issue 22, point 5: engineers building with AI stand for services at our documented
    estimate (4 per service), said where the services are shown; both at once is refused."""
    from gateway_roi.errors import GatewayRoiError

    text = ("name: people\norganisation:\n  engineers_building_with_ai: 40\n"
            "  monthly_requests: 3000000\nneeds:\n  governance:\n    cost_attribution: required\n")
    ev = assess(load_scenario_text(text, "s.yaml"), tripwires=False)
    assert ev.inputs.values["services"] == 10
    assert ev.decision.criteria.scale.met
    said = "10 services (from 40 engineers building with AI, 4 per service: our estimate)"
    assert said in _text(ev)
    assert said in render_record(ev, lang="en")
    with pytest.raises(GatewayRoiError, match="not both"):
        load_scenario_text(text.replace("organisation:\n", "organisation:\n  services: 5\n"),
                           "s.yaml")


@given(st.floats(0.0, 1.0))
def test_a_share_short_of_all_never_reads_100_percent(share: float) -> None:
    """A verdict that flips in a few draws of thousands is never shown as certain: "100%" only
    for all draws, "0%" only for none, in every output that prints a share of draws."""
    from gateway_roi.words.i18n import share_text

    shown = share_text(share)
    assert (shown == "100%") == (share == 1.0)
    assert (shown == "0%") == (share == 0.0)
    assert abs(float(shown.rstrip("%")) / 100 - share) <= 0.005 + 1e-12


def test_a_nearly_sure_verdict_says_how_nearly() -> None:
    """large-org-governance: buy in 99.5% of the draws, never printed as 100%."""
    from gateway_roi.files.resources import bundled_scenarios

    path = next(p for p in bundled_scenarios() if p.stem == "large-org-governance")
    ev = assess(load_scenario_text(path.read_text(encoding="utf-8"), str(path)),
                tripwires=True, draws=10_000)
    assert ev.uncertainty is not None and 0.99 < ev.uncertainty.confidence < 1.0
    for text in (_text(ev), render_record(ev, lang="en"), render_record(ev, lang="zh")):
        assert "100% of 10,000 draws" not in text and "99.5%" in text


def test_a_scenario_stated_in_people_may_leave_a_number_unknown() -> None:
    """Services stated in people and an unknown answer: each answer is evaluated (it crashed:
    the answers' copies held the default services beside the people)."""
    scenario = load_scenario_text(
        "name: people\norganisation:\n  engineers_building_with_ai: 40\n"
        "  monthly_requests: unknown\nneeds:\n  governance:\n    audit_trail: required\n")
    ev = assess(scenario, draws=200)
    (unknown,) = ev.unknowns
    assert unknown.field == "organisation.monthly_requests"
    assert [b.value for b in unknown.branches] == ["100,000", "10,000", "10,000,000"]
    assert ev.inputs.inputs["services"].field == "organisation.engineers_building_with_ai"
