"""Shared fixtures: the shipped catalogue, a private data directory for every test, and a
laptop's setting for the tests of what goes beside the notebook."""

from __future__ import annotations

from pathlib import Path

import pytest

import backstretch
from backstretch.base.language import use_language


@pytest.fixture(scope="session")
def catalogue() -> backstretch.Catalogue:
    return backstretch.load_catalogue()


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test's saved state (checklists, session log, and so routines and handouts
    saved by default) out of the user's home and the repository, as on a class hub."""
    monkeypatch.setenv("BACKSTRETCH_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch):
    """Every test starts in English whatever the machine's locale (and so do the
    programs it starts); a test of another language says so."""
    monkeypatch.setenv("BACKSTRETCH_LANG", "en")
    use_language("en")


@pytest.fixture(scope="session")
def pseudo_catalogues(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalogues and the pseudo-locale ``en_XA`` beside them."""
    import pseudo_locale

    return pseudo_locale.install(tmp_path_factory.mktemp("pseudo") / "locale")


@pytest.fixture
def pseudo(pseudo_catalogues: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Speak the pseudo-locale (here and in the programs a test starts)."""
    import pseudo_locale

    monkeypatch.setenv("BACKSTRETCH_LOCALE_DIR", str(pseudo_catalogues))
    monkeypatch.setenv("BACKSTRETCH_LANG", pseudo_locale.CODE)
    use_language(pseudo_locale.CODE)
    return pseudo_locale.CODE


@pytest.fixture
def laptop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """As on a laptop: no ``BACKSTRETCH_DATA_DIR`` (state in a private ``XDG_DATA_HOME``),
    working in ``tmp_path``, the notebook's folder, where routines and handouts go."""
    monkeypatch.delenv("BACKSTRETCH_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """As on a class hub: the home is ``tmp_path/home``, the workbook a clone in it, worked
    in from its notebooks folder, and ``BACKSTRETCH_DATA_DIR`` is ``~/backstretch-data``
    (returned)."""
    home = tmp_path / "home"
    notebooks = home / "backstretch" / "notebooks"
    notebooks.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("BACKSTRETCH_DATA_DIR", str(home / "backstretch-data"))
    monkeypatch.chdir(notebooks)
    return home / "backstretch-data"
