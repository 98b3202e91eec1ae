"""Tick a running session on the kernel's asyncio loop, against absolute deadlines."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from ...guided.session import Session


class Ticker:
    """Call ``tick`` while ``session`` runs, waking when the shown whole second changes.

    The session keeps absolute deadlines, so a late wake-up loses no time; the
    loop sleeps in between, so the kernel stays free for other cells. ``sleep`` is
    ``asyncio.sleep``; a test gives its pretend clock's instead.
    """

    def __init__(self, session: Session, tick: Callable[[], None],
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep):
        self.session = session
        self.tick = tick
        self.sleep = sleep
        self.task: asyncio.Task[None] | None = None

    def ensure(self) -> None:
        """Start ticking if the session runs and no tick loop is alive: never two at once."""
        if self.session.state != "running" or (self.task is not None and not self.task.done()):
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            try:
                loop = asyncio.get_event_loop()
            except RuntimeError:
                return  # no loop at all (a plain script): whoever drives it calls tick()
        self.task = loop.create_task(self._run())

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None

    async def _run(self) -> None:
        while True:
            self.tick()
            if self.session.state != "running":
                return  # finished, paused or reset: no wake-up after the last tick
            left = self.session.remaining
            await self.sleep(max(0.005, (left % 1.0) or 1.0))
