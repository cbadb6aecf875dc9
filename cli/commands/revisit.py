"""``gateway-roi revisit``: re-check a folder of decision records against today's facts."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gateway_roi.app import app, run, stderr
from gateway_roi.errors import UsageError
from gateway_roi.shell import (
    ConfigFile,
    FactsFile,
    NoConfig,
    Overrides,
    format_option,
    load_facts,
    parse_date,
    settings_choice,
    write_stdout,
)

if TYPE_CHECKING:
    from gateway_roi.model.facts import FactBook
    from gateway_roi.outputs.revisit import RecordCheck
    from gateway_roi.shell import SettingsChoice
    from gateway_roi.words.i18n import Lang


class RevisitFormat(StrEnum):
    """Output formats of ``revisit``."""

    text = "text"
    json = "json"
    markdown = "markdown"


_OBSERVED_HELP = ("Measured values, a YAML file shaped like a scenario (or dotted keys): "
                  "organisation.services, organisation.monthly_requests, "
                  "organisation.monthly_provider_spend, assumptions.global_incidents_per_year...; "
                  "revisit says which tripwires they cross.")


@app.command()
def revisit(
    folder: Annotated[Path, typer.Argument(metavar="DIR", show_default=False,
                                           help="A decision log: a folder of records.")],
    output_format: Annotated[
        RevisitFormat,
        format_option("text for people; json for machines; markdown for an issue or "
                      "pull-request body."),
    ] = RevisitFormat.text,
    observed: Annotated[
        Path | None, typer.Option("--observed", metavar="FILE", dir_okay=False,
                                  help=_OBSERVED_HELP)] = None,
    set_: Overrides = None,
    write: Annotated[
        bool, typer.Option("--write", help="Propose a superseding record (status proposed) "
                                           "for each record whose verdict today's facts and "
                                           "settings change, in the log's own naming and "
                                           "style; never overwrites.")] = False,
    facts: FactsFile = None,
    config: ConfigFile = None,
    no_config: NoConfig = False,
    date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD",
                                 help="Judge stale facts (and date proposed records) as of "
                                      "this day instead of today.")] = None,
) -> None:
    """Re-check each decision record in DIR against today's facts and settings.

    Reads the records gateway-roi wrote (numbered 0001-x.md or dated 20260105-x.md, MADR 4 or
    log4brains style; others are passed over), and re-evaluates each one's scenario, found
    where the record says it is, with the --set values it was written with, today's facts and
    today's project settings. Records already superseded are left out. Per record: unchanged;
    verdict would change (old -> new, with what moved since: settings, product facts, inputs,
    the tool's version); scenario edited since the record; scenario missing; facts stale (read
    more than 12 months ago). With --observed FILE or --set, the team's measured values are
    held against each verdict's tripwires, and the verdict with them is given.

    Exit codes: 0 nothing moved (edited or missing scenarios and stale facts are reported, and
    exit 0 alone); 3 a verdict would change or a tripwire is crossed; 1 a record's scenario or
    the --observed file is invalid, or a proposed record cannot be written; 2 usage. When
    several apply: 2, then 1, then 3.

    For example:

      gateway-roi revisit docs/decisions

      gateway-roi revisit docs/adr --observed measured.yaml --format markdown > issue.md

      gateway-roi revisit docs/adr --set organisation.services=30

      gateway-roi revisit docs/decisions --write

    """

    def body() -> None:
        from gateway_roi import __version__
        from gateway_roi.errors import ProblemsReportedError, VerdictChangedError
        from gateway_roi.outputs.revisit import revisit_json, revisit_markdown, revisit_text

        today = parse_date(date)
        if not folder.is_dir():
            raise UsageError(f"{folder}: {'not a folder' if folder.exists() else 'no such folder'}"
                             "; revisit reads a folder of decision records")
        choice = settings_choice(config, no_config, facts)
        book = load_facts(facts)
        measured, spots = _observed(observed, set_ or [])
        checks = [_check(path, text, book, choice, measured, today, __version__, spots)
                  for path, text in _records(folder)]
        failed = any(c.status == "invalid" for c in checks)
        if write and not failed:
            # Only a verdict today's facts and settings move: measured values are not the
            # scenario, and a record of them would say what the scenario does not.
            checks = [_propose(folder, c, book, choice, today)
                      if c.status == "verdict-changed" else c for c in checks]
        if output_format is RevisitFormat.json:
            write_stdout(revisit_json(checks))
        elif output_format is RevisitFormat.markdown:
            from gateway_roi.files.writing import display_path

            write_stdout(revisit_markdown(checks, display_path(folder), today))
        else:
            import shutil
            import sys

            wrap = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
            write_stdout(revisit_text(checks, wrap))
        if failed:
            for check in checks:
                if check.status == "invalid":
                    for problem in check.problems:
                        stderr(problem)
            observed_file = tuple({f"{shown}:" for shown, _ in spots.values()})
            if observed_file and all(p.startswith(observed_file) for c in checks
                                     if c.status == "invalid" for p in c.problems):
                raise ProblemsReportedError("a measured value does not fit a record's scenario: "
                                            "fix the --observed file, then revisit again")
            raise ProblemsReportedError("a record's scenario could not be read: fix it, then "
                                        "revisit again")
        if not checks:
            stderr(f"gateway-roi: {folder}: no records written by gateway-roi report here")
        alarms = [c for c in checks if c.alarm]
        if alarms:
            raise VerdictChangedError(f"{len(alarms)} record(s) to revisit: a verdict would "
                                      "change or a tripwire is crossed")

    run(body)


def _records(folder: Path) -> list[tuple[Path, str]]:
    """The records of ours in ``folder`` (by name), superseded ones left out."""
    from gateway_roi.files.decision_log import is_record, superseded_by
    from gateway_roi.files.log_writing import MAX_RECORD_BYTES

    out = []
    for path in sorted(folder.glob("*.md")):
        if not path.is_file() or path.stat().st_size > MAX_RECORD_BYTES:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if is_record(text) and superseded_by(text) is None:
            out.append((path, text))
    return out


def _observed(path: Path | None, overrides: list[str]
              ) -> tuple[dict[str, Any], dict[str, tuple[str, int | None]]]:
    """The measured values as dotted scenario fields: the --observed file's, then --set's.

    With them, where the file writes each of its own (file name, line), to locate a value a
    record's scenario cannot take.
    """
    from gateway_roi.errors import InvalidScenarioError, Problem
    from gateway_roi.files.loading import parse_override, read_yaml_with_positions
    from gateway_roi.model.fields import dotted
    from gateway_roi.model.settings import leaf_paths

    values: dict[str, Any] = {}
    spots: dict[str, tuple[str, int | None]] = {}
    if path is not None:
        data, positions, shown = read_yaml_with_positions(path)
        nested: dict[str, Any] = {}
        written: dict[str, tuple[Any, ...]] = {}  # top-level key of each dotted field
        for key, value in data.items():
            # Dotted keys (organisation.services: 16) and nested mappings both mean a field.
            holder = nested
            names = str(key).split(".")
            for name in names[:-1]:
                holder = holder.setdefault(name, {})
            holder[names[-1]] = value
            written[".".join(names)] = (key,)
        for loc in leaf_paths(nested):
            leaf: Any = nested
            for part in loc:
                leaf = leaf[part]
            values[dotted(loc)] = leaf
            # Its own key's line, or that of the top-level key it sits under.
            top = next((at for name, at in written.items()
                        if dotted(loc) == name or dotted(loc).startswith(name + ".")), None)
            mark = positions.get(loc) or (positions.get(top) if top else None)
            spots[dotted(loc)] = (shown, None if mark is None else mark.line + 1)
    for text in overrides:
        try:
            where, given = parse_override(text)
        except ValueError as exc:
            raise InvalidScenarioError([Problem("--set", "", str(exc))]) from None
        values[dotted(where)] = given
        spots.pop(dotted(where), None)  # --set's value wins, and is --set's
    return values, spots


def _as_set(values: dict[str, Any]) -> list[str]:
    """Measured values as --set overrides, so the loader validates them as it does a file."""
    import json

    return [f"{k}={json.dumps(v)}" for k, v in values.items()]


def _scenario_file(record: Path, stored: dict[str, Any]) -> Path | None:
    where = stored.get("scenario")
    if not isinstance(where, str) or not where:
        return None
    base = record.parent if stored.get("base", "record") == "record" else Path.cwd()
    return base / where


def _check(path: Path, text: str, book: FactBook, choice: SettingsChoice,
           measured: dict[str, Any], today: dt.date, tool: str,
           spots: dict[str, tuple[str, int | None]] | None = None) -> RecordCheck:
    """One record, re-checked."""
    import hashlib

    from gateway_roi.errors import InvalidScenarioError, Problem
    from gateway_roi.files.decision_log import read_provenance
    from gateway_roi.files.loading import SET_SOURCE
    from gateway_roi.model.evaluation import assess
    from gateway_roi.outputs.revisit import RecordCheck, check_record, crossed_tripwires
    from gateway_roi.shell import load_one

    stored, wrong = read_provenance(text)
    if wrong is not None:
        return RecordCheck(path.name, "not-revisitable", problems=(wrong,))
    if stored is None or not stored.get("scenario"):
        return RecordCheck(path.name, "not-revisitable", problems=(
            "written before records kept their scenario's place (or to stdout from an "
            "unknown folder): write it again with gateway-roi report",))
    scenario_path = _scenario_file(path, stored)
    shown = str(stored["scenario"])
    verdict = stored.get("verdict") or {}
    old = (str(verdict.get("option")), str(verdict.get("rule")))
    if scenario_path is None or not scenario_path.is_file():
        return RecordCheck(path.name, "scenario-missing", shown, old, problems=(
            f"no scenario at {shown} (relative to "
            f"{'the record' if stored.get('base', 'record') == 'record' else 'this folder'})",))
    digest = "sha256:" + hashlib.sha256(scenario_path.read_bytes()).hexdigest()
    overrides = [str(o) for o in stored.get("set") or []]
    edited = digest != stored.get("scenario_sha256")
    try:
        scenario = load_one(scenario_path, overrides, book, choice)
    except InvalidScenarioError as exc:
        return RecordCheck(path.name, "invalid", shown, old, edited=edited,
                           problems=tuple(str(p) for p in exc.problems))
    observed_ev = None
    if measured:
        try:
            observed_ev = assess(load_one(scenario_path, [*overrides, *_as_set(measured)], book,
                                          choice), tripwires=False, facts=book)
        except InvalidScenarioError as exc:
            # A measured value this scenario cannot take: located where the team wrote it.
            spots = spots or {}
            return RecordCheck(path.name, "invalid", shown, old, edited=edited, problems=tuple(
                str(Problem(spots[p.field][0], p.field, p.message, spots[p.field][1])
                    if p.source == SET_SOURCE and p.field in spots else p)
                for p in exc.problems))
    ev = assess(scenario, facts=book)
    crossed = crossed_tripwires(ev.tripwires, measured) if measured else []
    return check_record(path.name, stored, ev, edited=edited,
                        today=today, tool=tool, scenario=shown, observed=observed_ev,
                        crossed=crossed)


def _propose(folder: Path, check: RecordCheck, book: FactBook, choice: SettingsChoice,
             today: dt.date) -> RecordCheck:
    """A superseding record for a moved one, added to the log through ``report --into``'s path."""
    import dataclasses

    from gateway_roi.files.decision_log import record_provenance
    from gateway_roi.files.log_writing import (
        Record,
        add_to_log,
        read_record,
        safe_file_stem,
        scenario_origin,
    )
    from gateway_roi.model.evaluation import assess
    from gateway_roi.outputs.report import render_record
    from gateway_roi.outputs.report_data import RecordSettings
    from gateway_roi.shell import load_one

    record = folder / check.record
    _, text = read_record(record, check.record)
    stored = record_provenance(text) or {}
    scenario_path = _scenario_file(record, stored)
    assert scenario_path is not None  # a moved record's scenario was found
    overrides = [str(o) for o in stored.get("set") or []]
    scenario = load_one(scenario_path, overrides, book, choice)
    ev = assess(scenario, draws=10_000, seed=2026, facts=book)
    log4brains = not text.startswith("---\n")
    lang: Lang = "zh" if stored.get("lang") == "zh" else "en"
    base = RecordSettings(status="proposed", style="log4brains" if log4brains else "madr4",
                          **scenario_origin(scenario_path, folder, overrides))

    def render(supersedes: tuple[str, str] | None) -> Record:
        from gateway_roi.files.writing import display_path

        return Record(render_record(ev, lang=lang, today=today, source=display_path(
            scenario_path), settings=dataclasses.replace(base, supersedes=supersedes)))

    written = add_to_log(folder, [safe_file_stem(scenario.name, scenario_path.stem)], [render],
                         naming=None, empty="date" if log4brains else "number", today=today,
                         supersedes=check.record, log4brains=log4brains)
    for path in written.records:
        stderr(f"wrote {path}")
    if written.superseded is not None:
        stderr(f"wrote {written.superseded} (status: superseded)")
    return dataclasses.replace(check, written=written.records[0].name)
