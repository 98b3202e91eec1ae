"""The dose check: a routine against the ACSM flexibility guideline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..base.formats import number
from ..base.language import N_, _
from ..catalogue.muscles import MUSCLE_GROUPS

if TYPE_CHECKING:
    from .model import Routine

HOLD_MIN = 10
"""ACSM: hold a static stretch 10 to 30 s (30 to 60 s may help older adults)."""
HOLD_MAX = 30
HOLD_MAX_OLDER = 60
GROUP_TARGET = 60
"""ACSM: about 60 s accumulated per stretch in a session; per muscle group is this
workbook's reading."""
DAYS_PER_WEEK = (2, 3)
"""ACSM: at least 2 to 3 days a week; daily is most effective."""


_BASIS = N_("How this is judged: holds of {low} to {high} s adding up to about {target} s per "
            "exercise are ACSM's advice for healthy adults, applied here to a back-care "
            "routine; counting it per muscle group, a secondary group at half time, and adding "
            "up time across stretches are this workbook's own rules.")
BASIS = _BASIS.format(low=HOLD_MIN, high=HOLD_MAX, target=GROUP_TARGET)
"""The sentence shown beside every dose check result, so nobody takes it for a prescription
(in English; ``basis()`` in the current language)."""


def basis() -> str:
    """``BASIS`` in the current language."""
    return _(_BASIS).format(low=HOLD_MIN, high=HOLD_MAX, target=GROUP_TARGET)


def _seconds(value: float) -> str:
    """Seconds as the report writes them: '60', '22.5' ('22,5' in Spanish)."""
    return number(value, digits=2)


@dataclass(frozen=True)
class GroupDose:
    """One targeted muscle group's static stretch time against the 60 s target."""

    group: str
    seconds: float
    target: int = GROUP_TARGET

    @property
    def met(self) -> bool:
        return self.seconds >= self.target

    @property
    def shortfall(self) -> float:
        return max(0.0, self.target - self.seconds)


@dataclass(frozen=True)
class HoldNote:
    """A static hold outside the guideline's 10 to 30 s."""

    item: int
    stretch: str
    seconds: int

    @property
    def too_short(self) -> bool:
        return self.seconds < HOLD_MIN

    def __str__(self) -> str:
        if self.too_short:
            return _("{stretch}: {seconds} s holds are shorter than the {low} to {high} s the "
                     "guideline recommends").format(stretch=self.stretch, seconds=self.seconds,
                                                    low=HOLD_MIN, high=HOLD_MAX)
        return _("{stretch}: {seconds} s holds are longer than {high} s; fine for older adults "
                 "up to {older} s, otherwise split them into reps").format(
            stretch=self.stretch, seconds=self.seconds, high=HOLD_MAX, older=HOLD_MAX_OLDER)


@dataclass(frozen=True)
class DoseLine:
    """One sentence of a dose report."""

    text: str
    short: bool = False
    """True when it tells of a targeted group short of its target."""


@dataclass(frozen=True)
class DoseReport:
    """Which targeted groups reach 60 s of static stretch, and which holds fall outside."""

    groups: tuple[GroupDose, ...]
    """Every group a static stretch of the routine targets as primary."""
    holds: tuple[HoldNote, ...]

    @property
    def short(self) -> tuple[GroupDose, ...]:
        """Targeted groups below the 60 s target."""
        return tuple(g for g in self.groups if not g.met)

    @property
    def ok(self) -> bool:
        """True when every targeted group is reached and no hold is too short."""
        return not self.short and not any(h.too_short for h in self.holds)

    def entries(self) -> list[DoseLine]:
        """The report as sentences, each marked when it tells of a group short of target."""
        out = []
        if not self.groups:
            out.append(DoseLine(_("No static stretch in this routine, so no stretch dose to "
                                  "check.")))
        for g in self.groups:
            name = MUSCLE_GROUPS[g.group].name
            if g.met:
                out.append(DoseLine(_("{group}: {seconds} s of {target} s, reached.").format(
                    group=name, seconds=_seconds(g.seconds), target=g.target)))
            else:
                out.append(DoseLine(_("{group}: {seconds} s of {target} s, {short} s short.")
                                    .format(group=name, seconds=_seconds(g.seconds),
                                            target=g.target, short=_seconds(g.shortfall)),
                                    short=True))
        out.extend(DoseLine(f"{h}.") for h in self.holds)
        low, high = DAYS_PER_WEEK
        out.append(DoseLine(_("Do it at least {low} to {high} days a week; daily is best.").format(
            low=low, high=high)))
        out.append(DoseLine(basis()))
        return out

    def lines(self) -> list[str]:
        """The report as plain sentences."""
        return [line.text for line in self.entries()]

    def __str__(self) -> str:
        return "\n".join(self.lines())


def dose_report(routine: Routine) -> DoseReport:
    """Check ``routine`` against the ACSM guideline (see the module's constants)."""
    coverage = routine.coverage()
    targets: list[str] = []
    holds: list[HoldNote] = []
    for i in range(len(routine.items)):
        s = routine.stretch(i)
        if not s.is_static:
            continue
        targets.extend(g for g in s.primary if g not in targets)
        hold = routine.hold(i)
        if hold < HOLD_MIN or hold > HOLD_MAX:
            holds.append(HoldNote(i, s.name, hold))
    order = list(MUSCLE_GROUPS)
    groups = tuple(GroupDose(g, coverage[g].stretch) for g in sorted(targets, key=order.index))
    return DoseReport(groups, tuple(holds))
