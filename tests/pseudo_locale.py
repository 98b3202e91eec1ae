"""The pseudo-locale ``en_XA``: every message of the template accented, about 40 %
longer and bracketed ("[Šţáŕţ ~~]"), so a test can see at a glance any word that did not
go through the catalogue (it stays plain ASCII) and any layout that breaks on longer words.
Placeholders, markup, Markdown links and code spans are kept as they are."""

from __future__ import annotations

import re
from html.parser import HTMLParser
import shutil
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from backstretch.base.language import DOMAIN, locale_dir

CODE = "en_XA"
ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ",
)
KEPT = re.compile(
    r"\{[^{}]*\}"            # {placeholders}
    r"|<[^<>]*>"             # <markup>
    r"|&[#\w]+;"             # &entities;
    r"|`[^`]*`"              # `code`
    r"|\]\([^)]*\)"          # ](link target)
    r"|https?://\S+"         # addresses
    r"|%\(\w+\)[sd]"         # %(name)s
)
ENGLISH_WORD = re.compile(r"(?<![\w/.-])[A-Za-z]{3,}(?![\w/.-])")
"""A word of plain ASCII letters, three or more: in the pseudo-locale, English that
escaped the catalogue (a path, an id or a file name, joined by / . or -, is not one)."""


def pseudo(text: str) -> str:
    """``text`` accented, 40 % longer and bracketed, its placeholders and markup kept."""
    if not text:
        return text
    out, last = [], 0
    for kept in KEPT.finditer(text):
        out.append(text[last:kept.start()].translate(ACCENTED))
        out.append(kept.group())
        last = kept.end()
    out.append(text[last:].translate(ACCENTED))
    body = "".join(out)
    extra = max(1, round(len(text) * 0.4))
    padding = " ".join("~" * min(6, extra - i) for i in range(0, extra, 7))
    return f"[{body} {padding}]"


def write_catalogue(template: Path, folder: Path) -> Path:
    """The pseudo-locale's ``.po`` from ``template``, under ``folder``."""
    with template.open("rb") as handle:
        source = read_po(handle)
    catalogue = Catalog(locale="en", domain=DOMAIN, fuzzy=False)
    for message in source:
        if not message.id:
            continue
        if isinstance(message.id, (tuple, list)):
            text = (pseudo(message.id[0]), pseudo(message.id[1]))
        else:
            text = pseudo(message.id)
        catalogue.add(message.id, text, context=message.context, flags=message.flags)
    target = folder / CODE / "LC_MESSAGES" / f"{DOMAIN}.po"
    target.parent.mkdir(parents=True)
    with target.open("wb") as handle:
        write_po(handle, catalogue, width=0)
    return target


def install(folder: Path) -> Path:
    """A copy of the shipped catalogues with the pseudo-locale added, in ``folder``
    (use it through ``BACKSTRETCH_LOCALE_DIR``)."""
    shutil.copytree(locale_dir(), folder, ignore=shutil.ignore_patterns("*.mo"))
    write_catalogue(folder / f"{DOMAIN}.pot", folder)
    return folder


def english_words(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The plain-ASCII words left in ``text`` shown in the pseudo-locale (``allowed``:
    words that are rightly not translated, such as a unit or a person's own text)."""
    return [w for w in ENGLISH_WORD.findall(text) if w not in allowed]


class _Text(HTMLParser):
    """The words a page shows or reads aloud: text outside scripts and styles, and the
    alt, title, aria-label and placeholder attributes."""

    SPOKEN = ("alt", "title", "aria-label", "placeholder")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts += [value for name, value in attrs if name in self.SPOKEN and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """What a person meets in ``html`` (see ``_Text``), one string."""
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)
