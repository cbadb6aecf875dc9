"""The file an interrupted ``ask`` leaves for ``--resume``: its answers so far, and reading it back.

The file sits next to the scenario the run would write (``team.yaml.partial``) and holds the
answers, the order they were given in, the ``--from`` scenario as written and the options of
the run. It is read with the scenario files' own reader, so its limits and refusals hold for a
doctored file too, and every answer is checked again as the questionnaire would check it.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gateway_roi.errors import InvalidScenarioError, Problem, UsageError

if TYPE_CHECKING:
    from gateway_roi.ask.session import Questionnaire, Session

__all__ = [
    "PARTIAL_FORMAT",
    "PARTIAL_SUFFIX",
    "continue_command",
    "load_partial",
    "partial_path_for",
    "save_partial",
]

PARTIAL_SUFFIX = ".partial"
PARTIAL_FORMAT = 1


def partial_path_for(output: Path) -> Path:
    """Where an interrupted run keeps its answers: next to the scenario it would write."""
    return output.with_name(output.name + PARTIAL_SUFFIX)


def continue_command(path: Path, output: Path | None, report: Path | None, force: bool) -> str:
    """The command that continues a run saved in ``path``, quoted for a POSIX shell."""
    words = ["gateway-roi", "ask", "--resume", str(path)]
    if output:
        words += ["-o", str(output)]
    if report:
        words += ["--report", str(report)]
    if force:
        words.append("--force")
    return " ".join(shlex.quote(w) for w in words)


def save_partial(path: Path, form: Questionnaire, session: Session, *, output: Path | None,
                 skip_answered: bool, command: str | None = None) -> None:
    """Write the answers so far, atomically, in a file ``--resume`` reads back.

    ``command`` is the command that continues the run, as the terminal said it (with its
    ``-o``, ``--report`` and ``--force``); the file's header repeats it.
    """
    import yaml

    from gateway_roi.files.writing import write_atomic
    from gateway_roi.text import escape_line

    data: dict[str, Any] = {
        "gateway_roi_ask_partial": PARTIAL_FORMAT,
        "output": str(output) if output else None,
        "skip_answered": skip_answered,
        "from": form.source or None,
        "base": form.base_as_written if form.base is not None else None,
        "answers": session.answers,
        "history": session.history,
    }
    text = (
        "# Answers so far from `gateway-roi ask`, interrupted. Continue with:\n"
        # One line whatever the file names hold: the same text the terminal showed.
        f"#   {escape_line(command or continue_command(path, None, None, False))}\n"
        + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    )
    write_atomic(path, text, force=True)


def load_partial(path: Path, *, width: int = 80
                 ) -> tuple[Questionnaire, Session, Path | None, bool]:
    """Read a partial file back: the questionnaire (with its --from base), answers, options.

    ``width`` is the columns the questionnaire's summary is wrapped to. Raises
    :class:`UsageError` for a missing file, :class:`InvalidScenarioError` for one that is not a
    partial file or holds answers that no longer fit.
    """
    from pydantic import ValidationError

    from gateway_roi.ask.session import Questionnaire, Session
    from gateway_roi.files.loading import load_yaml_file
    from gateway_roi.model.fields import validation_problems
    from gateway_roi.model.scenario import Scenario

    source = str(path)

    def bad(message: str, where: str = "") -> InvalidScenarioError:
        return InvalidScenarioError([Problem(source, where, message)])

    if not path.is_file():
        raise UsageError(f"{path}: no such file (--resume takes the {PARTIAL_SUFFIX} file an "
                         "interrupted run named)")
    # The scenario files' reader: its limits (size, depth, numbers) and refusals (aliases,
    # duplicate keys, tags) hold for a doctored file of answers too.
    data = load_yaml_file(path)
    if data.get("gateway_roi_ask_partial") != PARTIAL_FORMAT:
        raise bad("not a file of answers from gateway-roi ask (continue a run with the "
                  f"{PARTIAL_SUFFIX} file it named)")
    answers, history = data.get("answers") or {}, data.get("history") or []
    if not isinstance(answers, dict) or not isinstance(history, list):
        raise bad("answers must be a mapping and history a list")
    if not all(isinstance(key, str) for key in history):
        raise bad("history must list question names")
    base: Scenario | None = None
    if data.get("base") is not None:
        try:
            base = Scenario.model_validate(data["base"])
        except ValidationError as exc:
            raise InvalidScenarioError(
                validation_problems(exc, Scenario, source, prefix=("base",))) from None
    form = Questionnaire(base, str(data.get("from") or ""), width=width)
    problems = []
    for key, value in answers.items():
        try:
            q = form.question(str(key))
        except KeyError:
            problems.append(Problem(source, f"answers.{key}", "no such question"))
            continue
        problem = form.check(q, value, answers)
        if problem:
            problems.append(Problem(source, f"answers.{key}", problem))
    problems += [Problem(source, "history", f"{key!r} was not answered")
                 for key in history if key not in answers]
    if problems:
        raise InvalidScenarioError(problems)
    output = data.get("output")
    return (form, Session(dict(answers), [str(k) for k in history]),
            Path(output) if isinstance(output, str) and output else None,
            data.get("skip_answered") is True)
