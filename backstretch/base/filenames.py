"""File names made from titles a user typed (the readable words only, short, unique in a
folder), and the one rule for showing a path to a person and reading back what they type."""

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


def shown_path(path: str | os.PathLike[str], folder: str | os.PathLike[str] | None = None) -> str:
    """A path as a person is shown it, and types it: relative to the working folder (a
    notebook's own) when it lies inside it, else as ``~/...`` when it lies inside their
    home, else its file name alone, so no page names the server's folders (on a hub they
    mean nothing to the person and give its layout away).

    ``folder`` is the folder a name alone stands for where the path is shown (a text
    box's own, like the handouts folder): a file straight in the working folder, when
    that is not ``folder``, is shown as ``./name``, so the two never look alike;
    :func:`typed_path` reads every form back.
    """
    p = Path(path)
    inside = _relative(p, Path.cwd())
    if inside is not None:
        elsewhere = folder is not None and Path.cwd() / folder != Path.cwd()
        alone = len(inside.parts) == 1 and (elsewhere or str(inside).startswith("~"))
        return f".{os.sep}{inside}" if alone else str(inside)
    in_home = _relative(p, _home())
    return p.name if in_home is None else str("~" / in_home)


def typed_path(text: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """The path a person means by ``text``, read by the rule of :func:`shown_path`: ``~/...``
    in their home (``~name`` is a name like any other); a name alone in ``folder`` (the
    working folder when none is given); anything else from the working folder, or
    absolute, as typed."""
    text = text.strip()
    if text == "~" or text.startswith(("~/", f"~{os.sep}")):
        return Path.home() / text[2:]
    bare = text and not any(sep in text for sep in (os.sep, "/")) and text not in (".", "..")
    return Path.cwd() / (folder or ".") / text if bare else Path.cwd() / text


def _home() -> Path | None:
    """The person's home; None when it is the root, which stands for no one's."""
    home = Path.home()
    return None if home == Path(home.anchor) else home


def _relative(p: Path, base: Path | None) -> Path | None:
    """``p`` relative to ``base`` when it lies inside it (a relative ``p`` lies inside the
    working folder), else None."""
    if base is None:
        return None
    if not p.is_absolute():
        return p if base == Path.cwd() else None
    return p.relative_to(base) if p.is_relative_to(base) else None
