"""Field paths and validation problems: the same words and places from every reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from gateway_roi.errors import InvalidScenarioError
from gateway_roi.model.fields import (
    field_info,
    get_path,
    has_path,
    set_path,
    validation_problems,
    write_path,
)
from gateway_roi.model.scenario import Scenario


def test_set_path_creates_what_is_missing_and_refuses_what_cannot_exist() -> None:
    data: dict[str, object] = {"organisation": None, "providers": {"in_use": [{"name": "a"}]}}
    set_path(data, ["organisation", "services"], 12)
    set_path(data, ["providers", "in_use", 0, "fallbacks"], ["b"])
    assert data["organisation"] == {"services": 12}
    assert get_path(data, "organisation.missing") is None
    assert get_path(data, ["providers", "in_use", 0, "fallbacks"]) == ["b"]
    with pytest.raises(ValueError, match="cannot set providers.in_use.3.name: 3 does not exist"):
        set_path(data, ["providers", "in_use", 3, "name"], "x")


def test_write_path_with_none_removes_the_field_so_its_default_applies() -> None:
    data: dict[str, object] = {"needs": {"routing": {"failover": "required"}}}
    write_path(data, "needs.routing", None)
    assert data == {"needs": {}}
    assert not has_path(data, "needs.routing") and has_path(data, "needs")
    write_path(data, "team.size", None)  # nothing to remove, nothing created
    assert data == {"needs": {}}


def test_field_info_follows_the_models() -> None:
    info = field_info(Scenario, "organisation.services")
    assert info is not None and info.description
    assert field_info(Scenario, "organisation.no_such_field") is None


def test_validation_problems_name_the_field_and_what_is_allowed() -> None:
    with pytest.raises(ValidationError) as info:
        Scenario.model_validate({"organisation": {"servics": 3}})
    [problem] = validation_problems(info.value, Scenario, "answers", prefix=("base",))
    assert problem.source == "answers"
    assert problem.field == "base.organisation.servics"
    assert problem.message.startswith("unknown field; allowed here: ")
    assert "services" in problem.message


@pytest.mark.parametrize(("body", "words", "line"), [
    ("answers: &a {}\nhistory: *a\n", "anchors and aliases", 2),
    ("answers: {}\nanswers: {}\nhistory: []\n", "duplicate", 3),
    ("answers: !!python/object:os.system {}\n", "tags", 2),
])
def test_resume_reads_answers_with_the_scenario_files_reader(
        tmp_path: Path, body: str, words: str, line: int) -> None:
    """A doctored file of answers meets the same refusals, with the line, as a scenario."""
    from gateway_roi.files.partial import PARTIAL_FORMAT, load_partial

    path = tmp_path / "team.yaml.partial"
    path.write_text(f"gateway_roi_ask_partial: {PARTIAL_FORMAT}\n{body}", encoding="utf-8")
    with pytest.raises(InvalidScenarioError) as info:
        load_partial(path)
    [problem] = info.value.problems
    assert problem.source == str(path) and words in problem.message and problem.line == line
