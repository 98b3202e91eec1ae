"""The figures in the person's language: titles, side labels, alt texts and the flip book.

These read the shipped catalogues (backstretch/locale/<code>/LC_MESSAGES/backstretch.po).
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from backstretch import BackstretchError
from backstretch.base.language import _, speaking
from backstretch.catalogue.muscles import MUSCLE_GROUPS
from backstretch.figures.drawing import FRAMES, save_pose, stretch_alt, stretch_svg
from backstretch.figures.flipbook import stretch_moves_html
from backstretch.figures.frames import motion_figure
from backstretch.figures.poses import poses_for

ENGLISH = ("Drawing of", "done ", "with a ", "It starts", "From there", "Shaded",
           "starting position", "where you start", "the way in", "left side", "right side")
"""The English words the figures themselves add to the catalogue's texts."""
TITLE = re.compile(r"<title>([^<]*)</title>")


def test_a_figures_alt_text_is_spanish(catalogue):
    with speaking("es"):
        alt = stretch_alt(catalogue, "knee-to-chest", "left")
        start = stretch_alt(catalogue, "strap-hamstring", "right", "start")
    assert alt.startswith("Dibujo: Rodilla al pecho, lado izquierdo, que se hace boca arriba, "
                          "con una esterilla.")
    assert "Empieza así: Acuéstese boca arriba con ambas rodillas dobladas" in alt
    assert "En azul oscuro, donde más trabaja:" in alt
    assert start.startswith("Dibujo: Estiramiento de isquiotibiales boca arriba con cinta, "
                            "lado derecho. Posición de partida: boca arriba, con una esterilla "
                            "y una cinta.")  # CLDR's Spanish "y", an article for each prop
    assert "Desde ahí: Boca arriba con las rodillas dobladas, pase la cinta" in start
    assert not [w for w in ENGLISH if w in alt + start]


@pytest.mark.parametrize("code", ["es", "de", "fr"])
def test_every_figures_alt_text_is_in_the_language_with_no_english_sentence(catalogue, code):
    poses = poses_for(catalogue)
    for stretch in catalogue.values():
        for frame in ("hold", "start"):
            with speaking(code):
                alt = stretch_alt(catalogue, stretch.id, "left", frame)
                name = _(stretch.name)
            assert alt and name in alt, (stretch.id, alt)
            assert not [w for w in ENGLISH if w in alt], (code, stretch.id, alt)
            assert stretch.steps[0] not in alt and poses[stretch.id].way_in not in alt


def test_muscle_names_are_lower_case_in_a_sentence_except_german_nouns(catalogue):
    stretch = catalogue["knee-to-chest"]
    for code in ("es", "fr"):
        with speaking(code):
            alt = stretch_alt(catalogue, stretch.id)
            names = [_(MUSCLE_GROUPS[g].name) for g in stretch.primary]
        assert all(n.lower() in alt for n in names), alt
    with speaking("de"):
        alt = stretch_alt(catalogue, stretch.id)
        names = [_(MUSCLE_GROUPS[g].name) for g in stretch.primary]
    assert all(n in alt for n in names), alt  # Gesäßmuskulatur keeps its capital


@pytest.mark.parametrize("code, left, title", [
    ("es", "LADO IZQUIERDO", "Rodilla al pecho, lado izquierdo: posición inicial"),
    ("de", "LINKE SEITE", "Ein Knie zur Brust, linke Seite: Ausgangsstellung"),
    ("fr", "CÔTÉ GAUCHE", "Un genou vers la poitrine, côté gauche\u00a0: position de départ"),
])
def test_a_figures_title_and_side_label_follow_the_language_and_its_cache(catalogue, code,
                                                                           left, title):
    english = stretch_svg(catalogue, "knee-to-chest", "left", frame="start")
    with speaking(code):
        svg = stretch_svg(catalogue, "knee-to-chest", "left", frame="start")
        moving = motion_figure(catalogue, "knee-to-chest")
    assert left in svg and "LEFT SIDE" not in svg
    assert unescape(TITLE.findall(svg)[0]) == title
    assert left in moving["labels"]["left"] and "SIDE" not in moving["labels"]["right"]
    # drawn once per language: English is English again after it
    assert stretch_svg(catalogue, "knee-to-chest", "left", frame="start") == english
    assert "LEFT SIDE" in english and "LEFT SIDE" in motion_figure(
        catalogue, "knee-to-chest")["labels"]["left"]


def test_the_flip_book_plays_in_french(catalogue):
    with speaking("fr"):
        html = stretch_moves_html(catalogue, "sphinx")
    assert "<summary>Voir le mouvement</summary>" in html
    labels = [unescape(t) for t in re.findall(r'aria-label="([^"]*)"', html)]
    assert labels == ["Sphinx\u00a0: position de départ", "Sphinx",
                      "Sphinx\u00a0: le mouvement, de la position de départ à la position tenue"]
    assert "Play the movement" in stretch_moves_html(catalogue, "sphinx")


def test_a_figures_errors_are_spanish(catalogue, tmp_path):
    with speaking("es"), pytest.raises(BackstretchError) as bad_suffix:
        save_pose(catalogue, "sphinx", tmp_path / "x.gif")
    assert "termine el nombre en .svg o .png" in str(bad_suffix.value)
    with speaking("es"), pytest.raises(BackstretchError) as no_suffix:
        save_pose(catalogue, "sphinx", tmp_path / "x")
    assert "'sin extensión'" in str(no_suffix.value)
    with speaking("es"), pytest.raises(BackstretchError) as bad_frame:
        save_pose(catalogue, "sphinx", tmp_path / "x.svg", frame="end")
    assert f"no es un momento de la figura; use uno de estos: {', '.join(FRAMES)}" in str(
        bad_frame.value)
    assert not (tmp_path / "x.svg").exists()
