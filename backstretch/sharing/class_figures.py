"""The instructor's view of a week, from the shares alone: how many shared, their days
against the plan, the median changes and how many reached the minimal important change,
a row for each named student, and a line for each named student who allowed it and
whose pain is rising.

No anonymous student may be picked out: while fewer than ``MIN_ANONYMOUS`` shares are
anonymous, the figures leave them all out (and say so), so that the named rows cannot
be taken from the figures to leave one anonymous student's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Any

from ..base.formats import day, number
from ..base.language import N_, _, ngettext
from .share import Share, tenths

MIN_ANONYMOUS = 5
"""The smallest group of anonymous shares the figures may count."""
SPREAD = (N_("on plan"), N_("1 day short"), N_("2 or more days short"), N_("no plan"))
"""The days against the plan, in the order shown: the figures' keys (in English, as the
service sends them), translated where shown."""


def spread_of(share: Share) -> str:
    """Which of ``SPREAD`` a share's days fall in."""
    if share.planned is None:
        return SPREAD[3]
    short = share.planned - share.days
    return SPREAD[0] if short <= 0 else SPREAD[1] if short == 1 else SPREAD[2]


@dataclass(frozen=True)
class Change:
    """One measure's change since the start, over the shares that have it."""

    shares: int
    """Shares with this change (a second check-in)."""
    median: float | None
    reached: int
    """Of them, how many reached the change most people notice."""

    def line(self, what: str) -> str:
        """The change in words; ``what`` is ``pain`` (usual pain) or ``activities`` (their
        average)."""
        if not self.shares:
            return (_("Usual pain: no share has a change yet (it needs two check-ins).")
                    if what == "pain" else
                    _("Activities' average: no share has a change yet (it needs two "
                      "check-ins)."))
        shares = ngettext("{n} share", "{n} shares", self.shares).format(n=self.shares)
        text = (_("Usual pain: median change {change} over {shares}; {reached} reached the "
                  "change most people notice.") if what == "pain" else
                _("Activities' average: median change {change} over {shares}; {reached} "
                  "reached the change most people notice."))
        return text.format(change=signed(self.median or 0), shares=shares, reached=self.reached)


def signed(value: float) -> str:
    """A change with its sign, in the current language: '+2', '-1.5', '0'."""
    return ("+" if value >= 0 else "") + number(value)


def _change(values: list[tuple[float, bool]]) -> Change:
    if not values:
        return Change(0, None, 0)
    return Change(len(values), round(median(v for v, _ in values), 1),
                  sum(ok for _, ok in values))


@dataclass(frozen=True)
class ClassFigures:
    """What the instructor sees of one week."""

    week: date
    shared: int
    """Every share this week, named or not."""
    anonymous: int
    counted: int
    """The shares the figures are over: all, or the named only (fewer than 5 anonymous)."""
    spread: Mapping[str, int]
    pain: Change
    activities: Change
    named: tuple[Share, ...]
    """The named shares, by name."""
    rising: tuple[str, ...]
    """Named students who allowed it and whose usual pain is rising."""

    @property
    def held_back(self) -> int:
        """Anonymous shares left out of the figures."""
        return self.shared - self.counted

    def lines(self) -> list[str]:
        """The figures in words."""
        out = [ngettext("Week of {week}: {n} student shared ({named} named, {anonymous} "
                        "anonymous).", "Week of {week}: {n} students shared ({named} named, "
                        "{anonymous} anonymous).", self.shared).format(
            week=day(self.week, "long"), n=self.shared, named=self.shared - self.anonymous,
            anonymous=self.anonymous)]
        if self.held_back:
            out.append(ngettext(
                "{n} anonymous share is left out of the figures: anonymous shares count only "
                "once there are at least {least}, so that none can be picked out.",
                "{n} anonymous shares are left out of the figures: anonymous shares count "
                "only once there are at least {least}, so that none can be picked out.",
                self.held_back).format(n=self.held_back, least=MIN_ANONYMOUS))
        if self.counted:
            # TRANSLATORS: a count and one of "on plan", "1 day short", "2 or more days
            # short", "no plan": how many shares fall there ("3 on plan").
            spread = ", ".join(_("{n} {spread}").format(n=n, spread=_(k))
                               for k, n in self.spread.items())
            out.append(ngettext("Days against the plan, over {n} share: {spread}.",
                                "Days against the plan, over {n} shares: {spread}.",
                                self.counted).format(n=self.counted, spread=spread))
            out += [self.pain.line("pain"), self.activities.line("activities")]
        return out

    def rising_lines(self) -> list[str]:
        """One line for each student to talk to."""
        return [_("{name} allowed you to know that their usual pain is rising: talk with them "
                  "before they next stretch, and point them to the stop signs and to a "
                  "clinician if it goes on. This is not a diagnosis.").format(name=name)
                for name in self.rising]

    def to_json(self) -> dict[str, Any]:
        """The figures as the service sends them (the named rows in full, nothing of the
        anonymous shares but the figures)."""
        return {"week": self.week.isoformat(), "shared": self.shared,
                "anonymous": self.anonymous, "counted": self.counted,
                "spread": dict(self.spread), "pain": vars(self.pain),
                "activities": vars(self.activities),
                "named": [s.to_json() for s in self.named], "rising": list(self.rising)}


def class_figures(shares: Iterable[Share], week: date) -> ClassFigures:
    """The figures of ``week`` from the service's shares (others' weeks are left out)."""
    mine = [s for s in shares if s.week == week]
    named = sorted((s for s in mine if s.name is not None), key=lambda s: s.name or "")
    anonymous = len(mine) - len(named)
    counted_in = mine if anonymous >= MIN_ANONYMOUS else named
    spread = {k: 0 for k in SPREAD}
    for s in counted_in:
        spread[spread_of(s)] += 1
    return ClassFigures(
        week, len(mine), anonymous, len(counted_in), spread,
        _change([(s.pain_change, bool(s.pain_reached)) for s in counted_in
                 if s.pain_change is not None]),
        _change([(s.activities_change, bool(s.activities_reached)) for s in counted_in
                 if s.activities_change is not None]),
        tuple(named), tuple(s.name for s in named if s.pain_rising and s.name))


def _change_cell(change: float | None, reached: bool | None) -> str:
    if change is None:
        return _("not yet")
    if reached:
        return _("{change}, a change most people notice").format(change=signed(change))
    return signed(change)


def row_words(share: Share) -> list[str]:
    """A named student's row: name, days, pain and activities now, their changes."""
    plan = (_("{days} of {planned}").format(days=share.days, planned=share.planned)
            if share.planned else _("{days} (no plan)").format(days=share.days))
    if share.usual_pain is None:
        now = _("no recent check-in")
    elif share.activities is None:
        now = _("pain {pain}, activities none rated").format(pain=share.usual_pain)
    else:
        now = _("pain {pain}, activities {activities}").format(
            pain=share.usual_pain, activities=tenths(share.activities))
    return [share.name or "", plan, now, _change_cell(share.pain_change, share.pain_reached),
            _change_cell(share.activities_change, share.activities_reached)]


def figures_from_json(data: Mapping[str, Any]) -> ClassFigures:
    """The figures back from the service's JSON (``ClassFigures.to_json``)."""
    named = tuple(Share(**{**s, "week": date.fromisoformat(s["week"])}) for s in data["named"])
    return ClassFigures(date.fromisoformat(data["week"]), int(data["shared"]),
                        int(data["anonymous"]), int(data["counted"]), dict(data["spread"]),
                        Change(**data["pain"]), Change(**data["activities"]), named,
                        tuple(data["rising"]))
