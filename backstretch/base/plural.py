"""Counts and lists in words: '1 session', '2 sessions'; 'Mon, Wed and Fri'."""

from __future__ import annotations

from collections.abc import Sequence


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """'1 stretch', '5 stretches' (``plural`` defaults to ``singular`` + 's')."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def joined(words: Sequence[str]) -> str:
    """'Mon', 'Mon and Fri', 'Mon, Wed and Fri'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
