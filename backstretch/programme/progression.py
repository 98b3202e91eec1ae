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
from ..base.formats import joined
from ..base.language import N_, _, ngettext
from ..planner.search import HOLD_STEP
from ..routines.dose import GROUP_TARGET, HOLD_MAX, HOLD_MIN
from ..routines.model import MAX_NAME, Routine
from ..safety.flags import stop_signs
from ..log.records import SessionRecord

STEADY_SESSIONS = 4
"""Sessions in a row with every hold done and no rise in pain before holding longer."""
RISE_WINDOW, RISE_OF = 3, 2
"""Ease back after a rise in pain in the latest session or in 2 of the last 3."""
HOLDS = N_("holds {seconds} s")
"""What a copy's name adds in brackets (``Suggestion.suffix``), in English; shown through ``_``."""
SUFFIXES = (N_("longer holds"), N_("shorter holds"), N_("one more repetition"),
            N_("one repetition fewer"))


def _suffix_pattern() -> re.Pattern[str]:
    """A copy's bracketed suffix (and a number after it), in English or the current
    language, so that a copy of a copy does not pile them up."""
    words = {w for english in (HOLDS, *SUFFIXES) for w in (english, _(english))}
    alternatives = sorted((re.escape(w).replace(re.escape("{seconds}"), r"\d+") for w in words),
                          key=len, reverse=True)
    return re.compile(r" \((?:" + "|".join(alternatives) + r")\)(?: \d+)?$")


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
            return _("one more repetition")
        if self.kind == "ease" and None in holds:
            return _("one repetition fewer")
        if len(holds) == 1:
            return _(HOLDS).format(seconds=holds.pop())
        return _("longer holds") if self.kind == "longer" else _("shorter holds")

    def apply(self, routine: Routine, taken: Collection[str] = ()) -> Routine:
        """A new routine: ``routine`` with the change, named for it ('Desk break (holds
        25 s)', unlike any of ``taken``). ``routine`` itself is left as it was."""
        if not self.changes:
            raise BackstretchError(Problem("<routine>", "items", _(
                "nothing to change: {change}").format(change=self.text)))
        if routine.key() != self.key:
            raise BackstretchError(Problem("<routine>", "name", _(
                "this suggestion is for {routine}, not {other}").format(
                routine=repr(self.routine), other=repr(routine.name))))
        new = routine
        for c in self.changes:
            new = new.changed(c.item, **{k: v for k, v in (("hold", c.hold), ("reps", c.reps))
                                         if v is not None})
        tail = f" ({self.suffix})"
        base = _suffix_pattern().sub("", routine.name)[:MAX_NAME - len(tail) - 3].rstrip()
        # TRANSLATORS: a new routine's description; {change} is like "hold Sphinx for 25 s (...)."
        made = _("Made from “{name}”: {change}").format(name=routine.name, change=self.text)
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
    n = STEADY_SESSIONS
    if scored == len(last):
        why = ngettext("Your last {n} session of “{name}” had every hold done and no rise in "
                       "pain.", "Your last {n} sessions of “{name}” had every hold done and no "
                       "rise in pain.", n)
    elif scored:
        why = ngettext("Your last {n} session of “{name}” had every hold done and no rise in "
                       "pain in the {scored} with pain scores.", "Your last {n} sessions of "
                       "“{name}” had every hold done and no rise in pain in the {scored} with "
                       "pain scores.", n)
    else:
        why = ngettext("Your last {n} session of “{name}” had every hold done and no pain "
                       "scores noted.", "Your last {n} sessions of “{name}” had every hold "
                       "done and no pain scores noted.", n)
    return _progress(routine, why.format(n=n, name=routine.name, scored=scored))


def status(routine: Routine, sessions: Iterable[SessionRecord]) -> str:
    """Why there is no suggestion for ``routine`` yet, in a sentence."""
    own = sessions_of(routine, sessions)
    steady = 0
    for rec in reversed(own):
        if not every_hold_done(rec, routine) or rose(rec):
            break
        steady += 1
    if steady >= STEADY_SESSIONS and not _static(routine):
        return _("“{name}” has no static stretch, so no hold to make longer.").format(
            name=routine.name)
    if steady >= STEADY_SESSIONS:
        return _("“{name}” already holds every stretch for {hold} s or more, {total} s in "
                 "all. Keep it up.").format(name=routine.name, hold=HOLD_MAX,
                                            total=GROUP_TARGET)
    return ngettext("After {n} session in a row of “{name}” with every hold done and no rise "
                    "in pain, you will see a suggestion here. So far: {steady} in a row.",
                    "After {n} sessions in a row of “{name}” with every hold done and no rise "
                    "in pain, you will see a suggestion here. So far: {steady} in a row.",
                    STEADY_SESSIONS).format(n=STEADY_SESSIONS, name=routine.name, steady=steady)


def _listed(routine: Routine, changes: tuple[Change, ...]) -> str:
    """'hold Back rounders for 15 s and Sphinx for 20 s', or 'do Sphinx 3 times'."""
    parts = [_("{stretch} for {seconds} s").format(stretch=routine.stretch(c.item).name,
                                                   seconds=c.hold) if c.hold is not None else
             ngettext("{stretch} {n} time", "{stretch} {n} times", c.reps or 0).format(
                 stretch=routine.stretch(c.item).name, n=c.reps or 0) for c in changes]
    said = joined(parts)
    # TRANSLATORS: {stretches} is like "Back rounders for 15 s and Sphinx for 20 s"
    return (_("hold {stretches}") if changes[0].hold is not None else
            _("do {stretches}")).format(stretches=said)


def _static(routine: Routine) -> list[int]:
    return [i for i in range(len(routine.items)) if routine.stretch(i).is_static]


def _progress(routine: Routine, why: str) -> Suggestion | None:
    static = _static(routine)
    longer = tuple(Change(i, hold=min(HOLD_MAX, routine.hold(i) + HOLD_STEP)) for i in static
                   if routine.hold(i) < HOLD_MAX)
    if longer:
        # TRANSLATORS: {change} is like "hold Sphinx for 25 s"
        return Suggestion("longer", routine.name, routine.key(), _(
            "{change} ({step} s longer; the guideline's holds go up to {most} s).").format(
            change=_listed(routine, longer), step=HOLD_STEP, most=HOLD_MAX), why,
            _("Make a copy with longer holds"), longer)
    more = tuple(Change(i, reps=routine.reps(i) + 1) for i in static
                 if routine.hold(i) * routine.reps(i) < GROUP_TARGET)
    if more:
        # TRANSLATORS: {change} is like "do Sphinx 3 times"
        return Suggestion("more_reps", routine.name, routine.key(), _(
            "{change} (one more each, toward the guideline's {total} s in all).").format(
            change=_listed(routine, more), total=GROUP_TARGET), why,
            _("Make a copy with one more repetition"), more)
    return None


def _ease(routine: Routine, rises: int, of: int) -> Suggestion:
    why = (_("Pain was higher after “{name}” than before it in your latest session.")
           if rises < RISE_OF else
           _("Pain was higher after “{name}” than before it in {rises} of your last {of}.")
           ).format(name=routine.name, rises=rises, of=of)
    signs = stop_signs()
    shorter = tuple(Change(i, hold=max(HOLD_MIN, routine.hold(i) - HOLD_STEP))
                    for i in _static(routine) if routine.hold(i) > HOLD_MIN)
    if shorter:
        return Suggestion("ease", routine.name, routine.key(), _(
            "{change} ({step} s less, not under {least} s).").format(
            change=_listed(routine, shorter), step=HOLD_STEP, least=HOLD_MIN), why,
            _("Make a copy with shorter holds"), shorter, signs)
    fewer = tuple(Change(i, reps=routine.reps(i) - 1) for i in range(len(routine.items))
                  if routine.reps(i) > 1)
    if fewer:
        return Suggestion("ease", routine.name, routine.key(), _(
            "{change} (one fewer each).").format(change=_listed(routine, fewer)), why,
            _("Make a copy with one repetition fewer"), fewer, signs)
    return Suggestion("ease", routine.name, routine.key(), _(
        "rest for a day or two, and ask a clinician if the pain keeps rising; this routine is "
        "already as short as it goes."), why, "", (), signs)
