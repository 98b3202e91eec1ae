"""Hostile file systems for tests: a small tmpfs to fill, a read-only bind mount.

They need root (CI runs as root); elsewhere the tests using them skip, saying why.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root and mount(8) (CI runs as root)")
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "256k") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``folder`` (made if need be)."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _umount(folder)


def fill(folder: Path) -> None:
    """Write into ``folder`` until its disk is full."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(fd, b"x" * 1024)
    except OSError:
        pass
    finally:
        os.close(fd)
    assert os.statvfs(folder).f_bavail == 0


@contextlib.contextmanager
def read_only(target: Path) -> Iterator[Path]:
    """``target`` (a file or folder) made read-only by a read-only bind mount onto itself:
    chmod does not stop root."""
    _mount("--bind", str(target), str(target))
    try:
        done = subprocess.run(["mount", "-o", "remount,bind,ro", str(target)],
                              capture_output=True, text=True)
        if done.returncode:
            pytest.skip(f"cannot remount read-only here: {done.stderr.strip()}")
        yield target
    finally:
        _umount(target)
