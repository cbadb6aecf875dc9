"""``gateway-roi report``: a markdown decision record per scenario."""

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
    Force,
    NoConfig,
    OptionalPaths,
    Overrides,
    Seed,
    collect,
    draws_option,
    format_option,
    load_all,
    load_facts,
    parse_date,
    print_problems,
    refuse_seed_without_draws,
    settings_choice,
    write_stdout,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from gateway_roi.files.decision_log import Scheme
    from gateway_roi.files.log_writing import Record, RenderRecord, Written
    from gateway_roi.model.evaluation import Evaluation
    from gateway_roi.model.facts import FactBook
    from gateway_roi.model.scenario import Scenario
    from gateway_roi.outputs.report_data import RecordSettings
    from gateway_roi.shell import SettingsChoice
    from gateway_roi.words.i18n import Lang


class ReportFormat(StrEnum):
    """Output formats of ``report``."""

    markdown = "markdown"
    json = "json"


class Language(StrEnum):
    """Languages of the report's fixed text."""

    en = "en"
    zh = "zh"


class Style(StrEnum):
    """Where the record's metadata goes: MADR 4 front matter, or log4brains' header list."""

    madr4 = "madr4"
    log4brains = "log4brains"


class Naming(StrEnum):
    """How record files are named in a folder."""

    auto = "auto"
    number = "number"
    date = "date"
    slug = "slug"


def _people(values: list[str] | None) -> tuple[str, ...] | None:
    """``--deciders "A, B" --deciders C`` -> ("A", "B", "C"); ``--deciders ""`` -> nobody."""
    if values is None:
        return None
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


@app.command()
def report(
    ctx: typer.Context,
    paths: OptionalPaths = None,
    examples: Annotated[
        bool, typer.Option("--examples", help="Report on the bundled example scenarios.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE",
                     help="Write the report to FILE (one scenario) instead of stdout ('-' is "
                          "stdout)."),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", metavar="DIR",
                     help="Write one report per scenario into DIR, plus index.md comparing them."),
    ] = None,
    force: Force = False,
    template: Annotated[
        Path | None,
        typer.Option("--template", metavar="FILE",
                     help="Render your own jinja2 template (sandboxed) with the same data."),
    ] = None,
    lang: Annotated[
        Language, typer.Option("--lang", help="Language of the report's fixed text.")
    ] = Language.en,
    output_format: Annotated[
        ReportFormat,
        format_option("markdown, or json: the data a template gets (for template authors)."),
    ] = ReportFormat.markdown,
    set_: Overrides = None,
    draws: Annotated[
        int, draws_option("Monte Carlo draws over the scenario's ranges for the 'how sure' "
                          "section (0: leave it out).")
    ] = 10_000,
    seed: Seed = 2026,
    facts: FactsFile = None,
    config: ConfigFile = None,
    no_config: NoConfig = False,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD",
                     help="Date of the record (default today); also the date stale defaults "
                          "are judged against."),
    ] = None,
    status: Annotated[
        str, typer.Option("--status", metavar="STATUS",
                          help="The record's status, as MADR writes it: proposed, accepted, "
                               "rejected, deprecated (always in English).")
    ] = "proposed",
    deciders: Annotated[
        list[str] | None,
        typer.Option("--deciders", metavar="NAMES",
                     help="Decision-makers, comma-separated (repeatable); replaces the "
                          "scenario's decision_makers ('' for nobody)."),
    ] = None,
    consulted: Annotated[
        list[str] | None,
        typer.Option("--consulted", metavar="NAMES",
                     help="People consulted, comma-separated (repeatable)."),
    ] = None,
    informed: Annotated[
        list[str] | None,
        typer.Option("--informed", metavar="NAMES",
                     help="People kept informed, comma-separated (repeatable)."),
    ] = None,
    style: Annotated[
        Style | None, typer.Option("--style", show_default=False,
                                   help="madr4: MADR 4 front matter; log4brains: the "
                                        "'- Status:' header list log4brains 1.1 reads. "
                                        "Default: the --into log's own style (a folder a "
                                        ".log4brains.yml names, or its records), else madr4.")
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option("--into", metavar="DIR",
                     help="Add the record(s) to an existing decision log with the next free "
                          "name in its scheme (NNNN-title.md or YYYYMMDD-slug.md); never "
                          "overwrites."),
    ] = None,
    naming: Annotated[
        Naming, typer.Option("--naming",
                             help="File names for --into/--out-dir: auto follows the folder's "
                                  "files (--into an empty log: number, or date with "
                                  "--style log4brains; --out-dir: slug).")
    ] = Naming.auto,
    supersedes: Annotated[
        str | None,
        typer.Option("--supersedes", metavar="NNNN",
                     help="The record this one supersedes (number or file name, in the --into "
                          "log or next to --output); its status becomes 'superseded by' the "
                          "new one (its file name in front matter, a link in a header list)."),
    ] = None,
    map_spec: Annotated[
        str | None,
        typer.Option("--map", metavar="X,Y",
                     help="Embed a decision map over two fields (each FIELD or "
                          "FIELD=LOW..HIGH, as gateway-roi map takes them): FILE.map.svg is "
                          "written beside the record (needs -o and gateway-roi[plots])."),
    ] = None,
) -> None:
    """Write a markdown decision record (MADR 4) for each scenario.

    The record has MADR 4's front matter and sections: context, decision drivers, considered
    options, the outcome and the rule behind it, consequences, confirmation, pros and cons of
    each option; then, under More Information, a chart of cumulative cost (mermaid), risk, how
    sure the verdict is (ranges sampled: spread, confidence, tornado, what to measure next),
    tripwires, every cost line with its formula, and every default figure with its source and
    date. Status and metadata stay in English whatever --lang.

    Exit codes: 0 written; 1 an invalid scenario, --set value or template, a file that
    exists without --force, or a --supersedes record that changed while this one was
    rendered (nothing is written then); 2 usage, including options that do not go together
    and a --supersedes target that is missing, not written by gateway-roi, or already
    superseded.

    Examples:
      gateway-roi report scenarios/large-org-governance.yaml

      gateway-roi report my-team.yaml -o docs/adr/0007-ai-gateway.md --lang zh

      gateway-roi report scenarios/ --out-dir reports/

      gateway-roi report my-team.yaml --template my-template.md.j2

      gateway-roi report my-team.yaml --into docs/decisions/ --supersedes 0007

      gateway-roi report my-team.yaml --style log4brains --into docs/adr/ --status accepted

    """

    def body() -> None:
        from gateway_roi.errors import Problem, ProblemsReportedError
        from gateway_roi.files.writing import display_path
        from gateway_roi.model.evaluation import assess
        from gateway_roi.outputs.report_data import MADR_STATUSES, RecordSettings, is_madr_status

        today = parse_date(date)
        refuse_seed_without_draws(ctx, draws)
        if not is_madr_status(status):
            raise UsageError(f"--status {status!r}: use one of {', '.join(MADR_STATUSES)} "
                             "(MADR's values, in English whatever --lang; a record becomes "
                             "'superseded by' through --supersedes)")
        to_stdout = output is None or str(output) == "-"
        if map_spec is not None:
            from gateway_roi.maps import parse_map_spec

            if to_stdout or out_dir is not None or output_format is not ReportFormat.markdown:
                raise UsageError("--map writes its picture beside the record: give -o FILE.md "
                                 "(markdown, one scenario)")
            parse_map_spec(map_spec)  # a usage error before anything else
        if output_format is ReportFormat.json:
            # JSON is the data a template gets: nothing of these would change it, so they are
            # refused rather than ignored.
            ignored = [o for o, given in (("--out-dir", out_dir is not None),
                                          ("--into", into is not None),
                                          ("--template", template is not None),
                                          ("--naming", naming is not Naming.auto)) if given]
            if ignored:
                raise UsageError(f"--format json writes the data a template gets, to stdout or "
                                 f"-o FILE: {', '.join(ignored)} do(es) not apply to it")
        files = collect(paths or [], examples)
        destinations = [o for o, given in (("--output", output is not None),
                                           ("--out-dir", out_dir is not None),
                                           ("--into", into is not None)) if given]
        if len(destinations) > 1:
            raise UsageError(f"use one of {', '.join(destinations)}, not several")
        if len(files) > 1 and out_dir is None and into is None and (
                output_format is ReportFormat.markdown):
            raise UsageError(f"{len(files)} scenarios: use --out-dir DIR or --into DIR to write "
                             "one report each (stdout and --output take one scenario)")
        if supersedes is not None and (len(files) != 1 or (into is None and to_stdout)
                                       or output_format is not ReportFormat.markdown):
            raise UsageError("--supersedes takes one scenario written with --into DIR or "
                             "--output FILE (the earlier record is looked up there)")
        if naming is not Naming.auto and into is None and out_dir is None:
            raise UsageError("--naming applies to --into and --out-dir")
        chosen = _style(style, into)
        settings = RecordSettings(
            status=status, deciders=_people(deciders), consulted=_people(consulted) or (),
            informed=_people(informed) or (), style=chosen.value)
        # Every file is loaded (and checked) before anything is evaluated or written.
        choice = settings_choice(config, no_config, facts)
        book = load_facts(facts)
        problems: list[Problem] = []
        found = list(load_all(files, set_ or [], problems, facts=book, choice=choice))
        loaded = [(display_path(path), scenario) for path, scenario in found]
        # Where each record will sit, so it can name its scenario relative to itself.
        record_dir = (into if into is not None else out_dir if out_dir is not None
                      else None if to_stdout else output.parent if output is not None else None)
        from gateway_roi.files.log_writing import scenario_origin

        origins = {display_path(path): scenario_origin(path, record_dir, set_ or [])
                   for path, _ in found}
        if problems:
            print_problems(problems)
            raise ProblemsReportedError("no report written: fix the problems above first")
        language: Lang = "zh" if lang is Language.zh else "en"
        # Evaluated one at a time: --out-dir holds one record in memory, not the whole batch.
        results = ((source, assess(scenario, draws=draws, seed=seed, facts=book))
                   for source, scenario in loaded)
        if output_format is ReportFormat.json:
            _write_json(list(results), language, today, output, force, settings, origins)
            return
        if out_dir is not None:
            _write_folder(loaded, results, out_dir, language, today, template, force, settings,
                          naming, origins)
            return
        if into is not None:
            from gateway_roi.files.log_writing import add_to_log

            written = add_to_log(
                into, _stems(loaded), _renderers(results, language, today, template, settings,
                                                      origins=origins),
                naming=_naming(naming), empty="date" if chosen is Style.log4brains else "number",
                today=today, supersedes=supersedes, log4brains=chosen is Style.log4brains)
            _say_written(written)
            return
        if to_stdout:
            source, ev = next(results)
            write_stdout(_render(ev, source, language, today, template,
                                 _marked(settings, origins, source)))
            return
        from gateway_roi.files.log_writing import write_record

        assert output is not None
        render = next(_renderers(results, language, today, template, settings, origins,
                                 _map_beside(output, map_spec, set_ or [], language, book,
                                             choice)))
        _say_written(write_record(output, render, force=force, supersedes=supersedes,
                                  log4brains=chosen is Style.log4brains))

    run(body)


def _style(given: Style | None, into: Path | None) -> Style:
    """The record style: as given, else the --into log's own, else MADR 4.

    A log4brains log given ``--style madr4`` is written as asked, with a warning: log4brains
    ignores front matter, so the record would show as accepted, dated by git.
    """
    if into is None:
        return given or Style.madr4
    from gateway_roi.files.log_style import detect_log_style

    found = detect_log_style(into)
    if given is None:
        if found.style is not None:
            stderr(f"--style {found.style}: the log's own style ({found.why})")
            return Style(found.style)
        return Style.madr4
    if given is Style.madr4 and found.style == "log4brains":
        stderr(f"warning: {into} is a log4brains log ({found.why}); log4brains ignores MADR 4 "
               "front matter and shows such a record as accepted, dated and signed by git: "
               "leave out --style, or give --style log4brains")
    return given


def _map_beside(output: Path, spec: str | None, overrides: list[str], lang: Lang,
                facts: FactBook,
                choice: SettingsChoice | None = None) -> Callable[[str, str], Record] | None:
    """``--map``: the record with its decision map embedded, and FILE.map.svg beside it."""
    if spec is None:
        return None

    def add_map(text: str, source: str) -> Record:
        from gateway_roi.files.log_writing import Record
        from gateway_roi.maps import embed_map, map_for_record
        from gateway_roi.words.i18n import term

        image = f"{output.stem}.map.svg"
        m = map_for_record(Path(source), spec, overrides, facts, choice)
        text, svg = embed_map(text, m, image, lang, term("report.cost_detail", lang))
        return Record(text, {image: svg})

    return add_map


def _marked(settings: RecordSettings, origins: dict[str, dict[str, Any]],
            source: str) -> RecordSettings:
    """The record settings of one scenario: with where its scenario is."""
    import dataclasses

    return dataclasses.replace(settings, **origins.get(source, {}))


def _render(ev: Evaluation, source: str, lang: Lang, today: dt.date,
            template: Path | None, settings: RecordSettings) -> str:
    from gateway_roi.outputs.report import render_record, render_with_template

    if template is not None:
        return render_with_template(ev, template, lang=lang, today=today, source=source,
                                    settings=settings)
    return render_record(ev, lang=lang, today=today, source=source, settings=settings)


def _renderers(results: Iterator[tuple[str, Evaluation]], lang: Lang, today: dt.date,
               template: Path | None, settings: RecordSettings,
               origins: dict[str, dict[str, Any]] | None = None,
               finish: Callable[[str, str], Record] | None = None) -> Iterator[RenderRecord]:
    """One renderer per scenario, evaluated as it comes; each told what its record supersedes.

    ``finish`` turns a rendered text into the record written (the map embedded).
    """
    import dataclasses

    from gateway_roi.files.log_writing import Record

    for source, ev in results:
        def render(supersedes: tuple[str, str] | None, source: str = source,
                   ev: Evaluation = ev) -> Record:
            marked = dataclasses.replace(_marked(settings, origins or {}, source),
                                         supersedes=supersedes)
            text = _render(ev, source, lang, today, template, marked)
            return finish(text, source) if finish is not None else Record(text)

        yield render


def _say_written(written: Written) -> None:
    for path in [*written.records, *written.beside]:
        stderr(f"wrote {path}")
    if written.superseded is not None:
        stderr(f"wrote {written.superseded} (status: superseded)")


def _write_json(results: list[tuple[str, Evaluation]], lang: Lang, today: dt.date,
                output: Path | None, force: bool, settings: RecordSettings,
                origins: dict[str, dict[str, Any]]) -> None:
    import json

    from gateway_roi.outputs.report_data import REPORT_SCHEMA_VERSION, report_data

    doc = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "reports": [report_data(ev, lang=lang, today=today, source=source,
                                settings=_marked(settings, origins, source))
                    for source, ev in results],
    }
    text = json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if output is None:
        write_stdout(text)
    else:
        from gateway_roi.files.writing import write_atomic

        write_atomic(output, text, force=force)


def _stems(loaded: list[tuple[str, Scenario]]) -> list[str]:
    from gateway_roi.files.log_writing import safe_file_stem

    return [safe_file_stem(scenario.name, Path(source).stem) for source, scenario in loaded]


def _naming(naming: Naming) -> Scheme | None:
    """The scheme ``--naming`` asks for; None for auto (the folder's own)."""
    return None if naming is Naming.auto else naming.value  # type: ignore[return-value]


def _write_folder(loaded: list[tuple[str, Scenario]], results: Iterator[tuple[str, Evaluation]],
                  out_dir: Path, lang: Lang, today: dt.date, template: Path | None,
                  force: bool, settings: RecordSettings, naming: Naming,
                  origins: dict[str, dict[str, Any]]) -> None:
    """Write one record per scenario and index.md into ``out_dir``, all or nothing.

    ``loaded`` names the scenarios (for the file names); ``results`` evaluates them lazily, in
    the same order.
    """
    from gateway_roi.files.decision_log import detect_scheme, next_names
    from gateway_roi.files.log_writing import folder_names
    from gateway_roi.files.writing import FileSet
    from gateway_roi.options import OPTION_IDS
    from gateway_roi.outputs.report import render_index
    from gateway_roi.text import md_escape

    existing = folder_names(out_dir)
    scheme = _naming(naming) or detect_scheme(existing) or "slug"
    stems = _stems(loaded)
    if scheme == "slug":
        # Plain names: the same scenario written again replaces its record (with --force).
        planned = next_names([], stems, "slug", today)
    else:
        planned = next_names(existing, stems, scheme, today)
    # All or nothing: each record is staged as soon as it is rendered (one in memory at a
    # time); the set is put in place only once every record and the index are ready, so a
    # template error, a full disk, Ctrl-C or SIGTERM leaves the folder as it was. Names that
    # exist stop the run before rendering, and again at the moment of writing.
    with FileSet(out_dir, force=force) as files:
        files.check([*planned, "index.md"])
        rows: list[dict[str, Any]] = []
        for name, (source, ev) in zip(planned, results, strict=True):
            files.add(name, _render(ev, source, lang, today, template,
                                    _marked(settings, origins, source)))
            rows.append({
                "file": name,
                "name": md_escape(ev.scenario.name),
                "verdict": ev.decision.headline.text(lang),
                "option": ev.decision.option,
                "rule": ev.decision.rule,
                "currency": ev.scenario.currency,
                # Bare figures; the currency has its own column (scenarios may differ).
                "totals": [f"{round(ev.options[k].total):,}" for k in OPTION_IDS],
            })
        files.add("index.md", render_index(rows, lang=lang))
    stderr(f"wrote {len(planned) + 1} files to {out_dir}")
