"""The command line in the person's language: ``--lang`` anywhere on the line, or
``BACKSTRETCH_LANG``; argparse's own words too; a language it does not speak refused with
the list of those it does."""

from __future__ import annotations

import argparse
import gettext
import os
import subprocess
import sys

import pytest

import backstretch
from backstretch.base.language import current
from backstretch.cli import main


def test_lang_before_the_command_speaks_spanish(capsys):
    assert main(["--lang", "es", "show", "source-article"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(", 5 estiramientos") and "Total: 4 min" in out
    assert "5 stretches" not in out
    assert current().code == "en"  # only for the run


def test_lang_after_the_command_and_argparse_in_german(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["list", "--position", "upside-down", "--lang=de"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Aufruf: backstretch list")
    assert "Fehler: Argument --position: ungültige Auswahl: 'upside-down'" in err
    assert "usage" not in err and "invalid choice" not in err
    assert argparse._ is gettext.gettext  # argparse speaks its own words again after


def test_a_spanish_usage_error_and_help(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--lang", "es", "handout", "desk-break", "-o", str(tmp_path / "h.txt")])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("uso: backstretch ")
    assert "el nombre del archivo debe terminar en .html o .pdf" in err
    assert "end the file name" not in err
    with pytest.raises(SystemExit):
        main(["remind", "--help", "--lang", "es"])
    out = " ".join(capsys.readouterr().out.split())
    assert "opciones:" in out and "mostrar esta ayuda y salir" in out
    assert "su hora local, como 07:30" in out and "your local time" not in out


def test_a_command_says_what_it_wrote_in_french(tmp_path, capsys):
    assert main(["--lang", "fr", "pose", "knee-to-chest", "-o", str(tmp_path / "k.svg")]) == 0
    assert "écrit\u00a0: la figure de " in capsys.readouterr().out


def test_an_unknown_language_is_refused_with_the_list(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--lang", "xx", "list"])
    assert stop.value.code == 2
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.startswith("backstretch: error: --lang: 'xx' is not a language backstretch "
                          "speaks; choose one of en (English)")
    for shown in ("de (Deutsch)", "es (español)", "fr (français)"):
        assert shown in err
    with pytest.raises(SystemExit):
        main(["list", "--lang", "not a code"])
    assert "is not a language backstretch speaks" in capsys.readouterr().err


def test_a_country_speaks_its_language(capsys):
    assert main(["--lang", "de_AT", "show", "desk-break"]) == 0
    assert "Dehnübungen" in capsys.readouterr().out


def _run(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BACKSTRETCH_LANG": lang}
    return subprocess.run([sys.executable, "-m", "backstretch", *args], env=env,
                          capture_output=True, text=True, check=False)


def test_backstretch_lang_speaks_spanish():
    listed = _run("list", "--position", "standing", lang="es")
    assert listed.returncode == 0
    last = listed.stdout.splitlines()[-1]
    assert " de " in last and last.endswith("estiramientos") and "stretches" not in last
    refused = _run("list", "--position", "upside-down", lang="es")
    assert refused.returncode == 2
    assert refused.stderr.startswith("uso: backstretch list")
    assert "error: argumento --position: opción no válida: 'upside-down'" in refused.stderr


def test_use_language_is_public():
    assert "use_language" in backstretch.__all__
    assert backstretch.use_language("es").code == "es" and current().code == "es"


def test_a_new_catalogue_is_a_new_language_for_lang(tmp_path, monkeypatch, capsys):
    po = tmp_path / "it" / "LC_MESSAGES" / "backstretch.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Language: it\\n"\n\n'
                  'msgid "{file}: ok"\nmsgstr "{file}: va bene"\n', encoding="utf-8")
    monkeypatch.setenv("BACKSTRETCH_LOCALE_DIR", str(tmp_path))
    assert main(["check", "desk-break", "--lang", "it"]) == 0
    assert capsys.readouterr().out == "desk-break: va bene\n"
    with pytest.raises(SystemExit):
        main(["--lang", "es", "check", "desk-break"])  # no Spanish catalogue here
    assert "choose one of en (English), it (italiano)" in capsys.readouterr().err
