"""The safety text in Spanish, German and French: the numbers of the person's country,
every sentence translated, the translation owned up to, and every source listed."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest

from backstretch.base.language import Language, speaking
from backstretch.safety import notes
from backstretch.safety.flags import (
    CONDITIONS,
    EMERGENCY,
    NOT_ADVICE,
    STOP_SIGNS,
    STOP_SOURCES,
    TIERS,
    URGENT,
    class_line,
    short_line,
    stop_signs,
)
from backstretch.safety.numbers import BY_COUNTRY, UNKNOWN, numbers
from backstretch.safety.sources import SOURCES, WORDING

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("es", "de", "fr")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _actions(code: str) -> tuple[str, ...]:
    """The four lines with numbers; a number's inner space is unbreakable ("116 117")."""
    with speaking(code):
        lines = EMERGENCY.action, URGENT.action, short_line(), class_line()
    assert "116 117" not in "".join(lines)  # never split across two lines
    return tuple(line.replace("\u00a0", " ") for line in lines)


# -- numbers by country, not by language -----------------------------------------------------

@pytest.mark.parametrize("code, emergency, urgent", [
    ("de_DE", ["112"], ["116 117"]),
    ("de_AT", ["144", "112"], ["1450"]),
    ("de_CH", ["144", "112"], ["Kantons"]),
    ("fr_FR", ["15", "112"], ["116 117", "si votre région le propose"]),
    ("fr_BE", ["112"], ["1733", "pas encore partout"]),
    ("fr_CH", ["144", "112"], ["canton"]),
    ("fr_CA", ["911"], ["811", "Info-Santé", "au Québec"]),
    ("es_ES", ["112"], ["comunidad autónoma"]),
    ("es_MX", ["911"], []),
    ("es_AR", ["107", "911"], []),
    ("en_GB", ["999"], ["111", "GP"]),
    ("en_US", ["911"], []),
])
def test_the_numbers_are_the_country_s(code, emergency, urgent):
    action, same_day, short, on_screen = _actions(code)
    for number in emergency:
        assert re.search(rf"(?<!\d){number}(?!\d)", action), (code, number, action)
        assert number in short and number in on_screen, code
    for word in urgent:
        assert word in same_day, (code, word, same_day)
    assert "{" not in action + same_day + short + on_screen
    # a number of another country never shows
    others = {"999", "911", "144", "15", "107"} - set(emergency)
    for number in others:
        assert not re.search(rf"(?<![\d ]){number}(?![\d ])", action + short), (code, number)


def test_france_s_116_117_is_not_called_nationwide():
    with speaking("fr_FR"):
        line = URGENT.action.replace("\u00a0", " ")
    assert "116 117" in line and "sinon le 15" in line


@pytest.mark.parametrize("code, local", [
    ("es", "número de emergencias de su país"),
    ("de", "örtliche Notrufnummer"),
    ("fr", "numéro d'urgence de votre pays"),
    ("en", "local emergency number"),
    ("es_CO", "número de emergencias de su país"),  # a country the workbook does not know
])
def test_an_unknown_country_gets_112_and_the_local_number(code, local):
    action, same_day, short, on_screen = _actions(code)
    for line in (action, short, on_screen):
        assert "112" in line and local in line, (code, line)
        assert "911" not in line and "999" not in line
    assert not re.search(r"\d", same_day)  # no line of a country it may not be
    assert numbers(Language("es")) is UNKNOWN


def test_english_in_the_uk_keeps_999_and_111():
    action, same_day, short, on_screen = _actions("en_GB")
    assert action.startswith("call 999 or go to an emergency department now")
    assert "(your GP, or call 111)" in same_day
    assert "local emergency number" not in action + short + on_screen


# -- every word translated, and the translation owned up to ------------------------------------

ENGLISH = [
    NOT_ADVICE, notes.STOP_INTRO, notes.CONDITIONS_INTRO, notes.READ_FIRST, *STOP_SIGNS,
    *(t.why for t in TIERS), *(f.text for t in TIERS for f in t.flags),
    *(c.rule for c in CONDITIONS.values()),
]


def _no_english(text: str) -> None:
    flat = _flat(re.sub(r"<[^>]*>", " ", text))  # words, not markup
    for sentence in ENGLISH:
        assert _flat(sentence) not in flat, sentence
    for phrase in (" if you ", " your ", " the ", "Emergency", "Urgent:", "Safety first",
                   "emergency department", "translated"):
        assert phrase not in flat, phrase


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_s_notes_are_wholly_translated_and_say_who_translated_them(code):
    with speaking(code):
        made = {"markdown": notes.markdown(), "html": notes.safety_html(),
                "terminal": notes.terminal_text(width=200),
                "stop signs": notes.stop_signs_html()}
        owned = notes.translated_by()
        wording = notes.wording_sources()
    assert owned and "backstretch" in owned
    project_page = {"es": "página del proyecto", "de": "Seite des Projekts",
                    "fr": "page du projet"}[code]
    assert project_page in owned
    for kind, text in made.items():
        _no_english(text.replace(notes.MARKER_START, "").replace(notes.MARKER_END, ""))
        assert _flat(owned) in _flat(text.replace("&#x27;", "'").replace("&quot;", '"')), kind
    for key in WORDING[code]:
        assert SOURCES[key].publisher in wording
    with speaking(code):
        line = notes.short_line_html()
        short = notes.translated_by(short=True)
    assert short and "backstretch" in short and escape(short) in line
    _no_english(line)


def test_english_lines_do_not_say_they_were_translated():
    assert notes.translated_by(short=True) == ""
    assert "bs-translated" not in notes.short_line_html()


def test_english_does_not_say_it_was_translated():
    assert notes.translated_by() == "" and notes.wording_sources() == ""
    for text in (notes.markdown(), notes.safety_html(), notes.terminal_text()):
        assert "translated" not in text


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_keeps_the_tiers_and_the_signs_added_for_everyone(code):
    with speaking(code):
        text = notes.markdown()
        signs = stop_signs()
        fever = URGENT.flags[0].shown
        age = next(f for f in URGENT.flags if f.id == "age").shown
    assert len(re.findall(r"^- ", text, re.MULTILINE)) == (
        sum(len(t.flags) for t in TIERS) + len(STOP_SIGNS) + len(CONDITIONS))
    assert text.index("#b30000") < text.index("#b35806")  # the emergency tier first
    chills = {"es": "escalofríos", "de": "Schüttelfrost", "fr": "frissons"}[code]
    assert chills in fever
    easing = {"es": "emergencia", "de": "Notfall", "fr": "urgence"}[code]
    assert easing in signs[-1] and len(signs) == len(STOP_SIGNS)
    assert "20" in age and "50" in age and "55" not in age
    if code == "de":
        assert "Kauda-Syndrom" in text and "Reithose" not in text
        assert "Gesäß- oder Genitalbereich" in text
    if code == "fr":
        assert "queue-de-cheval" in text


# -- chest pain is not pain between the shoulder blades ----------------------------------------

@pytest.mark.parametrize("code", ("en", *LANGUAGES))
def test_chest_pain_and_shoulder_blade_pain_are_separate_flags(code):
    chest = next(f for f in EMERGENCY.flags if f.id == "chest")
    blades = next(f for f in URGENT.flags if f.id == "shoulder-blades")
    assert chest not in URGENT.flags and blades not in EMERGENCY.flags
    with speaking(code):
        said_chest, said_blades = chest.shown, blades.shown
    assert said_chest != said_blades
    # the clinical "thoracic" words are ambiguous: the chest flag names the chest
    assert not re.search(r"thora|torác|Thorax", said_chest)
    chest_word = {"en": "Chest", "es": "pecho", "de": "Brust", "fr": "poitrine"}[code]
    blades_word = {"en": "shoulder blades", "es": "omóplatos", "de": "Schulterblättern",
                   "fr": "omoplates"}[code]
    assert chest_word in said_chest and blades_word in said_blades
    assert blades_word not in said_chest and chest_word not in said_blades


# -- sources ----------------------------------------------------------------------------------

def _used_keys() -> set[str]:
    used = {k for t in TIERS for f in t.flags for k in f.sources}
    used |= {k for c in CONDITIONS.values() for k in c.sources}
    used |= set(STOP_SOURCES)
    used |= {k for n in (*BY_COUNTRY.values(), UNKNOWN) for k in n.sources}
    used |= {k for keys in WORDING.values() for k in keys}
    return used


def test_every_source_used_is_known_and_listed_with_its_address():
    doc = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    used = _used_keys()
    assert used <= set(SOURCES), used - set(SOURCES)
    for key in used:
        source = SOURCES[key]
        assert f"`{key}`" in doc, key
        if source.url:
            assert source.url in doc, key
            assert source.label in ("GOV", "PRO", "NON-OFF"), key
    for country, n in BY_COUNTRY.items():
        assert n.sources, country


def test_sources_doc_has_a_section_per_language():
    doc = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", doc, flags=re.MULTILINE)
    for language, word in (("de", "German"), ("fr", "French"), ("es", "Spanish")):
        section = next(s for s in sections if s.startswith(f"The {word}"))
        for source in SOURCES.values():
            if source.language == language:
                assert f"`{source.key}`" in section, source.key
