"""The sandbox user templates run in: jinja2's immutable sandbox, bounded in memory and size.

jinja2's sandbox stops a template from reaching Python internals, not from allocating: a
format width of a billion, ``center(10**9)``, a ``replace`` that multiplies a string, a string
doubled in a loop, or a list of a million references printed whole each ask for gigabytes in
one step, before any bound on the output can act, and constant expressions are evaluated while
the template compiles. Here every step that can make a large value from small ones is checked
*before* it runs (binary operators, ``~``, string methods, ``str.format``, ``%``, filters,
macro and block output, printing): no value may exceed :data:`MAX_VALUE_CHARS` characters.
Filters and operators run the same checks when jinja2 folds constants at compile time.

As a last line, on Linux, compiling and rendering run under a data-size limit of
:data:`MEMORY_HEADROOM` bytes above what the process uses when they start
(:func:`memory_limit`), so even a way around these checks ends in a clear error, not in
gigabytes.
"""

from __future__ import annotations

import contextlib
import re
import types
from collections.abc import Callable, Iterable, Iterator
from functools import update_wrapper
from itertools import chain
from string import Formatter
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.nodes
import jinja2.sandbox
import jinja2.utils

from gateway_roi.errors import TemplateFailedError

__all__ = ["MAX_ITEMS", "MAX_VALUE_CHARS", "MEMORY_HEADROOM", "BoundedSandbox", "memory_limit"]

MAX_VALUE_CHARS = 5_000_000
"""No value a template makes may be longer than a whole report may be (as text)."""
MAX_ITEMS = 100_000
"""Batches, slices and repeated lists: as many items as jinja2's sandbox allows a range."""
MAX_INT_BITS = 100_000
"""Integers up to about 30,000 digits: far beyond any figure in a report."""
MEMORY_HEADROOM = 300_000_000
"""Bytes a template may allocate beyond what the process holds when rendering starts."""
_MAX_DEPTH = 40


def _refuse(what: str) -> TemplateFailedError:
    return TemplateFailedError(f"{what} is beyond what a report may hold "
                               f"({MAX_VALUE_CHARS:,} characters); stopped before making it")


def text_size(value: Any, budget: int = MAX_VALUE_CHARS, depth: int = 0) -> int:
    """About how many characters ``str(value)`` has, counted no further than past ``budget``.

    Containers are walked (early out as soon as the count passes ``budget``), so a list of a
    million references to one long string counts as what printing it would make. An undefined
    value inside a container raises jinja2's UndefinedError, as the value itself would.
    """
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, bool | float) or value is None:
        return 32
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    if isinstance(value, jinja2.Undefined):
        if depth:
            str(value)  # StrictUndefined raises here: `{{ [missing] }}` is an error too
        return 16
    items: Iterable[Any]
    if isinstance(value, dict):
        items = chain.from_iterable(value.items())
    elif isinstance(value, list | tuple | set | frozenset):
        items = value
    elif isinstance(value, jinja2.utils.Namespace):
        items = chain.from_iterable(object.__getattribute__(value, "_Namespace__attrs").items())
    else:
        return 64  # loops, macros, cyclers...: a short repr
    if depth > _MAX_DEPTH:
        return budget + 1
    total = 2
    for item in items:
        total += text_size(item, budget - total, depth + 1) + 2
        if total > budget:
            break
    return total


def check_size(size: int, what: str) -> None:
    """Refuse to make a value of ``size`` characters beyond :data:`MAX_VALUE_CHARS`."""
    if size > MAX_VALUE_CHARS:
        raise _refuse(f"{what} of {size:,} characters or more")


def _check_value(value: Any, what: str) -> None:
    check_size(text_size(value), what)


def _count(number: Any, what: str, limit: int = MAX_VALUE_CHARS) -> int:
    """``number`` (a width, a count), refused beyond ``limit``; 0 for anything not an int."""
    if not isinstance(number, int) or isinstance(number, bool):
        return 0
    if abs(number) > limit:
        raise TemplateFailedError(f"{what} of {number:,} is beyond what a report template may "
                                  f"ask for ({limit:,}); stopped before making it")
    return number


# --- formatting ------------------------------------------------------------------------------

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_DIGITS = re.compile(r"\d+")


def _check_number_text(digits: str, what: str) -> None:
    if len(digits) > len(str(MAX_VALUE_CHARS)) or int(digits) > MAX_VALUE_CHARS:
        raise _refuse(f"a {what} of {digits[:12]}{'...' if len(digits) > 12 else ''}")


def check_percent_format(template: str, args: Any) -> None:
    """Check ``template % args`` before it runs: widths, precisions, and the arguments' size."""
    for match in _PERCENT_SPEC.finditer(template):
        for part in match.groups():
            if part == "*":
                raise TemplateFailedError("a `*` width or precision in % formatting is not "
                                          "allowed in a report template; write the number")
            if part:
                _check_number_text(part, "format width or precision")
    check_size(len(template) + text_size(args), "a formatted string")


class _BoundedFormatter(Formatter):
    """``str.format`` as jinja2's sandbox runs it, with each field's width and size checked."""

    def __init__(self, env: jinja2.sandbox.SandboxedEnvironment) -> None:
        super().__init__()
        self._env = env
        self._made = 0

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        """Look fields up through the sandbox (attributes and items checked as usual)."""
        from _string import formatter_field_name_split  # type: ignore[import-not-found]

        first, rest = formatter_field_name_split(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, i in rest:
            obj = self._env.getattr(obj, i) if is_attr else self._env.getitem(obj, i)
        return obj, first

    def format_field(self, value: Any, format_spec: str) -> Any:
        """Refuse widths and precisions beyond the bound before formatting."""
        for digits in _DIGITS.findall(format_spec):
            _check_number_text(digits, "format width or precision")
        self._made += text_size(value) + sum(int(d) for d in _DIGITS.findall(format_spec))
        check_size(self._made, "a formatted string")
        return super().format_field(value, format_spec)


# --- string methods and filters ----------------------------------------------------------------


def _str_method_size(text: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """An upper bound on the length of ``text.name(*args, **kwargs)`` for methods that grow."""
    if name in {"ljust", "rjust", "center", "zfill"}:
        width = args[0] if args else kwargs.get("width", 0)
        return max(len(text), _count(width, "a width"))
    if name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        return len(text) + text.count("\t") * max(0, _count(size, "a tab size"))
    if name == "replace" and len(args) >= 2 and isinstance(args[0], str) \
            and isinstance(args[1], str):
        old, new = args[0], args[1]
        times = len(text) + 1 if not old else text.count(old)
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            times = min(times, args[2])
        return len(text) + times * max(0, len(new) - len(old))
    if name == "join" and args:
        return _joined_size(args[0], text)
    if name == "translate" and args and isinstance(args[0], dict):
        longest = max((text_size(v) for v in args[0].values()), default=1)
        return len(text) * max(1, longest)
    if name in {"upper", "lower", "title", "capitalize", "swapcase", "casefold"}:
        return len(text) * 3  # a case change can at most triple a string (ß -> SS...)
    return len(text)


def _joined_size(items: Any, separator: Any) -> int:
    if not isinstance(items, list | tuple | set | frozenset | dict | str):
        return 0  # a generator: its items are checked as they are made
    count = len(items)
    return text_size(list(items) if isinstance(items, set | frozenset | dict) else items) \
        + count * text_size(separator)


def _bounded_filter(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a built-in filter so the value it would make is checked before it runs."""

    def check(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        value = args[0] if args else None
        rest = args[1:]

        def arg(position: int, keyword: str, default: Any) -> Any:
            return rest[position] if len(rest) > position else kwargs.get(keyword, default)

        if name in {"batch", "slice"}:
            _count(arg(0, "linecount" if name == "batch" else "slices", 0),
                   f"a {name} into", MAX_ITEMS)
        base = text_size(value) if not isinstance(value, Iterator) else 0
        if name == "center":
            check_size(max(base, _count(arg(0, "width", 80), "a width")), "a centred string")
        elif name == "indent":
            width = arg(0, "width", 4)
            step = text_size(width) if isinstance(width, str) else _count(width, "an indent")
            lines = str(value).count("\n") + 1 if isinstance(value, str) else 1
            check_size(base + lines * step, "an indented string")
        elif name == "format" and isinstance(value, str):
            check_percent_format(value, rest or kwargs)
        elif name == "replace":
            old, new = arg(0, "old", ""), arg(1, "new", "")
            if isinstance(value, str) and isinstance(old, str) and isinstance(new, str):
                check_size(_str_method_size(value, "replace", (old, new), {}), "a replacement")
        elif name == "join":
            check_size(_joined_size(value, arg(0, "d", "")), "a joined string")
        elif name == "wordwrap":
            wrap = arg(3, "wrapstring", "\n")
            width = max(1, _count(arg(0, "width", 79), "a width"))
            check_size(base + (base // width + 1) * text_size(wrap), "a wrapped string")
        elif name == "sum":
            start = arg(2, "start", 0)
            if not isinstance(start, int | float):
                raise TemplateFailedError("sum adds numbers only in a report template")
        else:
            check_size(base + sum(text_size(a) for a in rest)
                       + sum(text_size(v) for v in kwargs.values()), f"the {name} filter's input")

    def bounded(*args: Any, **kwargs: Any) -> Any:
        # Filters that take the environment or context get it first: the value comes after.
        offset = 1 if getattr(original, "jinja_pass_arg", None) is not None else 0
        check(args[offset:], kwargs)
        return original(*args, **kwargs)

    return update_wrapper(bounded, original)


def bounded_concat(parts: Iterable[Any]) -> str:
    """``"".join`` for macro, block and ``{% set %}`` output, refusing a result beyond the bound."""
    pieces = list(parts)
    check_size(sum(len(p) for p in pieces), "output collected in a macro or block")
    return "".join(pieces)


def bounded_str_join(parts: Iterable[Any]) -> str:
    """The ``~`` operator: each part checked before it is turned into text."""
    pieces = tuple(parts)
    check_size(sum(text_size(p) for p in pieces), "a joined string (~)")
    return "".join(map(str, pieces))


class _BoundedCodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles ``~`` to :func:`bounded_str_join` (jinja2 calls a plain join)."""

    def visit_Concat(self, node: jinja2.nodes.Concat, frame: jinja2.compiler.Frame) -> None:
        """``a ~ b``: joined through the environment's bounded join."""
        self.write("environment.bounded_str_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _finalize(value: Any) -> Any:
    """Every printed value: checked before it becomes text (``{{ big_list }}``)."""
    _check_value(value, "a printed value")
    return value


class BoundedSandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The immutable sandbox, with every step that can make a large value checked first."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BoundedCodeGenerator
    concat = staticmethod(bounded_concat)
    bounded_str_join = staticmethod(bounded_str_join)

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_finalize, **options)
        # lipsum(n=10**9) makes text from nothing; a report has no use for it.
        self.globals.pop("lipsum", None)
        for name, original in list(self.filters.items()):
            self.filters[name] = _bounded_filter(name, original)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        """Check ``*``, ``**``, ``+`` and ``%`` before they run."""
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int):
                    if isinstance(seq, list | tuple):
                        _count(len(seq) * times, "a list of items", MAX_ITEMS)
                    check_size(text_size(seq) * max(times, 0), "a repetition")
            if isinstance(left, int) and isinstance(right, int) and (
                left.bit_length() + right.bit_length() > MAX_INT_BITS
            ):
                raise TemplateFailedError("a product this large is beyond what a report needs")
        elif operator == "**" and isinstance(right, int | float):
            if abs(right) > 1000:
                raise TemplateFailedError(f"an exponent of {right:,} is beyond what a report "
                                          "needs")
            if isinstance(left, int) and left.bit_length() * abs(right) > MAX_INT_BITS:
                raise TemplateFailedError("a power this large is beyond what a report needs")
        elif operator == "+" and isinstance(left, str | list | tuple):
            check_size(text_size(left) + text_size(right), "a concatenation")
            if isinstance(left, list | tuple) and isinstance(right, list | tuple):
                _count(len(left) + len(right), "a list of items", MAX_ITEMS)
        elif operator == "%" and isinstance(left, str):
            check_percent_format(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context,  # noqa: N805 - jinja2's signature
             __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Check string methods that grow a string (``ljust``, ``replace``, ``join``...)."""
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str) and name not in {"format", "format_map"}:
            check_size(_str_method_size(owner, name, args, kwargs), f"str.{name}'s result")
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map`` through :class:`_BoundedFormatter`."""
        if not isinstance(value, types.MethodType | types.BuiltinMethodType) or (
            value.__name__ not in ("format", "format_map")
        ):
            return None
        f_self = value.__self__
        if not isinstance(f_self, str):
            return None
        is_format_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs:
                    raise TypeError("format_map() takes no keyword arguments")
                if len(args) != 1:
                    raise TypeError(f"format_map() takes exactly one argument ({len(args)} "
                                    "given)")
                kwargs, args = args[0], ()
            return _BoundedFormatter(self).vformat(f_self, args, kwargs)

        return update_wrapper(wrapper, value)


def _data_in_use() -> int | None:
    """Bytes of data the process holds now (Linux), or None where that cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


@contextlib.contextmanager
def memory_limit(headroom: int = MEMORY_HEADROOM) -> Iterator[None]:
    """Let the code inside allocate at most ``headroom`` more bytes (then MemoryError).

    Uses RLIMIT_DATA, which Linux enforces on every allocation; elsewhere, or when the limit
    cannot be set, this does nothing and the checks above stand alone.
    """
    try:
        import resource
    except ImportError:
        yield
        return
    used = _data_in_use()
    if used is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    wanted = used + headroom
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield  # already tighter than ours
        return
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (wanted, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))
