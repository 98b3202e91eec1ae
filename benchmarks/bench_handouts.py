"""PDF handouts, before and after issue 33, in one run: the time to write each ready
routine's PDF handout (its charts and figures drawn too, as a press of the button does).

- *before*: commit ``BEFORE_COMMIT``, the fpdf2 layout (``handouts/pdf.py`` then), its
  ``backstretch/`` and ``data/`` unpacked from git; it needs fpdf2 and uharfbuzz, which
  this checkout no longer installs, so it is left out where they are missing;
- *after*: this checkout, the HTML handout printed by WeasyPrint as tagged PDF/UA-1.

Each side runs in a fresh process per routine: "first" includes importing the PDF engine
and matplotlib and loading the fonts, "then" is the median of the next runs; each in wall
time and in the process's CPU time (steadier on a shared machine). Then the daily
routine's name in other scripts (fallback fonts, shaping), after only.
Goal: daily-back-care under 2 s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from before_after import ROOT, unpack_before  # benchmarks/, beside this script
from quick import sized

BEFORE_COMMIT = "256927c"
"""The parent of issue 33's work: PDF handouts laid out with fpdf2."""
RUNS = sized(3, 1)
NAMES = {"Chinese": "每日背部护理", "Arabic": "العناية اليومية بالظهر",
         "Hindi": "रोज़ की पीठ की देखभाल", "emoji": "Daily back care 💪🏽🧘"}
TIMER = """
import dataclasses, json, statistics, sys, time
from backstretch import load_routine
from backstretch.handouts.pdf import handout_pdf
key, name, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
routine = load_routine(key)
routine = dataclasses.replace(routine, name=name) if name else routine
times, cpu, size = [], [], 0
for _ in range(runs + 1):
    start, start_cpu = time.perf_counter(), time.process_time()
    made = handout_pdf(routine)
    times.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
    size = len(getattr(made, "data", made))
print(json.dumps({"first": times[0], "then": statistics.median(times[1:]), "bytes": size,
                  "first_cpu": cpu[0], "then_cpu": statistics.median(cpu[1:])}))
"""


def timed(source: Path, key: str, name: str = "") -> dict | None:
    """One routine's PDF timings with ``source`` first on the path, or None if it failed."""
    done = subprocess.run([sys.executable, "-c", TIMER, key, name, str(RUNS)],
                          env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"},
                          cwd=source, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fmt(result: dict | None) -> str:
    if result is None:
        return "(failed)"
    return (f"first {result['first']:5.2f} s (CPU {result['first_cpu']:4.2f}), "
            f"then {result['then']:5.2f} s (CPU {result['then_cpu']:4.2f}), "
            f"{result['bytes'] // 1024:4d} KB")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from backstretch.routines.library import ready_routines

    keys = sorted(ready_routines())
    keys = sized(keys, ["daily-back-care"])
    with tempfile.TemporaryDirectory(prefix="bench-handouts-") as work:
        before = unpack_before(Path(work) / "before", BEFORE_COMMIT)
        has_fpdf = subprocess.run([sys.executable, "-c", "import fpdf, uharfbuzz"],
                                  capture_output=True).returncode == 0
        if before is None:
            print(f"(no 'before': commit {BEFORE_COMMIT} is not in this clone's git history)")
        elif not has_fpdf:
            print("(no 'before': it needs fpdf2 and uharfbuzz: pip install fpdf2 uharfbuzz)")
            before = None
        load = os.getloadavg()[0]
        print(f"PDF handout of each ready routine, in a fresh process; 'then' is the median "
              f"of {RUNS} after the first (load average {load:.1f} on {os.cpu_count()} cores):")
        for key in keys:
            after = timed(ROOT, key)
            line = f"  {key:<22} after:  {_fmt(after)}"
            if before is not None:
                line += f"\n  {'':<22} before: {_fmt(timed(before, key))} (fpdf2, {BEFORE_COMMIT})"
            print(line, flush=True)
        print("The daily routine named in other scripts (after):")
        for script, name in sized(NAMES, {"Chinese": NAMES["Chinese"]}).items():
            print(f"  {script:<8} {_fmt(timed(ROOT, 'daily-back-care', name))}", flush=True)


if __name__ == "__main__":
    main()
