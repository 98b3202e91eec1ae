"""Routines in the person's language: each step's words, the dose report, the ready
routines' names and descriptions, and the errors; a routine a person wrote keeps their
words in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from backstretch import BackstretchError, Routine, RoutineItem, Settings, dose_report, load_routine
from backstretch.base.language import DOMAIN, speaking
from backstretch.base.resources import data_dir
from backstretch.routines.dose import BASIS, basis
from backstretch.routines.library import copy_of_ready, saved_routines
from backstretch.routines.model import format_duration
from backstretch.routines.steps import duration_words, kind_name

GENTLE = yaml.safe_load((data_dir() / "routines" / "acute-spasm-gentle.yaml").read_text(
    encoding="utf-8"))


@pytest.fixture
def every_kind(catalogue) -> Routine:
    """Get ready, holds with rests, a switch and moves: every kind of step."""
    return Routine("Every kind", (RoutineItem("knee-to-chest", hold=20, reps=2),
                                  RoutineItem("pelvic-tilt", reps=3)), catalogue,
                   settings=Settings(rest=4))


@pytest.fixture
def test_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalogue folder with a German .po holding a ready routine's name and description
    (the project's own German content is another file's work)."""
    catalogue = Catalog(locale="de", domain=DOMAIN)
    catalogue.add(GENTLE["name"], "Sanftes Programm bei Hexenschuss")
    catalogue.add(GENTLE["description"], "Kleine, leichte Bewegungen in Rückenlage.")
    po = tmp_path / "locale" / "de" / "LC_MESSAGES" / f"{DOMAIN}.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalogue)
    monkeypatch.setenv("BACKSTRETCH_LOCALE_DIR", str(tmp_path / "locale"))
    return tmp_path


def test_each_kind_of_step_is_worded_in_spanish(every_kind):
    with speaking("es"):
        steps = every_kind.steps()
        hold = next(s for s in steps if s.kind == "hold" and s.side == "right" and s.rep == 2)
        assert (hold.label, hold.action) == ("Mantenga, lado derecho (2 de 2)", "Mantenga (2 de 2)")
        assert hold.title == f"{hold.stretch.name}: Mantenga, lado derecho (2 de 2)"
        assert hold.spoken == f"{hold.stretch.name}. Mantenga, lado derecho (2 de 2). 20 segundos."
        assert hold.reminder.startswith("Respire despacio")
        assert steps[0].title == f"Prepárese: {steps[0].stretch.name}"
        assert steps[0].spoken.endswith(". 10 segundos.")
        switch = next(s for s in steps if s.kind == "switch")
        assert (switch.label, switch.action, switch.cue) == (
            "Cambie al lado derecho", "Cambie de lado", "Cambie a su lado derecho.")
        move = next(s for s in steps if s.kind == "move")
        assert (move.label, move.kind_name) == ("3 repeticiones lentas", "movimientos")
        rest = next(s for s in steps if s.kind == "rest")
        assert (rest.label, rest.cue) == ("Descanse y respire", "Descanse y respire.")
        assert every_kind.box_label((0, "left")) == f"{hold.stretch.name}, lado izquierdo"
        assert [kind_name(k) for k in ("get_ready", "hold", "rest")] == [
            "preparación", "mantenimiento estático", "descanso"]
        assert (duration_words(1), duration_words(90)) == ("1 segundo", "1 minuto y 30 segundos")


def test_durations_are_said_in_german():
    with speaking("de"):
        assert (duration_words(60), duration_words(121)) == ("1 Minute", "2 Minuten 1 Sekunde")
        assert format_duration(245) == "4 min 05 s"


def test_the_dose_report_in_french(catalogue):
    article = load_routine("source-article", catalogue)
    with speaking("fr"):
        text = str(dose_report(article))
        said = basis()
    assert "Bas du dos : 45 s sur 60 s, il manque 15 s." in text
    assert "sont plus courts que les 10 à 30 s recommandés" in text
    assert "Faites-la au moins 2 à 3 jours par semaine ; tous les jours, c'est le mieux." in text
    assert said.startswith("Comment c'est évalué") and text.endswith(said)
    assert "short" not in text and "days a week" not in text
    assert basis() == BASIS


def test_half_seconds_take_the_languages_decimal_sign(catalogue):
    routine = Routine("Half", (RoutineItem("knee-to-chest", hold=10),
                               RoutineItem("figure-four-glute", hold=25)), catalogue)
    with speaking("es"):
        lines = dose_report(routine).lines()
    assert "Parte baja de la espalda: 22,5 s de 60 s, faltan 37,5 s." in lines
    assert "Lower back: 22.5 s of 60 s, 37.5 s short." in dose_report(routine).lines()


def test_a_ready_routine_comes_in_the_language_spoken_and_keeps_its_key(test_locale):
    english = load_routine("acute-spasm-gentle")
    with speaking("de"):
        german = load_routine("acute-spasm-gentle")
        made = copy_of_ready("acute-spasm-gentle")
    assert german.name == "Sanftes Programm bei Hexenschuss"
    assert german.description == "Kleine, leichte Bewegungen in Rückenlage."
    assert german.items == english.items
    assert german.key() == english.key(), "the checklist and the log know it in any language"
    assert german.with_items(german.items[:2]).key() != english.key()
    renamed = Routine("Mein Programm", german.items, german.catalogue)
    assert renamed.key() != english.key()
    assert made.name == german.name
    assert made.key() != english.key(), "a copy is the person's own, keyed as once saved"
    assert made.key() == Routine(made.name, made.items, made.catalogue).key()


def test_a_routine_a_person_wrote_keeps_their_words(tmp_path, catalogue):
    mine = tmp_path / "mine.yaml"
    mine.write_text("version: 1\nname: Gentle routine for a spasm\n"
                    "description: Lying on your back\nitems:\n  - stretch: cat-cow\n",
                    encoding="utf-8")
    for code in ("es", "de", "fr"):
        with speaking(code):
            routine = load_routine(mine, catalogue)
            folder = saved_routines(tmp_path, catalogue)
        assert (routine.name, routine.description) == ("Gentle routine for a spasm",
                                                       "Lying on your back")
        assert folder[0].name == "Gentle routine for a spasm"


def test_a_copy_of_a_ready_routine_says_so_in_spanish(catalogue):
    with speaking("es"):
        made = copy_of_ready("source-article", catalogue)
    assert made.description.startswith("Hecha a partir de la rutina preparada «")


def test_an_error_in_german_names_file_and_field(tmp_path, catalogue):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: Mein Programm\nitems:\n  - stretch: cat-cow\n"
                   "    hold: 900\n  - stretch: knee-to-chst\n  - stretch: cat-cow\n"
                   "    colour: red\n", encoding="utf-8")
    with speaking("de"), pytest.raises(BackstretchError) as caught:
        load_routine(bad, catalogue)
    lines = str(caught.value).splitlines()
    assert f"{bad}: items[0].hold: 900 ist nicht gültig; verwenden Sie eine ganze Zahl von " \
        "Sekunden von 1 bis 600, oder lassen Sie es weg" in lines
    assert f"{bad}: items[2].colour: unbekanntes Feld; gültige Felder: stretch, hold, reps, " \
        "sides, rest" in lines
    with speaking("de"), pytest.raises(BackstretchError) as caught:
        load_routine(tmp_path / "missing.yaml", catalogue)
    assert str(caught.value) == f"{tmp_path / 'missing.yaml'}: diese Datei gibt es nicht"
    with speaking("de"), pytest.raises(BackstretchError) as caught:
        load_routine("acute-spasm-gentel", catalogue)
    assert "acute-spasm-gentel: weder eine Datei noch ein fertiges Programm dieses Namens " \
        "(meinten Sie 'acute-spasm-gentle'?)" == str(caught.value)
