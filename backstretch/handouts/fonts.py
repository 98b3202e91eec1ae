"""Fonts for PDF handouts: DejaVu Sans (shipped with matplotlib) for Latin, Greek and
Cyrillic, and Debian's Noto fonts, when installed, for the scripts and emoji it lacks.

Only the fonts a handout's text needs are loaded (the CJK font alone takes a second).
A character no font here can show is named in the handout instead of silently dropped.
``scripts/ensure-fonts`` installs the Noto packages where it can (root on Debian).
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..base.errors import JOINERS


@dataclass(frozen=True)
class FallbackFont:
    """A font file of a Debian package, tried for characters DejaVu Sans lacks."""

    family: str
    file: str
    package: str


FALLBACKS = (
    FallbackFont("NotoSansArabic", "NotoSansArabic-Regular.ttf", "fonts-noto-core"),
    FallbackFont("NotoSansHebrew", "NotoSansHebrew-Regular.ttf", "fonts-noto-core"),
    FallbackFont("NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf", "fonts-noto-core"),
    FallbackFont("NotoSansBengali", "NotoSansBengali-Regular.ttf", "fonts-noto-core"),
    FallbackFont("NotoSansTamil", "NotoSansTamil-Regular.ttf", "fonts-noto-core"),
    FallbackFont("NotoSansThai", "NotoSansThai-Regular.ttf", "fonts-noto-core"),
    FallbackFont("NotoSansCJK", "NotoSansCJK-Regular.ttc", "fonts-noto-cjk"),
    FallbackFont("NotoColorEmoji", "NotoColorEmoji.ttf", "fonts-noto-color-emoji"),
)
"""Tried in this order for each character DejaVu Sans lacks."""
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
"""Where fonts are looked for, after ``$BACKSTRETCH_FONT_DIR`` when it is set."""
MAIN = "DejaVuSans.ttf"
INVISIBLE = {"Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp"}
"""Character categories that draw nothing of their own (controls, joiners, variation
selectors, combining marks, spaces): never reported as missing."""


def font_dirs() -> list[Path]:
    """The folders searched for fallback fonts, in order."""
    extra = os.environ.get("BACKSTRETCH_FONT_DIR")
    return [Path(d).expanduser() for d in ([extra] if extra else []) + list(FONT_DIRS)]


@functools.cache
def _find(file: str, dirs: tuple[Path, ...]) -> Path | None:
    for d in dirs:
        if d.is_dir():
            for path in d.rglob(file):
                return path
    return None


@functools.cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap() or ())


def main_font_dir() -> Path:
    """DejaVu Sans's folder: matplotlib ships it, so it is always there."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@dataclass(frozen=True)
class FontPlan:
    """Which fallback fonts a text needs, and which of its characters none can show."""

    fonts: tuple[tuple[FallbackFont, Path], ...]
    missing: tuple[str, ...]
    """Characters no font has, in order of first use."""
    packages: tuple[str, ...]
    """Debian packages that would add fonts for them (those not installed)."""
    shaping: bool = False
    """True when the text needs HarfBuzz: right-to-left letters, combining marks (Indic
    scripts, Thai) or joined emoji. Latin-only text is laid out faster without it."""

    def note(self) -> str:
        """What the handout says when characters are missing; empty when none are."""
        if not self.missing:
            return ""
        shown = ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c, 'no name')})"
                          for c in self.missing[:12])
        more = f" and {len(self.missing) - 12} more" if len(self.missing) > 12 else ""
        fix = (f"Install Debian's {' and '.join(self.packages)} (make test does it when run "
               "as root) and save the handout again, or use the HTML handout, which your "
               "browser's own fonts show." if self.packages else
               "Use the HTML handout, which your browser's own fonts may show.")
        return (f"This PDF cannot show some of the text: no font on this computer has "
                f"{shown}{more}. {fix}")


def plan_fonts(texts: Iterable[str]) -> FontPlan:
    """The fallback fonts ``texts`` need beyond DejaVu Sans, and what none can show."""
    main = _cmap(main_font_dir() / MAIN)
    dirs = tuple(font_dirs())
    available = [(f, p) for f in FALLBACKS if (p := _find(f.file, dirs)) is not None]
    used: dict[str, tuple[FallbackFont, Path]] = {}
    missing: dict[str, None] = {}
    chars = dict.fromkeys("".join(texts))
    shaping = any(unicodedata.bidirectional(c) in ("R", "AL") or c in JOINERS
                  or unicodedata.category(c) in ("Mn", "Mc") for c in chars)
    for char in chars:
        if ord(char) in main or unicodedata.category(char) in INVISIBLE:
            continue
        for font, path in available:
            if ord(char) in _cmap(path):
                used.setdefault(font.family, (font, path))
                break
        else:
            missing[char] = None
    installed = {f.family for f, _ in available}
    packages = tuple(dict.fromkeys(f.package for f in FALLBACKS if f.family not in installed))
    order = [f.family for f in FALLBACKS]
    fonts = tuple(sorted(used.values(), key=lambda fp: order.index(fp[0].family)))
    return FontPlan(fonts, tuple(missing), packages if missing else (), shaping)
