"""Progression: from the recent sessions of one routine, a suggestion to hold longer, add a
repetition, or ease back. Only ever suggested: ``Suggestion.apply`` makes a new routine
and leaves the one you have alone.

The rules
    Only the sessions of this routine count (its ``Routine.key()``: same name, stretches
    and sides), and only those with at least one hold done (``SessionRecord.counts``).

    Ease back when pain rose (pain after above pain before) in the latest session, or in
    ``RISE_OF`` of the last ``RISE_WINDOW``: holds ``HOLD_STEP`` s shorter, not below the
    guideline's shortest; when they are already there, one repetition fewer.

    Move on when the last ``STEADY_SESSIONS`` sessions each had every hold done (no hold
    skipped, every checklist box held to the end) and none of them a rise in pain: static
    holds ``HOLD_STEP`` s longer, up to the guideline's longest; when all are there, one
    more repetition of a stretch whose repetitions add up to less than the guideline's
    time per exercise. A session without both pain scores neither helps nor blocks the
    pain rule: the holds done are what count, and the words say when no scores were noted.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ..base.checks import MAX_TEXT
from ..base.errors import BackstretchError, Problem
from ..base.formats import counted, joined
from ..planner.search import HOLD_STEP
from ..routines.dose import GROUP_TARGET, HOLD_MAX, HOLD_MIN
from ..routines.model import MAX_NAME, Routine
from ..safety.flags import STOP_SIGNS
from ..log.records import SessionRecord

STEADY_SESSIONS = 4
"""Sessions in a row with every hold done and no rise in pain before holding longer."""
RISE_WINDOW, RISE_OF = 3, 2
"""Ease back after a rise in pain in the latest session or in 2 of the last 3."""
_SUFFIX = re.compile(r" \((?:holds \d+ s|longer holds|shorter holds|one more repetition|"
                     r"one repetition fewer)\)(?: \d+)?$")


@dataclass(frozen=True)
class Change:
    """New hold or reps for one item of the routine (None keeps it as it is)."""

    item: int
    hold: int | None = None
    reps: int | None = None


@dataclass(frozen=True)
class Suggestion:
    """A change to a routine in words, and ``apply`` to make a copy with it."""

    kind: str
    """``longer``, ``more_reps`` or ``ease``."""
    routine: str
    """The name of the routine it is for."""
    key: str
    """That routine's ``Routine.key()``."""
    text: str
    """What to change, in a sentence."""
    why: str
    """What in the log led to it."""
    button: str
    """The label of the button that makes the copy."""
    changes: tuple[Change, ...]
    stop_signs: tuple[str, ...] = ()
    """When easing back: the stop signs, to read again."""

    @property
    def suffix(self) -> str:
        """What the copy's name adds in brackets: 'holds 25 s', 'one more repetition'."""
        holds = {c.hold for c in self.changes}
        if self.kind == "more_reps":
            return "one more repetition"
        if self.kind == "ease" and None in holds:
            return "one repetition fewer"
        if len(holds) == 1:
            return f"holds {holds.pop()} s"
        return "longer holds" if self.kind == "longer" else "shorter holds"

    def apply(self, routine: Routine, taken: Collection[str] = ()) -> Routine:
        """A new routine: ``routine`` with the change, named for it ('Desk break (holds
        25 s)', unlike any of ``taken``). ``routine`` itself is left as it was."""
        if not self.changes:
            raise BackstretchError(Problem("<routine>", "items", f"nothing to change: {self.text}"))
        if routine.key() != self.key:
            raise BackstretchError(Problem("<routine>", "name", (
                f"this suggestion is for {self.routine!r}, not {routine.name!r}")))
        new = routine
        for c in self.changes:
            new = new.changed(c.item, **{k: v for k, v in (("hold", c.hold), ("reps", c.reps))
                                         if v is not None})
        tail = f" ({self.suffix})"
        base = _SUFFIX.sub("", routine.name)[:MAX_NAME - len(tail) - 3].rstrip()
        made = f"Made from “{routine.name}”: {self.text}"
        return dataclasses.replace(new, name=distinct_name(base + tail, taken),
                                   description=made[:MAX_TEXT])


def distinct_name(name: str, taken: Collection[str]) -> str:
    """``name``, or ``name 2``, ``name 3`` ... the first not in ``taken`` (case ignored)."""
    used = {t.casefold() for t in taken}
    n, out = 1, name
    while out.casefold() in used:
        n += 1
        out = f"{name} {n}"
    return out


def rose(rec: SessionRecord) -> bool:
    """True when both pain scores were noted and pain after was above pain before."""
    return (rec.pain_before is not None and rec.pain_after is not None
            and rec.pain_after > rec.pain_before)


def every_hold_done(rec: SessionRecord, routine: Routine) -> bool:
    """True when no hold was skipped and every checklist box of ``routine`` was held."""
    return rec.steps_skipped == 0 and rec.steps_completed >= len(routine.checklist_boxes())


def sessions_of(routine: Routine, sessions: Iterable[SessionRecord]) -> list[SessionRecord]:
    """The sessions of ``routine`` with at least one hold done, oldest first."""
    key = routine.key()
    return sorted((r for r in sessions if r.routine_key == key and r.counts),
                  key=lambda r: (r.started_at, r.id))


def suggest(routine: Routine, sessions: Iterable[SessionRecord]) -> Suggestion | None:
    """What to change in ``routine`` after its recent ``sessions`` (any log's, any order;
    others' are left out), or None: too few steady sessions, or nothing left to change."""
    own = sessions_of(routine, sessions)
    recent = own[-RISE_WINDOW:]
    rises = sum(rose(r) for r in recent)
    if recent and (rose(recent[-1]) or rises >= RISE_OF):
        return _ease(routine, rises, len(recent))
    last = own[-STEADY_SESSIONS:]
    if len(last) < STEADY_SESSIONS or not all(every_hold_done(r, routine) and not rose(r)
                                              for r in last):
        return None
    scored = sum(r.pain_before is not None and r.pain_after is not None for r in last)
    pain = ("no rise in pain" if scored == len(last) else
            f"no rise in pain in the {scored} with pain scores" if scored else
            "no pain scores noted")
    why = (f"Your last {STEADY_SESSIONS} sessions of “{routine.name}” had every hold done "
           f"and {pain}.")
    return _progress(routine, why)


def status(routine: Routine, sessions: Iterable[SessionRecord]) -> str:
    """Why there is no suggestion for ``routine`` yet, in a sentence."""
    own = sessions_of(routine, sessions)
    steady = 0
    for rec in reversed(own):
        if not every_hold_done(rec, routine) or rose(rec):
            break
        steady += 1
    if steady >= STEADY_SESSIONS and not _static(routine):
        return f"“{routine.name}” has no static stretch, so no hold to make longer."
    if steady >= STEADY_SESSIONS:
        return (f"“{routine.name}” already holds every stretch for {HOLD_MAX} s or more, "
                f"{GROUP_TARGET} s in all. Keep it up.")
    return (f"After {STEADY_SESSIONS} sessions in a row of “{routine.name}” with every hold "
            f"done and no rise in pain, you will see a suggestion here. So far: {steady} in a "
            "row.")


def _listed(routine: Routine, changes: tuple[Change, ...]) -> str:
    """'hold Back rounders for 15 s and Sphinx for 20 s', or 'do Sphinx 3 times'."""
    parts = [f"{routine.stretch(c.item).name} for {c.hold} s" if c.hold is not None else
             f"{routine.stretch(c.item).name} {counted(c.reps or 0, 'time')}" for c in changes]
    said = joined(parts)
    return f"hold {said}" if changes[0].hold is not None else f"do {said}"


def _static(routine: Routine) -> list[int]:
    return [i for i in range(len(routine.items)) if routine.stretch(i).is_static]


def _progress(routine: Routine, why: str) -> Suggestion | None:
    static = _static(routine)
    longer = tuple(Change(i, hold=min(HOLD_MAX, routine.hold(i) + HOLD_STEP)) for i in static
                   if routine.hold(i) < HOLD_MAX)
    if longer:
        return Suggestion("longer", routine.name, routine.key(),
                          f"{_listed(routine, longer)} ({HOLD_STEP} s longer; the guideline's "
                          f"holds go up to {HOLD_MAX} s).", why, "Make a copy with longer holds",
                          longer)
    more = tuple(Change(i, reps=routine.reps(i) + 1) for i in static
                 if routine.hold(i) * routine.reps(i) < GROUP_TARGET)
    if more:
        return Suggestion("more_reps", routine.name, routine.key(),
                          f"{_listed(routine, more)} (one more each, toward the guideline's "
                          f"{GROUP_TARGET} s in all).", why,
                          "Make a copy with one more repetition", more)
    return None


def _ease(routine: Routine, rises: int, of: int) -> Suggestion:
    latest = "in your latest session" if rises < RISE_OF else f"in {rises} of your last {of}"
    why = f"Pain was higher after “{routine.name}” than before it {latest}."
    shorter = tuple(Change(i, hold=max(HOLD_MIN, routine.hold(i) - HOLD_STEP))
                    for i in _static(routine) if routine.hold(i) > HOLD_MIN)
    if shorter:
        return Suggestion("ease", routine.name, routine.key(),
                          f"{_listed(routine, shorter)} ({HOLD_STEP} s less, not under "
                          f"{HOLD_MIN} s).", why, "Make a copy with shorter holds", shorter,
                          STOP_SIGNS)
    fewer = tuple(Change(i, reps=routine.reps(i) - 1) for i in range(len(routine.items))
                  if routine.reps(i) > 1)
    if fewer:
        return Suggestion("ease", routine.name, routine.key(),
                          f"{_listed(routine, fewer)} (one fewer each).", why,
                          "Make a copy with one repetition fewer", fewer, STOP_SIGNS)
    return Suggestion("ease", routine.name, routine.key(),
                      "rest for a day or two, and ask a clinician if the pain keeps rising; "
                      "this routine is already as short as it goes.", why, "", (), STOP_SIGNS)
