"""Decision logs: file names in a log's own scheme, and superseding a record. Pure.

A decision log is a folder of records named ``NNNN-title.md`` (MADR, adr-tools) or
``YYYYMMDD-slug.md`` (log4brains). :func:`detect_scheme` reads which one a folder uses from
its file names, :func:`next_names` picks the next free names in it, and :func:`supersede`
rewrites the status of one of our records. The command does the reading and writing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, unquote

from gateway_roi.errors import UsageError
from gateway_roi.text import md_escape

__all__ = [
    "RECORD_MARKER",
    "Scheme",
    "Superseded",
    "detect_scheme",
    "find_record",
    "is_record",
    "link_target",
    "next_names",
    "read_provenance",
    "record_provenance",
    "record_status",
    "superseded_by",
    "superseded_status",
    "supersede",
    "supersedes_of",
]

Scheme = Literal["number", "date", "slug"]

RECORD_MARKER = "<!-- gateway-roi decision record"
"""Every record the bundled template writes ends with this comment: it marks the file as one
of ours, whose status line ``--supersedes`` may rewrite."""

_NUMBERED = re.compile(r"^(\d{4})-.+\.md$")
_DATED = re.compile(r"^(\d{8})-.+\.md$")


def _is_date(digits: str) -> bool:
    try:
        dt.datetime.strptime(digits, "%Y%m%d")
    except ValueError:
        return False
    return True


def detect_scheme(names: Collection[str]) -> Scheme | None:
    """The naming scheme most files in a folder follow, or None when no file follows one."""
    numbered = sum(1 for n in names if _NUMBERED.match(n))
    dated = sum(1 for n in names if (m := _DATED.match(n)) and _is_date(m[1]))
    if not numbered and not dated:
        return None
    return "number" if numbered >= dated else "date"


def next_names(existing: Collection[str], stems: Sequence[str], scheme: Scheme,
               date: dt.date) -> list[str]:
    """File names for new records, one per stem, in ``scheme``, none of them in ``existing``.

    ``number``: the next free four-digit numbers after the highest in use (``0008-x.md``);
    ``date``: ``YYYYMMDD-stem.md`` for ``date``, with ``-2``, ``-3`` ... when taken;
    ``slug``: ``stem.md``, likewise.
    """
    taken = {n.lower() for n in existing}
    names: list[str] = []
    if scheme == "number":
        used = [int(m[1]) for n in existing if (m := _NUMBERED.match(n))]
        number = max(used, default=0) + 1
        for stem in stems:
            while any(t.startswith(f"{number:04d}-") for t in taken):
                number += 1
            name = f"{number:04d}-{stem}.md"
            names.append(name)
            taken.add(name.lower())
            number += 1
        if number > 10_000:
            raise UsageError("the decision log has run out of four-digit numbers")
        return names
    prefix = f"{date:%Y%m%d}-" if scheme == "date" else ""
    for stem in stems:
        name, n = f"{prefix}{stem}.md", 2
        while name.lower() in taken or name.lower() == "index.md":
            name, n = f"{prefix}{stem}-{n}.md", n + 1
        names.append(name)
        taken.add(name.lower())
    return names


def find_record(existing: Collection[str], ref: str) -> str:
    """The file in a log that ``ref`` names: its number (``0007``), its stem or its file name."""
    ref = ref.strip()
    candidates = [n for n in existing if n == ref or n == f"{ref}.md"]
    if not candidates and re.fullmatch(r"\d{1,4}", ref):
        candidates = [n for n in existing
                      if (m := _NUMBERED.match(n)) and int(m[1]) == int(ref)]
    if not candidates:
        candidates = [n for n in existing if n.endswith(".md") and n.startswith(f"{ref}-")]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise UsageError(f"--supersedes {ref}: no record {ref!r} in the decision log "
                         "(give its number, e.g. 0007, or its file name)")
    raise UsageError(f"--supersedes {ref}: several records match ({', '.join(sorted(candidates))}); "
                     "give the file name")


def link_target(file_name: str) -> str:
    """A file name as a markdown link target: percent-encoded, so no character ends the link."""
    return quote(file_name, safe="")


def superseded_status(new_file: str, scheme: Scheme | None) -> str:
    """``superseded by [0009](0009-x.md)``: the link text is the number in a numbered log.

    Elsewhere it is the file's stem, which is also the slug log4brains resolves. The target is
    percent-encoded and the text escaped: a ``)``, a ``]`` or a newline in a file name stays
    inside the link.
    """
    stem = new_file.removesuffix(".md")
    m = _NUMBERED.match(new_file)
    label = m[1] if scheme == "number" and m else stem
    return f"superseded by [{md_escape(label, line_start=False)}]({link_target(new_file)})"


@dataclass(frozen=True)
class Superseded:
    """The earlier record's text with its new status, and the status it had."""

    text: str
    previous: str


_FRONT_STATUS = re.compile(r"^status:[ \t]*(.*)$", re.MULTILINE)
_LIST_STATUS = re.compile(r"^([-*][ \t]+Status:[ \t]*)(.*)$", re.MULTILINE | re.IGNORECASE)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def is_record(text: str) -> bool:
    """Whether ``text`` is a record gateway-roi wrote: it ends with the marker comment.

    The marker must be the last line with anything on it, a line of its own outside any code
    block: a page that quotes it (in a code span, a code block or a sentence) is not a record.
    """
    lines = text.rstrip().split("\n")
    last = lines[-1] if lines else ""
    if not (last.startswith(RECORD_MARKER) and last.rstrip().endswith("-->")):
        return False
    fenced = False
    for line in lines[:-1]:
        if _FENCE.match(line):
            fenced = not fenced
    return not fenced


def supersede(text: str, name: str, status: str) -> Superseded:
    """``text`` (the record ``name``) with its status set to ``status``; nothing else changes.

    Refuses a file the bundled template did not write, since rewriting someone else's record
    could break it.
    """
    if not is_record(text):
        raise UsageError(f"--supersedes: {name} was not written by gateway-roi report (it does "
                         "not end with the record marker); edit its status by hand")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            head = text[:end]
            m = _FRONT_STATUS.search(head)
            if m:
                # Front matter is YAML, shown by GitHub as a table of plain text: a markdown
                # link there reads as its raw brackets, so the successor is named by file.
                link = _SUPERSEDED.match(status)
                plain = f"superseded by {unquote(link[1])}" if link else status
                new_head = head[:m.start()] + f"status: {json.dumps(plain)}" + head[m.end():]
                return Superseded(new_head + text[end:], _unquote(m[1]))
    first_h2 = text.find("\n## ")
    head = text if first_h2 < 0 else text[:first_h2]
    m = _LIST_STATUS.search(head)
    if m:
        return Superseded(text[:m.start()] + m[1] + status + text[m.end():], m[2].strip())
    raise UsageError(f"--supersedes: {name} has no status line to update (neither "
                     "'status:' front matter nor a '- Status:' line under the title)")


def record_status(text: str) -> str | None:
    """The status a record states (front matter or the ``- Status:`` line), or None."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            m = _FRONT_STATUS.search(text[:end])
            if m:
                return _unquote(m[1])
    first_h2 = text.find("\n## ")
    m = _LIST_STATUS.search(text if first_h2 < 0 else text[:first_h2])
    return m[2].strip() if m else None


_LINK = re.compile(r"\[(?:[^\]\\]|\\.)*\]\(([^()\s]+)\)")
_SUPERSEDED = re.compile(r"^superseded by " + _LINK.pattern + "$")
_SUPERSEDED_FILE = re.compile(r"^superseded by ([^\s/\\]+\.md)$")


def superseded_by(text: str) -> str | None:
    """The file name a superseded record links to as its successor; None when not superseded.

    A status of ``superseded by`` whose link cannot be read gives an empty name.
    """
    status = record_status(text)
    if status is None or not status.startswith("superseded by"):
        return None
    m = _SUPERSEDED.match(status)
    if m:
        return unquote(m[1])
    plain = _SUPERSEDED_FILE.match(status)
    return plain[1] if plain else ""


def supersedes_of(text: str) -> str | None:
    """The file name of the record ``text`` says it supersedes (its ``Supersedes [..](..)``)."""
    from gateway_roi.words.i18n import term

    for lang in ("en", "zh"):
        before, _, after = term("report.supersedes", lang).partition("{link}")
        pattern = re.compile("^" + re.escape(before) + _LINK.pattern + re.escape(after) + "$",
                             re.MULTILINE)
        m = pattern.search(text)
        if m:
            return unquote(m[1])
    return None


def _unquote(value: str) -> str:
    value = value.strip()
    try:
        loaded = json.loads(value)
    except ValueError:
        return value
    return loaded if isinstance(loaded, str) else value


def record_provenance(text: str) -> dict[str, Any] | None:
    """What a record of ours keeps about where it came from (its marker's JSON), or None.

    None for a record written before records kept it, or whose marker was edited into
    something that is not JSON.
    """
    return read_provenance(text)[0]


def read_provenance(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """A record's marker JSON, or None and why it cannot be used (None: no marker JSON at all).

    The marker is the record's last line, and a team may edit it (or a merge may): each field
    ``revisit`` reads is checked for the shape ``gateway-roi report`` writes, so an edited
    marker is named as such instead of failing part-way.
    """
    if not is_record(text):
        return None, None
    last = text.rstrip().split("\n")[-1]
    start, end = last.find(" {"), last.rfind("-->")
    if start < 0 or end < start:
        return None, None
    try:
        data = json.loads(last[start + 1:end])
    except ValueError as exc:
        return None, (f"its marker comment (the last line) is not JSON: {exc}; write it again "
                      "with gateway-roi report")
    again = "; write it again with gateway-roi report"
    if not isinstance(data, dict):
        return None, "its marker comment (the last line) holds no JSON object" + again
    from gateway_roi.outputs.provenance import PROVENANCE_VERSION

    version = data.get("v", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None, "its marker comment (the last line) was edited: v is not a version number" + again
    if version > PROVENANCE_VERSION:
        # Checked before the fields: a newer marker may hold them in another shape.
        return None, (f"its marker is of a newer gateway-roi (version {version}; this one "
                      f"reads up to {PROVENANCE_VERSION}): revisit it with that version")
    wrong = _provenance_problem(data)
    if wrong is not None:
        return None, f"its marker comment (the last line) was edited: {wrong}" + again
    return data, None


def _is_number(value: Any) -> bool:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return abs(float(value)) < float("inf")
    except OverflowError:  # an integer of hundreds of digits
        return False


def _provenance_problem(data: dict[str, Any]) -> str | None:
    """The first field of a marker's JSON not as ``gateway-roi report`` writes it.

    Its version aside: :func:`read_provenance` reads that first.
    """
    def text_or_none(key: str) -> bool:
        return data.get(key) is None or isinstance(data[key], str)

    for key in ("scenario", "base", "scenario_sha256", "tool", "lang"):
        if not text_or_none(key):
            return f"{key} is not text"
    if not isinstance(data.get("set") or [], list) or not all(
            isinstance(x, str) for x in data.get("set") or []):
        return "set is not a list of FIELD=VALUE texts"
    verdict = data.get("verdict")
    if verdict is not None and not (isinstance(verdict, dict) and all(
            isinstance(verdict.get(k), str) for k in ("option", "rule"))):
        return "verdict is not {option, rule}"
    inputs = data.get("inputs") or {}
    if not isinstance(inputs, dict):
        return "inputs is not a mapping of input names"
    for name, value in inputs.items():
        if not (isinstance(value, list) and len(value) == 2 and _is_number(value[0])
                and isinstance(value[1], str)):
            return f"inputs.{name} is not [number, origin]"
    facts = data.get("facts") or {}
    if not isinstance(facts, dict):
        return "facts is not a mapping of product facts"
    for name, value in facts.items():
        if not (isinstance(value, list) and len(value) == 3
                and all(isinstance(x, str) for x in value)):
            return f"facts.{name} is not [read, value, origin]"
    settings = data.get("settings")
    if settings is not None and not (isinstance(settings, dict)
                                     and isinstance(settings.get("fields") or {}, dict)
                                     and (settings.get("file") is None
                                          or isinstance(settings.get("file"), str))):
        return "settings is not {file, fields}"
    return None
