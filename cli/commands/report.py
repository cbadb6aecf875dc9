"""``gateway-roi report``: a markdown decision record per scenario."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cli.app import app, run, stderr
from cli.errors import UsageError
from cli.shell import (
    Force,
    OptionalPaths,
    Overrides,
    Seed,
    collect,
    draws_option,
    format_option,
    load_all,
    print_problems,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cli.evaluation import Evaluation
    from cli.i18n import Lang
    from cli.scenario import Scenario


class ReportFormat(StrEnum):
    """Output formats of ``report``."""

    markdown = "markdown"
    json = "json"


class Language(StrEnum):
    """Languages of the report's fixed text."""

    en = "en"
    zh = "zh"


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def safe_file_stem(name: str, fallback: str) -> str:
    """A file name from user text: lowercase ASCII letters, digits and dashes, never a path.

    Non-Latin names (e.g. Chinese) fall back to ``fallback`` (the scenario file's stem), then to
    ``scenario``.
    """
    for text in (name, fallback, "scenario"):
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        slug = _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")[:60].strip("-")
        if slug and slug not in {"index"}:
            return slug
    return "scenario"


def _parse_date(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r}: write the date as YYYY-MM-DD") from None


@app.command()
def report(
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
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD",
                     help="Date of the record (default today); also the date stale defaults "
                          "are judged against."),
    ] = None,
    map_spec: Annotated[
        str | None,
        typer.Option("--map", metavar="X,Y",
                     help="Embed a decision map over two fields (each FIELD or "
                          "FIELD=LOW..HIGH, as gateway-roi map takes them): FILE.map.svg is "
                          "written beside the record (needs -o and gateway-roi[plots])."),
    ] = None,
) -> None:
    """Write a markdown decision record (MADR style) for each scenario.

    The record holds the context, decision drivers, considered options, the outcome and the
    rule behind it, consequences, a chart of cumulative cost (mermaid), risk, how sure the
    verdict is (ranges sampled: spread, confidence, tornado, what to measure next), tripwires,
    every cost line with its formula, and every default figure with its source and date.

    Exit codes: 0 written; 1 an invalid scenario, --set value or template, or a file that
    exists without --force (nothing is written then); 2 usage.

    Examples:
      gateway-roi report scenarios/large-org-governance.yaml

      gateway-roi report my-team.yaml -o docs/adr/0007-ai-gateway.md --lang zh

      gateway-roi report scenarios/ --out-dir reports/

      gateway-roi report my-team.yaml --template my-template.md.j2

    """

    def body() -> None:
        from cli.errors import Problem, ProblemsReportedError
        from cli.evaluation import assess
        from cli.files import display_path

        today = _parse_date(date)
        if map_spec is not None and (output is None or str(output) == "-" or out_dir is not None
                                     or output_format is not ReportFormat.markdown):
            raise UsageError("--map writes its picture beside the record: give -o FILE.md "
                             "(markdown, one scenario)")
        files = collect(paths or [], examples)
        if output is not None and out_dir is not None:
            raise UsageError("use either --output or --out-dir, not both")
        if len(files) > 1 and out_dir is None and output_format is ReportFormat.markdown:
            raise UsageError(f"{len(files)} scenarios: use --out-dir DIR to write one report "
                             "each (stdout and --output take one scenario)")
        # Every file is loaded (and checked) before anything is evaluated or written.
        problems: list[Problem] = []
        loaded = [(display_path(path), scenario)
                  for path, scenario in load_all(files, set_ or [], problems)]
        if problems:
            print_problems(problems)
            raise ProblemsReportedError("no report written: fix the problems above first")
        language: Lang = "zh" if lang is Language.zh else "en"
        # Evaluated one at a time: --out-dir holds one record in memory, not the whole batch.
        results = ((source, assess(scenario, draws=draws, seed=seed))
                   for source, scenario in loaded)
        if output_format is ReportFormat.json:
            _write_json(list(results), language, today, output, force)
            return
        if out_dir is not None:
            _write_folder(loaded, results, out_dir, language, today, template, force)
            return
        source, ev = next(results)
        text = _render(ev, source, language, today, template)
        if map_spec is not None:
            _with_map(text, Path(source), map_spec, set_ or [], language, output, force)
            return
        if output is None or str(output) == "-":
            typer.echo(text, nl=False)
        else:
            from cli.files import write_atomic

            write_atomic(output, text, force=force)
            stderr(f"wrote {output}")

    run(body)


def _with_map(text: str, source: Path, spec: str, overrides: list[str], lang: Lang,
              output: Path | None, force: bool) -> None:
    """Write the record with its decision map embedded, and the map as FILE.map.svg beside it.

    Both files are written together or not at all.
    """
    from cli.files import FileSet
    from cli.i18n import term
    from cli.maps import embed_map, map_for_record, parse_map_spec

    assert output is not None
    parse_map_spec(spec)  # a usage error before anything else
    image = f"{output.stem}.map.svg"
    with FileSet(output.parent, force=force) as files:
        files.check([output.name, image])
        m = map_for_record(source, spec, overrides)
        text, svg = embed_map(text, m, image, lang, term("report.cost_detail", lang))
        files.add(image, svg)
        files.add(output.name, text)
    stderr(f"wrote {output} and {output.parent / image}")


def _render(ev: Evaluation, source: str, lang: Lang, today: dt.date,
            template: Path | None) -> str:
    from cli.report import render_record, render_with_template

    if template is not None:
        return render_with_template(ev, template, lang=lang, today=today, source=source)
    return render_record(ev, lang=lang, today=today, source=source)


def _write_json(results: list[tuple[str, Evaluation]], lang: Lang, today: dt.date,
                output: Path | None, force: bool) -> None:
    import json

    from cli.report_data import REPORT_SCHEMA_VERSION, report_data

    doc = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "reports": [report_data(ev, lang=lang, today=today, source=source)
                    for source, ev in results],
    }
    text = json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        from cli.files import write_atomic

        write_atomic(output, text, force=force)


def _write_folder(loaded: list[tuple[str, Scenario]], results: Iterator[tuple[str, Evaluation]],
                  out_dir: Path, lang: Lang, today: dt.date, template: Path | None,
                  force: bool) -> None:
    """Write one record per scenario and index.md into ``out_dir``, all or nothing.

    ``loaded`` names the scenarios (for the file names); ``results`` evaluates them lazily, in
    the same order.
    """
    from cli.files import FileSet
    from cli.i18n import Money, format_money
    from cli.options import OPTION_IDS
    from cli.report import render_index
    from cli.text import md_escape

    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: exists and is not a folder")
    planned: list[str] = []
    taken: set[str] = set()
    for source, scenario in loaded:
        stem = safe_file_stem(scenario.name, Path(source).stem)
        name, n = f"{stem}.md", 2
        while name in taken:
            name, n = f"{stem}-{n}.md", n + 1
        planned.append(name)
        taken.add(name)
    # All or nothing: each record is staged as soon as it is rendered (one in memory at a
    # time); the set is put in place only once every record and the index are ready, so a
    # template error, a full disk, Ctrl-C or SIGTERM leaves the folder as it was. Names that
    # exist stop the run before rendering, and again at the moment of writing.
    with FileSet(out_dir, force=force) as files:
        files.check([*planned, "index.md"])
        rows: list[dict[str, Any]] = []
        for name, (source, ev) in zip(planned, results, strict=True):
            files.add(name, _render(ev, source, lang, today, template))
            rows.append({
                "file": name,
                "name": md_escape(ev.scenario.name),
                "verdict": ev.decision.headline.text(lang),
                "option": ev.decision.option,
                "rule": ev.decision.rule,
                "totals": [format_money(Money(ev.options[k].total, ev.scenario.currency), lang)
                           for k in OPTION_IDS],
            })
        files.add("index.md", render_index(rows, lang=lang))
    stderr(f"wrote {len(planned) + 1} files to {out_dir}")
