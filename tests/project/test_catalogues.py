"""The shipped catalogues are whole: the template holds every message of the sources, and
each language translates every one of them, with the same placeholders and markup, no
fuzzy entry, and a clean ``msgfmt --check``."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from backstretch.base.language import DOMAIN, available, locale_dir

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("es", "de", "fr")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?([a-z][a-z0-9]*)\b[^<>]*>")
LINK_TARGET = re.compile(r"\]\(([^)]*)\)")
CODE_SPAN = re.compile(r"`([^`]+)`")


def catalogue(code: str):
    with (locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        return read_po(handle)


def test_the_three_languages_are_shipped() -> None:
    assert set(SHIPPED) <= set(available())


def test_the_template_holds_every_message_of_the_sources() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "update-catalogues"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("code", SHIPPED)
def test_every_message_is_translated_and_none_is_fuzzy(code: str) -> None:
    with (locale_dir() / f"{DOMAIN}.pot").open("rb") as handle:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    po = catalogue(code)
    lacking = [m.id for m in po if m.id and not all(
        m.string if isinstance(m.string, tuple) else (m.string,))]
    fuzzy = [m.id for m in po if m.id and m.fuzzy]
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in po if m.id}
    assert not lacking, f"{code}: {len(lacking)} untranslated, e.g. {lacking[:3]}"
    assert not fuzzy, f"{code}: fuzzy {fuzzy[:3]}"
    assert template <= translated, f"{code}: missing {sorted(template - translated)[:3]}"


def differences(msgid: str, text: str, partial: bool = False) -> list[str]:
    """What ``text`` lost or gained of ``msgid``'s placeholders, tags, link targets and
    code spans (``partial``: a plural form that may leave a placeholder out)."""
    found = []
    for pattern in (PLACEHOLDER, TAG, LINK_TARGET, CODE_SPAN):
        want, got = sorted(pattern.findall(msgid)), sorted(pattern.findall(text))
        if pattern is CODE_SPAN:  # an example inside one (`./name`) may be translated
            want, got = ["`"] * len(want), ["`"] * len(got)
        if (partial and not set(got) <= set(want)) or (not partial and got != want):
            found.append(f"{got} for {want}")
    return found


@pytest.mark.parametrize("code", SHIPPED)
def test_translations_keep_placeholders_markup_links_and_plural_forms(code: str) -> None:
    forms = get_plural(code).num_plurals
    wrong = []
    for m in catalogue(code):
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            if len(m.string) != forms:
                wrong.append((m.id[0], f"{len(m.string)} plural forms, not {forms}"))
                continue
            problems = differences(m.id[1], m.string[-1])
            for text in m.string[:-1]:
                problems += differences(m.id[0] + m.id[1], text, partial=True)
        else:
            problems = differences(m.id, m.string)
        wrong += [(m.id, problem) for problem in problems]
    assert not wrong, f"{code}: {len(wrong)} messages differ, e.g. {wrong[:4]}"


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("code", SHIPPED)
def test_msgfmt_finds_nothing_wrong(code: str, tmp_path: Path) -> None:
    po = locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    done = subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "x.mo"),
                           str(po)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "untranslated" not in done.stderr and "fuzzy" not in done.stderr, done.stderr
