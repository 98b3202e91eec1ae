"""The planner's time on a generated 1,000-stretch catalogue (target: under 50 ms)."""

from __future__ import annotations

import random
import statistics
import time

from backstretch import Catalogue, Hold, Stretch
from backstretch.catalogue import EQUIPMENT, FLAGS, LEVELS, POSITIONS
from backstretch.muscles import MUSCLE_GROUPS
from backstretch.planner import GOALS, plan, reached_groups

RUNS = 15


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


def main() -> None:
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


if __name__ == "__main__":
    main()
