"""Asking the questions: a session over one base scenario, through an injected prompt function.

Pure: no terminal, no files, no typer or rich. ``gateway-roi ask`` (:mod:`gateway_roi.commands.ask`)
supplies the prompt function and does the I/O; unit tests supply a scripted one. The questions
themselves are data (:mod:`gateway_roi.ask.questions`); typed answers are read by
:mod:`gateway_roi.ask.answers`. Answers are validated by :class:`~gateway_roi.model.scenario.Scenario`
itself, so the questionnaire accepts exactly what a scenario file accepts.

Answers are kept as the values a scenario file holds (numbers, ``"5 to 10"``, booleans, text,
lists), keyed by :attr:`Question.key` (the dotted field path for most questions). ``None`` means
"the sourced default": the field stays unset so reports can say where the figure came from.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import textwrap
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import ValidationError

from gateway_roi.ask.answer_fields import model_defaults
from gateway_roi.ask.answers import (
    UNSURE_MARK,
    Kind,
    Lookup,
    clean_answer,
    clean_float,
    fits_kind,
    parse_answer,
    show_number,
    show_range,
)
from gateway_roi.ask.questions import GROUPS, QUESTIONS, Question, Suggestion
from gateway_roi.errors import InvalidScenarioError
from gateway_roi.model.assumptions import ASSUMPTIONS, REGIONAL_LABOUR
from gateway_roi.model.exchange_rates import reference_rate
from gateway_roi.model.fields import field_info, get_path, has_path, validation_problems, write_path
from gateway_roi.model.ranges import parse_range
from gateway_roi.model.scenario import UNKNOWABLE_STATIC, Scenario

__all__ = [
    "BACK",
    "FINISH_KEY",
    "HELP",
    "Prompt",
    "PromptFn",
    "Questionnaire",
    "Session",
    "TellFn",
    "run_questionnaire",
    "scenario_filename",
]

BACK = "<"
"""Typed as an answer: go back to the previous question."""
HELP = "?"
"""Typed as an answer: explain the question."""
FINISH_KEY = "_finish"
"""Key of the last prompt, after the summary: Enter finishes, ``<`` goes back."""


def _bounds_of(info: Any) -> dict[str, Any]:
    """The bounds (ge, gt, le) and unit of a field, from its metadata or its annotation."""
    found: dict[str, Any] = {}
    stack: list[Any] = [*getattr(info, "metadata", ()), getattr(info, "annotation", None)]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        for name in ("ge", "gt", "le", "unit"):
            value = getattr(item, name, None)
            if value not in (None, "") and isinstance(value, int | float | str) and name not in found:
                found[name] = value
        stack.extend(getattr(item, "__metadata__", ()))
        stack.extend(a for a in get_args(item) if a is not type(None))
    return found


def _bounds_text(bounds: Mapping[str, Any], kind: Kind) -> str:
    def show(x: float) -> str:
        return show_number(x, kind)

    parts = []
    if "gt" in bounds:
        parts.append(f"above {show(bounds['gt'])}")
    if "ge" in bounds and "gt" not in bounds:
        parts.append(f"at least {show(bounds['ge'])}")
    if "le" in bounds and bounds["le"] < 1e12:  # larger bounds only keep numbers finite
        parts.append(f"at most {show(bounds['le'])}")
    return " and ".join(parts)


# --- prompts and sessions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Prompt:
    """What the prompt function shows: the question, its default, its choices, where we are."""

    key: str
    text: str
    default: str
    """The default as the user would type it; empty when an answer is needed."""
    choices: tuple[str, ...] = ()
    labels: Mapping[str, str] = dataclasses.field(default_factory=dict)
    number: int = 0
    total: int = 0
    group: str = ""


@dataclass
class Session:
    """Answers so far and the order they were given in (what ``<`` walks back through)."""

    answers: dict[str, Any] = dataclasses.field(default_factory=dict)
    history: list[str] = dataclasses.field(default_factory=list)


PromptFn = Callable[[Prompt], str]
TellFn = Callable[[str], None]


@dataclass
class Questionnaire:
    """The questions over one base scenario (``--from``, or the defaults).

    ``base`` gives the defaults; ``source`` names where they come from in help texts.
    """

    base: Scenario | None = None
    source: str = ""
    width: int = 80
    """Columns the summary is wrapped to."""
    questions: tuple[Question, ...] = QUESTIONS
    _full: dict[str, Any] = dataclasses.field(init=False, repr=False)
    _written: dict[str, Any] = dataclasses.field(init=False, repr=False)
    _by_key: dict[str, Question] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        """Dump the base once: fully (defaults) and as written (for ``--skip-answered``)."""
        scenario = self.base or Scenario()
        self._full = scenario.model_dump(mode="json")
        self._written = (self.base.model_dump(mode="json", exclude_unset=True)
                         if self.base is not None else {})
        self._by_key = {q.key: q for q in self.questions}

    @property
    def base_as_written(self) -> dict[str, Any]:
        """The base scenario's fields as its file wrote them (empty without a base)."""
        return copy.deepcopy(self._written)

    # --- values ---------------------------------------------------------------------------------

    def question(self, key: str) -> Question:
        """The question with answer key ``key`` (KeyError when there is none)."""
        return self._by_key[key]

    def base_value(self, q: Question, answers: Mapping[str, Any]) -> Any:
        """The question's default before any answer: from the base scenario or the model."""
        if q.read is not None:
            return q.read(self._full, self.lookup(answers))
        suggestion = self.suggestion(q, answers)
        if suggestion is not None:
            return copy.deepcopy(suggestion.value)
        assert q.field is not None
        if q.field in self._full.get("unknown", ()):
            return "unknown"
        return copy.deepcopy(get_path(self._full, q.field))

    def suggestion(self, q: Question, answers: Mapping[str, Any]) -> Suggestion | None:
        """The default worked out from earlier answers, when it is the one that applies.

        It applies when the question is not answered yet and the base scenario does not set
        the field.
        """
        if q.suggest is None or q.key in answers or self.is_written(q):
            return None
        return q.suggest(self.lookup(answers))

    def value(self, q: Question, answers: Mapping[str, Any]) -> Any:
        """The answer given, else the default."""
        if q.key not in answers:
            return self.base_value(q, answers)
        value = answers[q.key]
        if q.kind in ("subset", "chains") and value:
            # Answered before the providers changed (after going back): keep what still fits.
            names = {n.casefold() for n in self.lookup(answers)("providers.in_use") or ()}
            if q.kind == "subset":
                return [v for v in value if v.casefold() in names]
            return {k: v for k, v in value.items() if k.casefold() in names}
        return value

    def lookup(self, answers: Mapping[str, Any]) -> Lookup:
        """A function from answer key to current value, for conditions and defaults.

        ``file:KEY`` gives the value before any answer to KEY (what the file being revised
        says), so a condition can depend on it without depending on its own answer.
        """
        def get(key: str) -> Any:
            if key.startswith("file:"):
                return self.base_value(self._by_key[key.removeprefix("file:")], answers)
            return self.value(self._by_key[key], answers)
        return get

    def is_written(self, q: Question) -> bool:
        """Whether the base scenario file sets what the question asks."""
        if q.written is not None:
            return q.written(self._written)
        return q.field is not None and has_path(self._written, q.field)

    def applicable(self, answers: Mapping[str, Any], skip_answered: bool = False
                   ) -> list[Question]:
        """The questions asked with these answers, in order."""
        get = self.lookup(answers)
        return [q for q in self.questions if q.applies(get)
                and not (skip_answered and q.key not in answers and self.is_written(q)
                         and not self.refusal(q, self.value(q, answers), answers))]

    def shown(self, q: Question, value: Any, answers: Mapping[str, Any]) -> str:
        """``value`` as the user would type it; a sourced default when ``value`` is None."""
        if value is None:
            a = q.assumption
            if a is None:
                return ""
            from gateway_roi.model.inputs import default_figure  # the model's rule for money

            currency = str(self.lookup(answers)("currency"))
            rate = self.lookup(answers)("usd_rate")
            if a.money_kind == "price" and currency != "USD" and rate is None:
                return f"{a.value:g} USD"
            usd_rate = parse_range(rate).likely if rate is not None else 1.0
            figure = (a.value * usd_rate if a.id not in ASSUMPTIONS
                      else default_figure(a.id, currency, usd_rate))
            hour = self.lookup(answers)("team.engineer_hour_cost")
            if figure is None and a.money_kind == "local" and hour is not None:
                # No regional figure: local costs follow the team's own engineer hour, as the
                # model prices them.
                us_hour = ASSUMPTIONS["engineer_hour_cost"].value
                figure = a.value * parse_range(hour).likely / us_hour
            if figure is None:
                return ""
            # Three significant digits, as a person writes a figure (130, not 130.2): a
            # converted figure is no more precise, and Enter keeps the sourced one anyway.
            figure = float(f"{figure:.3g}")
            return show_range(clean_float(figure), q.kind)
        if value == "unknown" and q.field in UNKNOWABLE_STATIC:
            return "don't know"
        if q.kind in ("number", "percent"):
            return show_range(value, q.kind)
        if q.kind == "yesno":
            return "yes" if value else "no"
        if q.kind == "choices" and value and len(value) == len(q.choices) and all(
                v.endswith(UNSURE_MARK) for v in value):
            return "don't know"
        if q.kind in ("choices", "subset", "names", "words"):
            return ", ".join(value) if value else "none"
        if q.kind == "chains":
            return "; ".join(f"{k} > {' > '.join(v)}" for k, v in value.items()) or "none"
        return str(value)

    def prompt_text(self, q: Question, answers: Mapping[str, Any]) -> str:
        """The question's wording with the currency filled in.

        A worked-out exchange rate default says where it comes from (source and date).
        """
        text = q.prompt.replace("{currency}", str(self.lookup(answers)("currency")))
        note = q.note(self.lookup(answers)) if q.note is not None else ""
        if note:
            text += f" {note}"
        suggestion = self.suggestion(q, answers)
        if suggestion is not None and q.key == "usd_rate":
            ref = reference_rate(str(self.lookup(answers)("currency")))
            if ref is not None:
                text += f" (default: {ref.short_origin})"
        return text

    # --- reading and checking answers ------------------------------------------------------------

    def parse(self, q: Question, text: str, answers: Mapping[str, Any]) -> Any:
        """Read typed ``text`` into a value; ValueError with the reason when it does not fit."""
        get = self.lookup(answers)
        value = parse_answer(q, text, get)
        problem = self.check(q, value, answers)
        if problem:
            raise ValueError(problem)
        return value

    def check(self, q: Question, value: Any, answers: Mapping[str, Any]) -> str | None:
        """Why ``value`` cannot answer ``q`` (None when it can): the scenario model decides."""
        if value is None:
            return None if q.assumption is not None else "an answer is needed"
        if not fits_kind(q, value, self.lookup(answers)):
            return f"not a valid answer for {q.key}"
        refused = self.refusal(q, value, answers)
        if refused:
            return refused
        if q.field is None:
            return None
        data: dict[str, Any] = {}
        if q.write is not None:
            # The only written-through fields with a field are the providers' (names,
            # compatibility, self-hosting, fallbacks): check the value against the providers
            # named so far.
            write_path(data, "providers.in_use",
                      [{"name": n} for n in self.lookup(answers)("providers.in_use") or []])
            q.write(data, value)
        else:
            write_path(data, q.field, value)
        try:
            Scenario.model_validate(data)
        except ValidationError as exc:
            want = q.field.split(".")
            for err in exc.errors(include_url=False):
                loc = [str(p) for p in err["loc"]]
                n = min(len(loc), len(want))
                if loc and loc[:n] == want[:n]:
                    message = str(err["msg"]).removeprefix("Value error, ")
                    return message[:1].lower() + message[1:]
        return None

    def refusal(self, q: Question, value: Any, answers: Mapping[str, Any]) -> str | None:
        """Why ``value`` cannot stand with the earlier answers (``Question.valid``), if it cannot."""
        return q.valid(value, self.lookup(answers)) if q.valid is not None else None

    # --- help, summary, building the scenario -------------------------------------------------------

    def help_text(self, q: Question, answers: Mapping[str, Any]) -> str:
        """What the question means, why it matters, where its default comes from, what to type."""
        a = q.assumption
        info = field_info(Scenario, q.field) if q.field else None
        meaning = q.meaning or (getattr(info, "description", None) or "") or (
            a.description if a else "")
        lines = [meaning] if meaning else []
        lines.append(f"Why it matters: {q.why}")
        default = self.value(q, answers)
        shown = self.shown(q, default, answers)
        suggestion = self.suggestion(q, answers)
        if q.key in answers:
            origin = "your earlier answer"
        elif suggestion is not None:
            origin = suggestion.origin
        elif self.is_written(q) and self.base is not None:
            origin = f"from {self.source or 'the scenario you started from'}"
        elif default is None and a is not None:
            kind: Kind = "percent" if a.unit == "fraction" else "number"
            currency = str(self.lookup(answers)("currency"))
            regional = REGIONAL_LABOUR.get(a.id, {}).get(currency)
            source, as_of, low, high, per = (
                (regional.source, regional.as_of, regional.low, regional.high,
                 a.unit.replace("USD", currency))
                if regional is not None else (a.source, a.as_of, a.low, a.high, a.unit))
            origin = (f"from {source}" + (f", as of {as_of}" if as_of else "")
                      + f" (plausible range {show_number(low, kind)} to "
                      f"{show_number(high, kind)}" + ("" if kind == "percent" else f" {per}")
                      + ")")
            if a.money_kind == "price" and self.lookup(answers)("currency") != "USD":
                origin += f", converted from {a.value:g} USD with usd_rate"
        else:
            origin = "the scenario format's default (see gateway-roi schema)"
        if shown:
            lines.append(f"Default: {shown}, {origin}.")
        elif a is not None and a.money_kind is not None:
            have = ", ".join(["USD", *REGIONAL_LABOUR.get("engineer_hour_cost", {})])
            lines.append(f"Default: none for {self.lookup(answers)('currency')}: pay is never "
                         f"converted at the exchange rate, and gateway-roi has regional figures "
                         f"for {have} only.")
        lines.append(f"Answer with {_ANSWER_HINTS[q.kind]}")
        if q.field in UNKNOWABLE_STATIC:
            lines.append("Not known yet? Answer \"don't know\": the verdict takes the default and "
                         "gateway-roi says whether the other answer would change it.")
        bounds = _bounds_of(info) if info is not None else (
            {"ge": 0, "le": 1e13} if a is not None else {})
        if q.kind in ("number", "percent") and bounds:
            text = _bounds_text(bounds, q.kind)
            unit = bounds.get("unit") or (a.unit if a else "")
            if text:
                lines.append(f"Allowed: {text}" + (f" ({unit})." if unit else "."))
        if q.choices or q.kind == "subset":
            choices = q.choices or tuple(self.lookup(answers)("providers.in_use") or ())
            for i, choice in enumerate(choices, 1):
                label = (q.help_labels.get(choice) or q.labels.get(choice)
                         or _LEVEL_LABELS.get(choice, ""))
                lines.append(f"  {i}. {choice}" + (f": {label}" if label else ""))
        if q.shown_as or q.field:
            lines.append(f"Scenario field: {q.shown_as or q.field}.")
        return "\n".join(lines)

    def summary(self, answers: Mapping[str, Any]) -> list[tuple[str, str, str]]:
        """(group title, key, value shown) for every question that applies."""
        out = []
        for q in self.applicable(answers):
            if q.field is None and not q.shown_as:
                continue  # a question that only decides what else is asked: not in the file
            value = self.value(q, answers)
            shown = self.shown(q, value, answers)
            if value is None and q.assumption is not None:
                shown += " (sourced default)"
            plain_field = q.read is None and q.write is None
            out.append((GROUPS[_group(q)][0], (q.field if plain_field else None) or q.key, shown))
        return out

    def build(self, answers: Mapping[str, Any], source: str = "answers"
              ) -> tuple[Scenario, list[str]]:
        """The scenario these answers describe, plus notes on fields dropped as not applying.

        Starts from the base scenario as written, so fields no question covers (description,
        assumptions...) are kept. Raises :class:`InvalidScenarioError` when the answers do not
        make a valid scenario (e.g. a currency without its rate).
        """
        data = copy.deepcopy(self._written)
        # Unknown answers are re-read from the answers below ("unknown" where the field is).
        data["unknown"] = [p for p in data.get("unknown", ())
                           if p not in {q.field for q in self.questions}]
        notes = []
        asked = self.applicable(answers)
        covered = {q.field for q in asked if q.field is not None}
        for q in self.questions:
            if q in asked:
                value = self.value(q, answers)
                if q.write is not None:
                    q.write(data, value)
                elif q.field is not None:
                    write_path(data, q.field, value)
            elif q.field is not None and q.read is None and q.field not in covered:
                if has_path(data, q.field) and (
                        get_path(data, q.field) != get_path(model_defaults(), q.field)):
                    was = self.shown(q, get_path(data, q.field), answers)
                    notes.append(f"{q.field} no longer applies: dropped (was {was})")
                write_path(data, q.field, None)
        try:
            scenario = Scenario.model_validate(data)
        except ValidationError as exc:
            raise InvalidScenarioError(validation_problems(exc, Scenario, source)) from None
        return scenario, notes

    # --- the driver ------------------------------------------------------------------------------

    def run(
        self, prompt_fn: PromptFn, tell: TellFn = lambda _: None, session: Session | None = None,
        *, skip_answered: bool = False, confirm: bool = True,
    ) -> Session:
        """Ask every question that applies, in order; return the answers.

        Enter accepts the default; ``?`` tells the help; ``<`` goes back to the previous question
        (later answers stay as defaults); invalid answers are told why and asked again. With
        ``confirm``, a summary is told at the end and Enter finishes (``<`` still goes back).
        ``prompt_fn`` may raise KeyboardInterrupt or EOFError: ``session`` then holds the answers
        so far, ready for :meth:`run` to continue from.
        """
        session = session if session is not None else Session()
        last_group = ""
        last_total = 0
        while True:
            asked = self.applicable(session.answers, skip_answered)
            q = self._next(asked, session)
            if q is not None and last_total and len(asked) != last_total:
                # The counter's total moves with the follow-ups an answer brings or removes:
                # say so, rather than let "15/26" become "16/31" unexplained.
                change = len(asked) - last_total
                tell(f"(that answer {'brings' if change > 0 else 'drops'} {abs(change)} "
                     f"follow-up question{'s' if abs(change) > 1 else ''}: "
                     f"{len(asked)} in all now)")
            last_total = len(asked)
            if q is None:
                if not confirm or self._finish(prompt_fn, tell, session):
                    return session
                last_group = ""
                continue
            group = _group(q)
            if group != last_group:
                title, blurb = GROUPS[group]
                tell(f"\n{title}: {blurb}")
                last_group = group
            self._ask(q, asked.index(q) + 1, len(asked), prompt_fn, tell, session)

    def _next(self, asked: list[Question], session: Session) -> Question | None:
        """The first question to ask after the last one answered."""
        order = [q.key for q in self.questions]
        start = order.index(session.history[-1]) + 1 if session.history else 0
        for q in asked:
            if order.index(q.key) >= start:
                return q
        return None

    def _ask(self, q: Question, number: int, total: int, prompt_fn: PromptFn, tell: TellFn,
             session: Session) -> None:
        answers = session.answers
        default = self.value(q, answers)
        choices = q.choices or (tuple(self.lookup(answers)("providers.in_use") or ())
                                if q.kind == "subset" else ())
        prompt = Prompt(q.key, self.prompt_text(q, answers), self.shown(q, default, answers),
                        choices, q.labels, number, total, GROUPS[_group(q)][0])
        cautioned = ""  # an answer that looked like a slip, kept if typed again
        while True:
            text = clean_answer(prompt_fn(prompt))
            if text == HELP:
                tell(self.help_text(q, answers))
                continue
            if text == BACK:
                if session.history:
                    session.history.pop()
                    return
                tell("This is the first question: there is nothing to go back to.")
                continue
            if not text:
                if default is None and q.assumption is None:
                    tell("An answer is needed here (type ? for help).")
                    continue
                if default is None and not prompt.default:
                    currency = self.lookup(answers)("currency")
                    tell(f"An answer is needed here: gateway-roi has no default for {currency} "
                         "(pay is never converted at the exchange rate; type ? for help).")
                    continue
                refused = self.refusal(q, default, answers)
                if refused:
                    tell(f"Not valid: {refused}. Give another answer (? for help).")
                    continue
                value = default
            else:
                try:
                    value = self.parse(q, text, answers)
                except ValueError as exc:
                    tell(f"Not valid: {exc}. Try again (? for help, Enter for the default).")
                    continue
                warning = q.caution(value, self.lookup(answers)) if q.caution else None
                if warning and text != cautioned:
                    tell(f"Check this: {warning}. Type {text} again to keep it, or give "
                         "another.")
                    cautioned = text
                    continue
            answers[q.key] = value
            session.history.append(q.key)
            said = q.echo(self, answers) if q.echo else None
            if said:
                tell(said)
            return

    def _finish(self, prompt_fn: PromptFn, tell: TellFn, session: Session) -> bool:
        """Tell the summary and ask to finish; False when the user went back."""
        tell("\n" + self.summary_text(session.answers, self.width))
        prompt = Prompt(FINISH_KEY, "Enter to finish and write the scenario; < to go back and "
                        "change an answer.", "")
        while True:
            text = clean_answer(prompt_fn(prompt)).lower()
            if text in ("", "y", "yes"):
                problems = self._problems(session.answers)
                if not problems:
                    return True
                # Never write a file the scenario format refuses: say why, keep the answers.
                tell("These answers do not make a valid scenario yet: " + "; ".join(problems)
                     + ". Type < to go back and change an answer (Ctrl-C stops; your answers "
                     "are kept for --resume).")
                continue
            if text == BACK and session.history:
                session.history.pop()
                return False
            tell("Press Enter to finish, or type < to go back (Ctrl-C stops; your answers are "
                 "kept for --resume).")

    def _problems(self, answers: Mapping[str, Any]) -> list[str]:
        """What makes the answers an invalid scenario (empty when :meth:`build` accepts them)."""
        try:
            self.build(answers)
        except InvalidScenarioError as exc:
            return [f"{p.field}: {p.message}" if p.field else p.message for p in exc.problems]
        return []

    def summary_text(self, answers: Mapping[str, Any], width: int = 80) -> str:
        """The summary as plain lines, grouped, fitting ``width`` columns."""
        lines = ["Your answers:"]
        group = ""
        for title, key, shown in self.summary(answers):
            if title != group:
                lines.append(f"  {title}")
                group = title
            lines.extend(textwrap.wrap(f"{key}: {shown}", width - 4, initial_indent="    ",
                                       subsequent_indent="      ", break_on_hyphens=False))
        return "\n".join(lines)


def scenario_filename(name: str) -> str:
    """A file name for a scenario called ``name``: ``My team`` -> ``my-team.yaml``.

    Letters and digits of any script are kept (``支付团队`` -> ``支付团队.yaml``, ``Größe`` ->
    ``größe.yaml``), in NFC so the same name always gives the same file; everything else
    (spaces, punctuation, path separators, the characters Windows forbids) becomes one ``-``.
    """
    text = unicodedata.normalize("NFC", name).lower()
    slug = re.sub(r"[\W_]+", "-", text).strip("-")[:60].strip("-") or "scenario"
    if _WINDOWS_RESERVED.fullmatch(slug):  # CON.yaml cannot be opened on Windows
        slug += "-scenario"
    return f"{slug}.yaml"


_WINDOWS_RESERVED = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]")


def _group(q: Question) -> str:
    return "governance" if q.group == "routing" else q.group


_LEVEL_LABELS: Mapping[str, str] = {
    "required": "a hard requirement",
    "nice": "would help, not a must",
    "no": "not needed",
}

_ANSWER_HINTS: Mapping[Kind, str] = {
    "number": "a number (2M, 150k and 2,000 work too), or a range: 5 to 10 (a 90% interval) "
              "or 5 to 10, likely 7.",
    "percent": "a percentage such as 30% (or 0.3), or a range such as 20% to 40%.",
    "months": "a number of months (36) or years (3y).",
    "yesno": "yes or no (y / n).",
    "level": "required, nice or no (r / ni / no).",
    "choice": "one of the names below, or its number.",
    "choices": "names or numbers from the list below, separated by commas; or none.",
    "subset": "names or numbers of the providers below, separated by commas; or none.",
    "text": "some text.",
    "names": "names separated by commas; or none.",
    "words": "names separated by commas (or spaces).",
    "chains": "chains such as deepseek > volcano-engine > bailian, several separated by ;, or "
              "none. The first name of each chain is a provider you named.",
}


def run_questionnaire(
    prompt_fn: PromptFn,
    defaults: Scenario | None = None,
    *,
    tell: TellFn = lambda _: None,
    session: Session | None = None,
    skip_answered: bool = False,
    confirm: bool = True,
    source: str = "",
) -> tuple[Scenario, Session]:
    """Ask the questions through ``prompt_fn`` and return the scenario and the answers.

    ``defaults`` (a scenario, e.g. from ``--from``) supplies the defaults; ``skip_answered`` asks
    only what it does not set; ``session`` continues an interrupted run.
    """
    form = Questionnaire(defaults, source)
    session = form.run(prompt_fn, tell, session, skip_answered=skip_answered, confirm=confirm)
    scenario, notes = form.build(session.answers)
    for note in notes:
        tell(note)
    return scenario, session
