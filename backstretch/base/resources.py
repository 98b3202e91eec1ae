"""Where the shipped catalogue and ready routines live, in a checkout or a wheel, and
their words in the current language."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .extractors import TEXT_KEYS
from .language import _


def data_dir() -> Path:
    """The folder holding ``stretches.yaml`` and ``routines/``.

    A wheel carries it inside the package; a checkout (or an editable install)
    has it at the top of the repository.
    """
    here = Path(__file__).resolve().parent.parent  # the package folder
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "stretches.yaml").is_file():
            return candidate
    raise FileNotFoundError(_("backstretch's data folder is missing (looked in {folder})").format(
        folder=here))


def ready_routines() -> dict[str, Path]:
    """The ready-made routines, by name (the file name without ``.yaml``)."""
    folder = data_dir() / "routines"
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def is_shipped(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is one of the workbook's own data files (the catalogue, the poses,
    a ready routine), whose words the catalogue translates; a person's own file is not."""
    try:
        return Path(path).resolve().is_relative_to(data_dir().resolve())
    except (OSError, FileNotFoundError, RuntimeError):
        return False


def in_language(data: Any, inside: bool = False) -> Any:
    """Parsed YAML of a shipped file with every text under a ``TEXT_KEYS`` key (the ones
    ``pybabel extract`` finds) in the current language; ids and numbers as they are."""
    if isinstance(data, dict):
        return {key: in_language(value, key in TEXT_KEYS) for key, value in data.items()}
    if isinstance(data, list):
        return [in_language(item, inside) for item in data]
    if inside and isinstance(data, str) and data:
        return _(data)
    return data
