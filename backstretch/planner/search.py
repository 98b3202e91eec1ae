"""The planner's search: which stretches, at which levels, reach the most groups in time.

``planner.plan`` states the problem and builds the candidates; this module chooses.

The algorithm
    1. Candidates: the static stretches allowed by the constraints that touch a
       target group, projected onto the targets (with the coverage rule's primary or
       secondary weight per target).
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

    Speed: the greedy scans promising stretches first and skips any whose every group
    reached at its cheapest move could not beat the best move so far; a raise is
    tried only when trimming could pay for it. Neither changes which moves are chosen.

Where it is not optimal
    Choosing stretches to cover groups within a time budget is a budgeted set
    cover, NP-hard; greedy with local improvement is a heuristic. On random small
    catalogues compared with an exhaustive search over the same levels
    (``tests/planner/test_planner.py``, ``benchmarks/bench_planner.py``) it reaches the
    optimum's number of groups in over 99 % of cases and never more than one group
    fewer (figures in ``docs/planner.md``). It does not try a second stretch of an
    identical projection, nor two stretches of one group when a single stretch's
    top level (4 x 30 s) would do.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from ..catalogue.stretches import Stretch
from ..routines import coverage
from ..routines.dose import GROUP_TARGET, HOLD_MAX, HOLD_MIN
from ..routines.model import MAX_ITEMS, Settings, item_timeline

HOLD_STEP = 5
"""Planned holds are multiples of 5 s, easy to count."""
MAX_PLAN_REPS = 4
"""4 reps of 30 s give 120 s, enough for a group the stretch works only as secondary."""

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
class Candidate:
    """A stretch as the search sees it; level 0 means "not in the routine"."""

    stretch: Stretch
    terms: tuple[tuple[int, float], ...]
    """(target index, weight) for each target it works: ``coverage.group_weights``."""
    levels: tuple[Level, ...]
    doses: tuple[int, ...]
    """0, then each level's dose."""
    costs: tuple[int, ...]
    """0, then each level's cost."""
    keys: tuple[int, ...]
    """For each term, ``t`` at the primary weight or ``n_targets + t`` at the secondary: a
    lookup key."""
    mask: int
    """Bit ``t`` set for each target it works."""
    rank: int
    """Its place in gentle-first catalogue order: ties go to the lower rank."""


def candidate(stretch: Stretch, terms: tuple[tuple[int, float], ...], n_targets: int,
               ladder: tuple[tuple[Level, ...], tuple[int, ...], tuple[int, ...]],
               rank: int) -> Candidate:
    """``ladder`` is the stretch's levels, then 0 and their doses, then 0 and their costs."""
    return Candidate(stretch, terms, *ladder,
                      tuple(t if w == coverage.PRIMARY_WEIGHT else n_targets + t for t, w in terms),
                      sum(1 << t for t, _ in terms), rank)


def _promise(c: Candidate) -> float:
    """Target weight per second at a 60 s dose: scanning promising stretches first lets
    the greedy's bound skip most of the others."""
    return sum(w for _, w in c.terms) / c.costs[bisect_left(c.doses, GROUP_TARGET)]


def _by_rank(cands: list[Candidate]) -> list[int]:
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

    def set(self, cands: list[Candidate], i: int, level: int) -> None:
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


def _gain(state: _State, c: Candidate, extra: int) -> tuple[int, float]:
    """Groups newly reached, and capped progress, if ``c`` adds ``extra`` seconds."""
    reached, progress = 0, 0.0
    cover = state.cover
    for t, w in c.terms:
        if cover[t] < _TARGET:
            after = cover[t] + w * extra
            reached += after >= _TARGET
            progress += min(after, GROUP_TARGET) - cover[t]
    return reached, progress


def _greedy(state: _State, cands: list[Candidate], budget: int, banned: int = -1) -> None:
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
        # at the primary weight (first n) and the secondary (next n); 0 for one already there
        fresh = [bisect_left(doses, (GROUP_TARGET - x) / w - _EPS) if x < _TARGET else 0
                 for w in (coverage.PRIMARY_WEIGHT, coverage.SECONDARY_WEIGHT)
                 for x in cover]
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
            lvs = [lv for lv in lvs if lv < top]  # past the top level: out of its reach
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


def _trim(state: _State, cands: list[Candidate], only: Iterable[int] | None = None) -> None:
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


def _improve(state: _State, cands: list[Candidate], budget: int) -> _State:
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


def _lowerings(state: _State, cands: list[Candidate]) -> list[tuple[int, int]]:
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


def _raise_and_trim(state: _State, cands: list[Candidate], budget: int) -> _State | None:
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


def _most_saved(state: _State, c: Candidate, cur: int, groups: int) -> int:
    """The most a trim can take off ``c``: it keeps the groups it reaches outside ``groups``
    (a mask). Trimming other stretches only lowers coverage, so this holds in any order."""
    drop = min(((state.cover[t] - GROUP_TARGET) / w for t, w in c.terms
                if not groups >> t & 1 and state.cover[t] >= _TARGET),
               default=float(c.doses[cur]))
    return c.costs[cur] - c.costs[bisect_left(c.doses, c.doses[cur] - max(0.0, drop) - _EPS)]


def _fill(state: _State, cands: list[Candidate], budget: int) -> None:
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


def search(cands: list[Candidate], n_targets: int, budget: int) -> dict[int, int]:
    """The level (1 and up) of each chosen candidate, by its index in ``cands`` once sorted:
    greedy, improved, then the time left filled. Sorts ``cands`` by promise."""
    cands.sort(key=_promise, reverse=True)
    state = _State(n_targets)
    _greedy(state, cands, budget)
    state = _improve(state, cands, budget)
    _fill(state, cands, budget)
    return state.chosen
