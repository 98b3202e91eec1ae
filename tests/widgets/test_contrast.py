"""Text contrast of the timer and the class view: at least 4.5:1 (WCAG 2.1 AA) in every state.

Every text colour in their style sheets is checked against the background its own rule
sets, or else against every background the views take: white, and the flash of a step
change. A colour added later is checked too; the browser tests run axe-core on top.
"""

from __future__ import annotations

import re

import pytest

pytest.importorskip("anywidget")
from backstretch.guided import player_asset  # noqa: E402
from backstretch.widgets.guided import timer  # noqa: E402

SHEETS = {"player": player_asset("player.css").read_text(encoding="utf-8"),
          "timer's checklist": timer.CHECKLIST_CSS}
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def luminance(colour: str) -> float:
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rules(css: str) -> list[tuple[str, dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selector, body in RULE.findall(css):
        declarations = {}
        for part in body.split(";"):
            if ":" in part:
                prop, value = part.split(":", 1)
                declarations[prop.strip()] = value.strip()
        found.append((" ".join(selector.split()), declarations))
    return found


def background(declarations: dict[str, str]) -> str | None:
    for prop in ("background-color", "background"):
        m = HEX.search(declarations.get(prop, ""))
        if m:
            return m.group()
    return None


def test_the_contrast_formula():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#767676", "#fff") == pytest.approx(4.54, abs=0.01)


def test_every_text_colour_reads_at_4_5_to_1_on_every_background():
    views = {"#fff"} | {background(d) for sheet in SHEETS.values() for sel, d in rules(sheet)
                        if "bs-flash" in sel and background(d)}
    assert len(views) == 2, views  # white, and the flash
    checked = 0
    for name, sheet in SHEETS.items():
        for selector, declarations in rules(sheet):
            m = HEX.fullmatch(declarations.get("color", "").replace("!important", "").strip())
            if not m:
                continue
            own = background(declarations)
            for bg in [own] if own else views:
                ratio = contrast(m.group(), bg)
                assert ratio >= 4.5, f"{name}: {selector} {m.group()} on {bg}: {ratio:.2f}:1"
                checked += 1
    assert checked >= 20
