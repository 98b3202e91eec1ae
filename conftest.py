"""Keep the whole test run's saved state out of the user's home.

``tests/conftest.py`` gives every unit test its own data folder, but nbval runs the
notebooks in kernels that only inherit this process's environment; so before any
test or kernel starts, ``BACKSTRETCH_DATA_DIR`` points at a fresh temporary folder,
removed (and the old value restored) when the run ends.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_saved: dict[str, str | None] = {}


def pytest_configure(config) -> None:  # noqa: ANN001 - a pytest Config
    _saved["old"] = os.environ.get("BACKSTRETCH_DATA_DIR")
    _saved["new"] = tempfile.mkdtemp(prefix="backstretch-test-data-")
    os.environ["BACKSTRETCH_DATA_DIR"] = _saved["new"]


def pytest_unconfigure(config) -> None:  # noqa: ANN001
    shutil.rmtree(_saved.pop("new"), ignore_errors=True)
    old = _saved.pop("old")
    if old is None:
        os.environ.pop("BACKSTRETCH_DATA_DIR", None)
    else:
        os.environ["BACKSTRETCH_DATA_DIR"] = old
