"""The README's command reference is the real ``--help`` of every command, kept in step."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from cogapp import Cog

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_command_reference_is_the_current_help() -> None:
    """Fails when a command's help changed and the README was not regenerated."""
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        status = Cog().main(["cog", "--check", str(README)])
    assert status == 0, (
        "README.md's command reference differs from the commands' --help: regenerate it with "
        f"`cog -r README.md`\n{out.getvalue()}"
    )


def test_readme_command_reference_lists_every_command() -> None:
    from gateway_roi.commands import COMMANDS

    text = README.read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"### gateway-roi {name}\n" in text
        assert f"Usage: gateway-roi {name} [OPTIONS]" in text
