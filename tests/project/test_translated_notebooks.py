"""The notebooks of each language (notebooks/es/ ...) are made by
scripts/translate-notebooks from the English ones and the catalogues, never by hand;
each speaks its language, and every relative link of every notebook leads to a file."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from backstretch.base.extractors import code_comments
from backstretch.base.language import speaking
from backstretch.safety.notes import MARKER_START, markdown

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SCRIPT = ROOT / "scripts" / "translate-notebooks"
_LINK = re.compile(r"\]\(([^)\s]+)\)|href=\"([^\"]+)\"")


def _script():
    loader = importlib.machinery.SourceFileLoader("translate_notebooks", str(SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


script = _script()
LANGUAGES = script.languages()
ENGLISH = sorted(NOTEBOOKS.glob("*.ipynb"))
EVERY = sorted(NOTEBOOKS.glob("**/*.ipynb"))


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_the_shipped_languages_have_their_notebooks():
    assert {"es", "de", "fr"} <= set(LANGUAGES)
    for code in LANGUAGES:
        assert sorted(p.name for p in (NOTEBOOKS / code).glob("*.ipynb")) == [
            p.name for p in ENGLISH]


def test_the_notebooks_are_the_scripts_output():
    """Nobody edits notebooks/<code>/ by hand: run scripts/translate-notebooks."""
    wanted = script.wanted(LANGUAGES)
    differ = [str(p.relative_to(ROOT)) for p, text in wanted.items()
              if not p.exists() or p.read_text(encoding="utf-8") != text]
    assert not differ, f"run scripts/translate-notebooks: {differ} differ"
    assert not script.stale(LANGUAGES, NOTEBOOKS, wanted)


def test_the_script_gives_the_same_notebooks_every_time(tmp_path: Path):
    run = [sys.executable, str(SCRIPT), "--out", str(tmp_path), "es"]
    assert subprocess.run(run, capture_output=True, text=True, check=True).stdout
    first = {p.name: p.read_bytes() for p in (tmp_path / "es").glob("*.ipynb")}
    again = subprocess.run([*run[:-1], "--check", "es"], capture_output=True, text=True,
                           check=False)
    assert again.returncode == 0, again.stdout
    assert first == {p.name: text.encode("utf-8") for p, text in
                     script.wanted(["es"], tmp_path).items()}


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_notebook_speaks_its_language_first(code: str):
    for path in sorted((NOTEBOOKS / code).glob("*.ipynb")):
        first = next(c for c in _cells(path) if c["cell_type"] == "code")
        assert f'use_language("{code}")' in "".join(first["source"]), path.name


def test_the_prose_and_the_safety_notes_are_in_the_language():
    cells = _cells(NOTEBOOKS / "es" / "00_start_here.ipynb")
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "## Su idioma" in text and "## Your language" not in text
    assert "(../../docs/sources.md)" in text and "(01_catalogue.ipynb)" in text
    safety = next("".join(c["source"]) for c in cells
                  if "".join(c["source"]).startswith(MARKER_START))
    with speaking("es"):
        assert safety == markdown(2, "../../docs/sources.md")
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert "LanguagePicker()" in code


def test_a_new_language_is_a_catalogue_away(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A catalogue alone gives its notebooks: a block it translates is translated,
    the rest stays English."""
    po = tmp_path / "locale" / "it" / "LC_MESSAGES" / "backstretch.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "## Your language"\nmsgstr "## La sua lingua"\n', encoding="utf-8")
    monkeypatch.setenv("BACKSTRETCH_LOCALE_DIR", str(po.parents[2]))
    assert script.languages() == ["it"]
    book = script.wanted(["it"], tmp_path)[tmp_path / "it" / "00_start_here.ipynb"]
    assert "## La sua lingua" in book and 'use_language(\\"it\\")' in book
    assert "## Prerequisites" in book


def test_code_comments_follow_the_catalogue():
    source = ("x = 1   # an inline note\n"
              "# a comment that runs\n# over two lines\ny = 2\n")
    assert [c[3] for c in code_comments(source)] == [
        "an inline note", "a comment that runs over two lines"]


@pytest.mark.parametrize("path", EVERY, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_every_relative_link_leads_to_a_file(path: Path):
    for cell in _cells(path):
        if cell["cell_type"] != "markdown":
            continue
        for found in _LINK.finditer("".join(cell["source"])):
            link = found.group(1) or found.group(2)
            if re.match(r"^[a-z]+:|^#", link):
                continue
            target = (path.parent / link.split("#")[0]).resolve()
            assert target.exists(), f"{path.relative_to(ROOT)}: {link}"


def test_the_translated_notebooks_are_committed_without_outputs():
    paths = [str(p) for code in LANGUAGES for p in sorted((NOTEBOOKS / code).glob("*.ipynb"))]
    result = subprocess.run([sys.executable, "-m", "nbstripout", "--verify", *paths],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [p for p in EVERY if p.parent != NOTEBOOKS],
                         ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_a_translated_notebook_is_the_same_lesson(path: Path):
    """The English one's cells in the same order, a language cell added, each cell's kind
    and tags kept; the prose translated, never an output."""
    english = _cells(NOTEBOOKS / path.name)
    cells = _cells(path)
    added = [c for c in cells if "use_language(" in "".join(c["source"])]
    assert len(added) == 1 and len(cells) == len(english) + 1
    rest = [c for c in cells if c is not added[0]]
    assert [(c["cell_type"], c["metadata"]) for c in rest] == [
        (c["cell_type"], c["metadata"]) for c in english]
    assert rest[0]["source"][0].startswith("# ")
    assert all(not c.get("outputs") for c in cells)
