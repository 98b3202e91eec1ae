"""Test doubles shared by the test modules."""

from __future__ import annotations

import asyncio


class FakeClock:
    """A monotonic clock that moves only when a test moves it."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    async def sleep(self, seconds: float) -> None:
        """What ``asyncio.sleep`` would do, at once: the time passes and others get a turn."""
        self.advance(seconds)
        await asyncio.sleep(0)
