"""Checks for the fields of a parsed YAML document; every fault becomes a Problem."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import BackstretchError, Problem

MAX_TEXT = 2000
"""Longest text field accepted, in characters."""


class Missing(Exception):
    """Internal: a field was bad; its Problem is already recorded."""


def suggest(value: str, valid: Iterable[str]) -> str:
    """A '(did you mean ...?)' hint for a mistyped name, or ''."""
    close = difflib.get_close_matches(value, list(valid), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass
class Fields:
    """Reads typed fields out of one YAML mapping, recording what is wrong."""

    file: str
    path: str
    data: Any
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.data is None and not self.path:
            self.fail("", "is empty; expected YAML fields such as 'version:'")
            self.data = {}
        elif not isinstance(self.data, dict):
            self.fail("", f"must be a mapping of fields, not {_describe(self.data)}")
            self.data = {}

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
                shown = key if isinstance(key, str) else _describe(key)
                self.fail(str(shown), f"unknown field{suggest(str(key), names)}; "
                          f"valid fields: {', '.join(names)}")

    def raw(self, key: str, required: bool) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                self.fail(key, "is missing")
                raise Missing
            return None
        return self.data[key]

    def text(self, key: str, required: bool = True, max_len: int = MAX_TEXT) -> str | None:
        """A non-empty line of printable text, NFC-normalised and trimmed."""
        value = self.raw(key, required)
        if value is None:
            return None
        return self._text(key, value, max_len)

    def _text(self, key: str, value: Any, max_len: int) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fail(key, f"must be text, not {_describe(value)}")
            raise Missing
        text = unicodedata.normalize("NFC", str(value)).strip()
        if not text:
            self.fail(key, "must not be empty")
            raise Missing
        if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") for c in text):
            self.fail(key, "contains control or invisible characters; use plain text")
            raise Missing
        if len(text) > max_len:
            self.fail(key, f"is {len(text)} characters long; at most {max_len} are allowed")
            raise Missing
        return text

    def text_list(self, key: str, required: bool = True, max_items: int = 50) -> tuple[str, ...]:
        """A list of text lines (may be empty unless required)."""
        value = self.raw(key, required)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(key, f"must be a list, not {_describe(value)}")
            raise Missing
        if required and not value:
            self.fail(key, "must list at least one entry")
            raise Missing
        if len(value) > max_items:
            self.fail(key, f"has {len(value)} entries; at most {max_items} are allowed")
            raise Missing
        return tuple(self._text(f"{key}[{i}]", v, MAX_TEXT) for i, v in enumerate(value))

    def choice(self, key: str, valid: Iterable[str], required: bool = True) -> str | None:
        """One value of a fixed vocabulary."""
        names = list(valid)
        value = self.raw(key, required)
        if value is None:
            return None
        if not isinstance(value, str) or value not in names:
            hint = suggest(value, names) if isinstance(value, str) else ""
            self.fail(key, f"{_describe(value)} is not valid{hint}; use one of: {', '.join(names)}")
            raise Missing
        return value

    def choices(self, key: str, valid: Iterable[str], required: bool = True) -> tuple[str, ...]:
        """A list of values of a fixed vocabulary, without repeats."""
        names = list(valid)
        items = self.text_list(key, required=required)
        bad = [v for v in items if v not in names]
        for v in bad:
            self.fail(key, f"{v!r} is not valid{suggest(v, names)}; use any of: {', '.join(names)}")
        if bad:
            raise Missing
        if len(set(items)) != len(items):
            self.fail(key, "lists the same value twice")
            raise Missing
        return items

    def integer(self, key: str, low: int, high: int, required: bool = True,
                unit: str = "") -> int | None:
        """A whole number from ``low`` to ``high``."""
        value = self.raw(key, required)
        if value is None:
            return None
        return self._integer(key, value, low, high, unit)

    def _integer(self, key: str, value: Any, low: int, high: int, unit: str) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(key, f"{_describe(value)} is not valid; use a whole number{unit} "
                      f"from {low} to {high}")
            raise Missing
        return value

    def version(self, supported: int) -> int:
        """The file format's version, which must be one this code reads."""
        value = self.raw("version", True)
        if value != supported or isinstance(value, bool):
            self.fail("version", f"{_describe(value)} is not supported; this backstretch reads "
                      f"version {supported} (write 'version: {supported}')")
            raise Missing
        return supported

    def boolean(self, key: str, required: bool = True) -> bool | None:
        value = self.raw(key, required)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.fail(key, f"{_describe(value)} is not valid; use true or false")
            raise Missing
        return value

    def raise_if_any(self) -> None:
        if self.problems:
            raise BackstretchError(self.problems)
