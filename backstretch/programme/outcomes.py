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

from ..base.formats import number
from ..base.language import N_, _, ngettext
from ..safety.flags import short_line, stop_signs
from ..log.checkins import CheckIn, shown_day
from ..log.records import PainPoint

PAIN_MIC_POINTS = 2
PAIN_MIC_SHARE = 0.30
ACTIVITY_MIC_POINTS = 2
PAIN_SOURCE = "Ostelo et al. 2008"
# TRANSLATORS: a citation; name the scale as validated in your language where one is
# (German and Argentine Spanish keep "Patient-Specific Functional Scale (PSFS)")
ACTIVITY_SOURCE = N_("Maughan & Lewis 2010, for the scale of Stratford et al. 1995")
CAVEAT = N_("A change over weeks does not show the stretching caused it: back pain often "
            "eases by itself (NHS).")
SEE_SAFETY = N_("Look again at the stop signs and the red flags, and think about seeing a "
                "clinician (a GP or a physiotherapist) before you go on.")
RISING_POINTS = 2
"""Usual pain this many points above the first check-in counts as rising."""


@dataclass(frozen=True)
class OutcomeLine:
    """One thing the check-ins say. ``kind`` is ``pain``, ``activities``, ``waiting``
    (too little data), ``warning`` or ``caveat``; ``reached`` is whether a change reaches
    the minimal important change (None where that does not apply); a warning carries
    the stop signs it points to in ``stop_signs``. The words are in the language spoken
    when it was made."""

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


def one_decimal(x: float) -> str:
    """``x`` with one decimal, in the language's decimal sign: '3.0', '5,5'."""
    return f"{x:.1f}".replace(".", number(0.5)[1])


def _points(x: float) -> str:
    """'1 point', '3 points', '2.5 points' ('2,5 Punkte')."""
    if round(x, 1) == round(x):
        n = round(x)
        return ngettext("{n} point", "{n} points", n).format(n=n)
    # TRANSLATORS: a number of points with a decimal, like "2.5 points"
    return _("{points} points").format(points=number(x, 1))


def _pain_line(first: CheckIn, last: CheckIn) -> OutcomeLine:
    start, end = first.usual_pain, last.usual_pain
    said = {"start": start, "end": end, "day": shown_day(first.day), "source": PAIN_SOURCE}
    if end == start:
        return OutcomeLine("pain", _("Usual pain: {start} → {end} since {day}, no change.")
                           .format(**said), False)
    if end > start:
        return OutcomeLine("pain", _("Usual pain: {start} → {end} since {day}, a rise of "
                                     "{points}.").format(points=_points(end - start), **said),
                           False)
    said.update(points=_points(start - end), percent=f"{(start - end) / start * 100:.0f}")
    reached = pain_reached(start, end)
    # TRANSLATORS: "the change most people notice" is the minimal important change of the
    # 0-10 pain scale (NRS); Ostelo et al. 2008 is a citation
    text = (_("Usual pain: {start} → {end} since {day}, a fall of {points} ({percent} %): "
              "that reaches the change most people notice (2 points or 30 %; {source}).")
            if reached else
            _("Usual pain: {start} → {end} since {day}, a fall of {points} ({percent} %): "
              "less than the change most people notice (2 points or 30 %; {source})."))
    return OutcomeLine("pain", text.format(**said), reached)


def _activity_line(checkins: Sequence[CheckIn]) -> OutcomeLine | None:
    ends = activity_ends(checkins)
    if ends is None:
        return None
    first, common, start, end = ends
    if not common:
        return OutcomeLine("activities", _(
            "Activities: none of the ones rated now was rated at the start ({day}), so there "
            "is no change to show yet.").format(day=shown_day(first.day)))
    n = len(common)
    # TRANSLATORS: the activities of the Patient-Specific Functional Scale, named by the
    # person; this heading is {which} in the sentences below ("{which}: 3.0 → 5.5 since ...")
    which = _("Activities (the average of your activity rated at both ends)") if n == 1 else \
        ngettext("Activities (the average of the {n} activity rated at both ends)",
                 "Activities (the average of the {n} activities rated at both ends)",
                 n).format(n=n)
    said = {"which": which, "start": one_decimal(start), "end": one_decimal(end),
            "day": shown_day(first.day), "source": _(ACTIVITY_SOURCE)}
    if end == start:
        return OutcomeLine("activities", _("{which}: {start} → {end} since {day}, no change.")
                           .format(**said), False)
    if end < start:
        return OutcomeLine("activities", _("{which}: {start} → {end} since {day}, a fall of "
                                           "{points}.").format(points=_points(start - end),
                                                               **said), False)
    reached = activities_reached(start, end)
    text = (_("{which}: {start} → {end} since {day}, a rise of {points}: that reaches the "
              "change most people notice (about 2 points; {source}).") if reached else
            _("{which}: {start} → {end} since {day}, a rise of {points}: less than the "
              "change most people notice (about 2 points; {source})."))
    return OutcomeLine("activities", text.format(points=_points(end - start), **said), reached)


def _warning(text: str) -> OutcomeLine:
    return OutcomeLine("warning", f"{text} {_(SEE_SAFETY)} {short_line()}", None,
                       stop_signs())


def pain_after_warning(points: Sequence[PainPoint]) -> OutcomeLine | None:
    """A warning when pain after was higher than before in each of the two most recent
    sessions that have both scores (sessions without both are passed over)."""
    both = [p for p in points if p.before is not None and p.after is not None][-2:]
    if len(both) < 2 or not all(p.after > p.before for p in both):  # type: ignore[operator]
        return None
    # TRANSLATORS: pain before → pain after a session, on a day like "10 March"
    seen = ", ".join(_("{before} → {after} on {day}").format(
        before=p.before, after=p.after, day=shown_day(p.when.astimezone().date())) for p in both)
    return _warning(_("Your pain after a session was higher than before it in the last two "
                      "sessions ({seen}).").format(seen=seen))


def rising_pain_warning(checkins: Sequence[CheckIn]) -> OutcomeLine | None:
    """A warning when usual pain rose at each of the last two check-ins, or is now 2 points
    or more above the first."""
    pains = [c.usual_pain for c in checkins]
    if len(pains) >= 3 and pains[-3] < pains[-2] < pains[-1]:
        text = _("Your usual pain rose at each of your last two check-ins ({a} → {b} → {c}).")\
            .format(a=pains[-3], b=pains[-2], c=pains[-1])
    elif len(pains) >= 2 and pains[-1] - pains[0] >= RISING_POINTS:
        text = _("Your usual pain is {points} higher than at your first check-in ({first} → "
                 "{last}).").format(points=_points(pains[-1] - pains[0]), first=pains[0],
                                    last=pains[-1])
    else:
        return None
    return _warning(text)


def outcome_lines(checkins: Sequence[CheckIn],
                  points: Sequence[PainPoint] = ()) -> list[OutcomeLine]:
    """What the check-ins (oldest first) and the sessions' pain scores (``pain_series()``)
    say: the warnings first, then the changes since the start (or why there is none yet),
    and always the caveat last."""
    lines = [w for w in (pain_after_warning(points), rising_pain_warning(checkins)) if w]
    if not checkins:
        lines.append(OutcomeLine("waiting", _("No weekly check-in yet. Make your first one "
                                              "today: from the second week on, this shows how "
                                              "things are changing.")))
    elif len(checkins) == 1:
        lines.append(OutcomeLine("waiting", _(
            "One check-in so far ({day}). Check in again next week and the change since then "
            "shows here.").format(day=shown_day(checkins[0].day))))
    else:
        lines.append(_pain_line(checkins[0], checkins[-1]))
        activity = _activity_line(checkins)
        if activity:
            lines.append(activity)
    lines.append(OutcomeLine("caveat", _(CAVEAT)))
    return lines
