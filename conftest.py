"""Keep the whole test run's saved state out of the user's home.

``tests/conftest.py`` gives every unit test its own data folder, but nbval runs the
notebooks in kernels that only inherit this process's environment; so before any
test or kernel starts, ``BACKSTRETCH_DATA_DIR`` points at a fresh temporary folder,
removed (and the old value restored) when the run ends. The run speaks English
(``BACKSTRETCH_LANG=en``) whatever the machine's locale, so the English notebooks do; the
notebooks of another language (notebooks/es/ ...) say their own in their first code cell.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_saved: dict[str, str | None] = {}


def pytest_configure(config) -> None:  # noqa: ANN001 - a pytest Config
    _saved["old"] = os.environ.get("BACKSTRETCH_DATA_DIR")
    _saved["lang"] = os.environ.get("BACKSTRETCH_LANG")
    _saved["new"] = tempfile.mkdtemp(prefix="backstretch-test-data-")
    os.environ["BACKSTRETCH_DATA_DIR"] = _saved["new"]
    os.environ["BACKSTRETCH_LANG"] = "en"


def pytest_unconfigure(config) -> None:  # noqa: ANN001
    shutil.rmtree(_saved.pop("new"), ignore_errors=True)
    for name, key in (("BACKSTRETCH_DATA_DIR", "old"), ("BACKSTRETCH_LANG", "lang")):
        old = _saved.pop(key)
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old
