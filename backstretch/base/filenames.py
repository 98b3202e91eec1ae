"""File names made from titles a user typed: the readable words only, short, unique in a folder."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable
from pathlib import Path

MAX_WORDS = 6
MAX_CHARS = 40
_TAG = re.compile(r"<[^<>]*>")
_WORD = re.compile(r"[^\W_]+")


def title_stem(title: str, fallback: str) -> str:
    """The first few words of ``title``, lower case, joined by '-'; markup is left out.

    '<img src=x onerror=...> Evening <b>calm</b>' -> 'evening-calm'; ``fallback``
    when no word is left.
    """
    words = _WORD.findall(html.unescape(_TAG.sub(" ", title)).lower())
    stem = ""
    for word in words[:MAX_WORDS]:
        longer = f"{stem}-{word}" if stem else word[:MAX_CHARS]
        if len(longer) > MAX_CHARS:
            break
        stem = longer
    return stem or fallback


def unique_path(folder: str | os.PathLike[str], stem: str, suffixes: Iterable[str]) -> Path:
    """``folder/stem``, or ``stem-2``, ``stem-3`` ..., the first with no file of any suffix."""
    folder, suffixes = Path(folder), tuple(suffixes)
    n = 1
    while True:
        candidate = folder / (stem if n == 1 else f"{stem}-{n}")
        if not any(candidate.with_name(candidate.name + s).exists() for s in suffixes):
            return candidate
        n += 1


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as a person is shown it: relative to the working folder (a notebook's own)
    when it lies inside it, else as ``~/...`` when it lies inside their home, else its
    file name alone, so no page names the server's folders (on a hub they mean nothing
    to the person and give its layout away)."""
    p = Path(path)
    return _short_form(p) or p.name


def editable_path(path: str | os.PathLike[str]) -> str:
    """A path as a text box offers it: as :func:`shown_path` shows it when that is the
    whole path (``~`` is expanded on reading it back), else in full, for the box to work."""
    p = Path(path)
    return _short_form(p) or str(p)


def _short_form(p: Path) -> str | None:
    """``p`` relative to the working folder, or to the home as ``~/...``; None when in
    neither (a home that is the root stands for no one's, so it does not count)."""
    if not p.is_absolute():
        return str(p)
    here, home = Path.cwd(), Path.home()
    if p.is_relative_to(here):
        return str(p.relative_to(here))
    if home != Path(home.anchor) and p.is_relative_to(home):
        return str("~" / p.relative_to(home))
    return None
