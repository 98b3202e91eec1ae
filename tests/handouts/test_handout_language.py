"""Handouts and the take-home page in the language they are made in (issue 34): their
``lang``, their own words, their counted words and numbers."""

from __future__ import annotations

import json
import re

import pytest

from backstretch import load_routine
from backstretch.base.errors import BackstretchError
from backstretch.base.language import page_tag, speaking
from backstretch.handouts.content import Handout, dose_text
from backstretch.handouts.html import handout_html, page_css
from backstretch.handouts.take_home import take_home_html


@pytest.fixture(scope="module")
def desk(catalogue):
    return load_routine("desk-break", catalogue)


def _data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="bs-data">(.*?)</script>', html, re.DOTALL)
    return json.loads(found.group(1))


def test_an_english_handout_says_so_and_keeps_its_words(desk):
    html = handout_html(desk, charts=[])
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">') and page_tag() == "en"
    h = Handout.from_routine(desk)
    assert h.total == ("5 min 28 s in all, 6 stretches, including getting ready, switching "
                       "sides and rests")
    assert "Hold 20 s, once; left side, then right side." in [s.dose for s in h.stretches]
    assert 'content: "Desk break" " \\b7  page " counter(page) " of " counter(pages);' in \
        page_css("Desk break")


def test_a_spanish_handout_is_in_spanish(desk):
    with speaking("es"):
        html = handout_html(desk, charts=[("Tiempo por grupo", "<svg/>")])
        h = Handout.from_routine(desk)
        css = page_css("Pausa")
    assert html.startswith('<!DOCTYPE html>\n<html lang="es">')
    for spanish in ("<h2>Primero, la seguridad</h2>", "<h2>Los estiramientos</h2>",
                    "<h2>Lista de control</h2>", "<h2>Comparado con la recomendación</h2>",
                    "<h2>Qué estira</h2>", "Grupo muscular", "Precauciones",
                    "Marque cada casilla", "faltan 40 s",
                    f"Tiempo por grupo, de {h.title}. Los números están en la tabla"):
        assert spanish in html, spanish
    for english in ("Safety first", "The stretches", "Checklist", "Against the guideline",
                    "Take care", "Muscle group", "s short", "The numbers are in"):
        assert english not in html, english
    assert " en total, 6 estiramientos, contando la preparación" in h.total
    assert all(s.dose.startswith(("Mantenga ", "6 ", "10 ")) for s in h.stretches)
    assert "página" in css and "counter(page)" in css and "counter(pages)" in css


def test_counts_and_decimals_follow_the_language(desk):
    with speaking("es"):
        one = Handout.from_routine(desk.with_items(desk.items[:1])).total
    assert "1 estiramiento," in one  # CLDR's "one", not the plural
    with speaking("de"):
        rows = Handout.from_routine(desk).dose
    assert rows[0].seconds == "20 s" and rows[0].result == "40 s zu wenig"


def test_a_dose_in_french_reads_as_french(desk):
    with speaking("fr"):
        said = [dose_text(desk, i) for i in range(len(desk.items))]
    assert any(s.startswith("Tenez 20 s, une fois ;") for s in said), said


def test_errors_are_in_the_language_too():
    with speaking("es"), pytest.raises(BackstretchError) as error:
        page_css("x", "a3")
    assert "no hay papel 'a3'; elija a4 o letter" in str(error.value)


def test_the_take_home_page_is_made_and_kept_in_the_language_it_was_made_in(desk):
    with speaking("es"):
        html = take_home_html(desk)
    assert html.startswith('<!DOCTYPE html>\n<html lang="es">')
    assert '<div id="bs-player" class="bs-player bs-timer" lang="es"' in html
    page = html[:html.index("<script")]
    for spanish in ("Esto no es un consejo médico.", "Dolor antes (de 0 a 10)",
                    "Después de la sesión", "Lista de control", "Sus sesiones",
                    "Descargar sus sesiones", "Todavía no ha hecho ninguna sesión",
                    "0 (sin dolor)", "sin registrar", ">Empezar<", "Teclas: Espacio",
                    "<b>Importar</b>", "<code>backstretch log import ARCHIVO</code>"):
        assert spanish in page, spanish
    for english in ("Not medical advice", "Pain before", "After the session", "Checklist",
                    "Your sessions", "No session done", "not recorded", ">Start<", "Keys:"):
        assert english not in page, english
    data = _data(html)
    assert data["timeline"]["lang"] == "es" and data["timeline"]["words"]["start"] == "Empezar"
    assert data["words"]["sessions"]["one"] == "{n} sesión hecha con esta página."
    assert set(data["words"]["sessions"]) == {"one", "many", "other"}
    assert data["words"]["cannot_keep"].startswith("Este navegador no puede")
    # the page keeps the words it was made with, whatever language is spoken later
    assert take_home_html(desk) != html and _data(take_home_html(desk))["timeline"]["lang"] == "en"
