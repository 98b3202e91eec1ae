"""The page player's words (issue 34): one table in the package's catalogue, sent with the
timeline in its language; player.js and the first paint read it and say nothing of their
own."""

from __future__ import annotations

import re

from backstretch import load_routine
from backstretch.base.language import ngettext, speaking
from backstretch.guided import player_asset
from backstretch.guided.first_paint import timer_view_html
from backstretch.guided.timeline import page_timeline
from backstretch.guided.words import RATES, page_words, plural_forms

ENGLISH = ("Voice speed", "Full screen", "Leave full screen", "Time left in this step",
           "Repeat the last step", "Go on to the next step", "Keys (in the notebook",
           "The kernel", "Keep the screen on", "where you start", "as far as you move",
           '"the end"', "Next: ", "Now: ", " · paused", "This step", "sessions done",
           "cannot keep them", '"slow"', '"brisk"', '"Resume"', '"Start"', " side`")


def test_the_page_scripts_carry_no_words_of_their_own():
    for name in ("player.js",):
        script = player_asset(name).read_text(encoding="utf-8")
        for words in ENGLISH:
            assert words not in script, f"{name} still says {words!r} itself"
    from backstretch.handouts import take_home

    script = (take_home.HERE / "take_home.js").read_text(encoding="utf-8")
    for words in ENGLISH:
        assert words not in script, f"take_home.js still says {words!r} itself"


def test_every_word_player_js_asks_for_is_in_the_table():
    script = player_asset("player.js").read_text(encoding="utf-8")
    asked = set(re.findall(r"\bw\.(\w+)", script))
    assert asked and asked <= set(page_words()), asked - set(page_words())


def test_in_english_the_words_are_the_ones_the_page_always_showed(catalogue):
    words = page_words()
    assert (words["start"], words["pause"], words["resume"], words["full"]) == (
        "Start", "Pause", "Resume", "Full screen")
    assert words["rates"] == [[v, name] for v, name in RATES]
    assert words["keys"] == ("Keys (in the notebook: over this view): Space start / pause / "
                             "resume · → or N skip · ← or B back · R reset")
    timeline = page_timeline(load_routine("desk-break", catalogue))
    assert timeline["lang"] == "en" and timeline["words"] == words
    html = timer_view_html(timeline, "keys")
    assert "Stretch 1 of 6 · step 1 of 20 · 0:00 of 5:28" in html
    assert '<label class="bs-rate">Voice speed <select' in html
    assert '<option value="0.75">slow</option><option value="1" selected>normal' in html


def test_the_timeline_in_spanish_carries_its_language_and_spanish_words(catalogue):
    routine = load_routine("desk-break", catalogue)
    with speaking("es"):
        timeline = page_timeline(routine)
    words = timeline["words"]
    assert timeline["lang"] == "es"
    assert (words["start"], words["pause"], words["back"], words["skip"]) == (
        "Empezar", "Pausa", "Atrás", "Saltar")
    assert [name for _, name in words["rates"]] == ["lenta", "normal", "ágil", "rápida"]
    assert "español" in words["no_voice"] and "{" not in words["no_voice"]
    assert words["where"].startswith("Estiramiento {item} de {items}")
    assert timeline["steps"][-1]["next"] == "el final"
    # the first paint reads the same words: no English button or label is left
    html = timer_view_html(timeline, "Teclas")
    for spanish in ("Empezar", "Velocidad de la voz", "Tiempo restante de este paso",
                    "Estiramiento 1 de 6 · paso 1 de 20", "Pantalla completa"):
        assert spanish in html
    for english in (">Start<", ">Pause<", "Voice speed", "Time left", "Stretch 1 of",
                    ">slow<", "Full screen"):
        assert english not in html


def test_the_timeline_is_in_the_language_it_was_made_in(catalogue):
    routine = load_routine("desk-break", catalogue)
    with speaking("de"):
        german = page_timeline(routine)
    english = page_timeline(routine)
    assert german["lang"] == "de" and german["words"]["start"] == "Starten"
    assert english["lang"] == "en" and english["words"]["start"] == "Start"
    with speaking("pt_BR"):  # no catalogue: English words, so an English voice and lang
        fallback = page_timeline(routine)
    assert fallback["lang"] == "en" and fallback["words"]["start"] == "Start"


def test_counted_words_come_by_the_languages_own_plural_categories():
    def said(n: int) -> str:
        return ngettext("{n} session done with this page.",
                        "{n} sessions done with this page.", n)

    assert plural_forms(said) == {"one": "{n} session done with this page.",
                                  "other": "{n} sessions done with this page."}
    with speaking("es"):
        forms = plural_forms(said)
    assert set(forms) == {"one", "many", "other"}
    assert forms["one"] == "{n} sesión hecha con esta página."
    assert forms["other"] == "{n} sesiones hechas con esta página."
    with speaking("fr"):
        forms = plural_forms(said)
    assert forms["one"] == "{n} séance faite avec cette page."  # 0 and 1 in French
    assert forms["many"] == "{n} de séances faites avec cette page."  # 1 000 000 de ...
