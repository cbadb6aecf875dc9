"""Rendering decision records with jinja2: the bundled template, or a user's, sandboxed.

The data comes from :func:`gateway_roi.outputs.report_data.report_data` (pure). Bundled templates run in
a plain environment; a user's template runs in an immutable sandbox with ``StrictUndefined``, includes
confined to its own folder (symlinks resolved) and a bound on the output size.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox

from gateway_roi.errors import TemplateFailedError
from gateway_roi.files.resources import bundled_dir
from gateway_roi.model.evaluation import Evaluation
from gateway_roi.outputs.report_data import RecordSettings, report_data
from gateway_roi.outputs.sandbox import MEMORY_HEADROOM, BoundedSandbox, memory_limit
from gateway_roi.text import table_cell
from gateway_roi.words.i18n import Lang

__all__ = [
    "MAX_REPORT_CHARS",
    "MAX_TEMPLATE_BYTES",
    "MAX_TEMPLATE_SECONDS",
    "render_index",
    "render_record",
    "render_with_template",
]

MAX_REPORT_CHARS = 5_000_000
MAX_TEMPLATE_SECONDS = 20.0


@contextlib.contextmanager
def _time_limit(seconds: float, name: str) -> Iterator[None]:
    """Stop a user template that runs longer than ``seconds``.

    Loops that print nothing never reach the output bound. Needs POSIX timers and the main
    thread; elsewhere it is a no-op.
    """
    main = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not main:
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise TemplateFailedError(f"{name}: still rendering after {seconds:g} s; stopped")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _yaml_str(value: Any) -> str:
    """A YAML scalar that reads back as exactly this text (a JSON string is valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def _pad(value: Any) -> str:
    """A table cell that may be empty, with one space either side: ``| x |`` or ``| |``.

    markdownlint's compact table style (MD060) counts the spaces around each pipe.
    """
    text = table_cell(value)
    return f" {text} " if text else " "


def _chart_label(value: Any) -> str:
    """Text inside a mermaid chart's double-quoted label: no quotes, no markdown escapes."""
    return str(value).replace("\\", "").replace('"', "'")


def _configure(env: jinja2.Environment) -> jinja2.Environment:
    env.filters["cell"] = table_cell
    env.filters["pad"] = _pad
    env.filters["chart_label"] = _chart_label
    env.filters["yaml"] = _yaml_str
    return env


def _bundled_env() -> jinja2.Environment:
    return _configure(jinja2.Environment(
        loader=jinja2.FileSystemLoader(bundled_dir("templates")),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # markdown, not HTML: user text is escaped by report_data
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    ))


class _ConfinedLoader(jinja2.BaseLoader):
    """Loads templates only from inside one folder, after resolving symlinks and ``..``."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        candidate = (self.root / template).resolve()
        if not candidate.is_relative_to(self.root):
            raise TemplateFailedError(
                f"{template}: outside the template's folder {self.root}; includes must stay "
                "inside it (symlinks are followed before checking)"
            )
        if not candidate.exists():
            raise jinja2.TemplateNotFound(template)
        source = _read_template(candidate, template)
        mtime = candidate.stat().st_mtime
        return source, str(candidate), lambda: candidate.stat().st_mtime == mtime


def _sandbox_env(folder: Path) -> jinja2.Environment:
    return _configure(BoundedSandbox(
        loader=_ConfinedLoader(folder),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    ))


def _render(template: jinja2.Template, data: Mapping[str, Any], name: str) -> str:
    parts: list[str] = []
    size = 0
    try:
        for chunk in template.generate(**data):
            size += len(chunk)
            if size > MAX_REPORT_CHARS:
                raise TemplateFailedError(
                    f"{name}: output exceeds {MAX_REPORT_CHARS:,} characters; stopped"
                )
            parts.append(chunk)
    except TemplateFailedError as exc:
        if str(exc).startswith(name):
            raise
        raise TemplateFailedError(f"{name}: {exc}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateFailedError(f"{name}: refused by the sandbox: {exc}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateFailedError(
            f"{name}: included template not found: {exc.name} (includes are looked up in the "
            "template's own folder)"
        ) from None
    except MemoryError:
        raise TemplateFailedError(f"{name}: ran out of the memory a template may use "
                                  f"({MEMORY_HEADROOM // 1_000_000} MB)") from None
    except jinja2.UndefinedError as exc:
        raise TemplateFailedError(f"{name}: {exc} (see `gateway-roi report --format json` "
                                  "for the data a template gets)") from None
    except jinja2.TemplateError as exc:
        raise TemplateFailedError(f"{name}: {exc}") from None
    except RecursionError:
        raise TemplateFailedError(f"{name}: includes or macros nest too deeply") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
        # A template can call filters and methods wrongly; that is the template's error.
        raise TemplateFailedError(f"{name}: {type(exc).__name__}: {exc}") from None
    return "".join(parts)


def render_record(ev: Evaluation, *, lang: Lang = "en", today: dt.date | None = None,
                  source: str | None = None, settings: RecordSettings | None = None) -> str:
    """The decision record of one evaluated scenario, as markdown, from the bundled template."""
    data = report_data(ev, lang=lang, today=today, source=source, settings=settings)
    template = _bundled_env().get_template("report.md.j2")
    return _render(template, data, "report.md.j2")


MAX_TEMPLATE_BYTES = 1_000_000
"""A template file (or an included one) larger than this is refused before it is read."""


def _read_template(path: Path, shown: str) -> str:
    """A template's source: a regular file of at most :data:`MAX_TEMPLATE_BYTES`, UTF-8.

    Opened without waiting (a FIFO is refused, never waited on) and checked before reading.
    """
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise TemplateFailedError(f"{shown}: cannot read the template ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TemplateFailedError(f"{shown}: not a regular file (a folder, pipe or device); "
                                      "give a template file")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateFailedError(f"{shown}: {info.st_size:,} bytes, more than a template "
                                      f"may have ({MAX_TEMPLATE_BYTES:,}); not read")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateFailedError(f"{shown}: more than a template may have "
                                  f"({MAX_TEMPLATE_BYTES:,} bytes); not read")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateFailedError(f"{shown}: not UTF-8 text ({exc.reason} at byte "
                                  f"{exc.start:,})") from None


def _render_user_template(template_path: Path, data: Mapping[str, Any], seconds: float) -> str:
    """Compile and render a user's template in this process, under the sandbox's bounds."""
    env = _sandbox_env(template_path.parent)
    name = template_path.name
    # Compiling evaluates constant expressions, so it runs under the same bounds as rendering.
    with memory_limit(), _time_limit(seconds, str(template_path)):
        try:
            template = env.get_template(name)
        except TemplateFailedError:
            raise
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateFailedError(f"{template_path}:{exc.lineno}: {exc.message}") from None
        except (jinja2.TemplateError, UnicodeDecodeError, OSError) as exc:
            raise TemplateFailedError(f"{template_path}: cannot load: {exc}") from None
        except MemoryError:
            raise TemplateFailedError(f"{template_path}: ran out of the memory a template may "
                                      f"use ({MEMORY_HEADROOM // 1_000_000} MB)") from None
        except RecursionError:
            raise TemplateFailedError(f"{template_path}: nests too deeply to compile (brackets, "
                                      "blocks or operators inside one another)") from None
        except Exception as exc:  # Python's own compiler: any refusal is the template's
            raise TemplateFailedError(f"{template_path}: cannot compile: "
                                      f"{type(exc).__name__}: {exc}") from None
        return _render(template, data, str(template_path))


def render_with_template(ev: Evaluation, template_path: Path, *, lang: Lang = "en",
                         today: dt.date | None = None, source: str | None = None,
                         settings: RecordSettings | None = None,
                         seconds: float = MAX_TEMPLATE_SECONDS) -> str:
    """Render a user's template with the same data as the bundled one, in a sandbox.

    Raises :class:`TemplateFailedError` for a template that cannot be read, parsed or rendered,
    tries to reach unsafe attributes, includes files outside its folder, uses an undefined
    variable, produces more than :data:`MAX_REPORT_CHARS` characters, or takes longer than
    ``seconds``. Where processes can be forked, the template is compiled and rendered in a
    child process, stopped at the time limit even inside one long operation of Python's C
    code, where no signal handler runs.
    """
    if not template_path.is_file():
        if template_path.exists():
            raise TemplateFailedError(f"{template_path}: not a regular file (a folder, pipe or "
                                      "device); give a template file")
        raise TemplateFailedError(f"{template_path}: no such template file")
    _read_template(template_path, str(template_path))  # refused before any work when too big
    data = report_data(ev, lang=lang, today=today, source=source, settings=settings)
    from gateway_roi.outputs.bounded_process import run_bounded

    return run_bounded(lambda: _render_user_template(template_path, data, seconds), seconds,
                       str(template_path))


def render_index(rows: list[dict[str, Any]], *, lang: Lang = "en") -> str:
    """index.md for a folder of reports: one comparison row per scenario, linking each.

    Each row holds ``file``, ``name``, ``verdict``, ``option``, ``rule``, ``currency`` and ``totals``
    (each option's total as a bare figure, in :data:`gateway_roi.model.costs.OPTION_IDS` order).
    """
    from gateway_roi.options import OPTION_IDS
    from gateway_roi.words.i18n import term

    template = _bundled_env().get_template("index.md.j2")
    labels = {k: term(f"report.{k}", lang)
              for k in ("index_title", "scenario", "verdict", "rule", "currency")}
    return _render(template, {"rows": rows, "t": labels, "option_ids": OPTION_IDS},
                   "index.md.j2")

