"""``gateway-roi facts``: what the tool knows of each gateway product, where from, and how old."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from gateway_roi.app import app, run
from gateway_roi.shell import (
    FactsFile,
    OptionalPaths,
    collect,
    format_option,
    load_all,
    load_facts,
    print_problems,
    problem_count,
    write_stdout,
)


class FactsFormat(StrEnum):
    """``--format`` of ``facts``."""

    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@app.command()
def facts(
    paths: OptionalPaths = None,
    vendor: Annotated[list[str] | None, typer.Option(
        "--vendor", help="Only this product (repeatable): portkey, litellm...")] = None,
    plan: Annotated[list[str] | None, typer.Option(
        "--plan", help="Only this plan (repeatable): production, enterprise...")] = None,
    need: Annotated[list[str] | None, typer.Option(
        "--need", help="Only claims about this capability (repeatable): audit_trail, "
                       "routing.region, native.batch, data_contract...")] = None,
    output_format: Annotated[FactsFormat, format_option(
        "text (one block per plan), json, csv or markdown.")] = FactsFormat.text,
    stale_after: Annotated[str | None, typer.Option(
        "--stale-after", metavar="AGE",
        help="Flag claims read longer ago than AGE (e.g. 6m, 90d, 1y). With scenarios: exit 4 "
             "when a fact their verdict uses is that old.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD",
        help="Measure ages from this date instead of today (reproducible listings).")] = None,
    facts_file: FactsFile = None,
) -> None:
    """List the facts behind the buy and self-host options: each claim, its source, and its age.

    Every claim about a vendor or open-source gateway (a price, an included volume, a need met,
    a routing kind, a native API passed through, reach to private endpoints, a data contract)
    rests on the vendor's own docs, pricing page or repository, with the date it was read and
    the passage quoted. A claim no vendor source backs is UNVERIFIED: a capability claimed that
    way counts as not met. --facts lays your own file over the bundled facts (a quote, an
    internal price list, a vendor not listed); its claims are marked with the file's name.

    With scenario files, only the facts their verdicts use are listed, and --stale-after turns
    into a check for CI.

    Exit codes: 0 listed; 1 a scenario or the --facts file is invalid; 2 usage (a bad
    --stale-after or --as-of, an unknown --vendor, --plan or --need); 4 with --stale-after and
    scenarios, a fact a verdict uses was read longer ago than that.

    For example:

      gateway-roi facts --vendor litellm

      gateway-roi facts --need access_control --format markdown

      gateway-roi facts my-team.yaml --stale-after 6m

      gateway-roi facts --facts our-quotes.yaml --vendor portkey

    """

    def body() -> None:
        import datetime as dt

        from gateway_roi.errors import (
            FactsStaleError,
            Problem,
            ProblemsReportedError,
            UsageError,
        )
        from gateway_roi.files.writing import display_path
        from gateway_roi.model.evaluation import assess
        from gateway_roi.model.facts import CAPABILITIES, parse_age
        from gateway_roi.outputs.facts_table import (
            FactLine,
            facts_csv,
            facts_json,
            facts_markdown,
            facts_text,
        )

        try:
            limit = parse_age(stale_after) if stale_after is not None else None
        except ValueError as exc:
            raise UsageError(f"--stale-after: {exc}") from None
        try:
            today = dt.date.fromisoformat(as_of) if as_of is not None else dt.date.today()
        except ValueError:
            raise UsageError(f"--as-of: {as_of!r} is not a date written YYYY-MM-DD") from None
        book = load_facts(facts_file)
        for wanted in vendor or []:
            if wanted not in book.products:
                raise UsageError(f"--vendor {wanted}: no such product; known: "
                                 + ", ".join(book.products))
        # A filter that matches nothing is a typo, not an empty answer: say what is allowed.
        products = [book.products[v] for v in vendor] if vendor else list(book.products.values())
        plans = list(dict.fromkeys(p for product in products for p in product.plans))
        for wanted in plan or []:
            if wanted not in plans:
                owner = f"of {', '.join(vendor)}" if vendor else "known"
                raise UsageError(f"--plan {wanted}: no such plan; plans {owner}: "
                                 + ", ".join(plans))
        for wanted in need or []:
            if wanted not in CAPABILITIES:
                from gateway_roi.needs import NEED_IDS

                why = ("a need no product meets as a feature, so no claim names it"
                       if wanted in NEED_IDS else "no such need or capability")
                raise UsageError(f"--need {wanted}: {why}; allowed: " + ", ".join(CAPABILITIES))
        used: dict[tuple[str, str, str], list[str]] = {}
        problems: list[Problem] = []
        if paths:
            for path, scenario in load_all(collect(paths), [], problems, facts=book):
                ev = assess(scenario, tripwires=False, facts=book)
                for option in ("buy", "self_host"):
                    for f in ev.options[option].facts:
                        used.setdefault((f.product, f.plan, f.key), []).append(display_path(path))
        lines = []
        for row in book.rows():
            if vendor and row.product not in vendor:
                continue
            if plan and row.plan not in plan:
                continue
            if need and not any(row.key in (f"capabilities.{n}",) for n in need):
                continue
            users = tuple(dict.fromkeys(used.get((row.product, row.plan, row.key), ())))
            if paths and not users:
                continue
            age = row.age_days(today)
            lines.append(FactLine(row, age, limit is not None and age is not None
                                  and age > limit, users))
        if output_format is FactsFormat.json:
            write_stdout(facts_json(lines, as_of=today, stale_after=limit))
        elif output_format is FactsFormat.csv:
            write_stdout(facts_csv(lines))
        elif output_format is FactsFormat.markdown:
            write_stdout(facts_markdown(lines))
        else:
            import shutil

            write_stdout(facts_text(lines, width=min(shutil.get_terminal_size((80, 24)).columns,
                                                     100)))
        print_problems(problems)
        if problems:
            raise ProblemsReportedError(problem_count(problems))
        stale = [ln for ln in lines if ln.stale and ln.used_by]
        if stale:
            raise FactsStaleError(
                f"{len(stale)} fact(s) the verdicts use were read more than {limit} days ago "
                f"(--stale-after {stale_after}): "
                + "; ".join(f"{ln.row.product}/{ln.row.plan} {ln.row.key} (read "
                            f"{ln.row.read})" for ln in stale[:5])
                + ("; ..." if len(stale) > 5 else "")
                + ". Re-read them at the source and update the facts, or give your own with "
                  "--facts")

    run(body)

