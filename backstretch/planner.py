"""The planner: suggest a routine that fits a time budget and reaches the dose guideline.

The problem
    Choose stretches from the catalogue, each with a hold (10 to 30 s, a multiple of
    5 s) and a number of reps (1 to 4), so that the routine's whole duration
    (``Routine.duration``: get-ready, holds, rests and side switches) fits
    ``budget_seconds`` and as many target muscle groups as possible reach the
    guideline's 60 s of static stretch (``Routine.coverage``: primary groups count
    the full hold, secondary half, per side). Only static stretches count, so only
    they are planned. Each stretch is used at most once, on both sides.

    A stretch's dose is ``hold * reps`` seconds of stretch per side, and what it
    costs is the seconds it adds to the timeline (``routine.item_timeline``): get
    ready, each side's holds and rests, and the switch between sides.
    For each dose the fewest reps are used (so the fewest rests), and doses that
    cost as much as a larger dose are dropped: these are the *levels* of a stretch.

The algorithm
    1. Candidates: the static stretches allowed by the constraints that touch a
       target group, projected onto the targets (a weight 1 or 0.5 per target).
       Stretches with the same projection and sidedness are interchangeable, so only
       the first of each is kept (gentlest level first, then catalogue order).
    2. Greedy: repeatedly take the move with the most *newly reached groups per
       second added*. A move raises one stretch (in the routine or not) to the
       lowest level that brings one of its unreached groups to 60 s; every group the
       move brings to 60 s counts. Ties go to more progress (seconds added toward 60 s
       over all unreached targets) per second, then to the gentler, earlier stretch.
       Stop when no move that reaches a group fits the remaining budget.
    3. Improvement: trim each stretch to the lowest level that keeps every reached
       group reached (greedy steps can overshoot once later stretches help). Then
       try, for each stretch, taking it out or lowering it to a level that keeps just
       one of its groups, and refilling greedily; then raising one stretch to any
       level that reaches a new group and trimming the others (which may now need
       less). Keep a change when it reaches more groups, or as many in less time.
       Repeat until nothing improves.
    4. Fill: spend the time left on unreached targets, by progress per second, so a
       group that cannot reach 60 s still gets what the budget allows.
    5. Order: standing, then seated on a chair, seated on the floor, kneeling,
       prone, supine, so you get down to the floor once; gentle before moderate
       before advanced within a position.

    Speed: the greedy scans promising stretches first and skips any whose every group
    reached at its cheapest move could not beat the best move so far; a raise is
    tried only when trimming could pay for it. Neither changes which moves are chosen.

Where it is not optimal
    Choosing stretches to cover groups within a time budget is a budgeted set
    cover, NP-hard; greedy with local improvement is a heuristic. On random small
    catalogues compared with an exhaustive search over the same levels
    (``tests/test_planner.py``, ``benchmarks/bench_planner.py``) it reaches the
    optimum's number of groups in over 99 % of cases and never more than one group
    fewer (figures in ``docs/planner.md``). It does not try a second stretch of an
    identical projection, nor two stretches of one group when a single stretch's
    top level (4 x 30 s) would do.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .catalogue import EQUIPMENT, FLAGS, LEVELS, POSITIONS, Catalogue, Stretch
from .dose import GROUP_TARGET, HOLD_MAX, HOLD_MIN
from .errors import BackstretchError, Problem
from .muscles import MUSCLE_GROUPS
from .routine import MAX_ITEMS, Routine, RoutineItem, Settings, format_duration, item_timeline
from .safety import CONDITIONS

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
AVOID_WORDS: dict[str, str] = {
    "flexion": "rounding the lower back",
    "deep-flexion": "deep flexion (knees hugged to the chest, folding far forward)",
    "extension": "arching the back",
    "rotation": "twisting the spine",
    "kneeling": "weight on the knees",
    "balance": "balancing (one leg, or a limb lifted on all fours)",
    "load": "body weight through a bridge or plank",
}
"""How each movement flag (``FLAGS``) reads when a person chooses to avoid it."""
DEFAULT_GOAL = "lower back spasm"
"""The goal used when neither targets nor a goal is given."""
HOLD_STEP = 5
"""Planned holds are multiples of 5 s, easy to count."""
MAX_PLAN_REPS = 4
"""4 reps of 30 s give 120 s, enough for a group the stretch works only as secondary."""
MAX_BUDGET = 7200
"""The longest budget accepted, in seconds: two hours."""
POSITION_ORDER = ("standing", "seated", "kneeling", "prone", "supine")
"""From standing down to lying, so the floor is reached once."""

_EPS = 1e-9
_TARGET = GROUP_TARGET - _EPS


@dataclass(frozen=True)
class Level:
    """One planned dose of a stretch: its hold and reps, stretch seconds and cost."""

    hold: int
    reps: int
    cost: int
    """Seconds it adds to the routine, get-ready and switches included."""

    @property
    def dose(self) -> int:
        """Seconds of stretch per side."""
        return self.hold * self.reps


def levels(per_side: bool, settings: Settings) -> tuple[Level, ...]:
    """The useful doses of a stretch, in increasing dose and cost (none dominated).

    A level's cost is the seconds its item adds to the timeline (``item_timeline``).
    Both sidednesses get the same doses: a per-side cost is the same sum doubled, plus
    the switch, so the same doses are dominated.
    """
    sides = ("left", "right") if per_side else (None,)
    best: dict[int, Level] = {}
    for reps in range(1, MAX_PLAN_REPS + 1):
        for hold in range(HOLD_MIN, HOLD_MAX + 1, HOLD_STEP):
            cost = sum(b.seconds for b in item_timeline(True, sides, hold, reps,
                                                         settings.rest, settings))
            dose = hold * reps
            if dose not in best or cost < best[dose].cost:
                best[dose] = Level(hold, reps, cost)
    out: list[Level] = []
    for dose in sorted(best, reverse=True):
        if not out or best[dose].cost < out[-1].cost:
            out.append(best[dose])
    return tuple(reversed(out))


@dataclass(frozen=True)
class _Candidate:
    """A stretch as the search sees it; level 0 means "not in the routine"."""

    stretch: Stretch
    terms: tuple[tuple[int, float], ...]
    """(target index, weight) for each target it works: 1 primary, 0.5 secondary."""
    levels: tuple[Level, ...]
    doses: tuple[int, ...]
    """0, then each level's dose."""
    costs: tuple[int, ...]
    """0, then each level's cost."""
    keys: tuple[int, ...]
    """For each term, ``t`` at weight 1 or ``n_targets + t`` at 0.5: a lookup key."""
    mask: int
    """Bit ``t`` set for each target it works."""
    rank: int
    """Its place in gentle-first catalogue order: ties go to the lower rank."""


def _candidate(stretch: Stretch, terms: tuple[tuple[int, float], ...], n_targets: int,
               ladder: tuple[tuple[Level, ...], tuple[int, ...], tuple[int, ...]],
               rank: int) -> _Candidate:
    """``ladder`` is the stretch's levels, then 0 and their doses, then 0 and their costs."""
    return _Candidate(stretch, terms, *ladder,
                      tuple(t if w == 1 else n_targets + t for t, w in terms),
                      sum(1 << t for t, _ in terms), rank)


def _promise(c: _Candidate) -> float:
    """Target weight per second at a 60 s dose: scanning promising stretches first lets
    the greedy's bound skip most of the others."""
    return sum(w for _, w in c.terms) / c.costs[bisect_left(c.doses, GROUP_TARGET)]


def _by_rank(cands: list[_Candidate]) -> list[int]:
    """Candidate indices in rank order, for the passes where the first found wins."""
    return sorted(range(len(cands)), key=lambda i: cands[i].rank)


class _State:
    """Chosen level per candidate (absent is 0), coverage per target, the total cost."""

    def __init__(self, n_targets: int):
        self.chosen: dict[int, int] = {}
        self.cover = [0.0] * n_targets
        self.cost = 0

    def copy(self) -> _State:
        new = _State(0)
        new.chosen, new.cover, new.cost = dict(self.chosen), list(self.cover), self.cost
        return new

    def reached(self) -> int:
        return sum(c >= _TARGET for c in self.cover)

    def set(self, cands: list[_Candidate], i: int, level: int) -> None:
        c = cands[i]
        old = self.chosen.get(i, 0)
        self.cost += c.costs[level] - c.costs[old]
        extra = c.doses[level] - c.doses[old]
        for t, w in c.terms:
            self.cover[t] += w * extra
        if level:
            self.chosen[i] = level
        else:
            del self.chosen[i]


def _gain(state: _State, c: _Candidate, extra: int) -> tuple[int, float]:
    """Groups newly reached, and capped progress, if ``c`` adds ``extra`` seconds."""
    reached, progress = 0, 0.0
    cover = state.cover
    for t, w in c.terms:
        if cover[t] < _TARGET:
            after = cover[t] + w * extra
            reached += after >= _TARGET
            progress += min(after, GROUP_TARGET) - cover[t]
    return reached, progress


def _greedy(state: _State, cands: list[_Candidate], budget: int, banned: int = -1) -> None:
    """Add the moves with the most newly reached groups per second, while they fit.

    Ties go to more progress per second, then to the lower rank.
    """
    cover, chosen = state.cover, state.chosen
    doses = cands[0].doses  # the same for every stretch (see ``levels``)
    top = len(doses)
    while True:
        best_rate, best_progress, best_rank, move = 0.0, 0.0, -1, None
        full = len(chosen) >= MAX_ITEMS
        room = budget - state.cost
        # the level at which a stretch not yet in the routine brings each target to 60 s,
        # at weight 1 (first n) and 0.5 (next n); 0 for a target already there
        fresh = [bisect_left(doses, (GROUP_TARGET - x) / w - _EPS) if x < _TARGET else 0
                 for w in (1.0, 0.5) for x in cover]
        for i, c in enumerate(cands):
            cur = chosen.get(i, 0)
            if i == banned or (full and not cur):
                continue
            costs = c.costs
            if cur + 1 == top or costs[cur + 1] - costs[cur] > room:
                continue  # not even its next level fits
            if cur:
                lvs = [bisect_left(doses, doses[cur] + (GROUP_TARGET - cover[t]) / w - _EPS)
                       for t, w in c.terms if cover[t] < _TARGET]
            else:
                lvs = [lv for k in c.keys if (lv := fresh[k])]
            # each unreached group's lowest level: a move to it reaches every group at or below
            if not lvs:
                continue
            cheapest = costs[min(lvs)] - costs[cur]
            if cheapest > room or len(lvs) / cheapest < best_rate:
                continue  # no move fits, or even reaching all its groups that cheaply would lose
            ranked = sorted(lvs)
            tried = set()
            for lv in lvs:  # never past the top level: 120 s alone brings a group to 60 s
                if lv in tried:
                    continue
                tried.add(lv)
                added = costs[lv] - costs[cur]
                if added > room:
                    continue
                rate = bisect_right(ranked, lv) / added
                if rate < best_rate:
                    continue  # progress only breaks ties: most moves never need it
                extra = doses[lv] - doses[cur]
                progress = sum(min(w * extra, GROUP_TARGET - cover[t]) for t, w in c.terms
                               if cover[t] < _TARGET) / added
                if (rate > best_rate or progress > best_progress
                        or (progress == best_progress and c.rank < best_rank)):
                    best_rate, best_progress, best_rank, move = rate, progress, c.rank, (i, lv)
        if move is None:
            return
        state.set(cands, *move)


def _trim(state: _State, cands: list[_Candidate], only: Iterable[int] | None = None) -> None:
    """Lower each stretch (of ``only``) to the lowest level that keeps every reached group."""
    chosen = state.chosen if only is None else only
    for i in sorted(chosen, key=lambda i: -cands[i].costs[state.chosen[i]]):
        c, cur = cands[i], state.chosen[i]
        drop = min(((state.cover[t] - GROUP_TARGET) / w for t, w in c.terms
                    if state.cover[t] >= _TARGET), default=float(c.doses[cur]))
        lv = bisect_left(c.doses, c.doses[cur] - max(0.0, drop) - _EPS)
        if lv < cur:
            state.set(cands, i, lv)


def _better(a: _State, b: _State) -> bool:
    return (a.reached(), -a.cost) > (b.reached(), -b.cost)


def _improve(state: _State, cands: list[_Candidate], budget: int) -> _State:
    """Trim, then lower-and-refill or raise-and-trim while that reaches more (or as many,
    sooner)."""
    _trim(state, cands)
    _greedy(state, cands, budget)
    while True:
        for i, lv in _lowerings(state, cands):
            trial = state.copy()
            trial.set(cands, i, lv)
            _greedy(trial, cands, budget, banned=i)
            _trim(trial, cands)
            _greedy(trial, cands, budget)
            if _better(trial, state):
                state = trial
                break
        else:
            trial = _raise_and_trim(state, cands, budget)
            if trial is None:
                return state
            _greedy(trial, cands, budget)
            state = trial


def _lowerings(state: _State, cands: list[_Candidate]) -> list[tuple[int, int]]:
    """For each stretch: out of the routine, then each lower level keeping one group reached.

    Greedy can overshoot a group to reach another through a weak secondary weight;
    keeping only the first group frees the time to reach the other in a cheaper way.
    """
    out = []
    for i, cur in state.chosen.items():
        c = cands[i]
        keep = {bisect_left(c.doses, c.doses[cur] - (state.cover[t] - GROUP_TARGET) / w - _EPS)
                for t, w in c.terms if state.cover[t] >= _TARGET}
        out += [(i, lv) for lv in [0, *sorted(keep - {0, cur}, reverse=True)]]
    return out


def _raise_and_trim(state: _State, cands: list[_Candidate], budget: int) -> _State | None:
    """The first raise of one stretch that reaches a new group once the others are trimmed.

    Greedy moves must fit the time left; this one may overshoot it, because the
    stretches sharing the raised stretch's groups can then come down.
    """
    unreached = sum(1 << t for t, x in enumerate(state.cover) if x < _TARGET)
    if not unreached:
        return None
    full = len(state.chosen) >= MAX_ITEMS
    saved: dict[tuple[int, int], int] = {}
    for i in _by_rank(cands):
        c, cur = cands[i], state.chosen.get(i, 0)
        if (full and not cur) or not c.mask & unreached:
            continue
        # trimming can only lower the stretches that share a group with this one
        shared = [j for j in state.chosen if j != i and cands[j].mask & c.mask]
        savings = 0
        for j in shared:
            key = (j, cands[j].mask & c.mask)
            if key not in saved:
                saved[key] = _most_saved(state, cands[j], state.chosen[j], c.mask)
            savings += saved[key]
        # past the dose that alone brings all its groups to 60 s, more cannot help
        enough = max(GROUP_TARGET / w for _, w in c.terms)
        for lv in range(cur + 1, len(c.doses)):
            if (state.cost + c.costs[lv] - c.costs[cur] - savings > budget
                    or c.doses[lv - 1] >= enough - _EPS):
                break
            if not _gain(state, c, c.doses[lv] - c.doses[cur])[0]:
                continue
            trial = state.copy()
            trial.set(cands, i, lv)
            _trim(trial, cands, shared)
            if trial.cost <= budget and _better(trial, state):
                return trial
    return None


def _most_saved(state: _State, c: _Candidate, cur: int, groups: int) -> int:
    """The most a trim can take off ``c``: it keeps the groups it reaches outside ``groups``
    (a mask). Trimming other stretches only lowers coverage, so this holds in any order."""
    drop = min(((state.cover[t] - GROUP_TARGET) / w for t, w in c.terms
                if not groups >> t & 1 and state.cover[t] >= _TARGET),
               default=float(c.doses[cur]))
    return c.costs[cur] - c.costs[bisect_left(c.doses, c.doses[cur] - max(0.0, drop) - _EPS)]


def _fill(state: _State, cands: list[_Candidate], budget: int) -> None:
    """Spend the time left on unreached targets, by capped progress per second."""
    order = _by_rank(cands)
    while state.reached() < len(state.cover):
        best, move = 0.0, None
        full = len(state.chosen) >= MAX_ITEMS
        for i in order:
            c, cur = cands[i], state.chosen.get(i, 0)
            if full and not cur:
                continue
            for lv in range(cur + 1, len(c.doses)):
                added = c.costs[lv] - c.costs[cur]
                if state.cost + added > budget:
                    break
                _, progress = _gain(state, c, c.doses[lv] - c.doses[cur])
                if progress / added > best + _EPS:
                    best, move = progress / added, (i, lv)
        if move is None:
            return
        state.set(cands, *move)


def _order_key(catalogue_index: dict[str, int]):  # noqa: ANN202 - a sort key function
    def key(s: Stretch) -> tuple[int, bool, int, int]:
        return (POSITION_ORDER.index(s.position), s.floor_work, LEVELS.index(s.level),
                catalogue_index[s.id])
    return key


def _bad(field: str, message: str) -> BackstretchError:
    return BackstretchError(Problem("<planner>", field, message))


def _subset(values: Iterable[str] | None, allowed: Collection[str], field: str) -> set[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    chosen = set(values)
    unknown = sorted(v for v in chosen if v not in allowed)
    if unknown:
        raise _bad(field, f"{', '.join(map(repr, unknown))} is not valid; use any of: "
                   f"{', '.join(allowed)}")
    return chosen


def target_groups(targets: Iterable[str] | None = None, goal: str | None = None) -> tuple[str, ...]:
    """The target group ids: ``targets`` and the goal's groups (``DEFAULT_GOAL`` if neither)."""
    if targets is None and goal is None:
        goal = DEFAULT_GOAL
    if goal is not None and goal not in GOALS:
        raise _bad("goal", f"{goal!r} is not valid; use one of: {', '.join(GOALS)}")
    chosen = _subset(targets, MUSCLE_GROUPS, "targets") or set()
    chosen |= set(GOALS[goal]) if goal is not None else set()
    if not chosen:
        raise _bad("targets", f"pick at least one of: {', '.join(MUSCLE_GROUPS)}")
    return tuple(g for g in MUSCLE_GROUPS if g in chosen)


def reached_groups(routine: Routine, targets: Iterable[str]) -> tuple[str, ...]:
    """The target groups whose static stretch reaches 60 s in ``routine.coverage()``."""
    coverage = routine.coverage()
    return tuple(g for g in targets if g in coverage and coverage[g].stretch >= GROUP_TARGET)


def summary(routine: Routine, targets: Iterable[str], budget_seconds: int) -> str:
    """One line: how many target groups reach 60 s, which fall short, the time used."""
    targets = tuple(targets)
    reached = reached_groups(routine, targets)
    short = [MUSCLE_GROUPS[g].name.lower() for g in targets if g not in reached]
    n = len(targets)
    if not short:
        head = {1: "The target group reaches", 2: "Both target groups reach"}.get(
            n, f"All {n} target groups reach")
    else:
        head = f"{len(reached)} of {n} target groups reach" if n > 1 else (
            "The target group does not reach")
    tail = f" Short of 60 s: {', '.join(short)}." if short else ""
    return (f"{head} 60 s of stretch, in {format_duration(routine.duration)} of the "
            f"{format_duration(budget_seconds)} you have.{tail}")


def plan(catalogue: Catalogue, targets: Iterable[str] | None = None, goal: str | None = None,
         budget_seconds: int = 600, positions: Iterable[str] | None = None,
         equipment: Iterable[str] | None = None, no_floor: bool = False,
         avoid_flags: Iterable[str] = (), settings: Settings = Settings(),
         conditions: Iterable[str] = ()) -> Routine:
    """A routine within ``budget_seconds`` reaching 60 s for as many target groups as fit.

    ``targets`` are muscle-group ids, ``goal`` a key of ``GOALS`` (both may be given;
    their groups add up). ``positions`` and ``equipment`` are the allowed ones
    (None allows all; ``equipment=[]`` allows stretches needing none). ``no_floor``
    leaves out floor work; ``avoid_flags`` leaves out stretches with any of those
    movement flags; ``conditions`` (keys of ``safety.CONDITIONS``) leaves out stretches
    whose ``avoid_with`` names any of them. Raises BackstretchError naming the field for bad values, or when
    no allowed stretch works a target group or fits the budget.
    """
    groups = target_groups(targets, goal)
    if (isinstance(budget_seconds, bool) or not isinstance(budget_seconds, int)
            or not 1 <= budget_seconds <= MAX_BUDGET):
        raise _bad("budget_seconds", f"{budget_seconds!r} is not valid; use a whole number "
                   f"of seconds from 1 to {MAX_BUDGET}")
    allowed_positions = _subset(positions, POSITIONS, "positions")
    allowed_equipment = _subset(equipment, EQUIPMENT, "equipment")
    avoid = _subset(avoid_flags, FLAGS, "avoid_flags") or set()
    ruled_out = _subset(conditions, CONDITIONS, "conditions") or set()
    if not isinstance(settings, Settings):
        raise _bad("settings", f"{settings!r} is not valid; use a backstretch.Settings")

    ladders = {}
    for side in (False, True):
        lv = levels(side, settings)
        ladders[side] = (lv, (0, *(x.dose for x in lv)), (0, *(x.cost for x in lv)))
    index = {g: t for t, g in enumerate(groups)}
    cands: list[_Candidate] = []
    seen: set[tuple[bool, tuple[tuple[int, float], ...]]] = set()
    gentle_first = sorted(catalogue.values(), key=lambda s: LEVELS.index(s.level))
    for s in gentle_first:
        if (not s.is_static or (no_floor and s.floor_work) or avoid & set(s.flags)
                or ruled_out & set(s.avoid_with)
                or (allowed_positions is not None and s.position not in allowed_positions)
                or (allowed_equipment is not None and not set(s.equipment) <= allowed_equipment)):
            continue
        terms = tuple(sorted([(index[g], 1.0) for g in s.primary if g in index]
                             + [(index[g], 0.5) for g in s.secondary
                                if g in index and g not in s.primary]))
        if terms and (s.per_side, terms) not in seen:
            seen.add((s.per_side, terms))
            cands.append(_candidate(s, terms, len(groups), ladders[s.per_side], len(cands)))
    if not cands:
        raise _bad("targets", "no allowed static stretch works any of "
                   f"{', '.join(groups)}; relax positions, equipment, no_floor, avoid_flags or "
                   "conditions")
    cheapest = min(c.costs[1] for c in cands)
    if budget_seconds < cheapest:
        raise _bad("budget_seconds", f"{budget_seconds} s is too short; the shortest allowed "
                   f"stretch takes {cheapest} s")

    cands.sort(key=_promise, reverse=True)
    state = _State(len(groups))
    _greedy(state, cands, budget_seconds)
    state = _improve(state, cands, budget_seconds)
    _fill(state, cands, budget_seconds)

    key = _order_key({sid: k for k, sid in enumerate(catalogue)})
    chosen = sorted(state.chosen, key=lambda i: key(cands[i].stretch))
    picked = [(cands[i].stretch.id, cands[i].levels[state.chosen[i] - 1]) for i in chosen]
    items = tuple(RoutineItem(sid, hold=lv.hold, reps=lv.reps) for sid, lv in picked)
    names = [MUSCLE_GROUPS[g].name.lower() for g in groups]
    left_out = (" Leaves out stretches to avoid with "
                f"{' or '.join(CONDITIONS[c].name.lower() for c in sorted(ruled_out))}."
                if ruled_out else "")
    title = goal.capitalize() if goal else ", ".join(names).capitalize()
    return Routine(f"{title}, {budget_seconds // 60} min plan"[:120], items, catalogue,
                   description=f"Planned for {', '.join(names)}.{left_out}", settings=settings)
