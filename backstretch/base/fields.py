"""Reading the fields of a parsed YAML mapping: unknown and missing fields, then each
value through the checkers of ``checks``; every fault becomes a Problem."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from . import checks
from .checks import Invalid, describe, suggest
from .errors import BackstretchError, Problem
from .language import _

T = TypeVar("T")


def unknown_field(hint: str, names: Iterable[str]) -> str:
    """'unknown field (did you mean 'hold'?); valid fields: hold, reps'."""
    # TRANSLATORS: {hint} is empty or " (did you mean 'x'?)"; {fields} are names to keep as they are
    return _("unknown field{hint}; valid fields: {fields}").format(
        hint=hint, fields=", ".join(names))


class Missing(Exception):
    """Internal: a field was bad; its Problem is already recorded."""


@dataclass
class Fields:
    """Reads typed fields out of one YAML mapping, recording what is wrong.

    ``is_mapping`` is False when the data was not a mapping at all: that is its one
    problem, and no field of it is reported missing.
    """

    file: str
    path: str
    data: Any
    problems: list[Problem] = field(default_factory=list)
    is_mapping: bool = True

    def __post_init__(self) -> None:
        if self.data is None and not self.path:
            self.fail("", _("is empty; expected YAML fields such as {example}").format(
                example="'version:'"))
        elif not isinstance(self.data, dict):
            self.fail("", _("must be a mapping of fields, not {value}").format(
                value=describe(self.data)))
        else:
            return
        self.data, self.is_mapping = {}, False

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path and key else (self.path or key)

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.where(key), message))

    def child(self, key: str, data: Any) -> Fields:
        """Fields of a nested mapping, sharing this one's problem list."""
        return Fields(self.file, self.where(key), data, self.problems)

    def unknown(self, known: Iterable[str]) -> None:
        """Record every key that is not one of ``known``."""
        names = list(known)
        for key in self.data:
            if key not in names:
                shown = key if isinstance(key, str) else describe(key)
                self.fail(str(shown), unknown_field(suggest(str(key), names), names))

    def raw(self, key: str, required: bool) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                self.fail(key, _("is missing"))
                raise Missing
            return None
        return self.data[key]

    def check(self, key: str, check: Callable[..., T], value: Any, *args: Any) -> T:
        """``check(value, *args)``, recording its problem under ``key`` (and the part of
        it the problem names, if any)."""
        try:
            return check(value, *args)
        except Invalid as exc:
            self.fail(".".join(k for k in (key, exc.field) if k), str(exc))
            raise Missing from None

    def text(self, key: str, required: bool = True, max_len: int = checks.MAX_TEXT) -> str | None:
        value = self.raw(key, required)
        return None if value is None else self.check(key, checks.text, value, max_len)

    def text_list(self, key: str, required: bool = True, max_items: int = 50) -> tuple[str, ...]:
        """A list of text lines (may be empty unless required)."""
        value = self.raw(key, required)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(key, _("must be a list, not {value}").format(value=describe(value)))
            raise Missing
        if required and not value:
            self.fail(key, _("must list at least one entry"))
            raise Missing
        if len(value) > max_items:
            self.fail(key, _("has {count} entries; at most {most} are allowed").format(
                count=len(value), most=max_items))
            raise Missing
        return tuple(self.check(f"{key}[{i}]", checks.text, v) for i, v in enumerate(value))

    def choice(self, key: str, valid: Collection[str], required: bool = True) -> str | None:
        value = self.raw(key, required)
        return None if value is None else self.check(key, checks.choice, value, valid)

    def choices(self, key: str, valid: Collection[str], required: bool = True) -> tuple[str, ...]:
        items = self.text_list(key, required=required)
        return self.check(key, checks.choices, list(items), valid)

    def integer(self, key: str, low: int, high: int, required: bool = True,
                unit: str = "") -> int | None:
        value = self.raw(key, required)
        return None if value is None else self.check(key, checks.whole, value, low, high, unit)

    def boolean(self, key: str, required: bool = True) -> bool | None:
        value = self.raw(key, required)
        return None if value is None else self.check(key, checks.flag, value)

    def version(self, supported: int) -> int:
        """The file format's version, which must be one this code reads."""
        value = self.raw("version", True)
        if value != supported or isinstance(value, bool):
            self.fail("version", _("{value} is not supported; this backstretch reads version "
                                   "{version} (write {example})").format(
                value=describe(value), version=supported, example=f"'version: {supported}'"))
            raise Missing
        return supported

    def raise_if_any(self) -> None:
        if self.problems:
            raise BackstretchError(self.problems)
