"""The one way the workbook's parts tell each other what happened."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Signal(Generic[T]):
    """Something that happens, like "the routine changed", that others subscribe to.

    Every subscriber is called, in the order it subscribed, with the value sent;
    subscribing never replaces an earlier subscriber. If one raises, the rest are
    still called and the first error is raised afterwards.
    """

    def __init__(self) -> None:
        self._subscribers: list[Callable[[T], object]] = []

    def subscribe(self, subscriber: Callable[[T], object]) -> Callable[[T], object]:
        """Call ``subscriber(value)`` on every :meth:`send`; returns it (usable as a decorator)."""
        self._subscribers.append(subscriber)
        return subscriber

    def send(self, value: T) -> None:
        """Call every subscriber with ``value``, in order."""
        error: BaseException | None = None
        for subscriber in list(self._subscribers):
            try:
                subscriber(value)
            except Exception as exc:  # noqa: BLE001 - the others still hear of it
                error = error or exc
        if error is not None:
            raise error
