"""Test doubles shared by the test modules."""

from __future__ import annotations

from backstretch.guided.pretend_clock import PretendClock as FakeClock

__all__ = ["FakeClock"]
