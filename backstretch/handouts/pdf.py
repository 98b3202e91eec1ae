"""Lay a :class:`~backstretch.handouts.content.Handout` out as an A4 PDF with fpdf2.

Text is set in DejaVu Sans, which matplotlib ships (Latin, Greek, Cyrillic, marks
like ✓), with Debian's Noto fonts as fallbacks for other scripts and emoji
(``fonts``) and HarfBuzz shaping (uharfbuzz), so Arabic and Hebrew run right to
left with joined letters and Hindi's conjuncts form. Characters no installed font
has are named at the top of the handout instead of silently left out.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import unicodedata

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..figures.drawing import stretch_png
from ..figures.layout import ASPECT
from ..routines.model import Routine
from ..safety.flags import CONDITIONS, NOT_ADVICE, STOP_SIGNS, TIERS
from ..safety.notes import CONDITIONS_INTRO, STOP_INTRO
from .content import Handout, chart_pngs
from .fonts import FontPlan, main_font_dir, plan_fonts

BLUE = (31, 78, 121)
ORANGE = (179, 88, 6)
CAUTION_FILL = (255, 244, 229)
TIER_COLOURS = {"emergency": ((140, 0, 0), (253, 236, 234)),
                "urgent": ((120, 60, 0), (255, 244, 229))}
"""Ink and fill of each red-flag tier: the emergency tier red, the urgent tier orange."""
LINE = 5.2
"""Line height in millimetres for body text."""
FIGURE_MM = 56
"""Width of a stretch's figure (4:3) in millimetres."""

logging.getLogger("fpdf").setLevel(logging.ERROR)  # missing glyphs are named in the handout


def _align(text: str) -> str:
    """Right for a paragraph that starts in a right-to-left script, else left."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return "L" if kind == "L" else "R"
    return "L"


def _can_shape() -> bool:
    try:
        import uharfbuzz  # noqa: F401 - fpdf2's text shaping needs it
    except ImportError:
        return False
    return True


class _Page(FPDF):
    def __init__(self, title: str, fonts: FontPlan):
        super().__init__(format="A4")
        self.handout_title = title
        main = main_font_dir()
        for style, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"),
                            ("I", "DejaVuSans-Oblique.ttf")):
            self.add_font("DejaVu", style, str(main / file))
        for font, path in fonts.fonts:
            self.add_font(font.family, "", str(path))
        if fonts.fonts:  # bold and italic text fall back to the regular face
            self.set_fallback_fonts([font.family for font, _ in fonts.fonts], exact_match=False)
        if fonts.shaping and _can_shape():
            self.set_text_shaping(True)
        self.set_margins(16, 14, 16)
        self.set_auto_page_break(True, margin=16)
        self.set_title(title)
        self.set_creator("backstretch")

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(110, 110, 110)
        title = self.handout_title if len(self.handout_title) <= 70 else \
            self.handout_title[:69] + "…"
        self.cell(0, 5, f"{title}  ·  page {self.page_no()} of {{nb}}", align="C")

    # -- building blocks --------------------------------------------------------------
    def text_block(self, text: str, style: str = "", size: float = 10,
                   colour: tuple[int, int, int] = (26, 26, 26), fill: bool = False) -> None:
        self.set_font("DejaVu", style, size)
        self.set_text_color(*colour)
        self.multi_cell(0, LINE * size / 10, text, fill=fill, align=_align(text),
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str, size: float = 13) -> None:
        if self.will_page_break(30):
            self.add_page()
        self.ln(3)
        self.text_block(text, "B", size, BLUE)
        self.set_draw_color(*BLUE)
        self.set_line_width(0.5)
        self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
        self.ln(2.5)

    def items(self, lines: tuple[str, ...], numbered: bool = False, fill: bool = False,
              fill_colour: tuple[int, int, int] = CAUTION_FILL) -> None:
        self.set_font("DejaVu", "", 10)
        self.set_text_color(26, 26, 26)
        self.set_fill_color(*fill_colour)
        for n, line in enumerate(lines, 1):
            self.set_x(self.l_margin + 3)
            self.cell(6, LINE, f"{n}." if numbered else "•", fill=fill)
            self.multi_cell(0, LINE, line, fill=fill, align="L",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def tick_box(self, label: str) -> None:
        if self.will_page_break(8):
            self.add_page()
        y = self.get_y() + 1.2
        self.set_draw_color(26, 26, 26)
        self.set_line_width(0.35)
        self.rect(self.l_margin + 3, y, 4.2, 4.2)
        self.set_x(self.l_margin + 10)
        self.set_font("DejaVu", "", 10.5)
        self.set_text_color(26, 26, 26)
        self.multi_cell(0, 6.6, label, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def picture(self, caption: str, png: bytes) -> None:
        from PIL import Image

        with Image.open(io.BytesIO(png)) as img:
            ratio = img.height / img.width
        width = self.epw
        height = width * ratio
        if self.will_page_break(height + 8):
            self.add_page()
        self.image(io.BytesIO(png), x=self.l_margin, w=width, h=height, alt_text=caption)
        self.text_block(caption, "I", 9, (90, 90, 90))
        self.ln(3)


def _texts(value: object) -> list[str]:
    """Every string in a nest of tuples (a handout as ``dataclasses.astuple`` gives it)."""
    if isinstance(value, str):
        return [value]
    return [t for v in value for t in _texts(v)] if isinstance(value, tuple) else []


def render_pdf(h: Handout, charts: list[tuple[str, bytes]],
               figures: list[bytes | None] | None = None) -> bytes:
    """The handout as PDF bytes; ``figures`` holds a PNG figure (or None) for each stretch."""
    fonts = plan_fonts(_texts(dataclasses.astuple(h)))
    pdf = _Page(h.title, fonts)
    pdf.add_page()
    pdf.text_block(h.title, "B", 20, BLUE)
    pdf.ln(1)
    if fonts.note():
        pdf.set_fill_color(*TIER_COLOURS["emergency"][1])
        pdf.text_block(fonts.note(), "B", 9.5, TIER_COLOURS["emergency"][0], fill=True)
        pdf.ln(1)
    if h.description:
        pdf.text_block(h.description)
    pdf.text_block(h.total, "B")

    pdf.heading("Safety first")
    pdf.text_block(NOT_ADVICE, "B")
    for tier in TIERS:
        pdf.ln(1.5)
        ink, fill = TIER_COLOURS[tier.id]
        pdf.set_fill_color(*fill)
        pdf.text_block(f"{tier.heading}:", "B", 10.5, ink, fill=True)
        pdf.items(tuple(f.text for f in tier.flags), fill=True, fill_colour=fill)
        pdf.text_block(tier.why, "", 10, ink, fill=True)
    pdf.ln(1.5)
    pdf.text_block(STOP_INTRO, "B")
    pdf.items(STOP_SIGNS)
    pdf.ln(1.5)
    pdf.text_block(CONDITIONS_INTRO, "B")
    pdf.items(tuple(f"{c.name}: {c.rule}" for c in CONDITIONS.values()))

    pdf.heading("The stretches")
    for n, s in enumerate(h.stretches, 1):
        figure = figures[n - 1] if figures else None
        if pdf.will_page_break(40 + (FIGURE_MM / ASPECT if figure else 0)):
            pdf.add_page()
        pdf.ln(1.5)
        pdf.text_block(f"{n}. {s.name}", "B", 11.5)
        pdf.text_block(s.dose, "B", 10, BLUE)
        if figure:
            pdf.image(io.BytesIO(figure), x=pdf.l_margin + 3, w=FIGURE_MM, h=FIGURE_MM / ASPECT,
                      alt_text=f"Figure: {s.name}")
        pdf.text_block(s.summary, "I")
        pdf.items(s.steps, numbered=True)
        pdf.set_fill_color(*CAUTION_FILL)
        pdf.text_block("Take care", "B", 10, ORANGE, fill=True)
        pdf.items(s.cautions, fill=True)

    pdf.heading("Checklist")
    pdf.text_block("Tick each box as you finish that stretch or side.")
    pdf.ln(1)
    for label in h.checklist:
        pdf.tick_box(label)

    pdf.heading("Against the guideline")
    pdf.items(h.dose)

    pdf.heading("What it stretches")
    for caption, png in charts:
        pdf.picture(caption, png)
    return bytes(pdf.output())


def handout_pdf(routine: Routine, charts: list[tuple[str, bytes]] | None = None) -> bytes:
    """The handout as an A4 PDF, with the same content as :func:`handout_html`."""
    h = Handout.from_routine(routine)
    figures = [stretch_png(routine.catalogue, s.stretch_id, s.side) for s in h.stretches]
    return render_pdf(h, chart_pngs(routine) if charts is None else charts, figures)
