"""The catalogue in the person's language: the shipped stretches' words through the gettext
catalogue (read once per language), a catalogue of one's own as written, and the names of
muscle groups, props, positions and the card's words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from backstretch import MUSCLE_GROUPS, load_catalogue
from backstretch.base.language import DOMAIN, speaking
from backstretch.base.resources import data_dir
from backstretch.catalogue.cards import stretch_card
from backstretch.catalogue.muscles import in_sentence
from backstretch.catalogue.props import PROPS, prop_name
from backstretch.catalogue.stretches import Hold, condition_warnings
from backstretch.figures.poses import poses_for

KNEE = yaml.safe_load((data_dir() / "stretches.yaml").read_text(encoding="utf-8"))["stretches"][0]
WAY_IN = yaml.safe_load((data_dir() / "poses.yaml").read_text(encoding="utf-8"))["poses"][
    "knee-to-chest"]["way_in"]
SPANISH = {
    KNEE["name"]: "Rodilla al pecho, una pierna",
    KNEE["summary"]: "Un primer estiramiento suave para la parte baja de la espalda.",
    KNEE["steps"][0]: "Túmbese boca arriba con las rodillas dobladas.",
    KNEE["steps"][1]: "Apriete un poco el abdomen.",
    KNEE["cautions"][0]: "Deje el pie de apoyo en el suelo.",
    WAY_IN: "Boca arriba, lleve una rodilla hacia el pecho.",
}


@pytest.fixture
def test_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalogue folder holding a Spanish .po with a few of the shipped words (the
    project's own Spanish content is another file's work)."""
    catalogue = Catalog(locale="es", domain=DOMAIN)
    for msgid, msgstr in SPANISH.items():
        catalogue.add(msgid, msgstr)
    po = tmp_path / "locale" / "es" / "LC_MESSAGES" / f"{DOMAIN}.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalogue)
    monkeypatch.setenv("BACKSTRETCH_LOCALE_DIR", str(tmp_path / "locale"))
    return tmp_path


def test_the_shipped_stretches_come_out_in_the_language_spoken(test_locale):
    with speaking("es"):
        knee = load_catalogue()["knee-to-chest"]
    assert knee.name == "Rodilla al pecho, una pierna"
    assert knee.summary.startswith("Un primer estiramiento")
    assert knee.steps[:2] == ("Túmbese boca arriba con las rodillas dobladas.",
                              "Apriete un poco el abdomen.")
    assert knee.steps[2] == KNEE["steps"][2], "a line not yet translated stays English"
    assert knee.cautions[0] == "Deje el pie de apoyo en el suelo."
    assert (knee.id, knee.primary, knee.position) == ("knee-to-chest", ("glutes", "lower_back"),
                                                      "supine"), "ids are never translated"


def test_each_language_has_its_own_catalogue_read_once(test_locale):
    with speaking("es"):
        spanish = load_catalogue()
        assert load_catalogue() is spanish
    english = load_catalogue()
    assert english["knee-to-chest"].name == KNEE["name"]
    assert english is not spanish
    with speaking("es_MX"):
        assert load_catalogue()["knee-to-chest"].name == "Rodilla al pecho, una pierna"


def test_the_poses_way_in_follows_the_catalogues_language(test_locale):
    with speaking("es"):
        spanish = poses_for(load_catalogue())
    assert spanish["knee-to-chest"].way_in == "Boca arriba, lleve una rodilla hacia el pecho."
    assert poses_for(load_catalogue())["knee-to-chest"].way_in == WAY_IN


def test_a_catalogue_of_ones_own_keeps_its_words(test_locale):
    own = test_locale / "mine"
    own.mkdir()
    shutil.copy(data_dir() / "stretches.yaml", own / "stretches.yaml")
    shutil.copy(data_dir() / "poses.yaml", own / "poses.yaml")
    with speaking("es"):
        catalogue = load_catalogue(own / "stretches.yaml")
        assert catalogue["knee-to-chest"].name == KNEE["name"]
        assert poses_for(catalogue)["knee-to-chest"].way_in == WAY_IN


def test_names_of_groups_props_and_positions_are_translated_where_shown():
    with speaking("es"):
        assert MUSCLE_GROUPS["hamstrings"].name == "Isquiotibiales"
        assert MUSCLE_GROUPS["hip_flexors"].in_sentence == "flexores de la cadera"
        assert (prop_name("chair"), PROPS["strap"].name) == ("silla", "cinta")
        assert str(Hold(10, 30)) == "10 a 30 s"
    with speaking("de"):
        assert MUSCLE_GROUPS["hip_flexors"].in_sentence == "Hüftbeuger", "German nouns keep it"
        assert in_sentence("Osteoporose") == "Osteoporose"
        assert prop_name("step") == "Stufe"
    assert (MUSCLE_GROUPS["hip_flexors"].name, MUSCLE_GROUPS["hip_flexors"].english) \
        == ("Hip flexors", "Hip flexors")
    assert prop_name("step") == "step" and prop_name("unknown") == "unknown"


def test_a_card_is_in_the_language_spoken(catalogue):
    with speaking("es"):
        card = stretch_card(catalogue["knee-to-chest"])
        warning = condition_warnings([catalogue["knee-to-chest"]], ["osteoporosis"])[0]
    assert "<b>Precauciones</b>" in card and "Take care" not in card
    assert "Boca arriba; cada lado; 5 s de mantenimiento &times; 1; estático, suave;" in card
    assert "necesita: esterilla." in card and "<b>Trabaja</b> Glúteos, Parte baja de la espalda." \
        in card
    assert warning.startswith("Single knee to chest: omítalo en caso de ")
    english = stretch_card(catalogue["knee-to-chest"])
    assert "Lying on your back; each side; 5 s hold &times; 1; static, gentle; needs mat." \
        in english
