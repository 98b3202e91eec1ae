"""Shared fixtures: the shipped catalogue, and a private data directory for every test."""

from __future__ import annotations

import pytest

import backstretch


@pytest.fixture(scope="session")
def catalogue() -> backstretch.Catalogue:
    return backstretch.load_catalogue()


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test's saved state (checklists, session log) out of the user's home."""
    monkeypatch.setenv("BACKSTRETCH_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
