"""The one exception family of backstretch."""

from __future__ import annotations

from dataclasses import dataclass


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
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class BackstretchError(ValueError):
    """Bad input: a malformed file, an unknown stretch, an impossible value.

    Its message names the file, the field and what would be valid; ``problems``
    lists every problem found, one line each.
    """

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
