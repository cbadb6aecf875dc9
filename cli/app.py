"""The ``gateway-roi`` command: each command parses, calls one core function, renders.

Only typer is imported at start-up; each command imports what it needs, so ``--version`` and
``--help`` stay cheap. :func:`run` is the one place that maps errors to exit codes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from cli import __version__
from cli.errors import EXIT_INTERRUPTED, GatewayRoiError

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="gateway-roi",
    help=(
        "Should your team build, buy or skip an AI gateway? Cost the five options over time, "
        "apply the decision rules, and see what would change the answer.\n\n"
        "Start with: gateway-roi evaluate --examples"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

T = TypeVar("T")


def stderr(message: str) -> None:
    """Write a message line to stderr (results go to stdout, everything else here)."""
    sys.stderr.write(message.rstrip("\n") + "\n")


def run(action: Callable[[], T]) -> T:
    """Run a command body; turn our errors and Ctrl-C into a message and an exit code."""
    try:
        return action()
    except GatewayRoiError as exc:
        from cli.text import clean_text  # only on the error path

        stderr(clean_text(f"gateway-roi: {exc}"))
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        stderr("gateway-roi: interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def console(no_color: bool) -> Console:
    """A rich console for stdout that honours --no-color, NO_COLOR, TERM=dumb, FORCE_COLOR=0.

    Markup and highlighting are off: scenario text is printed as written.
    """
    from rich.console import Console

    env_off = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    force = os.environ.get("FORCE_COLOR")
    return Console(
        no_color=no_color or env_off or force == "0",
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gateway-roi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Should your team build, buy or skip an AI gateway."""


def main() -> None:
    """Console-script entry point: registers the commands this run needs, then runs."""
    from cli.commands import load, requested

    # Third-party pydantic plugins have no business in this tool, and discovering them scans
    # every installed package's metadata at start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A console that cannot show every character (an ASCII locale, an old Windows code page)
    # gets escapes for what it cannot show, never an encoding traceback.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(errors="backslashreplace")
    completing = any(k.endswith("_COMPLETE") for k in os.environ)
    load(None if completing else requested(sys.argv[1:]))
    app(prog_name="gateway-roi")
