"""``gateway-roi ask``: answer questions instead of writing YAML; writes a scenario, shows the verdict.

The questions, their help and their validation live in :mod:`gateway_roi.ask` (a session over
:data:`~gateway_roi.ask.questions.QUESTIONS`); the partial file an interrupted run leaves for
``--resume`` in :mod:`gateway_roi.files.partial`. This module does the terminal: prompts and
messages on stderr (stdout carries only the verdict), answers read line by line from stdin.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gateway_roi.app import app, console, run
from gateway_roi.errors import (
    EndOfInputError,
    GatewayRoiError,
    UsageError,
)
from gateway_roi.files.partial import PARTIAL_SUFFIX
from gateway_roi.shell import (
    ConfigFile,
    FactsFile,
    NoColor,
    NoConfig,
    load_facts,
    not_a_file,
    settings_choice,
)
from gateway_roi.text import clean_text

if TYPE_CHECKING:
    from gateway_roi.ask.session import Prompt
    from gateway_roi.model.facts import FactBook
    from gateway_roi.model.scenario import Scenario

NOT_A_TERMINAL = (
    "ask reads its answers from a terminal, and stdin is not one (nothing was read from it). "
    "To write a scenario without prompts, use --defaults (every question takes its default) "
    "and --from FILE (an existing scenario's values become the defaults), e.g. "
    "gateway-roi ask --from my-team.yaml --defaults -o new.yaml"
)

_YES = {"y", "yes"}


def _width() -> int:
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def _wrap(line: str, width: int, extra_indent: int = 3) -> list[str]:
    """Wrap one line, keeping its indent; numbered items hang under their text."""
    indent = len(line) - len(line.lstrip(" "))
    hang = extra_indent if re.match(r"\d+\. ", line.strip()) else 0
    return textwrap.wrap(
        line.strip(), width - 1, initial_indent=" " * indent,
        subsequent_indent=" " * (indent + hang),
        break_on_hyphens=False,
    ) or [""]


def say(text: str) -> None:
    """Tell the user something (stderr), wrapped to the terminal, control characters removed."""
    width = _width()
    out = []
    for line in clean_text(text.replace("\r", "")).split("\n"):
        out.extend(_wrap(line, width) if line.strip() else [""])
    sys.stderr.write("\n".join(out) + "\n")
    sys.stderr.flush()


def shown(path: object) -> str:
    """A file name (or a command naming one) kept on its line: control characters escaped."""
    from gateway_roi.text import escape_line

    return escape_line(str(path))


def tell_terminal(text: str) -> None:
    """The questionnaire's messages: help and errors indented under the question."""
    if text.startswith("\n"):
        say(text)
    else:
        say("\n".join(_INDENT + line for line in text.split("\n")))


_INDENT = " " * 7
"""Width of the ``NN/NN  `` question number: help and errors line up with the question."""


def _line_editing() -> bool:
    """Whether answers can be read with line editing (arrow keys, history) via readline.

    readline draws its prompt on stdout, so only when stdout is the terminal too; otherwise the
    prompt goes to stderr and stdout keeps only the verdict.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    try:
        import readline  # noqa: F401  (imported for its effect on input())
    except ImportError:
        return False
    return True


def _read_line(prompt: str) -> str:
    """Show ``prompt`` and read one line; EOFError at end of input."""
    sys.stderr.flush()
    if _line_editing():
        try:
            return input(prompt)
        except EOFError:
            sys.stdout.write("\n")
            raise
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stderr.write("\n")
        raise EOFError
    return line


def ask_terminal(p: Prompt) -> str:
    """The prompt function for a terminal: the question, its choices, ``[default] >``."""
    from gateway_roi.ask.session import FINISH_KEY

    width = _width()
    if p.key == FINISH_KEY:
        say(p.text)
        return _read_line("> ")
    head = f"{p.number:>2}/{p.total}  "
    pad = " " * len(head)
    lines = textwrap.wrap(clean_text(p.text), width - len(head) - 1,
                          break_on_hyphens=False) or [""]
    out = [head + lines[0], *(pad + line for line in lines[1:])]
    inline = " / ".join(p.choices)
    hint = ""
    if p.choices and (p.labels or len(inline) > width - len(pad) - 24):
        for i, choice in enumerate(p.choices, 1):
            label = p.labels.get(choice, "")
            out.extend(_wrap(f"{pad}{i}. {choice}" + (f": {label}" if label else ""), width, 3))
    elif p.choices:
        hint = inline + "  "
    default = f"[{clean_text(p.default)}] " if p.default else ""
    sys.stderr.write("\n".join(out) + "\n")
    return _read_line(f"{pad}{hint}{default}> ")


# --- writing ----------------------------------------------------------------------------------

def _free_name(path: Path) -> Path:
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def writable(path: Path, *, force: bool, interactive: bool,
             taken: tuple[tuple[str, Path], ...] = ()) -> tuple[Path, bool]:
    """The path to write and whether it may be overwritten: asks when it exists and we can.

    ``taken`` pairs the command's other outputs with their option: a path among them is
    refused (asked again when interactive), since one file cannot take two roles.
    """
    from gateway_roi.errors import OutputExistsError
    from gateway_roi.files.writing import same_file

    while True:
        if path.is_dir():
            raise UsageError(f"{path}: is a folder; give a file name")
        clash = next((option for option, other in taken if same_file(path, other)), None)
        if clash is not None:
            message = f"{path} is already the file of {clash}: each output needs its own file"
            if not interactive:
                raise UsageError(message + " (nothing was written)")
            say(message + ".")
            typed = _read_line(f"File to write instead [{_free_name(path)}] > ").strip()
            path, force = (Path(typed) if typed else _free_name(path)), False
            continue
        if force or not path.exists():
            return path, force
        if not interactive:
            raise OutputExistsError(f"{path}: already exists; use --force to overwrite it, or "
                                    "-o to write another file")
        if _read_line(f"{path} already exists. Overwrite it? [y/N] > ").strip().lower() in _YES:
            return path, True
        suggestion = _free_name(path)
        typed = _read_line(f"File to write instead [{suggestion}] > ").strip()
        path = Path(typed) if typed else suggestion
        force = False  # --force covers the paths given on the command line only


def _saved_output(saved: Path, partial: Path, interactive: bool) -> Path:
    """Where to write the scenario the ``--resume`` file names: a path read from a file.

    Shown and confirmed on a terminal; without one, used only inside the partial file's
    own folder (where ``ask`` saves it beside the scenario), never creating folders.
    """
    import os

    if interactive:
        say(f"{shown(partial)} says to write the scenario to {shown(saved)}.")
        answer = _read_line("Write it there? [Y/n] > ").strip().lower()
        if answer in ("", *_YES):
            return saved
        typed = _read_line(f"File to write instead [{saved.name}] > ").strip()
        return Path(typed) if typed else Path(saved.name)
    here = os.path.dirname(os.path.realpath(partial))
    if os.path.dirname(os.path.realpath(saved)) != here:
        raise UsageError(f"{shown(partial)} says to write the scenario to {shown(saved)}, "
                         "outside that file's own folder; without a terminal a path read from "
                         "a file is used only there: give the file to write with -o FILE")
    return saved


@app.command()
def ask(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE",
                     help="Scenario file to write (default: named after the scenario, e.g. "
                          "my-team.yaml).", show_default=False),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite existing files without asking.")
    ] = False,
    from_: Annotated[
        Path | None,
        typer.Option("--from", metavar="FILE",
                     help="Start from an existing scenario: its values become the defaults.",
                     show_default=False),
    ] = None,
    skip_answered: Annotated[
        bool, typer.Option("--skip-answered",
                           help="With --from: ask only what that scenario does not set.")
    ] = False,
    defaults: Annotated[
        bool, typer.Option("--defaults",
                           help="Answer every question with its default, without prompting "
                                "(works without a terminal).")
    ] = False,
    resume: Annotated[
        Path | None,
        typer.Option("--resume", metavar="FILE",
                     help=f"Continue an interrupted run from the {PARTIAL_SUFFIX} file it saved.",
                     show_default=False),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", metavar="FILE",
                     help="Also write the markdown decision record.", show_default=False),
    ] = None,
    facts: FactsFile = None,
    config: ConfigFile = None,
    no_config: NoConfig = False,
    no_color: NoColor = False,
) -> None:
    """Answer questions instead of writing YAML: writes a scenario, then shows the verdict.

    About 25 questions on the main path, grouped by the decision's criteria (scale, ops
    capacity, governance vs convenience) then costs and reliability; follow-up questions appear
    only when they apply. Enter accepts the [default]; ? explains a question and where its
    default comes from; < goes back. Ctrl-C or Ctrl-D stops and keeps the answers so far in
    FILE.partial for --resume.

    Exit codes: 0 written; 1 invalid input, an existing file without --force (with --defaults),
    or input ended (Ctrl-D); 2 usage, stdin is not a terminal without --defaults, two outputs
    naming one file, or (without a terminal) a --resume file naming a scenario outside its own
    folder; 130 Ctrl-C. The scenario and --report's record are written together or not at all;
    --force covers the files named on the command line, not one a --resume file names.

    For example:

      gateway-roi ask

      gateway-roi ask -o my-team.yaml --report my-team.md

      gateway-roi ask --from my-team.yaml --skip-answered

      gateway-roi ask --from my-team.yaml --defaults -o copy.yaml

      gateway-roi ask --resume my-team.yaml.partial

    """

    def body() -> None:
        if resume and from_:
            raise UsageError("--resume continues a saved run, which already holds its --from "
                             "scenario: give one of them")
        if skip_answered and not from_ and not resume:
            raise UsageError("--skip-answered needs --from FILE (the scenario whose answers to "
                             "skip)")
        interactive = not defaults
        if interactive and not sys.stdin.isatty():
            raise UsageError(NOT_A_TERMINAL)
        if report is not None:
            import importlib.util

            if importlib.util.find_spec("gateway_roi.outputs.report") is None:
                raise GatewayRoiError("--report: markdown reports are not available in this "
                                      "version of gateway-roi")
        from gateway_roi.ask.session import Questionnaire, Session, scenario_filename
        from gateway_roi.files.partial import (
            continue_command,
            load_partial,
            partial_path_for,
            save_partial,
        )
        from gateway_roi.files.writing import distinct_outputs

        # One file, one role: refused before anything is asked.
        given = [(o, p) for o, p in (("-o", output), ("--report", report), ("--resume", resume))
                 if p is not None]
        distinct_outputs(given)
        skip = skip_answered
        saved_output: Path | None = None
        if resume:
            form, session, saved_output, skip = load_partial(resume, width=_width())
            skip = skip or skip_answered
            if output is None and saved_output is not None:
                saved_output = _saved_output(saved_output, resume, interactive)
                distinct_outputs([*given, (f"the output {shown(resume)} names", saved_output)])
        else:
            base = None
            choice = settings_choice(config, no_config, facts)
            source = str(from_) if from_ else ""
            if from_:
                from gateway_roi.shell import load_one

                if (refused := not_a_file(from_, "--from takes a scenario file")) is not None:
                    raise refused
                base = load_one(from_, [], load_facts(facts), choice)
            else:
                # The project settings where the scenario will be written offer their values
                # as the defaults (the answers are written to the scenario).
                from gateway_roi.files.loading import load_scenario_text
                from gateway_roi.files.settings import settings_for

                where = (output or Path("scenario.yaml")).absolute()
                found = settings_for(where, choice.config, choice.off)
                if found is not None:
                    base = load_scenario_text("{}\n", found.source, settings=found,
                                              facts=load_facts(facts))
                    source = found.source
            form = Questionnaire(base, source, width=_width())
            session = Session()
        out = output or saved_output

        def stop_and_save() -> str:
            if not session.answers:
                return "Stopped before any answer: nothing saved."
            name = str(form.lookup(session.answers)("name"))
            where = resume or partial_path_for(out or Path(scenario_filename(name)))
            command = continue_command(where, output, report, force)
            try:
                save_partial(where, form, session, output=out, skip_answered=skip,
                             command=command)
            except (OSError, GatewayRoiError) as exc:
                return f"Stopped, and the answers could not be saved to {shown(where)}: {exc}"
            return (f"Stopped. Your answers so far are saved in {shown(where)}; continue with: "
                    f"{shown(command)}")

        try:
            if interactive:
                total = len(form.applicable(session.answers, skip))
                say(f"Answer {total} questions or so (Enter accepts the [default]; follow-up "
                    "questions appear only when they apply). Type ? to learn what a question "
                    "means and where its default comes from, < to go back. Ctrl-C stops and "
                    "keeps your answers.")
                if session.history:
                    say(f"Continuing from {shown(resume)}: {len(session.answers)} answers so far.")
                form.run(ask_terminal, tell_terminal, session, skip_answered=skip)
            scenario, notes = form.build(session.answers)
            for note in notes:
                say(note)
            # --force covers the paths given on the command line, not one read from a file.
            others = tuple((o, p) for o, p in given if o != "-o")
            path, overwrite = writable(out or Path(scenario_filename(scenario.name)),
                                       force=force and out is output, interactive=interactive,
                                       taken=others)
            report_to = (writable(report, force=force, interactive=interactive,
                                  taken=(("the scenario", path),)
                                  + tuple((o, p) for o, p in given if o == "--resume"))
                         if report is not None else None)
        except (KeyboardInterrupt, OSError):
            # Ctrl-C, SIGTERM, SIGHUP, or the terminal gone (EIO, with SIGHUP right behind):
            # keep the answers.
            try:
                stopped = stop_and_save()
            except KeyboardInterrupt:
                # That SIGHUP cut the saving short; after one stop signal no other comes.
                say("\n" + stop_and_save())
                raise
            say("\n" + stopped)
            raise
        except EOFError:
            say(stop_and_save())
            raise EndOfInputError("input ended before the questions were all answered") from None
        _write(scenario, path, overwrite, report_to, no_color, load_facts(facts))
        if resume:
            resume.unlink(missing_ok=True)

    run(body)


def _write(scenario: Scenario, path: Path, overwrite: bool,
           report_to: tuple[Path, bool] | None, no_color: bool,
           facts: FactBook | None = None) -> None:
    """Write the scenario and the record together (or neither), then show the verdict."""
    from gateway_roi.files.loading import dump_scenario
    from gateway_roi.files.writing import WriteSet
    from gateway_roi.model.evaluation import DEFAULT_DRAWS, assess
    from gateway_roi.outputs.formatters.text import print_text

    header = ("# Scenario written by `gateway-roi ask`; fields left out keep their defaults.\n"
              f"# Evaluate it with: gateway-roi evaluate {shlex.quote(str(path))}\n")
    evaluation = assess(scenario, draws=DEFAULT_DRAWS, facts=facts)
    files = WriteSet()
    try:
        files.stage(path, header + dump_scenario(scenario), replace=overwrite)
        if report_to is not None:
            from gateway_roi.outputs.report import render_record

            files.stage(report_to[0], render_record(evaluation), replace=report_to[1])
        files.commit()
    except BaseException:
        files.discard()
        raise
    say(f"Wrote {shown(path)}.")
    print_text(console(no_color), [(str(path), evaluation)])
    if report_to is not None:
        say(f"Wrote the decision record {shown(report_to[0])}.")
