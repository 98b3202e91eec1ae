"""The planner: suggest a routine that fits a time budget and reaches the dose guideline.

The problem
    Choose stretches from the catalogue, each with a hold (10 to 30 s, a multiple of
    5 s) and a number of reps (1 to 4), so that the routine's whole duration
    (``Routine.duration``: get-ready, holds, rests and side switches) fits
    ``budget_seconds`` and as many target muscle groups as possible reach the
    guideline's 60 s of static stretch (``Routine.coverage``: primary groups count
    the full hold, secondary half, per side). Only static stretches count, so only
    they are planned (strengthening moves, when asked, are added at their own counts and
    count toward no dose). Each stretch is used at most once, on both sides.

    A stretch's dose is ``hold * reps`` seconds of stretch per side, and what it
    costs is the seconds it adds to the timeline (``routine.item_timeline``): get
    ready, each side's holds and rests, and the switch between sides.
    For each dose the fewest reps are used (so the fewest rests), and doses that
    cost as much as a larger dose are dropped: these are the *levels* of a stretch.

    How the search chooses, and where it is not optimal: ``search``.
    Then the routine is ordered: standing, then seated on a chair, seated on the
    floor, kneeling, prone, supine, so you get down to the floor once; gentle before
    moderate before advanced within a position.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from ..base import checks
from ..base.checks import Checker
from ..base.formats import joined
from ..base.language import N_, _, ngettext
from ..catalogue.muscles import MUSCLE_GROUPS, in_sentence
from ..catalogue.stretches import EQUIPMENT, FLAGS, LEVELS, POSITIONS, Catalogue, Stretch
from ..routines.coverage import group_weights
from ..routines.dose import GROUP_TARGET
from ..routines.model import Routine, RoutineItem, Settings, format_duration, item_timeline
from ..safety.flags import CONDITIONS
from .search import Candidate, candidate, levels, search

GOALS: dict[str, tuple[str, ...]] = {
    "lower back spasm": ("lower_back", "glutes", "hamstrings", "hip_flexors",
                         "deep_hip_rotators", "flank"),
    "desk worker": ("hip_flexors", "hamstrings", "chest_shoulders", "mid_back", "lower_back",
                    "glutes"),
    "hamstring tightness": ("hamstrings", "calves", "glutes", "lower_back"),
    "hip tightness": ("hip_flexors", "deep_hip_rotators", "glutes", "adductors", "quadriceps"),
    "side and twist": ("flank", "obliques", "lats", "mid_back"),
    "after running": ("calves", "hamstrings", "quadriceps", "hip_flexors", "glutes",
                      "adductors"),
    "whole body": tuple(MUSCLE_GROUPS),
}
"""Goals a person can pick instead of muscle groups, and the groups each targets."""
# TRANSLATORS: what a person can plan for; the first also starts a plan's name
GOAL_NAMES: dict[str, str] = {
    "lower back spasm": N_("lower back spasm"),
    "desk worker": N_("desk worker"),
    "hamstring tightness": N_("hamstring tightness"),
    "hip tightness": N_("hip tightness"),
    "side and twist": N_("side and twist"),
    "after running": N_("after running"),
    "whole body": N_("whole body"),
}
"""Each goal as people read it (in English, marked for the catalogue: ``goal_name``)."""
DEFAULT_GOAL = "lower back spasm"
"""The goal used when neither targets nor a goal is given."""
MAX_BUDGET = 7200
"""The longest budget accepted, in seconds: two hours."""
POSITION_ORDER = ("standing", "seated", "kneeling", "prone", "supine")
"""From standing down to lying, so the floor is reached once."""
STRENGTH_MOVES = 2
"""Strengthening moves added when asked: a couple, so the stretches keep most of the time."""

def goal_name(goal: str) -> str:
    """A goal as people read it, in the current language: 'lower back spasm'."""
    return _(GOAL_NAMES[goal]) if goal in GOAL_NAMES else goal


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _order_key(catalogue_index: dict[str, int]):  # noqa: ANN202 - a sort key function
    def key(s: Stretch) -> tuple[int, bool, int, int]:
        return (POSITION_ORDER.index(s.position), s.floor_work, LEVELS.index(s.level),
                catalogue_index[s.id])
    return key


def _subset(check: Checker, name: str, values: Iterable[str] | None,
            allowed: Collection[str]) -> set[str] | None:
    """None (anything allowed) or the chosen values of ``allowed``."""
    if values is None:
        return None
    if isinstance(values, (set, frozenset)):
        values = sorted(values, key=str)
    chosen = check(name, checks.choices, values, allowed, repeats=True)
    return None if chosen is None else set(chosen)


def target_groups(targets: Iterable[str] | None = None, goal: str | None = None) -> tuple[str, ...]:
    """The target group ids: ``targets`` and the goal's groups (``DEFAULT_GOAL`` if neither)."""
    check = Checker("<planner>")
    if targets is None and goal is None:
        goal = DEFAULT_GOAL
    if goal is not None:
        goal = check("goal", checks.choice, goal, GOALS)
    chosen = _subset(check, "targets", targets, MUSCLE_GROUPS) or set()
    check.raise_if_any()
    chosen |= set(GOALS[goal]) if goal is not None else set()
    if not chosen:
        check.fail("targets", _("pick at least one of: {groups}").format(
            groups=", ".join(MUSCLE_GROUPS)))
        check.raise_if_any()
    return tuple(g for g in MUSCLE_GROUPS if g in chosen)


def reached_groups(routine: Routine, targets: Iterable[str]) -> tuple[str, ...]:
    """The target groups whose static stretch reaches 60 s in ``routine.coverage()``."""
    coverage = routine.coverage()
    return tuple(g for g in targets if g in coverage and coverage[g].stretch >= GROUP_TARGET)


def summary(routine: Routine, targets: Iterable[str], budget_seconds: int) -> str:
    """One line: how many target groups reach 60 s, which fall short, the time used."""
    targets = tuple(targets)
    reached = reached_groups(routine, targets)
    short = [MUSCLE_GROUPS[g].in_sentence for g in targets if g not in reached]
    n = len(targets)
    if not short:
        head = _("The target group reaches {target} s of stretch, in {used} of the {budget} "
                 "you have.") if n == 1 else \
            _("Both target groups reach {target} s of stretch, in {used} of the {budget} "
              "you have.") if n == 2 else \
            ngettext("All {n} target group reaches {target} s of stretch, in {used} of the "
                     "{budget} you have.",
                     "All {n} target groups reach {target} s of stretch, in {used} of the "
                     "{budget} you have.", n)
    elif n > 1:
        head = ngettext("{reached} of {n} target group reach {target} s of stretch, in {used} "
                        "of the {budget} you have.",
                        "{reached} of {n} target groups reach {target} s of stretch, in {used} "
                        "of the {budget} you have.", n)
    else:
        head = _("The target group does not reach {target} s of stretch, in {used} of the "
                 "{budget} you have.")
    text = head.format(n=n, reached=len(reached), target=GROUP_TARGET,
                       used=format_duration(routine.duration),
                       budget=format_duration(budget_seconds))
    if short:
        text += " " + _("Short of {target} s: {groups}.").format(target=GROUP_TARGET,
                                                                groups=", ".join(short))
    return text


def strength_moves(catalogue: Catalogue, allowed: Callable[[Stretch], bool], seconds: int,
                   settings: Settings = Settings()) -> list[tuple[Stretch, int]]:
    """Up to ``STRENGTH_MOVES`` strengthening moves that ``allowed`` keeps, each with what
    it costs at its catalogue defaults, within ``seconds`` in all: gentlest first, then in
    catalogue order, none working the same main groups as one already taken."""
    out: list[tuple[Stretch, int]] = []
    seen: set[frozenset[str]] = set()
    for s in sorted(catalogue.values(), key=lambda s: LEVELS.index(s.level)):
        if s.kind != "strengthening" or not allowed(s) or frozenset(s.primary) in seen:
            continue
        sides = ("left", "right") if s.per_side else (None,)
        cost = sum(b.seconds for b in item_timeline(False, sides, s.hold.low, s.reps,
                                                    settings.rest, settings))
        if cost > seconds or len(out) == STRENGTH_MOVES:
            continue
        seen.add(frozenset(s.primary))
        out.append((s, cost))
        seconds -= cost
    return out


def plan(catalogue: Catalogue, targets: Iterable[str] | None = None, goal: str | None = None,
         budget_seconds: int = 600, positions: Iterable[str] | None = None,
         equipment: Iterable[str] | None = None, no_floor: bool = False,
         avoid_flags: Iterable[str] = (), settings: Settings = Settings(),
         conditions: Iterable[str] = (), strengthening: bool = False) -> Routine:
    """A routine within ``budget_seconds`` reaching 60 s for as many target groups as fit.

    ``targets`` are muscle-group ids, ``goal`` a key of ``GOALS`` (both may be given;
    their groups add up). ``positions`` and ``equipment`` are the allowed ones
    (None allows all; ``equipment=[]`` allows stretches needing none). ``no_floor``
    leaves out floor work; ``avoid_flags`` leaves out stretches with any of those
    movement flags; ``conditions`` (keys of ``safety.flags.CONDITIONS``) leaves out stretches
    whose ``avoid_with`` names any of them. ``strengthening`` adds up to
    ``STRENGTH_MOVES`` allowed strengthening moves at their catalogue defaults, their
    time (at most half the budget) set aside first; they count toward no static-stretch
    dose. Raises BackstretchError naming the field for bad values, or when no allowed
    stretch works a target group or fits the budget.
    """
    groups = target_groups(targets, goal)
    check = Checker("<planner>")
    budget_seconds = check("budget_seconds", checks.whole, budget_seconds, 1, MAX_BUDGET,
                           " of seconds")
    allowed_positions = _subset(check, "positions", positions, POSITIONS)
    allowed_equipment = _subset(check, "equipment", equipment, EQUIPMENT)
    avoid = _subset(check, "avoid_flags", avoid_flags, FLAGS) or set()
    ruled_out = _subset(check, "conditions", conditions, CONDITIONS) or set()
    check("settings", checks.instance, settings, Settings, "a backstretch.Settings")
    check("no_floor", checks.flag, no_floor)
    check("strengthening", checks.flag, strengthening)
    check.raise_if_any()

    def allowed(s: Stretch) -> bool:
        return not ((no_floor and s.floor_work) or avoid & set(s.flags)
                    or ruled_out & set(s.avoid_with)
                    or (allowed_positions is not None and s.position not in allowed_positions)
                    or (allowed_equipment is not None
                        and not set(s.equipment) <= allowed_equipment))

    ladders = {}
    for side in (False, True):
        lv = levels(side, settings)
        ladders[side] = (lv, (0, *(x.dose for x in lv)), (0, *(x.cost for x in lv)))
    index = {g: t for t, g in enumerate(groups)}
    cands: list[Candidate] = []
    seen: set[tuple[bool, tuple[tuple[int, float], ...]]] = set()
    gentle_first = sorted(catalogue.values(), key=lambda s: LEVELS.index(s.level))
    for s in gentle_first:
        if not s.is_static or not allowed(s):
            continue
        terms = tuple(sorted((index[g], w) for g, w in group_weights(s).items() if g in index))
        if terms and (s.per_side, terms) not in seen:
            seen.add((s.per_side, terms))
            cands.append(candidate(s, terms, len(groups), ladders[s.per_side], len(cands)))
    if not cands:
        check.fail("targets", _("no allowed static stretch works any of {groups}; relax "
                                "{fields}").format(groups=", ".join(groups), fields=(
            "positions, equipment, no_floor, avoid_flags or conditions")))
        check.raise_if_any()
    cheapest = min(c.costs[1] for c in cands)
    if budget_seconds < cheapest:
        check.fail("budget_seconds", _("{budget} s is too short; the shortest allowed stretch "
                                       "takes {cheapest} s").format(budget=budget_seconds,
                                                                    cheapest=cheapest))
        check.raise_if_any()

    moves = strength_moves(catalogue, allowed, min(budget_seconds - cheapest,
                                                   budget_seconds // 2), settings) \
        if strengthening else []
    levels_chosen = search(cands, len(groups), budget_seconds - sum(cost for _s, cost in moves))

    key = _order_key({sid: k for k, sid in enumerate(catalogue)})
    picked = [(s, RoutineItem(s.id)) for s, _cost in moves]
    for i, n in levels_chosen.items():
        lv = cands[i].levels[n - 1]
        picked.append((cands[i].stretch, RoutineItem(cands[i].stretch.id, hold=lv.hold,
                                                     reps=lv.reps)))
    items = tuple(item for _s, item in sorted(picked, key=lambda p: key(p[0])))
    names = [MUSCLE_GROUPS[g].in_sentence for g in groups]
    said = [_("Planned for {groups}.").format(groups=", ".join(names))]
    if ruled_out:
        said.append(_("Leaves out stretches to avoid with {conditions}.").format(
            conditions=joined([in_sentence(_(CONDITIONS[c].name)) for c in sorted(ruled_out)],
                              style="or")))
    if strengthening:
        said.append(_("Adds {moves} to strengthen; they count toward no stretch dose.").format(
            moves=joined([in_sentence(s.name) for s, _cost in moves])) if moves else
            _("No strengthening move fits your choices and time."))
    title = _capital(goal_name(goal) if goal else ", ".join(names))
    name = _("{title}, {minutes} min plan").format(title=title, minutes=budget_seconds // 60)
    return Routine(name[:120], items, catalogue, description=" ".join(said), settings=settings)
