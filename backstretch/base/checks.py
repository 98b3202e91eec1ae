"""The one validation vocabulary: each checker returns a clean value or raises ``Invalid``.

Routines, settings, the session log, the planner and the YAML readers all check
their values here, once, when an object is built; ``Checker`` turns every
``Invalid`` into a ``Problem`` naming the file and field.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, TypeVar

from .errors import HIDDEN, JOINERS, BackstretchError, Problem
from .language import _

T = TypeVar("T")
MAX_TEXT = 2000
"""Longest text accepted, in characters, unless a field says less."""

_TAGS = range(0xE0020, 0xE0080)
"""Emoji tag characters (as in the flags of England, Scotland and Wales)."""


class Invalid(Exception):
    """A value is not valid; ``str(exc)`` says what is wrong and what would be, ``field``
    which part of it (like a mapping's key), if not the whole."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


def describe(value: Any) -> str:
    """A short repr of ``value`` for a message."""
    try:
        text = repr(value)
    except ValueError:  # an int too long to print
        return _("a number too long to show")
    return text if len(text) <= 40 else text[:37] + "..."


def suggest(value: str, valid: Iterable[str]) -> str:
    """A ' (did you mean ...?)' hint for a mistyped name, or ''."""
    close = difflib.get_close_matches(value, list(valid), n=1)
    # TRANSLATORS: added after another message: keep the leading space; {name} is quoted
    return _(" (did you mean {name}?)").format(name=repr(close[0])) if close else ""


def not_valid(value: Any, use: str, hint: str = "") -> Invalid:
    """The one way to say a value is wrong: ``'x' is not valid; use ...``."""
    # TRANSLATORS: {hint} is empty or " (did you mean 'x'?)"; {use} says what is valid
    return Invalid(_("{value} is not valid{hint}; use {use}").format(
        value=describe(value), hint=hint, use=use))


def _whole_number(low: int, high: int, unit: str) -> str:
    """'a whole number from 1 to 50', 'a whole number of seconds from 1 to 600'."""
    if unit == " of seconds":
        text = _("a whole number of seconds from {low} to {high}")
    elif unit:
        text = _("a whole number{unit} from {low} to {high}")
    else:
        text = _("a whole number from {low} to {high}")
    return text.format(unit=unit, low=low, high=high)


def whole(value: Any, low: int, high: int, unit: str = "") -> int:
    """A whole number from ``low`` to ``high`` (a float like 10.0 counts as 10)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise not_valid(value, _whole_number(low, high, unit))
    return value


def optional_whole(value: Any, low: int, high: int, unit: str = "") -> int | None:
    """None, or a whole number from ``low`` to ``high``."""
    if value is None:
        return None
    try:
        return whole(value, low, high, unit)
    except Invalid:
        raise not_valid(value, _("{number}, or leave it out").format(
            number=_whole_number(low, high, unit))) from None


def number(value: Any, low: float, high: float, use: str = "") -> float:
    """A finite number from ``low`` to ``high``; ``use`` names it (``an angle in degrees``,
    in the current language; 'a number' when not given)."""
    if (isinstance(value, bool) or not isinstance(value, (int, float))
            or not low <= value <= high):  # the range first: a huge int has no float
        raise not_valid(value, _("{use} from {low} to {high}").format(
            use=use or _("a number"), low=f"{low:g}", high=f"{high:g}"))
    return float(value)


def _visible(c: str) -> bool:
    return not c.isspace() and unicodedata.category(c) not in HIDDEN


def _allowed(text: str, i: int, multiline: bool) -> bool:
    """Whether ``text[i]``, a hidden character, may stay: a joiner between two visible
    characters, an emoji tag after a visible one, or a tab or newline in a multi-line text."""
    c = text[i]
    if multiline and c in "\t\n":
        return True
    if c in JOINERS:
        return 0 < i < len(text) - 1 and _visible(text[i - 1]) and _visible(text[i + 1])
    if ord(c) in _TAGS:
        return i > 0 and (_visible(text[i - 1]) or ord(text[i - 1]) in _TAGS)
    return False


def text(value: Any, max_len: int = MAX_TEXT, required: bool = True,
         multiline: bool = False) -> str:
    """Printable text, NFC-normalised and trimmed; a number counts as its digits.

    Control and invisible characters are refused (they hide what a name says, or
    garble a terminal), except zero-width joiners between visible characters, as
    emoji sequences and Persian need; ``multiline`` also lets tabs and newlines in.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Invalid(_("must be text, not {value}").format(value=describe(value)))
    out = unicodedata.normalize("NFC", str(value).replace("\r\n", "\n")).strip()
    if not out and required:
        raise Invalid(_("must not be empty"))
    if any(unicodedata.category(c) in HIDDEN and not _allowed(out, i, multiline)
           for i, c in enumerate(out)):
        raise Invalid(_("contains control or invisible characters; use plain text"))
    if len(out) > max_len:
        raise Invalid(_("is {length} characters long; at most {most} are allowed").format(
            length=len(out), most=max_len))
    return out


def typed_text(value: Any, max_len: int = MAX_TEXT, required: bool = True,
               multiline: bool = False) -> str:
    """Text as a person typed it (a number, a list or false is not), checked as ``text``."""
    if not isinstance(value, str):
        raise Invalid(_("must be text, not {value}").format(value=describe(value)))
    return text(value, max_len, required, multiline)


def choice(value: Any, valid: Collection[str]) -> str:
    """One value of a fixed vocabulary."""
    if not isinstance(value, str) or value not in valid:
        hint = suggest(value, valid) if isinstance(value, str) else ""
        raise not_valid(value, _("one of: {values}").format(values=", ".join(valid)), hint)
    return value


def choices(values: Any, valid: Collection[str], repeats: bool = False) -> tuple[str, ...]:
    """Values of a fixed vocabulary (each once unless ``repeats``); one text counts as a
    list of one."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, (list, tuple, set, frozenset)):
        raise Invalid(_("must be a list, not {value}").format(value=describe(values)))
    bad = [v for v in values if not isinstance(v, str) or v not in valid]
    if bad:
        hint = suggest(bad[0], valid) if isinstance(bad[0], str) else ""
        raise not_valid(bad[0] if len(bad) == 1 else bad,
                        _("any of: {values}").format(values=", ".join(valid)), hint)
    if len(set(values)) != len(values) and not repeats:
        raise Invalid(_("lists the same value twice"))
    return tuple(values)


def flag(value: Any) -> bool:
    """True or false, nothing else."""
    if not isinstance(value, bool):
        raise not_valid(value, _("true or false"))
    return value


def moment(value: Any) -> datetime:
    """A time with a zone (a datetime or ISO 8601 text), in UTC, between years 2 and 9998
    so that it shows in every time zone."""
    parsed = value
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
    if (not isinstance(parsed, datetime) or parsed.utcoffset() is None
            or not 2 <= parsed.year <= 9998):
        raise not_valid(value, _("a time with its zone, like {example}").format(
            example="2026-11-24T18:30:00+00:00"))
    return parsed.astimezone(timezone.utc)


def index(value: Any, size: int) -> int:
    """A position in a list of ``size`` entries, from 0."""
    if size == 0:
        raise Invalid(_("{value} is not valid; the list is empty").format(value=describe(value)))
    return whole(value, 0, size - 1)


def instance(value: Any, kind: type[T], use: str) -> T:
    """``value`` if it is a ``kind``."""
    if not isinstance(value, kind):
        raise not_valid(value, use)
    return value


@dataclass
class Checker:
    """Runs checkers over the fields of one object, collecting a Problem for each fault."""

    file: str
    path: str = ""
    problems: list[Problem] = field(default_factory=list)

    def __call__(self, name: str, check: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``check(*args)``; an ``Invalid`` is recorded under ``name`` and returns None."""
        try:
            return check(*args, **kwargs)
        except Invalid as exc:
            self.fail(f"{name}.{exc.field}" if exc.field else name, str(exc))
            return None  # type: ignore[return-value]

    def fail(self, name: str, message: str) -> None:
        where = f"{self.path}.{name}" if self.path and name else (self.path or name)
        self.problems.append(Problem(self.file, where, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise BackstretchError(self.problems)
