"""What the before-and-after benchmarks share: the code before a change (issue 23's by
default), and a kernel's CPU."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE_COMMIT = "1601c6b"
"""The parent of issue 23's work: the kernel ticked the session and sent every change."""


def unpack_before(into: Path, commit: str = BEFORE_COMMIT) -> Path | None:
    """The package (and its data) as of ``commit``, or None without git history."""
    into.mkdir(parents=True)
    try:
        archive = subprocess.run(["git", "archive", commit, "backstretch", "data"],
                                 cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return into


def cpu_seconds(pid: int) -> float:
    """The CPU time of every thread of ``pid`` so far (``/proc/.../schedstat``: in ns)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # a thread that ended meanwhile
    return total / 1e9
