"""Start-up costs: ``import backstretch`` and ``backstretch check`` against ``python -c pass``,
and each notebook's wall time under nbval against an empty notebook's."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    base = timed([sys.executable, "-c", "pass"], 15)
    rows = {
        "python -c pass": base,
        "python -c 'import backstretch'": timed([sys.executable, "-c", "import backstretch"], 15),
        "backstretch check (catalogue + 4 routines)": timed(
            [str(BIN / "backstretch"), "check", "data/stretches.yaml",
             *map(str, sorted((ROOT / "data/routines").glob("*.yaml")))], 15),
    }
    print("Command start-up (median of 15 runs)")
    for name, secs in rows.items():
        print(f"  {name:<45} {secs * 1000:>7.0f} ms   {secs / base:>5.1f}x python -c pass")


def notebooks() -> None:
    work = Path(tempfile.mkdtemp())
    empty = work / "empty.ipynb"
    empty.write_text(json.dumps({"cells": [{"cell_type": "code", "execution_count": None,
                                            "metadata": {}, "outputs": [], "source": "pass"}],
                                 "metadata": {"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}))
    books = [empty, *sorted((ROOT / "notebooks").glob("*.ipynb"))]
    print("Notebook wall time under pytest --nbval-lax, one process each (median of 3)")
    base = None
    for book in books:
        target = work / book.name
        if book != empty:
            shutil.copy(book, target)
        secs = timed([sys.executable, "-m", "pytest", "-q", "--nbval-lax", "-o", "addopts=",
                      "-p", "no:cacheprovider", str(target)], 3)
        base = base or secs
        print(f"  {book.stem:<45} {secs:>6.2f} s   +{secs - base:.2f} s over the empty notebook")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    commands()
    notebooks()
