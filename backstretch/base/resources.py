"""Where the shipped catalogue and ready routines live, in a checkout or a wheel."""

from __future__ import annotations

from pathlib import Path


def data_dir() -> Path:
    """The folder holding ``stretches.yaml`` and ``routines/``.

    A wheel carries it inside the package; a checkout (or an editable install)
    has it at the top of the repository.
    """
    here = Path(__file__).resolve().parent.parent  # the package folder
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "stretches.yaml").is_file():
            return candidate
    raise FileNotFoundError(f"backstretch's data folder is missing (looked in {here})")


def ready_routines() -> dict[str, Path]:
    """The ready-made routines, by name (the file name without ``.yaml``)."""
    folder = data_dir() / "routines"
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}
