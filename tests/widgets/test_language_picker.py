"""The language picker of 00_start_here: the languages by their own names, the choice
saved in the data folder, and the links to that language's notebooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backstretch.base.language import Language, current, saved_choice
from backstretch.widgets import LanguagePicker
from backstretch.widgets.language_picker import lab_locale, native_name, prepare_lab

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def _links(picker: LanguagePicker) -> str:
    return "".join(o["data"]["text/markdown"] for o in picker.links.outputs)


def test_lists_the_languages_by_their_own_names():
    picker = LanguagePicker(NOTEBOOKS)
    options = dict(picker.choice.options)
    assert options["Español"] == "es" and options["Deutsch"] == "de"
    assert options["Français"] == "fr" and options["English"] == "en"
    assert picker.choice.value == "en"
    assert native_name("es") == "Español" and native_name("de_AT") == "Deutsch (Österreich)"


def test_picking_saves_the_choice_and_links_to_its_notebooks():
    picker = LanguagePicker(NOTEBOOKS)
    picker.choice.value = "es"
    assert saved_choice() == "es" and current().code == "es"
    assert picker.target == NOTEBOOKS / "es" / "00_start_here.ipynb"
    assert picker.href == "es/00_start_here.ipynb"
    links = _links(picker)
    assert "[00_start_here](es/00_start_here.ipynb)" in links
    assert "[05_class_mode](es/05_class_mode.ipynb)" in links
    assert "Español" in picker.status.value and "Guardado" in picker.status.value
    assert picker.choice.description == "Idioma"


def test_links_from_a_language_folder_go_up_a_folder():
    picker = LanguagePicker(NOTEBOOKS / "de")
    assert picker.root == NOTEBOOKS
    picker.choice.value = "fr"
    assert picker.href == "../fr/00_start_here.ipynb"
    picker.choice.value = "en"
    assert picker.href == "../00_start_here.ipynb" and saved_choice() == "en"
    assert "[01_catalogue](../01_catalogue.ipynb)" in _links(picker)


def test_a_language_without_notebooks_opens_the_english_ones(tmp_path: Path):
    (tmp_path / "00_start_here.ipynb").write_text("{}", encoding="utf-8")
    picker = LanguagePicker(tmp_path)
    picker.choice.value = "de"
    assert saved_choice() == "de"
    assert picker.href == "00_start_here.ipynb"
    assert "Englisch" in picker.status.value or "englische" in picker.status.value


def test_lab_speaks_the_chosen_language():
    packs = {"es_ES", "de_DE", "fr_FR"}
    assert lab_locale(Language("es"), packs) == "es_ES"
    assert lab_locale(Language("es", "MX"), packs) == "es_ES"
    assert lab_locale(Language("fr", "CA"), packs | {"fr_CA"}) == "fr_CA"
    assert lab_locale(Language("it"), packs) == "en"
    assert lab_locale(Language("en"), packs) == "en"


@pytest.mark.parametrize(("lang", "expected"), [("de_AT", "notebooks/de/00_start_here.ipynb"),
                                                 ("en", "notebooks/00_start_here.ipynb"),
                                                 ("it", "notebooks/00_start_here.ipynb")])
def test_make_lab_opens_the_chosen_languages_notebook(tmp_path: Path, monkeypatch, lang, expected):
    monkeypatch.chdir(NOTEBOOKS.parent)
    monkeypatch.setenv("BACKSTRETCH_LANG", lang)
    assert prepare_lab("notebooks", tmp_path) == expected
    written = json.loads((tmp_path / "backstretch-language.json").read_text(encoding="utf-8"))
    locale = written["@jupyterlab/translation-extension:plugin"]["locale"]
    assert locale == lab_locale(Language(*lang.split("_")))


def test_lab_reads_the_language_as_its_own_default(tmp_path: Path, monkeypatch):
    """JupyterLab's settings loader takes the file `make lab` writes as the default of
    its language setting (a language picked in Lab's own menu still wins)."""
    settings_utils = pytest.importorskip("jupyterlab_server.settings_utils")
    monkeypatch.chdir(NOTEBOOKS.parent)
    monkeypatch.setenv("BACKSTRETCH_LANG", "fr")
    monkeypatch.setenv("JUPYTERLAB_DIR", str(tmp_path))
    prepare_lab()
    overrides, error = settings_utils._get_overrides(str(tmp_path / "settings"))
    assert not error
    assert overrides["@jupyterlab/translation-extension:plugin"] == {
        "locale": lab_locale(Language("fr"))}


def test_a_choice_that_cannot_be_saved_says_why(tmp_path: Path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("BACKSTRETCH_DATA_DIR", str(blocked))
    picker = LanguagePicker(NOTEBOOKS)
    picker.choice.value = "fr"
    assert "language.txt: cannot be written" in picker.status.value
    assert current().code == "en"
    assert picker.href == "00_start_here.ipynb"


def test_make_present_shows_the_class_in_the_chosen_language(monkeypatch):
    from backstretch.widgets.language_picker import chosen_notebook

    monkeypatch.chdir(NOTEBOOKS.parent)
    monkeypatch.setenv("BACKSTRETCH_LANG", "es_MX")
    assert chosen_notebook("05_class_mode.ipynb") == "notebooks/es/05_class_mode.ipynb"
