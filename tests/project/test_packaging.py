"""Packaging: pip and conda agree, the wheel carries its data, the import stays light."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_LIBRARIES = {"pango"}
"""What conda brings that pip cannot: the C library WeasyPrint loads (Debian: apt.txt)."""


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].strip().lower()


def test_environment_yml_lists_what_pyproject_does():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        pip_side |= {_name(r) for r in extra}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_block = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_block
    # what conda-forge lacks comes from PyPI in the pip block
    conda_side = {_name(d) for d in conda + pip_block if d != "-e ."} - {"python", "pip"}
    assert conda_side == pip_side | SYSTEM_LIBRARIES
    assert "conda-forge" in env["channels"]


def test_import_is_light():
    code = ("import sys, backstretch; backstretch.load_routine('source-article').coverage(); "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'IPython') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_wheel_carries_the_data_and_works_without_the_checkout(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("backstretch-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "backstretch/data/stretches.yaml" in names
    assert "backstretch/data/poses.yaml" in names
    assert "backstretch/data/routines/source-article.yaml" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import backstretch; r = backstretch.load_routine('source-article'); "
            "from backstretch.figures.drawing import stretch_svg; "
            "print(backstretch.__file__, r.duration, len(backstretch.load_catalogue()), "
            "stretch_svg(r.catalogue, 'sphinx').startswith('<svg'))")
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); "
                          + code], capture_output=True, text=True, check=True, cwd=tmp_path)
    where, duration, count, drawn = out.stdout.split()
    assert where.startswith(str(site)) and duration == "250" and int(count) >= 25
    assert drawn == "True"  # the figures' poses travel with the catalogue
