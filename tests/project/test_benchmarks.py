"""Every benchmark runs to the end in its quick mode (a few rounds, small sizes), so a
benchmark that rots fails ``make test`` rather than a person's ``make bench``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import browser_fixtures as bf
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from run_all import SCRIPTS  # noqa: E402

IN_A_BROWSER = {"bench_class.py", "bench_step_lag.py", "bench_take_home.py",
                "bench_motion.py"}


@pytest.mark.parametrize("script", [
    pytest.param(s, marks=pytest.mark.browser) if s in IN_A_BROWSER else s for s in SCRIPTS])
def test_the_benchmark_runs_to_the_end_in_quick_mode(script):
    if script in IN_A_BROWSER:
        bf.require_browser()
    env = {**os.environ, "BACKSTRETCH_BENCH_QUICK": "1"}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert done.stdout.strip() and "Traceback" not in done.stderr
    assert not done.stdout.startswith("skipped:"), done.stdout
