"""How sure the verdict is: sampling ranges, confidence, spread, tornado, value of information."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.errors import GatewayRoiError
from gateway_roi.files.loading import load_scenario_text
from gateway_roi.files.resources import bundled_scenarios
from gateway_roi.model.costs import compute_costs
from gateway_roi.model.evaluation import Evaluation, assess
from gateway_roi.model.uncertainty import analyse
from gateway_roi.options import OPTION_IDS

runner = CliRunner()
SMALL_DRAWS = 2_000

RANGED = """\
name: ranged
organisation:
  services: "4 to 12"
  services_added_per_year: {low: 0, likely: 1, high: 4}
  monthly_requests: "100000 to 400000"
operations:
  hours_per_rotation: "0.5 to 2"
reliability:
  downtime_cost_per_hour: {low: 100, likely: 400, high: 2000}
"""


def _fixed_estimates(*written: str) -> dict[str, float]:
    """Every estimated default at its likely value, as a team writes numbers of its own (a
    value the user writes replaces our range); ``written``: fields the scenario sets itself."""
    from gateway_roi.model.assumptions import ASSUMPTIONS
    from gateway_roi.model.scenario import field_for_assumption

    return {a.id: a.value for a in ASSUMPTIONS.values()
            if a.estimate and a.low < a.high and field_for_assumption(a.id) not in written}


def _plain(text: str) -> str:
    """``text`` with every estimate written as a number: only its own ranges are sampled."""
    return text + "assumptions:\n" + "".join(f"  {k}: {v!r}\n"
                                              for k, v in _fixed_estimates().items())


def _ev(text: str = RANGED, *overrides: str) -> Evaluation:
    return assess(load_scenario_text(text, "s.yaml", overrides), tripwires=False)


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


def test_same_seed_same_numbers_other_seed_other_numbers() -> None:
    """A fixed seed reproduces every figure exactly; another seed draws other numbers."""
    ev = _ev()
    a, b = analyse(ev, draws=SMALL_DRAWS, seed=7), analyse(ev, draws=SMALL_DRAWS, seed=7)
    assert a == b
    c = analyse(ev, draws=SMALL_DRAWS, seed=8)
    assert [o.p50 for o in c.options] != [o.p50 for o in a.options]


def test_the_command_prints_the_same_json_twice(tmp_path: Path) -> None:
    """Running evaluate twice on a ranged scenario gives byte-identical JSON (default seed)."""
    path = tmp_path / "s.yaml"
    path.write_text(RANGED, encoding="utf-8")
    outs = [_run("evaluate", str(path), "--format", "json", "--draws", "3000")[1]
            for _ in range(2)]
    assert outs[0] == outs[1]
    u = json.loads(outs[0])["scenarios"][0]["uncertainty"]
    assert u["draws"] == 3000 and u["seed"] == 2026


def test_zero_width_ranges_give_the_deterministic_answer() -> None:
    """Ranges of zero width behave like plain numbers: spread collapses to the total, sure
    verdict (once the team writes its own numbers where ours are estimates)."""
    text = _plain("name: flat\norganisation:\n  services: {low: 6, likely: 6, high: 6}\n"
                  "  monthly_requests: '200000 to 200000'\n")
    ev = _ev(text)
    u = analyse(ev, draws=SMALL_DRAWS)
    assert u.ranged == () and u.confidence == 1.0 and u.tornado == () and u.info == ()
    for spread in u.options:
        total = ev.options[spread.id].total
        assert spread.p10 == spread.p50 == spread.p90 == total
    cheapest = min((k for k in OPTION_IDS if ev.options[k].feasible),
                   key=lambda k: ev.options[k].total)
    assert {o.id: o.p_cheapest for o in u.options}[cheapest] == 1.0


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_spread_is_ordered_and_cheapest_shares_sum_to_one(path: Path) -> None:
    """For every bundled scenario: p10 <= p50 <= p90 and the cheapest shares add up to 1."""
    ev = assess(load_scenario_text(path.read_text(encoding="utf-8"), str(path)),
                  tripwires=False)
    u = analyse(ev, draws=SMALL_DRAWS)
    for o in u.options:
        assert o.p10 <= o.p50 <= o.p90
    assert math.isclose(sum(o.p_cheapest for o in u.options), 1.0)
    assert math.isclose(sum(u.outcomes.values()), 1.0)
    assert 0.0 <= u.confidence <= 1.0
    assert u.confidence == pytest.approx(
        u.outcomes.get(f"{ev.decision.option}/{ev.decision.rule}", 0.0))


def test_median_sits_near_the_deterministic_total() -> None:
    """Sampling ranges around their likely values keeps each p50 near the likely-value total."""
    ev = _ev()
    u = analyse(ev, draws=SMALL_DRAWS)
    for o in u.options:
        assert o.p10 <= ev.options[o.id].total * 1.25
        assert o.p90 >= ev.options[o.id].total * 0.8


def test_tornado_biggest_bar_is_an_input_the_model_depends_on() -> None:
    """The widest bar's input really moves the gap: perturbing it changes the gap by its swing."""
    ev = _ev()
    u = analyse(ev, draws=SMALL_DRAWS)
    top = u.tornado[0]
    assert top.swing > 0 and all(top.swing >= b.swing for b in u.tornado)

    def gap(value: float) -> float:
        costs = compute_costs(ev.inputs.with_values({top.input: value}))
        return costs[u.runner_up].total - costs[ev.decision.option].total

    assert gap(top.low) == pytest.approx(top.gap_at_low)
    assert gap(top.high) == pytest.approx(top.gap_at_high)
    assert abs(gap(top.high) - gap(top.low)) > 0
    # An input the model ignores for these two options moves nothing and gets no bar.
    if ev.decision.option in {"direct", "automate"} and u.runner_up in {"direct", "automate"}:
        assert all(b.input != "monthly_requests" for b in u.tornado)


def test_confidence_drops_when_a_range_straddles_a_tripwire() -> None:
    """A services range across the automate/direct threshold makes the verdict flip in some draws."""
    sure = analyse(_ev(_plain("name: s\norganisation: {services: 8}\n")), draws=SMALL_DRAWS)
    unsure = analyse(_ev(_plain("name: s\norganisation: {services: '1 to 8', "
                                "services_added_per_year: 0}\n")), draws=SMALL_DRAWS)
    assert sure.confidence == 1.0
    assert 0.0 < unsure.confidence < 1.0
    assert len(unsure.outcomes) >= 2


def test_value_of_information_ranks_the_input_that_decides() -> None:
    """What to measure next names the uncertain input the choice hinges on, with a share <= 1."""
    ev = _ev("name: s\norganisation: {services: '1 to 8', services_added_per_year: 0}\n"
             "operations: {hours_per_rotation: '0.9 to 1.1'}\n")
    u = analyse(ev, draws=SMALL_DRAWS)
    assert u.expected_loss > 0
    assert u.info and u.info[0].input == "services"
    assert all(0 < i.share <= 1 for i in u.info)
    assert all(i.value <= u.expected_loss + 1e-6 for i in u.info)


def test_evaluate_text_shows_how_sure_and_draws_zero_leaves_it_out(tmp_path: Path) -> None:
    """The terminal summary adds confidence, spread, tornado; --draws 0 turns sampling off."""
    path = tmp_path / "s.yaml"
    path.write_text(RANGED, encoding="utf-8")
    code, out, _ = _run("evaluate", str(path), "--draws", "2000")
    assert code == 0
    assert "How sure:" in out and "of 2,000 draws" in out and "p10" in out
    assert "What moves the margin" in out
    code, out, _ = _run("evaluate", str(path), "--draws", "0")
    assert code == 0 and "How sure" not in out
    code, out, _ = _run("evaluate", str(path), "--draws", "0", "--format", "json")
    assert json.loads(out)["scenarios"][0]["uncertainty"] is None


def test_report_carries_the_uncertainty_section(tmp_path: Path) -> None:
    """The decision record has a "how sure" section with the spread table and tornado chart."""
    path = tmp_path / "s.yaml"
    path.write_text(RANGED, encoding="utf-8")
    code, out, _ = _run("report", str(path), "--draws", "2000", "--date", "2026-11-27")
    assert code == 0
    section = out[out.index("## How sure is this decision"):out.index("## What would change")]
    assert "of 2,000 draws" in section
    assert "| `automate` |" in section and "xychart-beta horizontal" in section
    code, out, _ = _run("report", str(path), "--draws", "0", "--date", "2026-11-27")
    assert "## How sure" not in out


@st.composite
def _interval_scenario(draw: st.DrawFn) -> tuple[dict[str, Any], str, float, float]:
    """A scenario with one input written as 'a to b' around a fixed geometric mean."""
    name, field, lo_bound, hi_bound = draw(st.sampled_from([
        ("hours_per_rotation", ("operations", "hours_per_rotation"), 0.1, 8.0),
        ("engineer_hour_cost", ("team", "engineer_hour_cost"), 20.0, 400.0),
        ("downtime_cost_per_hour", ("reliability", "downtime_cost_per_hour"), 50.0, 20_000.0),
    ]))
    centre = draw(st.floats(lo_bound * 2, hi_bound / 2, allow_nan=False))
    factor = draw(st.floats(1.05, 3.0))
    data: dict[str, Any] = {
        "name": "prop",
        "organisation": {"services": draw(st.integers(1, 60)),
                         "monthly_requests": draw(st.integers(1_000, 50_000_000))},
        "needs": {"governance": {"audit_trail": draw(st.sampled_from(["required", "no"]))}},
        # Only the range under test is sampled: every estimate written as a number.
        "assumptions": _fixed_estimates(".".join(field)),
    }
    data.setdefault(field[0], {})
    return data, ".".join(field), centre, factor


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=25)
@given(_interval_scenario())
def test_a_wider_range_never_narrows_the_p10_p90_band(case: tuple[Any, str, float, float]) -> None:
    """Widening a range around the same median never narrows any option's p10-p90 band."""
    data, field, centre, factor = case
    section, key = field.split(".")
    bands = []
    for spread in (1.5, 1.5 * factor):
        data[section][key] = f"{centre / spread!r} to {centre * spread!r}"
        text = json.dumps(data)  # JSON is YAML
        u = analyse(_ev(text), draws=1_000, seed=11)
        bands.append({o.id: o.p90 - o.p10 for o in u.options})
    for option in OPTION_IDS:
        assert bands[1][option] >= bands[0][option] - 1e-6 * max(1.0, bands[0][option])
    assert any(bands[1][k] > bands[0][k] for k in OPTION_IDS)  # the input does matter


def test_breakeven_values_really_change_the_cheapest_option() -> None:
    """Each break-even value, applied with --set, makes another feasible option the cheapest."""
    from gateway_roi.model.tripwires import cheapest_feasible, find_breakeven

    ev = _ev("name: s\norganisation: {services: 12, services_added_per_year: 1}\n"
             "operations: {hours_per_rotation: 1, key_rotations_per_year: 4}\n")
    found = find_breakeven(ev.inputs, ["hours_per_rotation", "key_rotations_per_year",
                                       "services"])
    assert found
    before = cheapest_feasible(ev.inputs)[0]
    for tw in found:
        moved = _ev("name: s\norganisation: {services: 12, services_added_per_year: 1}\n"
                    "operations: {hours_per_rotation: 1, key_rotations_per_year: 4}\n",
                    f"{tw.field}={tw.threshold}")
        assert cheapest_feasible(moved.inputs)[0] == tw.option != before


def test_gateway_availability_tripwire_is_searched_as_a_share() -> None:
    """A self-run gateway's availability is a tripwire too; its threshold is a valid share that,
    applied with --set, moves the verdict."""
    text = ("name: s\nneeds: {governance: {rate_limits: required}}\n"
            "team: {platform_team: true, on_call_24x7: true}\n"
            "organisation: {services: 20, monthly_requests: 5000000, "
            "monthly_provider_spend: 60000}\n"
            "buy: {vendor: openrouter}\nreliability: {downtime_cost_per_hour: 5000}\n")
    ev = assess(load_scenario_text(text, "s.yaml"))
    wires = [t for t in ev.tripwires if t.input == "self_host_availability"]
    assert len(wires) == 1
    tw = wires[0]
    assert 0 < tw.threshold <= 1 and tw.threshold != tw.current
    assert tw.direction == ("<=" if tw.threshold < tw.current else ">=")
    moved = assess(load_scenario_text(text, "s.yaml", [f"{tw.field}={tw.threshold}"]),
                     tripwires=False)
    assert moved.decision.option == tw.option != ev.decision.option


# --- unknown answers in the value of information ---------------------------------------------

# Governance required and buying walled off (no third-party gateway): whether a 24x7 rotation
# exists decides between automating meanwhile and self-hosting. Nothing is ranged.
ROTATION_UNKNOWN = """\
name: rotation unknown
organisation: {services: 20, monthly_requests: 2000000}
team: {platform_team: true, on_call_24x7: unknown}
needs:
  governance: {audit_trail: required, compliance: required}
"""


def test_an_unknown_answer_that_decides_is_ranked_to_find_out() -> None:
    """Without ranges, the unknown rotation is still worth finding out: with one, the rules
    rule the verdict (automate) out, and the team would lose what automating cost up front."""
    ev = assess(load_scenario_text(_plain(ROTATION_UNKNOWN), "s.yaml"), tripwires=False,
                draws=SMALL_DRAWS)
    assert ev.decision.option == "automate"
    u = ev.uncertainty
    assert u is not None
    [found] = u.info
    assert (found.input, found.kind) == ("team.on_call_24x7", "answer")
    with_rotation = assess(load_scenario_text(ROTATION_UNKNOWN.replace("unknown", "true"),
                                              "s.yaml"), tripwires=False)
    assert with_rotation.decision.option == "self_host"
    # Half the answers (the rotation exists) lose automate's up-front cost on the switch.
    lost = with_rotation.options["automate"].up_front
    assert u.expected_loss == pytest.approx(lost / 2)
    assert found.value == pytest.approx(u.expected_loss) and found.share == 1.0


def test_an_unknown_answer_that_changes_nothing_is_not_worth_finding_out() -> None:
    """A routing level nobody knows, in a scenario where no gateway is in question but the
    number of services decides between automating and staying direct: only that is listed."""
    text = ("name: s\norganisation: {services: '1 to 8', services_added_per_year: 0}\n"
            "operations: {hours_per_rotation: '0.9 to 1.1'}\n")
    ev = assess(load_scenario_text(text + "needs:\n  routing: {user_tier: unknown}\n", "s.yaml"),
                tripwires=False, draws=SMALL_DRAWS)
    assert ev.uncertainty is not None and ev.uncertainty.info
    assert ev.uncertainty.info[0].input == "services"
    assert all(i.kind == "number" for i in ev.uncertainty.info)


def test_answers_that_only_decide_together_are_worth_finding_out_together(tmp_path: Path) -> None:
    """A platform team and its rotation: neither alone changes what risks least, both do. The
    pair is listed (never "measuring would not pay") and the record's confirmation names it."""
    path = next(p for p in bundled_scenarios() if p.stem == "rotation-unknown")
    args = [str(path), "--set", "team.platform_team=unknown"]
    result = runner.invoke(app, ["evaluate", *args, "-f", "json"])
    assert result.exit_code == 0, result.output
    [scenario] = json.loads(result.output)["scenarios"]
    first = scenario["uncertainty"]["value_of_information"][0]
    assert first["kind"] == "answers" and first["share"] == 1.0
    # The bundled file leaves the monthly volume unknown too: all three are named.
    assert set(first["field"].split(", ")) == {"team.platform_team", "team.on_call_24x7",
                                               "organisation.monthly_requests"}
    out = tmp_path / "r.md"
    assert runner.invoke(app, ["report", *args, "-o", str(out)]).exit_code == 0
    record = out.read_text(encoding="utf-8")
    assert "measuring more would not pay" not in record
    assert "Find out all the fields written unknown (" in record
    assert "Find out the unknown answers first (" in record


def test_more_unknown_answers_than_can_be_explored_are_refused() -> None:
    """Nine yes/no answers (512 combinations) are refused with what to do, never cut short."""
    nine = "\n".join([
        "name: nine",
        "team: {platform_team: unknown, on_call_24x7: unknown}",
        "needs:",
        "  governance: {audit_trail: unknown, compliance: unknown, cost_attribution: unknown,",
        "               rate_limits: unknown, key_management: unknown, access_control: unknown}",
        "  routing: {region: unknown}", ""])
    with pytest.raises(GatewayRoiError) as caught:
        load_scenario_text(nine, "s.yaml")
    message = str(caught.value)
    # Shown at the last unknown written (line 6), not at an internal field.
    assert "s.yaml:6: needs.routing.region:" in message
    assert "512 combinations" in message and "at most 256" in message
    assert "find out some of them first" in message
    # Eight are fine, and every one of them is explored.
    eight = assess(load_scenario_text(nine.replace("  routing: {region: unknown}\n", ""),
                                      "s.yaml"), tripwires=False)
    assert len(eight.unknowns) == 8
    assert all(len(u.branches) == 2 for u in eight.unknowns)


def test_unknown_answers_rank_with_the_ranged_inputs_in_every_output(tmp_path: Path) -> None:
    """The bundled insurer: the rotation comes first, as something to find out, in the text,
    the JSON and the record."""
    path = next(p for p in bundled_scenarios() if p.stem == "rotation-unknown")
    result = runner.invoke(app, ["evaluate", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    [scenario] = json.loads(result.output)["scenarios"]
    first = scenario["uncertainty"]["value_of_information"][0]
    assert (first["input"], first["kind"]) == ("team.on_call_24x7", "answer")
    text = runner.invoke(app, ["evaluate", str(path)], env={"COLUMNS": "100"}).output
    assert "find out team.on_call_24x7 (written unknown) before deciding" in text
    out = tmp_path / "r.md"
    assert runner.invoke(app, ["report", str(path), "-o", str(out)]).exit_code == 0
    record = out.read_text(encoding="utf-8")
    assert "Find out `team.on_call_24x7` (written unknown) before deciding" in record
    assert "Find out `team.on_call_24x7` first" in record


def test_an_input_that_does_not_matter_is_not_credited_with_a_cheaper_hedge(tmp_path: Path
                                                                          ) -> None:
    """With audit trail unknown, the rules choose automate or buy by the answer. Counting money,
    another option may risk less while it is unknown (the hedge, said in every output); the
    value of knowing the ranged inputs, which decide nothing here, is not that gain (our
    estimates written as numbers, so only the file's own ranges are sampled)."""
    bundled = next(p for p in bundled_scenarios() if p.stem == "small-team-many-providers")
    path = tmp_path / bundled.name
    path.write_text(_plain(bundled.read_text(encoding="utf-8")), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(path), "-f", "json",
                                 "--set", "needs.governance.audit_trail=unknown"])
    assert result.exit_code == 0, result.output
    [scenario] = json.loads(result.output)["scenarios"]
    u = scenario["uncertainty"]
    [found] = u["value_of_information"]
    assert (found["input"], found["kind"]) == ("needs.governance.audit_trail", "answer")
    hedge = u["hedge"]
    assert hedge["option"] != scenario["recommendation"]["option"]
    assert found["value"] == pytest.approx(hedge["expected_loss"], abs=1)
    assert hedge["expected_loss"] < u["expected_loss"]


def test_an_unknown_number_and_an_unknown_answer_that_decide_together_are_listed() -> None:
    """Nobody knows the volume nor whether an audit trail is required: each alone is worth
    little, both together most of a wrong choice's cost, so that is what comes first."""
    path = next(p for p in bundled_scenarios() if p.stem == "fintech-redacts-in-house")
    result = runner.invoke(app, ["evaluate", str(path), "-f", "json",
                                 "--set", "organisation.monthly_requests=unknown",
                                 "--set", "needs.governance.audit_trail=unknown"])
    assert result.exit_code == 0, result.output
    [scenario] = json.loads(result.output)["scenarios"]
    first = scenario["uncertainty"]["value_of_information"][0]
    assert first["kind"] == "answers" and first["share"] > 0.5
    assert set(first["field"].split(", ")) == {"organisation.monthly_requests",
                                               "needs.governance.audit_trail"}


def test_a_hedge_is_charged_what_switching_still_leaves_unknown() -> None:
    """One service, an audit trail nobody knows: buying now is no hedge. Where the answer rules
    it out, the team loses its set-up and still faces the automate-or-direct question it would
    face anyway, so its expected regret is not below the verdict's."""
    path = next(p for p in bundled_scenarios() if p.stem == "small-team-many-providers")
    result = runner.invoke(app, ["evaluate", str(path), "-f", "json",
                                 "--set", "organisation.services=1",
                                 "--set", "needs.governance.audit_trail=unknown"])
    assert result.exit_code == 0, result.output
    u = json.loads(result.output)["scenarios"][0]["uncertainty"]
    assert u["hedge"] is None or u["hedge"]["option"] != "buy"


def test_a_decisive_unknown_is_never_called_not_worth_finding_out(tmp_path: Path) -> None:
    """A wrong choice may cost nothing (staying direct pays nothing up front) while an unknown
    still flips the verdict: the record says both, never "measuring more would not pay"."""
    path = next(p for p in bundled_scenarios() if p.stem == "small-team-many-providers")
    out = tmp_path / "r.md"
    result = runner.invoke(app, ["report", str(path), "-o", str(out),
                                 "--set", "organisation.services=1",
                                 "--set", "organisation.services_added_per_year=0",
                                 "--set", "needs.governance.audit_trail=unknown"])
    assert result.exit_code == 0, result.output
    record = out.read_text(encoding="utf-8")
    assert "find out whether audit trail is required before deciding" in record
    assert "measuring more would not pay" not in record
    assert "find them out before acting on it" in record


def test_every_estimate_is_sampled_over_the_range_its_source_states() -> None:
    """Each default that is our estimate enters the analysis as its stated range (low, likely,
    high): draws stay inside it and spread over it, the verdict's own figure is the likely
    value, and the inputs a cost line reads are among the ranges sampled (issue 22, point 1)."""
    import numpy as np

    from gateway_roi.model.assumptions import ASSUMPTIONS
    from gateway_roi.model.inputs import resolve_inputs
    from gateway_roi.model.scenario import range_bounds
    from gateway_roi.model.uncertainty import sampler

    path = next(p for p in bundled_scenarios() if p.stem == "large-org-governance")
    scenario = load_scenario_text(path.read_text(encoding="utf-8"), str(path))
    ev = assess(scenario, tripwires=False, draws=SMALL_DRAWS)
    assert ev.uncertainty is not None
    drawn = resolve_inputs(scenario, pick=sampler(np, np.random.default_rng(1), 500,
                                                  range_bounds(scenario)))
    used = {n for o in ev.options.values() for ln in o.lines for n in ln.inputs}
    checked = 0
    for a in ASSUMPTIONS.values():
        inp = ev.inputs.inputs[a.id]
        if not (a.estimate and a.low < a.high) or a.id in ev.inputs.derived \
                or a.id == "engineers_per_ai_service":
            continue
        assert inp.spread is not None
        assert (inp.spread.low, inp.spread.likely, inp.spread.high) == (a.low, a.value, a.high)
        assert ev.inputs.values[a.id] == a.value
        values = np.asarray(drawn.values[a.id])
        assert values.min() >= a.low and values.max() <= a.high and values.std() > 0
        if a.id in used:
            assert a.id in ev.uncertainty.ranged
        checked += 1
    assert checked > 40


def test_a_number_the_team_writes_replaces_our_estimates_range() -> None:
    """Written as a number in ``assumptions:``, an estimate is no longer sampled; written as a
    range, its own range is."""
    base = "name: s\norganisation: {services: 12, monthly_requests: 2000000}\n"
    ours = _ev(base).inputs.inputs["upgrade_hours"]
    assert ours.origin == "default" and ours.spread is not None
    fixed = _ev(base + "assumptions: {upgrade_hours: 10}\n").inputs
    assert fixed.inputs["upgrade_hours"].spread is None and fixed.values["upgrade_hours"] == 10
    ranged = _ev(base + "assumptions: {upgrade_hours: '6 to 9'}\n").inputs.inputs["upgrade_hours"]
    assert ranged.spread is not None and (ranged.spread.low, ranged.spread.high) == (6, 9)


PAST_THE_SCHEDULE = """\
name: past the schedule
organisation: {services: 30, monthly_requests: 40000000}
needs:
  governance: {cost_attribution: required, audit_trail: required}
buy: {vendor: portkey, plan: production}
"""


def test_a_fee_extrapolated_past_the_published_schedule_is_a_sampled_range() -> None:
    """Traffic beyond a vendor's published prices: the fee beyond them is our estimate, a range
    from half the last published rate to all of it (likely all: the verdict's own figure), so
    it is sampled, has a tornado bar, and at its low end costs what a schedule ending in a
    tier at half that rate costs (issue 22, point 1)."""
    from dataclasses import replace

    from gateway_roi.model.facts import bundled_facts
    from gateway_roi.model.products import fee_lines, offers

    ev = assess(load_scenario_text(PAST_THE_SCHEDULE, "s.yaml"), tripwires=False,
                draws=SMALL_DRAWS)
    u = ev.uncertainty
    assert u is not None and "beyond_schedule_rate_share" in u.ranged
    bar = next(b for b in u.tornado if b.input == "beyond_schedule_rate_share")
    assert (bar.low, bar.high) == (0.5, 1.0) and bar.gap_at_low > bar.gap_at_high
    fees = next(ln for ln in ev.options["buy"].lines if ln.id == "fees")
    assert "beyond_schedule_rate_share" in fees.inputs
    # At the low end: the same as a schedule whose open tier is priced at half the last rate.
    offer = next(o for o in offers(bundled_facts(), "saas") if o.key == "portkey/production")
    requests, spend = [40e6, 50e6], [1000.0, 1000.0]
    halved = replace(offer, usage=(*offer.usage, (None, offer.usage[-1][1] * 0.5)))
    common = {"models": 2, "gateways": 2, "log_kb_per_request": 1.5}
    low = fee_lines(offer, requests, spend, 1.0, beyond_share=0.5, **common)[0].monthly
    assert low == pytest.approx(fee_lines(halved, requests, spend, 1.0, **common)[0].monthly)
    likely = fee_lines(offer, requests, spend, 1.0, **common)[0].monthly
    assert likely == fee_lines(offer, requests, spend, 1.0, beyond_share=1.0, **common)[0].monthly
    assert all(a < b for a, b in zip(low, likely, strict=True))


@pytest.mark.parametrize("name", ["rotation-pain-mid-size", "rotation-unknown"])
def test_many_draws_are_costed_a_slice_at_a_time_with_the_same_results(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Draws costed in slices (so 100,000 fit in memory) give exactly what one evaluation gives:
    every share, spread, tornado bar and value of information."""
    from gateway_roi.model import uncertainty

    path = next(p for p in bundled_scenarios() if p.stem == name)
    scenario = load_scenario_text(path.read_text(encoding="utf-8"))
    whole = assess(scenario, tripwires=False, draws=2_000).uncertainty
    monkeypatch.setattr(uncertainty, "_COSTED_AT_ONCE", 300)  # 7 slices, the last one short
    sliced = assess(scenario, tripwires=False, draws=2_000).uncertainty
    assert sliced == whole
    assert whole is not None and 0 < whole.confidence <= 1


@pytest.mark.parametrize(("name", "draws"), [("large-org-governance", 7),
                                             ("rotation-unknown", 1),
                                             ("rotation-unknown", 5),
                                             ("small-team-many-providers", 19)])
def test_fewer_draws_than_bins_still_give_an_answer(name: str, draws: int) -> None:
    """A handful of draws gives an answer (these stopped with a traceback before), and no number
    is credited with a value of information it cannot have been judged on."""
    path = next(p for p in bundled_scenarios() if p.stem == name)
    code, out, err = _run("evaluate", str(path), "--format", "json", "--draws", str(draws))
    assert code == 0, err
    sure = json.loads(out)["scenarios"][0]["uncertainty"]
    assert sure["draws"] == draws
    assert sure["inputs_ranked"] is False
    assert all(i["kind"] != "number" for i in sure["value_of_information"])


def test_too_few_draws_to_rank_the_numbers_is_said_not_guessed(tmp_path: Path) -> None:
    """Under 200 draws, knowing a number is judged on bins of under 10 draws: every number
    looked as if it removed all the risk. The terminal and the record say the draws are too few
    instead; from 200 draws on the numbers are ranked."""
    path = next(p for p in bundled_scenarios() if p.stem == "small-team-many-providers")
    few = assess(load_scenario_text(path.read_text(encoding="utf-8")), tripwires=False, draws=5)
    assert few.uncertainty is not None and few.uncertainty.expected_loss > 0
    code, out, _ = _run("evaluate", str(path), "--draws", "5")
    assert code == 0
    assert "5 draws are too few to tell which number is worth measuring" in out
    assert "--draws 200 or more" in out
    assert "knowing it exactly would remove 100%" not in out
    code, _, _ = _run("report", str(path), "--draws", "5", "--out-dir", str(tmp_path))
    assert code == 0
    record = next(p for p in tmp_path.glob("*.md") if p.stem != "index"
                  ).read_text(encoding="utf-8")
    assert "5 draws are too few to tell which number is worth measuring" in record
    enough = assess(load_scenario_text(path.read_text(encoding="utf-8")), tripwires=False,
                    draws=200).uncertainty
    assert enough is not None and enough.inputs_ranked


def test_every_combination_of_answers_shares_the_same_draws() -> None:
    """Common random numbers: each input's draws are the same whatever the answers, so two
    combinations differ only by the answers. (An answer that adds a cost line used to shift the
    draws of every later input: irrelevant inputs then looked worth measuring, 64 of them at
    about 20% each at 200 draws on rotation-unknown.)"""
    import numpy as np

    from gateway_roi.model.scenario import UNKNOWN_NUMBER_RANGES
    from gateway_roi.model.uncertainty import _branches, worth_sampling

    path = next(p for p in bundled_scenarios() if p.stem == "rotation-unknown")
    ev = assess(load_scenario_text(path.read_text(encoding="utf-8")), tripwires=False)
    ranged = worth_sampling(ev.inputs, ev.options)
    answers = [p for p in ev.scenario.unknown if p not in UNKNOWN_NUMBER_RANGES]  # yes/no
    branches = _branches(ev, answers, ranged, 300, 2026, np)
    assert len(branches) == 2 and len(ranged) > 50
    assert {b.answers for b in branches} == {("false",), ("true",)}
    for name in ranged:
        assert np.array_equal(branches[0].values[name], branches[1].values[name]), name
    u = assess(ev.scenario, tripwires=False, draws=200).uncertainty
    assert u is not None and u.inputs_ranked
    numbers = [i for i in u.info if i.kind == "number"]
    assert all(i.share < 0.05 for i in numbers), [(i.input, i.share) for i in numbers[:5]]


def test_answer_combinations_do_not_count_as_more_draws() -> None:
    """The answers repeat the same draws: 100 draws with one unknown answer are 100 draws, too
    few to rank the numbers, not 200."""
    path = next(p for p in bundled_scenarios() if p.stem == "rotation-unknown")
    code, out, err = _run("evaluate", str(path), "--format", "json", "--draws", "100")
    assert code == 0, err
    sure = json.loads(out)["scenarios"][0]["uncertainty"]
    assert sure["inputs_ranked"] is False
    assert [i["kind"] for i in sure["value_of_information"]] == ["answer"]


def test_a_handful_of_draws_never_says_measuring_more_would_not_pay(tmp_path: Path) -> None:
    """Five draws in which the verdict never flips are no ground for "measuring would not pay":
    the record says the draws are too few instead; 2,000 draws may say it."""
    path = next(p for p in bundled_scenarios() if p.stem == "fintech-redacts-in-house")
    sure = assess(load_scenario_text(path.read_text(encoding="utf-8")), tripwires=False,
                  draws=5).uncertainty
    assert sure is not None and sure.expected_loss == 0 and not sure.inputs_ranked
    for draws, out in (("5", tmp_path / "few"), ("2000", tmp_path / "enough")):
        code, _, err = _run("report", str(path), "--draws", draws, "--out-dir", str(out))
        assert code == 0, err
    few, enough = (next(p for p in (tmp_path / d).glob("*.md") if p.stem != "index")
                   .read_text(encoding="utf-8") for d in ("few", "enough"))
    assert "measuring more would not pay" in enough
    assert "measuring more would not pay" not in few
    assert "5 draws are too few to tell which number is worth measuring" in few
