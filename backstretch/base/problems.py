"""The one exception family's classes, and a message made safe to print: nothing here
says a word of its own (``errors`` adds the words, in the current language)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .filenames import shown_path

JOINERS = "\u200c\u200d"
"""Zero-width (non-)joiner: part of emoji sequences and of Persian and Indic words."""
HIDDEN = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
"""Unicode categories that show nothing themselves: controls, formats (bidi marks
among them), surrogates, private use, line and paragraph separators."""


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control, bidi and invisible format characters
    shown as escapes (``\\x1b``, ``\\u202e``), so a file cannot clear the screen, set the
    window title or reverse the text around it. Joiners stay."""
    return "".join(
        c if c in JOINERS or unicodedata.category(c) not in HIDDEN
        else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" if ord(c) < 0x10000
              else f"\\U{ord(c):08x}")
        for c in text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what would be valid."""

    file: str
    """The file (or other source) the problem is in."""
    field: str
    """The field's path inside it, like ``items[2].hold``; empty for the whole file."""
    message: str
    """What is wrong and what would be valid."""

    def __str__(self) -> str:
        return self._text(self.file)

    def shown(self) -> str:
        """The problem as a page shows it: its file as ``shown_path`` shows paths, so it
        never names the server's folders."""
        return self._text(shown_path(self.file) if self.file else self.file)

    def _text(self, file: str) -> str:
        where = f"{file}: {self.field}" if self.field else file
        return printable(f"{where}: {self.message}")

    def inside(self, file: str, path: str) -> Problem:
        """The same problem, found in ``file`` under the field path ``path``."""
        field = ".".join(p for p in (path, self.field) if p)
        return Problem(file, field, self.message)


class BackstretchError(ValueError):
    """Bad input: a malformed file, an unknown stretch, an impossible value.

    Its message names the file, the field and what would be valid; ``problems``
    lists every problem found, one line each.
    """

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def shown(self, joiner: str = "\n") -> str:
        """Every problem as a page shows it (:meth:`Problem.shown`), joined by ``joiner``."""
        return joiner.join(p.shown() for p in self.problems)

    def inside(self, file: str, path: str = "") -> BackstretchError:
        """The same problems, found in ``file`` under the field path ``path``."""
        return BackstretchError([p.inside(file, path) for p in self.problems])


class BackstretchWarning(UserWarning):
    """Something was skipped (a damaged row, a damaged file set aside) and the rest shown."""
