"""What the weekly check-ins and the session pain scores say, in plain words.

The change since the first check-in is set against the minimal important change,
the smallest change most people notice:

- usual pain (0 to 10): a fall of 2 points, or of 30 % of the starting score
  (Ostelo et al. 2008, *Spine* 33:90);
- the activities' average (the Patient-Specific Functional Scale, Stratford et al.
  1995): a rise of about 2 points (Maughan & Lewis 2010, *Eur Spine J* 19:1484).

The activities' change compares like with like: only the activities rated both in
the first check-in with any rating and in the latest one count, and the average of
those is compared at the two ends (an activity added later has no start to compare).
Nothing here is medical advice, and a change over weeks does not show the stretching
caused it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..safety.flags import SHORT_LINE, STOP_SIGNS
from ..log.checkins import CheckIn, shown_day
from ..log.records import PainPoint

PAIN_MIC_POINTS = 2
PAIN_MIC_SHARE = 0.30
ACTIVITY_MIC_POINTS = 2
PAIN_SOURCE = "Ostelo et al. 2008"
ACTIVITY_SOURCE = "Maughan & Lewis 2010, for the scale of Stratford et al. 1995"
CAVEAT = ("A change over weeks does not show the stretching caused it: back pain often "
          "eases by itself (NHS).")
SEE_SAFETY = ("Look again at the stop signs and the red flags, and think about seeing a "
              "clinician (a GP or a physiotherapist) before you go on.")
RISING_POINTS = 2
"""Usual pain this many points above the first check-in counts as rising."""


@dataclass(frozen=True)
class OutcomeLine:
    """One thing the check-ins say. ``kind`` is ``pain``, ``activities``, ``waiting``
    (too little data), ``warning`` or ``caveat``; ``reached`` is whether a change reaches
    the minimal important change (None where that does not apply); a warning carries
    the stop signs it points to in ``stop_signs``."""

    kind: str
    text: str
    reached: bool | None = None
    stop_signs: tuple[str, ...] = ()

    def __str__(self) -> str:
        return "\n".join([self.text, *(f"- {s}" for s in self.stop_signs)])


def pain_target(start: float) -> float:
    """The usual pain that is a minimal important fall from ``start``: 2 points down or
    30 % down, whichever is the smaller fall."""
    return start - min(PAIN_MIC_POINTS, PAIN_MIC_SHARE * start)


def pain_reached(start: float, end: float) -> bool:
    """Whether usual pain going from ``start`` to ``end`` is a minimal important fall."""
    return end < start and (start - end >= PAIN_MIC_POINTS
                            or (start - end) / start >= PAIN_MIC_SHARE - 1e-9)


def activities_reached(start: float, end: float) -> bool:
    """Whether the activities' average going from ``start`` to ``end`` is a minimal
    important rise."""
    return round(end - start, 9) >= ACTIVITY_MIC_POINTS


def activity_ends(checkins: Sequence[CheckIn]) -> tuple[CheckIn, list[int], float, float] | None:
    """The first check-in with ratings, the activities rated both then and in the latest
    one, and their average at the two ends (0 and 0 when none is common); None before two
    check-ins with ratings."""
    rated = [c for c in checkins if c.ratings]
    if len(rated) < 2:
        return None
    first, last = rated[0], rated[-1]
    common = [a for a in first.ratings if a in last.ratings]
    if not common:
        return first, common, 0.0, 0.0
    return (first, common, sum(first.ratings[a] for a in common) / len(common),
            sum(last.ratings[a] for a in common) / len(common))


def _points(x: float) -> str:
    shown = f"{x:.1f}".rstrip("0").rstrip(".")
    return f"{shown} point" + ("" if shown == "1" else "s")


def _pain_line(first: CheckIn, last: CheckIn) -> OutcomeLine:
    start, end = first.usual_pain, last.usual_pain
    head = f"Usual pain: {start} → {end} since {shown_day(first.day)}"
    mic = f"(2 points or 30 %; {PAIN_SOURCE})"
    if end >= start:
        change = "no change" if end == start else f"a rise of {_points(end - start)}"
        return OutcomeLine("pain", f"{head}, {change}.", False)
    share = (start - end) / start
    reached = pain_reached(start, end)
    verdict = ("that reaches the change most people notice" if reached
               else "less than the change most people notice")
    return OutcomeLine("pain", f"{head}, a fall of {_points(start - end)} "
                       f"({share * 100:.0f} %): {verdict} {mic}.", reached)


def _activity_line(checkins: Sequence[CheckIn]) -> OutcomeLine | None:
    ends = activity_ends(checkins)
    if ends is None:
        return None
    first, common, start, end = ends
    if not common:
        return OutcomeLine("activities", "Activities: none of the ones rated now was rated at "
                           f"the start ({shown_day(first.day)}), so there is no change to show "
                           "yet.")
    which = "your activity" if len(common) == 1 else f"the {len(common)} activities"
    head = (f"Activities (the average of {which} rated at both ends): {start:.1f} → "
            f"{end:.1f} since {shown_day(first.day)}")
    if end <= start:
        change = "no change" if end == start else f"a fall of {_points(start - end)}"
        return OutcomeLine("activities", f"{head}, {change}.", False)
    reached = activities_reached(start, end)
    verdict = ("that reaches the change most people notice" if reached
               else "less than the change most people notice")
    return OutcomeLine("activities", f"{head}, a rise of {_points(end - start)}: {verdict} "
                       f"(about 2 points; {ACTIVITY_SOURCE}).", reached)


def _warning(text: str) -> OutcomeLine:
    return OutcomeLine("warning", f"{text} {SEE_SAFETY} {SHORT_LINE}", None, STOP_SIGNS)


def pain_after_warning(points: Sequence[PainPoint]) -> OutcomeLine | None:
    """A warning when pain after was higher than before in each of the two most recent
    sessions that have both scores (sessions without both are passed over)."""
    both = [p for p in points if p.before is not None and p.after is not None][-2:]
    if len(both) < 2 or not all(p.after > p.before for p in both):  # type: ignore[operator]
        return None
    seen = ", ".join(f"{p.before} → {p.after} on {shown_day(p.when.astimezone().date())}"
                     for p in both)
    return _warning(f"Your pain after a session was higher than before it in the last two "
                    f"sessions ({seen}).")


def rising_pain_warning(checkins: Sequence[CheckIn]) -> OutcomeLine | None:
    """A warning when usual pain rose at each of the last two check-ins, or is now 2 points
    or more above the first."""
    pains = [c.usual_pain for c in checkins]
    if len(pains) >= 3 and pains[-3] < pains[-2] < pains[-1]:
        why = f"rose at each of your last two check-ins ({pains[-3]} → {pains[-2]} → {pains[-1]})"
    elif len(pains) >= 2 and pains[-1] - pains[0] >= RISING_POINTS:
        why = (f"is {_points(pains[-1] - pains[0])} higher than at your first check-in "
               f"({pains[0]} → {pains[-1]})")
    else:
        return None
    return _warning(f"Your usual pain {why}.")


def outcome_lines(checkins: Sequence[CheckIn],
                  points: Sequence[PainPoint] = ()) -> list[OutcomeLine]:
    """What the check-ins (oldest first) and the sessions' pain scores (``pain_series()``)
    say: the warnings first, then the changes since the start (or why there is none yet),
    and always the caveat last."""
    lines = [w for w in (pain_after_warning(points), rising_pain_warning(checkins)) if w]
    if not checkins:
        lines.append(OutcomeLine("waiting", "No weekly check-in yet. Make your first one "
                                 "today: from the second week on, this shows how things "
                                 "are changing."))
    elif len(checkins) == 1:
        lines.append(OutcomeLine("waiting", "One check-in so far "
                                 f"({shown_day(checkins[0].day)}). Check in again next week "
                                 "and the change since then shows here."))
    else:
        lines.append(_pain_line(checkins[0], checkins[-1]))
        activity = _activity_line(checkins)
        if activity:
            lines.append(activity)
    lines.append(OutcomeLine("caveat", CAVEAT))
    return lines
