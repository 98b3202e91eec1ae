"""Run every benchmark in turn and print its figures (``make bench``).

``BACKSTRETCH_BENCH_QUICK=1`` runs each in its quick mode (``quick.py``), as the tests do.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ("bench_startup.py", "bench_charts.py", "bench_planner.py", "bench_timer.py",
           "bench_class.py", "bench_poses.py", "bench_handouts.py", "bench_step_lag.py",
           "bench_take_home.py", "bench_motion.py", "bench_languages.py")


def main() -> None:
    for script in SCRIPTS:
        print(f"\n## {script}", flush=True)
        subprocess.run([sys.executable, str(HERE / script)], check=True, cwd=HERE.parent)


if __name__ == "__main__":
    main()
