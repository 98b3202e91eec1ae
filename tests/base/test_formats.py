"""Counts, lists, numbers and dates by CLDR in each shipped language (base.formats), and
the language itself (base.language): which one is chosen, its catalogue, its fallbacks."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from backstretch.base import language
from backstretch.base.errors import BackstretchError
from backstretch.base.formats import day, day_pattern, joined, number
from backstretch.base.language import (
    Language,
    _,
    chosen,
    current,
    ngettext,
    page_tag,
    parse,
    speaking,
    spoken,
)
from backstretch.routines.steps import duration_words

DAY = dt.date(2026, 12, 6)


def seconds(n: int) -> str:
    return ngettext("{n} second", "{n} seconds", n).format(n=n)


# -- counts and lists --------------------------------------------------------------------

@pytest.mark.parametrize(("code", "expected"), [
    ("en", ["0 seconds", "1 second", "2 seconds", "1.5"]),
    ("es", ["0 segundos", "1 segundo", "2 segundos", "1,5"]),
    ("de", ["0 Sekunden", "1 Sekunde", "2 Sekunden", "1,5"]),
    # French counts 0 with 1 (CLDR "one" is 0 and 1)
    ("fr", ["0 seconde", "1 seconde", "2 secondes", "1,5"]),
])
def test_counts_take_the_plural_form_of_each_languages_cldr_rule(code, expected):
    with speaking(code):
        assert [seconds(0), seconds(1), seconds(2), number(1.5)] == expected


def test_a_million_takes_the_many_form_where_cldr_has_one():
    with speaking("es"):
        assert seconds(1_000_000) == "1000000 segundos"
    with speaking("fr"):
        assert seconds(1_000_000) == "1000000 secondes"
        assert duration_words(90) == "1 minute 30 secondes"


@pytest.mark.parametrize(("code", "two", "three", "either"), [
    ("en", "Mon and Fri", "Mon, Wed and Fri", "Mon or Fri"),
    ("es", "Mon y Fri", "Mon, Wed y Fri", "Mon o Fri"),
    ("de", "Mon und Fri", "Mon, Wed und Fri", "Mon oder Fri"),
    ("fr", "Mon et Fri", "Mon, Wed et Fri", "Mon ou Fri"),
])
def test_lists_are_joined_by_cldr(code, two, three, either):
    with speaking(code):
        assert joined(["Mon"]) == "Mon"
        assert joined(["Mon", "Fri"]) == two
        assert joined(["Mon", "Wed", "Fri"]) == three
        assert joined(["Mon", "Fri"], style="or") == either


@pytest.mark.parametrize(("code", "big", "date", "short"), [
    ("en", "1,234.5", "6 Dec 2026", "6 Dec"),
    ("es", "1.234,5", "6 dic 2026", "6 dic"),
    ("de", "1.234,5", "06.12.2026", "6. Dez."),
    ("fr", "1\u202f234,5", "6 déc. 2026", "6 déc."),
])
def test_numbers_and_days_follow_the_locale(code, big, date, short):
    with speaking(code):
        assert number(1234.5) == big
        assert number(2) == "2"
        assert day(DAY) == date
        assert day_pattern(DAY, "MMMd") == short


# -- the language: its code, and which one is chosen --------------------------------------

def test_codes_are_parsed_in_every_form_people_write_them():
    assert parse("es") == Language("es")
    assert parse("es-MX") == parse("es_mx") == parse("es_MX.UTF-8") == Language("es", "MX")
    assert parse("de_AT@euro") == Language("de", "AT")
    assert (parse("es-419").code, parse("fr-CA").tag) == ("es_419", "fr-CA")
    with pytest.raises(BackstretchError) as caught:
        parse("klingon!")
    assert len(caught.value.problems) == 1
    assert "'klingon!' is not a language code" in str(caught.value)


def test_the_choice_goes_backstretch_lang_then_saved_then_lc_all_lc_messages_lang():
    env = {"BACKSTRETCH_LANG": "fr", "LC_ALL": "de_DE.UTF-8", "LC_MESSAGES": "es_ES",
           "LANG": "es_MX.UTF-8"}
    assert chosen(env) == Language("fr")
    del env["BACKSTRETCH_LANG"]
    assert chosen(env) == Language("de", "DE")
    del env["LC_ALL"]
    assert chosen(env) == Language("es", "ES")
    del env["LC_MESSAGES"]
    assert chosen(env) == Language("es", "MX")
    assert chosen({}) == Language("en")
    language.choice_file().write_text("de_CH\n", encoding="utf-8")
    assert chosen({"LC_ALL": "fr_FR.UTF-8", "LANG": "es_ES"}) == Language("de", "CH")
    assert chosen({"BACKSTRETCH_LANG": "es", "LANG": "fr_FR"}) == Language("es")


def test_c_and_posix_say_nothing_about_the_language():
    assert chosen({"LC_ALL": "C", "LC_MESSAGES": "POSIX", "LANG": "fr_BE.UTF-8"}) \
        == Language("fr", "BE")
    assert chosen({"LC_ALL": "C.UTF-8", "LANG": "POSIX"}) == Language("en")
    assert chosen({"BACKSTRETCH_LANG": "not a code", "LANG": "de_DE"}) == Language("de", "DE")


def test_a_bad_code_in_the_environment_is_passed_over_before_any_language_is_chosen(
        monkeypatch):
    monkeypatch.setenv("BACKSTRETCH_LANG", "not a code!")
    monkeypatch.setenv("LC_ALL", "fr_CA.UTF-8")
    monkeypatch.setattr(language, "_spoken", [])  # nothing chosen yet, as at start-up
    assert current() == Language("fr", "CA")
    assert seconds(0) == "0 seconde"


def test_a_country_without_its_own_catalogue_speaks_the_language_and_keeps_the_country():
    with speaking("de_AT") as lang:
        assert (spoken(), current().territory, lang.tag) == ("de", "AT", "de-AT")
        assert seconds(2) == "2 Sekunden"
    with speaking("pt_BR"):
        assert spoken() == "en" and seconds(2) == "2 seconds"
        assert current().territory == "BR"


# -- the catalogue: a .po is enough, a broken one says so ----------------------------------

def _po(folder: Path, code: str, messages: dict[str, str]) -> Path:
    catalogue = Catalog(locale=code, domain=language.DOMAIN)
    for msgid, msgstr in messages.items():
        catalogue.add(msgid, msgstr)
    po = folder / code / "LC_MESSAGES" / f"{language.DOMAIN}.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalogue)
    return po


def test_a_po_with_no_mo_is_compiled_in_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKSTRETCH_LOCALE_DIR", str(tmp_path))
    po = _po(tmp_path, "es", {"Hold": "Mantenga (prueba)"})
    with speaking("es"):
        assert _("Hold") == "Mantenga (prueba)"
        assert _("Rest and breathe") == "Rest and breathe", "not in this catalogue"
    assert not po.with_suffix(".mo").exists(), "the package folder is not written to"
    assert language.available() == ("en", "es")


def test_a_newer_po_is_compiled_again_over_a_stale_mo(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKSTRETCH_LOCALE_DIR", str(tmp_path))
    po = _po(tmp_path, "fr", {"Hold": "Maintenez (ancien)"})
    mo = po.with_suffix(".mo")
    mo.write_bytes(language.compile_po(po))
    old = time.time() - 100
    os.utime(mo, (old, old))
    catalogue = Catalog(locale="fr", domain=language.DOMAIN)
    catalogue.add("Hold", "Maintenez (nouveau)")
    with po.open("wb") as handle:
        write_po(handle, catalogue)
    assert language._load(po).gettext("Hold") == "Maintenez (nouveau)"


def test_a_broken_po_is_one_error_naming_its_file(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKSTRETCH_LOCALE_DIR", str(tmp_path))
    po = _po(tmp_path, "de", {"Hold": "Halten"})
    po.write_text('msgid "Hold"\nmsgstr "Halten"\nmsgid "cut off\n', encoding="utf-8")
    with speaking("de"), pytest.raises(BackstretchError) as caught:
        _("Hold")
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].file == str(po)
    assert "not a readable gettext catalogue" in str(caught.value)
    po.write_bytes(b"\xff\xfe\x00 not text")
    with speaking("de"), pytest.raises(BackstretchError) as caught:
        _("Hold")
    assert len(caught.value.problems) == 1 and str(po) in str(caught.value)


def test_the_page_tag_names_the_language_of_the_words_shown():
    with speaking("es_MX"):
        assert page_tag() == "es-MX"
    with speaking("de_AT"):
        assert page_tag() == "de-AT"
    with speaking("pt_BR"):
        assert page_tag() == "en", "no Portuguese catalogue: the words are English"


def test_a_language_added_after_a_first_lookup_is_spoken_at_once(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKSTRETCH_LOCALE_DIR", str(tmp_path))
    with speaking("it"):
        assert _("Hold") == "Hold", "no Italian yet"
        _po(tmp_path, "it", {"Hold": "Tenere"})
        assert _("Hold") == "Tenere"
