"""The planner: its time on a generated 1,000-stretch catalogue (target: under 50 ms), the
builder's update after a suggestion, and how often it matches the exhaustive optimum.

``python benchmarks/bench_planner.py [--quality N] [--stretches MIN MAX]`` compares N
random small catalogues of MIN to MAX stretches (default 300 of 6 to 7; 0 skips it) with
the exact optimum; ``--shipped`` also compares on the shipped catalogue.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from quick import sized  # benchmarks/quick.py, beside this script

from backstretch import BackstretchError, Catalogue, Hold, Settings, Stretch, load_catalogue
from backstretch.catalogue.muscles import MUSCLE_GROUPS
from backstretch.catalogue.stretches import EQUIPMENT, FLAGS, LEVELS, POSITIONS
from backstretch.planner import GOALS, plan, reached_groups

RUNS = sized(15, 2)


def generated_catalogue(n: int, seed: int = 1) -> Catalogue:
    """``n`` random stretches over every muscle group, position, level and flag."""
    rng = random.Random(seed)
    groups = list(MUSCLE_GROUPS)
    stretches = []
    for k in range(n):
        primary = rng.sample(groups, rng.choice((1, 1, 2, 3)))
        secondary = rng.sample([g for g in groups if g not in primary], rng.randint(0, 3))
        stretches.append(Stretch(
            id=f"stretch-{k}", name=f"Stretch {k}", summary="Generated.", steps=("Do it.",),
            position=rng.choice(list(POSITIONS)),
            equipment=tuple(rng.sample(EQUIPMENT, rng.choice((0, 0, 1, 2)))),
            per_side=rng.random() < 0.6, hold=Hold(20, 30), reps=1,
            kind="static" if rng.random() < 0.8 else "dynamic", level=rng.choice(LEVELS),
            primary=tuple(primary), secondary=tuple(secondary),
            flags=tuple(rng.sample(FLAGS, rng.randint(0, 2))), cautions=()))
    return Catalogue(stretches)


def speed() -> None:
    catalogue = generated_catalogue(1000)
    cases = [
        ("lower back spasm, 10 min", {"goal": "lower back spasm", "budget_seconds": 600}),
        ("whole body, 3 min (time for some groups only)",
         {"goal": "whole body", "budget_seconds": 180}),
        ("whole body, 20 min", {"goal": "whole body", "budget_seconds": 1200}),
        ("whole body, 60 min", {"goal": "whole body", "budget_seconds": 3600}),
        ("desk worker, 5 min, no floor, no flexion",
         {"goal": "desk worker", "budget_seconds": 300, "no_floor": True,
          "avoid_flags": ["flexion"]}),
    ]
    print(f"Planner on a generated 1,000-stretch catalogue, {RUNS} runs each "
          "(target: under 50 ms)")
    for label, kwargs in cases:
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            routine = plan(catalogue, **kwargs)
            times.append(time.perf_counter() - start)
        targets = GOALS[kwargs["goal"]]
        reached = len(reached_groups(routine, targets))
        print(f"  {label:<47} median {statistics.median(times) * 1000:6.1f} ms   "
              f"max {max(times) * 1000:6.1f} ms   {reached}/{len(targets)} groups reached, "
              f"{routine.duration} s")


def builder_update() -> None:
    """Press Suggest in the panel: plan, then the builder's rows, totals, dose and chart."""
    try:
        from backstretch.widgets import PlannerPanel, RoutineBuilder
    except ImportError:
        print("Builder after a suggestion: skipped (ipywidgets or matplotlib missing)")
        return
    catalogue = load_catalogue()
    builder = RoutineBuilder(catalogue)
    panel = PlannerPanel(catalogue, builder)
    pressed, planned = [], []
    for k in range(RUNS):
        panel.minutes.value = (10, 15)[k % 2]  # a different routine on every press
        start = time.perf_counter()
        plan(catalogue, **panel.request())
        planned.append(time.perf_counter() - start)
        start = time.perf_counter()
        panel.suggest_button.click()
        pressed.append(time.perf_counter() - start)
    print(f"Suggest pressed, shipped catalogue, builder updated (rows, totals, dose check, "
          f"shown chart), {RUNS} runs: median {statistics.median(pressed) * 1000:.0f} ms, "
          f"max {max(pressed) * 1000:.0f} ms; the planning alone: median "
          f"{statistics.median(planned) * 1000:.1f} ms")


def quality(cases: int, sizes: tuple[int, int]) -> None:
    """Reached groups against the exhaustive optimum of ``tests/planner/test_planner.py``."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "planner"))
    from test_planner import GROUPS, optimum, random_catalogue

    rng = random.Random(20261125)
    gaps: Counter[int] = Counter()
    start = time.perf_counter()
    for _ in range(cases):
        cat = random_catalogue(rng, rng.randint(*sizes))
        targets = rng.sample(GROUPS, rng.randint(2, 4))
        budget = rng.randrange(60, 450, 5)
        settings = rng.choice((Settings(), Settings(get_ready=5, switch_sides=0, rest=0)))
        try:
            got = len(reached_groups(plan(cat, targets=targets, budget_seconds=budget,
                                          settings=settings), targets))
        except BackstretchError:
            got = 0  # nothing allowed fits: the optimum must be 0 too
        gaps[optimum(cat, targets, budget, settings) - got] += 1
    spread = ", ".join(f"{gap} short: {n}" for gap, n in sorted(gaps.items()))
    print(f"Against the exhaustive optimum, {cases} random catalogues of {sizes[0]} to "
          f"{sizes[1]} stretches, 2 to 4 targets, 60 to 450 s: "
          f"{100 * gaps[0] / cases:.1f} % equal, worst {max(gaps)} group(s) short "
          f"({spread}) in {time.perf_counter() - start:.0f} s")


def shipped() -> None:
    """The shipped catalogue against the optimum, where constraints leave 7 stretches or fewer."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "planner"))
    from test_planner import optimum

    catalogue = load_catalogue()
    constraints = [{"no_floor": True}, {"no_floor": True, "avoid_flags": ["flexion"]},
                   *({"positions": [p]} for p in POSITIONS),
                   {"positions": ["supine"], "avoid_flags": ["deep-flexion"]},
                   {"positions": ["standing", "seated"]}, {"equipment": []},
                   {"equipment": ["chair"]}]
    gaps: Counter[int] = Counter()
    for goal, targets in GOALS.items():
        for kwargs in constraints:
            allowed = [s for s in catalogue.values() if s.is_static
                       and not (kwargs.get("no_floor") and s.floor_work)
                       and not set(kwargs.get("avoid_flags", ())) & set(s.flags)
                       and s.position in kwargs.get("positions", POSITIONS)
                       and set(s.equipment) <= set(kwargs.get("equipment", EQUIPMENT))
                       and set(s.primary + s.secondary) & set(targets)]
            if not allowed or len(allowed) > 7:
                continue
            for budget in (120, 240, 360, 480, 600, 900):
                try:
                    got = len(reached_groups(plan(catalogue, goal=goal, budget_seconds=budget,
                                                  **kwargs), targets))
                except BackstretchError:
                    got = 0
                best = optimum(Catalogue(allowed), list(targets), budget)
                gaps[best - got] += 1
                if best != got:
                    print(f"  {goal}, {budget} s, {kwargs}: optimum {best}, planner {got}")
    cases = sum(gaps.values())
    print(f"Shipped catalogue, {cases} requests leaving 7 stretches or fewer: "
          f"{100 * gaps[0] / cases:.1f} % equal to the optimum, worst {max(gaps)} short")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", type=int, default=sized(300, 5), metavar="N")
    parser.add_argument("--stretches", type=int, nargs=2, default=(6, 7), metavar=("MIN", "MAX"))
    parser.add_argument("--shipped", action="store_true",
                        help="also compare on the shipped catalogue (several minutes)")
    args = parser.parse_args()
    speed()
    builder_update()
    if args.quality:
        quality(args.quality, tuple(args.stretches))
    if args.shipped:
        shipped()


if __name__ == "__main__":
    main()
