"""Coverage: seconds each muscle group is worked by a sequence of timeline steps.

The one place this arithmetic lives: a routine's coverage is it over all its steps,
a session's completed coverage is it over the steps actually held.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .steps import Step

if TYPE_CHECKING:
    from ..catalogue.stretches import Stretch

PRIMARY_WEIGHT = 1.0
SECONDARY_WEIGHT = 0.5
"""A primary group counts a stretch's time in full; a secondary group counts half. The
planner optimises with these same numbers (it reads them here)."""


@dataclass(frozen=True)
class GroupCoverage:
    """Seconds one muscle group is worked, on its less-worked side."""

    primary: float = 0.0
    """Static stretch time where the group is primary."""
    secondary: float = 0.0
    """Static stretch time where it is secondary, already halved."""
    active: float = 0.0
    """Dynamic and strengthening time (primary full, secondary half), kept apart."""

    @property
    def stretch(self) -> float:
        """Static stretch seconds counted against the 60 s guideline."""
        return self.primary + self.secondary


def group_weights(stretch: Stretch) -> dict[str, float]:
    """How much of a stretch's time each group it works is credited with."""
    weights = dict.fromkeys(stretch.secondary, SECONDARY_WEIGHT)
    weights.update(dict.fromkeys(stretch.primary, PRIMARY_WEIGHT))
    return weights


def coverage_of(steps: Iterable[Step]) -> dict[str, GroupCoverage]:
    """Seconds per muscle group worked by the holds and moves among ``steps``.

    Static holds count fully for primary groups and half for secondary ones. A
    per-side step gives its time to its side; a two-sided one (both knees) to both.
    Dynamic and strengthening time is ``active``, apart from the static time the
    guideline counts. Each group reports its side with less static time (left on a tie).
    """
    totals: dict[str, dict[str, list[float]]] = {}
    for step in steps:
        if step.kind not in ("hold", "move"):
            continue
        s = step.stretch
        touched = (0, 1) if step.side is None else (0 if step.side == "left" else 1,)
        for groups, weight, static_bucket in ((s.primary, PRIMARY_WEIGHT, "primary"),
                                              (s.secondary, SECONDARY_WEIGHT, "secondary")):
            bucket = static_bucket if step.kind == "hold" else "active"
            for g in groups:
                sides = totals.setdefault(g, {}).setdefault(bucket, [0.0, 0.0])
                for k in touched:
                    sides[k] += step.seconds * weight
    out = {}
    for g, buckets in totals.items():
        def side(bucket: str, k: int) -> float:
            return buckets.get(bucket, (0.0, 0.0))[k]
        k = 0 if side("primary", 0) + side("secondary", 0) <= \
            side("primary", 1) + side("secondary", 1) else 1
        out[g] = GroupCoverage(side("primary", k), side("secondary", k), side("active", k))
    return out
