"""Start-up costs: ``import backstretch`` and ``backstretch check`` against ``python -c pass``,
and each notebook's wall time under nbval against an empty notebook's."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quick import sized  # benchmarks/quick.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str], runs: int) -> float:
    """Median wall seconds of ``runs`` runs of ``cmd``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def commands() -> None:
    base = timed([sys.executable, "-c", "pass"], sized(15, 2))
    rows = {
        "python -c pass": base,
        "python -c 'import backstretch'": timed([sys.executable, "-c", "import backstretch"],
                                                   sized(15, 2)),
        "backstretch check (catalogue + 4 routines)": timed(
            [str(BIN / "backstretch"), "check", "data/stretches.yaml",
             *map(str, sorted((ROOT / "data/routines").glob("*.yaml")))], 15),
    }
    print("Command start-up (median of 15 runs)")
    for name, secs in rows.items():
        print(f"  {name:<45} {secs * 1000:>7.0f} ms   {secs / base:>5.1f}x python -c pass")


def notebooks(rounds: int = sized(3, 1)) -> None:
    """Each notebook in its own pytest process, in ``rounds`` interleaved rounds so that
    a slow spell of the machine (or a cold cache on the first run) hits all alike."""
    work = Path(tempfile.mkdtemp())
    os.environ["BACKSTRETCH_DATA_DIR"] = str(work / "data")  # the user's own log is not touched
    empty = work / "empty.ipynb"
    empty.write_text(json.dumps({"cells": [{"cell_type": "code", "execution_count": None,
                                            "metadata": {}, "outputs": [], "source": "pass"}],
                                 "metadata": {"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}))
    books = [empty]
    for book in sorted((ROOT / "notebooks").glob("*.ipynb"))[:sized(None, 1)]:
        books.append(Path(shutil.copy(book, work / book.name)))
    times: dict[Path, list[float]] = {book: [] for book in books}
    for _ in range(rounds):
        for book in books:
            times[book].append(timed([sys.executable, "-m", "pytest", "-q", "--nbval-lax", "-o",
                                      "addopts=", "-p", "no:cacheprovider", str(book)], 1))
    print(f"Notebook wall time under pytest --nbval-lax, one process each (median of {rounds} "
          "interleaved rounds)")
    base = statistics.median(times[empty])
    for book in books:
        secs = statistics.median(times[book])
        print(f"  {book.stem:<45} {secs:>6.2f} s   {secs - base:+.2f} s over the empty notebook")
    shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    commands()
    notebooks()
