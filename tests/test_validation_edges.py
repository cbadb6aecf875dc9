"""Validation at its edges: full matches, --set blame, the --draws bound."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway_roi.app import app

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("written", ['"EUR\\n"', '"EUR\\r\\n"', '"EUR "', '"eur"', '"EURO"'])
def test_currency_must_be_exactly_three_capitals(tmp_path: Path, written: str) -> None:
    """A code with a trailing newline (which `$` lets through) is refused, in a file or --set."""
    path = tmp_path / "s.yaml"
    path.write_text(f"name: S\ncurrency: {written}\n", encoding="utf-8")
    code, _, err = run("validate", path)
    assert code == 1 and "currency" in err and "ISO 4217" in err, err
    good = tmp_path / "good.yaml"
    good.write_text("name: S\n", encoding="utf-8")
    code, _, err = run("evaluate", good, "--set", f"currency={written}", "-f", "csv")
    assert code == 1 and err.startswith("--set: currency:"), err


def test_a_typo_in_a_set_path_is_blamed_on_set_once(tmp_path: Path) -> None:
    """`--set organistion.services=5` over two files: one problem, from --set, naming the
    allowed fields; not `file:line` once per file."""
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(f"name: {name}\norganisation:\n  services: 3\n",
                                                encoding="utf-8")
    for command in (["evaluate", "-f", "csv"], ["report", "--out-dir", tmp_path / "out"]):
        code, _, err = run(command[0], tmp_path / "a.yaml", tmp_path / "b.yaml",
                           "--set", "organistion.services=5", *command[1:])
        assert code == 1, err
        lines = [line for line in err.splitlines() if "organistion" in line]
        assert len(lines) == 1, err
        assert lines[0].startswith("--set: organistion: unknown field; allowed here: name,")
        assert "organisation" in lines[0]
        assert "a.yaml" not in err and "b.yaml" not in err
    # A typo one level down names the fields allowed there.
    code, _, err = run("evaluate", tmp_path / "a.yaml", "--set", "organisation.servces=5")
    assert code == 1
    assert "--set: organisation.servces: unknown field; allowed here: services," in err


def test_a_file_typo_is_still_the_file_s(tmp_path: Path) -> None:
    """The file's own unknown field keeps its file and line, --set or not."""
    path = tmp_path / "a.yaml"
    path.write_text("name: A\norganistion:\n  services: 3\n", encoding="utf-8")
    code, _, err = run("evaluate", path, "--set", "organistion.services=5")
    assert code == 1
    assert f"{path}:2: organistion: unknown field" in err


def test_draws_are_bounded_by_what_fits_in_memory() -> None:
    """--draws above 100,000 is a usage error, in every command that samples, and the bound
    is the model's own."""
    from gateway_roi.model.uncertainty import MAX_DRAWS

    assert MAX_DRAWS == 100_000
    for command in ("evaluate", "report"):
        code, _, err = run(command, "--examples", "--draws", str(MAX_DRAWS + 1))
        assert code == 2 and "100000" in err.replace(",", ""), err


def test_default_draws_and_seed_are_the_samplers_own() -> None:
    """The defaults commands sample with (kept where a run without draws never loads the
    sampler) are the sampler's."""
    from gateway_roi.model import evaluation, uncertainty

    assert (evaluation.DEFAULT_DRAWS, evaluation.DEFAULT_SEED) == (
        uncertainty.DEFAULT_DRAWS, uncertainty.DEFAULT_SEED)
