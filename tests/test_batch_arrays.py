"""A folder of scenarios of one shape is costed together over arrays: the figures must be the ones
each file gets alone (verdict, rule, feasibility and break-even exactly; totals to about 16 digits)."""

from __future__ import annotations

import csv
import io
import math
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from gateway_roi.app import app
from gateway_roi.files.resources import bundled_scenarios
from gateway_roi.model import batch
from gateway_roi.model.batch import MIN_GROUP, compare_many
from gateway_roi.model.cost_lines import breakeven
from gateway_roi.model.evaluation import assess
from gateway_roi.model.facts import bundled_facts
from gateway_roi.model.fields import set_path
from gateway_roi.model.inputs import FACT_FIELDS
from gateway_roi.model.scenario import Scenario
from gateway_roi.options import OPTION_IDS

runner = CliRunner()


def _sweep_values(rng: random.Random, services: int) -> dict[str, Any]:
    """A value for every fact the model reads through its values, within what a team writes."""
    return {
        "organisation.services": services,
        "organisation.services_added_per_year": rng.randint(0, 30),
        "organisation.monthly_requests": rng.choice([10_000, 300_000, 2_000_000]) * rng.randint(1, 40),
        "organisation.monthly_provider_spend": rng.randint(0, 400) * 250,
        "organisation.traffic_growth_per_year": rng.choice([0, 0.1, 0.5, 1.5]),
        "providers.new_per_year": rng.randint(0, 4),
        "providers.new_models_per_year": rng.randint(0, 20),
        "operations.services_missing_fallback": rng.randint(0, services),
        "discount_rate": rng.choice([0, 0.05, 0.12, 0.3]),
    }


def _sweep(text: str, count: int, seed: int, people: bool = False) -> list[Scenario]:
    """``count`` variants of one scenario: every fact the model reads as a value changed."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        data = yaml.safe_load(text)
        data["name"] = f"{data.get('name', 'scenario')} no. {i}"
        services = rng.randint(1, 120)
        for path, value in _sweep_values(rng, services).items():
            set_path(data, path, value)
        if people:
            del data["organisation"]["services"]
            data["organisation"]["engineers_building_with_ai"] = services * 4
        out.append(Scenario.model_validate(data))
    return out


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Sizes of the groups costed over arrays from now on."""
    sizes: list[int] = []
    real = batch._together

    def counted(first: Any, scenarios: Any) -> Any:
        sizes.append(len(scenarios))
        return real(first, scenarios)

    monkeypatch.setattr(batch, "_together", counted)
    return sizes


def test_every_fact_field_is_swept() -> None:
    """The sweep changes every field the batch lets differ within a shape (none is left out)."""
    assert set(_sweep_values(random.Random(0), 5)) == set(FACT_FIELDS.values())


@pytest.mark.parametrize("people", [False, True], ids=["services", "people"])
def test_scenarios_of_one_shape_get_the_figures_each_gets_alone(
        people: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sweeps of every bundled scenario: the array path agrees with each scenario's whole
    evaluation (as ``evaluate FILE`` gives it)."""
    together = _counting(monkeypatch)
    scenarios = [s for i, path in enumerate(bundled_scenarios())
                 for s in _sweep(path.read_text(encoding="utf-8"), 24, seed=i, people=people)]
    got = compare_many(scenarios, bundled_facts())
    # Not vacuous: most scenarios went through arrays, in groups.
    assert sum(together) >= len(scenarios) // 2 and all(n >= MIN_GROUP for n in together)
    assert len(got) == len(scenarios)
    for g, s in zip(got, scenarios, strict=True):
        ev = assess(s, tripwires=False)  # the whole evaluation of this scenario alone
        assert g.scenario is s
        assert (g.option, g.rule) == (ev.decision.option, ev.decision.rule), s.name
        for a, key in zip(g.options, OPTION_IDS, strict=True):
            b = ev.options[key]
            assert (a.id, a.feasible, a.breakeven_month) == (b.id, b.feasible, b.breakeven_month)
            for part in ("total", "up_front", "per_event", "standing"):
                assert math.isclose(getattr(a, part), getattr(b, part), rel_tol=1e-12,
                                    abs_tol=1e-9), (s.name, a.id, part)


def test_scenarios_that_differ_in_what_they_need_are_not_costed_together() -> None:
    """A need's level is part of the shape: two sweeps that differ in it form two groups."""
    text = next(p for p in bundled_scenarios()
                if p.name == "large-org-governance.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["needs"]["governance"]["audit_trail"] = "no"
    other = yaml.safe_dump(data)
    mixed = _sweep(text, 3, seed=1) + _sweep(other, 3, seed=1)
    facts = bundled_facts()
    keys = [batch.shape_key(s, facts) for s in mixed]
    assert len(set(keys[:3])) == 1 and len(set(keys[3:])) == 1 and keys[0] != keys[3]


@given(st.lists(st.tuples(st.floats(0, 1e6), st.floats(0, 1e6)), min_size=1, max_size=40))
def test_breakeven_over_arrays_is_the_breakeven_of_each(pairs: list[tuple[float, float]]) -> None:
    """The month found for every element at once is the month the one-scenario rule finds."""
    import numpy as np

    from gateway_roi.model.cost_lines import OptionCosts

    def costs(series: list[Any]) -> OptionCosts:
        return OptionCosts("buy", "", (), 0.0, 0.0, 0.0, 0.0, tuple(series), 1.0, "")

    mine = [a for a, _ in pairs]
    theirs = [b for _, b in pairs]
    # Two elements: the series as given, and the same against itself doubled.
    months = batch._breakeven(costs([np.array([a, a]) for a in mine]),
                              costs([np.array([b, 2 * b]) for b in theirs]), 2)
    assert months == [breakeven(costs(mine), costs(theirs)),
                      breakeven(costs(mine), costs([2 * b for b in theirs]))]


def test_a_sweep_folder_gives_each_file_the_rows_it_gets_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a user runs it: ``evaluate FOLDER --format csv`` and each file alone agree row for row."""
    rng = random.Random(26)
    bundled = {p.name: p.read_text(encoding="utf-8") for p in bundled_scenarios()}
    files = []
    for i in range(16):
        template = "own-models-next-to-providers.yaml" if i < 14 else "rotation-unknown.yaml"
        data = yaml.safe_load(bundled[template])
        data["name"] = f"sweep {i}"
        services = rng.randint(1, 60)
        for path, value in _sweep_values(rng, services).items():
            set_path(data, path, value)
        # Traffic within one band of the plans' caps, so the sweep is one shape.
        set_path(data, "organisation.monthly_requests", rng.randint(100, 900) * 1_000)
        path = tmp_path / f"sweep-{i:02d}.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        files.append(path)

    def rows(*args: str) -> list[dict[str, str]]:
        result = runner.invoke(app, ["evaluate", *args, "--format", "csv", "--draws", "0"])
        assert result.exit_code == 0, result.stderr
        return list(csv.DictReader(io.StringIO(result.stdout)))

    sizes = _counting(monkeypatch)
    together = rows(str(tmp_path))
    assert sizes and sum(sizes) >= MIN_GROUP  # the sweep went through arrays
    sizes.clear()
    alone = [row for path in files for row in rows(str(path))]
    assert not sizes  # one file alone never does
    assert together == alone and len(together) == 16 * 5
