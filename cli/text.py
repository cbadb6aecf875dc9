r"""One home for making user text safe to show: on a terminal, in markdown, in a message.

Scenario names, descriptions, file names, keys and typed answers can hold escape sequences,
control characters and bidirectional overrides (that make text read other than it is). Every
place that shows such text goes through one of these functions, so they cannot drift apart:

* :func:`clean_text` -- for a terminal: escape sequences and invisible characters removed.
* :func:`one_line` -- the same, on one line (YAML front matter, table cells).
* :func:`md_escape` -- one line made inert in markdown (records and tables).
* :func:`table_cell` -- text already escaped, kept inside one table cell (templates).
* :func:`reveal` -- invisible characters shown as escapes such as ``\x1b`` (field paths in
  error messages, where the user must see what is there).

Only :mod:`re` is imported: the error path of every command uses this module.
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "escape_line", "md_escape", "one_line", "reveal", "shown_path",
           "table_cell"]

# DEL, C1 controls, directional marks, and the bidirectional overrides and isolates: with the
# C0 controls, what makes text read other than it is.
_BEYOND_C0 = "\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"

_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC (titles, links), DCS...: up to BEL or ST
    r"|\x1b[ -/]*[0-~]?"  # any other escape sequence, or a lone ESC
    f"|[\x00-\x08\x0b-\x1f{_BEYOND_C0}]"  # every invisible character but tab and newline
)
_INVISIBLE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def clean_text(text: str) -> str:
    """User text made safe for a terminal: escapes, control characters, bidi overrides removed.

    Escape sequences go whole (``ESC [31m``, hyperlinks, titles), not just their ESC; tabs and
    newlines stay.
    """
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """:func:`clean_text` on one line: every run of white space (newlines too) becomes a space."""
    return " ".join(clean_text(text).split())


def md_escape(text: str, *, line_start: bool = True) -> str:
    """User text made inert in markdown: no markup, no HTML, no table breaks, one line.

    Inline markup and ``|`` are escaped. With ``line_start`` (text that may start a line, as in
    a record), a leading list, heading or rule marker (``1.``, ``2)``, ``-``, ``+``, ``---``) is
    escaped too; a table cell never starts a line and leaves it.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    if not line_start:
        return escaped
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def table_cell(value: object) -> str:
    """Already-escaped text kept inside one markdown table cell: one line, no bare ``|``.

    The ``cell`` filter of report templates; pipes :func:`md_escape` escaped stay as they are.
    """
    return _UNESCAPED_PIPE.sub(r"\\|", " ".join(str(value).split()))


def reveal(text: str) -> str:
    r"""``text`` with invisible characters written as escapes (``\x1b``, ``\u202e``) for messages."""
    return _INVISIBLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                          else f"\\u{ord(m.group()):04x}", text)


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LINE_INVISIBLE = re.compile(f"[\x00-\x1f\u2028\u2029{_BEYOND_C0}]")


def escape_line(text: str) -> str:
    r"""Text on one line, every invisible character shown as an escape: for file names, messages.

    ``\n``, ``\r``, ``\t``, ``\x07``, ``\u2028``, ``\u202e`` stay visible (the user must see
    what is there, and a name cannot start a line of its own: in a CI log a line starting with
    ``::`` is a command); whole escape sequences (colours, titles) are removed, as
    :func:`clean_text` removes them. Bytes of a file name that are not UTF-8 show as ``\xe9``.
    """
    kept = _CONTROL.sub(lambda m: m.group() if len(m.group()) == 1 else "", shown_path(text))
    return _LINE_INVISIBLE.sub(
        lambda m: _ESCAPES.get(m.group())
        or (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"),
        kept,
    )


def shown_path(path: object) -> str:
    r"""A path (or any text) that every output can hold: non-UTF-8 bytes shown as ``\xe9``.

    Python keeps the bytes of a file name that are not UTF-8 as lone surrogates, which no
    UTF-8 output (JSON, CSV, a terminal) can encode; here they become visible escapes.
    """
    text = str(path)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # surrogates that did not come from a file name
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
