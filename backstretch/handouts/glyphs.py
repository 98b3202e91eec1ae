"""Which characters of a handout no installed font can show, asked of fontconfig.

The PDF handout's text is laid out by Pango, which picks, for each character, a font that
has it from those fontconfig knows. So the fonts that count are fontconfig's:
``fc-list`` gives every installed font's character set in one call. A character none of
them has would print as an empty box, so it is named in the status (and at the top of the
PDF) instead. ``scripts/ensure-fonts`` installs Debian's fonts for the scripts handouts
are written in where it can (root on Debian); ``apt.txt`` lists them for repo2docker.
"""

from __future__ import annotations

import bisect
import functools
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..base.language import _, ngettext

FONT_PACKAGES = ("fonts-dejavu-core", "fonts-noto-core", "fonts-noto-cjk",
                 "fonts-noto-color-emoji")
"""Debian's fonts for handouts: DejaVu Sans (the page's font: Latin, Greek, Cyrillic),
Noto for Arabic, Hebrew, Indic scripts, Thai, Chinese, Japanese, Korean, and emoji."""
INVISIBLE = {"Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp"}
"""Character categories that draw nothing of their own (controls, joiners, variation
selectors, combining marks, spaces): never reported as missing."""
SHOWN = 12
"""How many missing characters a note names; the rest are counted."""


@dataclass(frozen=True)
class Coverage:
    """The characters some installed font has, as sorted, disjoint ranges."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    known: bool = True
    """False where fontconfig could not be asked: then nothing is called missing."""

    def has(self, char: str) -> bool:
        if not self.known:
            return True
        i = bisect.bisect_right(self.starts, ord(char)) - 1
        return i >= 0 and ord(char) <= self.ends[i]

    @classmethod
    def of(cls, ranges: Iterable[tuple[int, int]]) -> Coverage:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return cls(tuple(s for s, _ in merged), tuple(e for _, e in merged))


def parse_charsets(text: str) -> Coverage:
    """Coverage from fontconfig's charsets ('20-7e a0 ...', hex, one font a line)."""
    ranges = []
    for word in text.split():
        first, _, last = word.partition("-")
        try:
            ranges.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue  # not a range: fontconfig's output is not ours to trust blindly
    return Coverage.of(ranges)


@functools.cache
def installed() -> Coverage:
    """What the installed fonts cover, by ``fc-list`` (read once per process)."""
    try:
        out = subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True,
                             text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return Coverage((), (), known=False)
    return parse_charsets(out)


def missing_glyphs(texts: Iterable[str], coverage: Coverage | None = None) -> tuple[str, ...]:
    """The characters of ``texts`` no installed font has, in order of first use."""
    coverage = installed() if coverage is None else coverage
    return tuple(c for c in dict.fromkeys("".join(texts))
                 if unicodedata.category(c) not in INVISIBLE and not coverage.has(c))


def missing_note(missing: tuple[str, ...]) -> str:
    """One sentence naming the characters a PDF cannot show; empty when there are none."""
    if not missing:
        return ""
    shown = ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c, 'no name')})"
                      for c in missing[:SHOWN])
    if len(missing) > SHOWN:
        more = len(missing) - SHOWN
        shown = ngettext("{shown} and {n} more", "{shown} and {n} more", more).format(
            shown=shown, n=more)
    return _("This PDF cannot show some of the text: no font on this computer has {shown}. "
             "Install fonts that have them (Debian: {packages}; make test does it as root) "
             "and save again, or use the HTML handout, which your browser's own fonts may "
             "show.").format(shown=shown, packages=" ".join(FONT_PACKAGES))
