"""Counts in words, singular or plural as the number needs: '1 session', '2 sessions'."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """'1 stretch', '5 stretches' (``plural`` defaults to ``singular`` + 's')."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
