"""Run every benchmark in turn and print its figures (``make bench``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in ("bench_startup.py", "bench_charts.py", "bench_planner.py", "bench_timer.py",
               "bench_class.py", "bench_poses.py", "bench_handouts.py",
               "bench_countdown_lag.py"):
    if not (HERE / script).exists():
        continue
    print(f"\n## {script}", flush=True)
    subprocess.run([sys.executable, str(HERE / script)], check=True, cwd=HERE.parent)
