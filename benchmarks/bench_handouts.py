"""PDF handouts in other scripts: time to write the daily routine's PDF handout when its
name is in Latin, Chinese, Arabic, Hindi or with emoji (charts drawn once, outside the
timing). Other scripts load a Noto fallback font (the CJK one is large) and, for Arabic
and Hindi, shape the text with HarfBuzz; Latin text loads neither."""

from __future__ import annotations

import dataclasses
import statistics
import time

from quick import sized  # benchmarks/quick.py, beside this script

from backstretch import load_routine
from backstretch.handouts.content import chart_pngs
from backstretch.handouts.fonts import plan_fonts
from backstretch.handouts.pdf import handout_pdf

RUNS = sized(3, 1)
NAMES = {"Latin": "Daily back care", "Chinese": "每日背部护理",
         "Arabic": "العناية اليومية بالظهر", "Hindi": "रोज़ की पीठ की देखभाल",
         "emoji": "Daily back care 💪🏽🧘"}


def main() -> None:
    routine = load_routine("daily-back-care")
    charts = chart_pngs(routine)
    print(f"PDF handout of {routine.name!r}, median of {RUNS} (first run apart):")
    for script, name in NAMES.items():
        named = dataclasses.replace(routine, name=name)
        times = []
        for _ in range(RUNS + 1):
            start = time.perf_counter()
            handout_pdf(named, charts=charts)
            times.append(time.perf_counter() - start)
        plan = plan_fonts([name])
        fonts = ", ".join(f.family for f, _ in plan.fonts) or "DejaVu Sans only"
        print(f"  {script:<8} first {times[0]:5.2f} s, then {statistics.median(times[1:]):5.2f} s"
              f"  ({fonts}; shaping {'on' if plan.shaping else 'off'}"
              f"{'; cannot show ' + str(len(plan.missing)) if plan.missing else ''})")


if __name__ == "__main__":
    main()
