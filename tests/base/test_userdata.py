"""Where a person's own files go: their state in the data home; the routines and handouts
they make beside the notebook, or in ``$BACKSTRETCH_DATA_DIR`` when that is set (a hub)."""

from __future__ import annotations

from pathlib import Path

from backstretch.base.userdata import data_home, own_folder


def test_with_a_data_folder_set_own_files_go_in_it(monkeypatch, tmp_path):
    monkeypatch.setenv("BACKSTRETCH_DATA_DIR", str(tmp_path))
    assert data_home() == tmp_path
    assert own_folder("my-routines") == tmp_path / "my-routines"
    assert own_folder("handouts") == tmp_path / "handouts"


def test_without_one_they_go_beside_the_notebook_and_state_to_the_xdg_folder(monkeypatch,
                                                                             tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    for unset in (monkeypatch.delenv, lambda name: monkeypatch.setenv(name, "")):
        unset("BACKSTRETCH_DATA_DIR")  # set but empty counts as not set, for both
        assert own_folder("my-routines") == Path("my-routines")
        assert data_home() == tmp_path / "backstretch"
