"""Charts of a routine, drawn with matplotlib: coverage bars, a body map, a timeline.

Each function returns a ``matplotlib.figure.Figure`` (no pyplot state), which
Jupyter shows inline. Shading is one hue from light to dark (``Blues``), so it
reads in grey-scale and for colour-blind people; every "falls short" mark is a
hatch and a word, not only a colour.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import ParamSpec, TypeVar

import numpy as np
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch, Patch, Polygon, Rectangle
from matplotlib.text import Text

from ..base.language import N_, _, pgettext
from ..base.palette import PRIMARY_COLOUR, SECONDARY_COLOUR, SHORT_COLOUR
from ..catalogue.muscles import MUSCLE_GROUPS
from ..routines.dose import GROUP_TARGET, dose_report
from ..routines.model import Routine
from ..routines.steps import KIND_NAMES, clock_text

STEP_COLOURS = {"get_ready": "#d9d9d9", "hold": "#1f4e79", "move": "#e08214",
                "switch": "#b2abd2", "rest": "#f0f0f0"}


def _show_inline() -> None:
    """Let a Jupyter kernel show a returned Figure as a picture, without pyplot or a magic.

    IPython registers its PNG formatter for figures only once pyplot's inline backend
    starts; these charts never touch pyplot, so register it here (if nothing has).
    """
    if "IPython" not in sys.modules:
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return
    from IPython.core.pylabtools import select_figure_formats

    formatters = shell.display_formatter.formatters
    if Figure not in formatters["image/png"].type_printers:
        select_figure_formats(shell, {"png"})
    if Figure not in formatters["text/html"].type_printers:  # the picture with its alt text
        formatters["text/html"].for_type(Figure, lambda fig: figure_html(fig, dpi=100))


_show_inline()


SCREEN_DPI = 80
"""Dots per inch of a chart shown in a widget."""
KEEP_AXIS = 0.6
"""A kept coverage chart keeps its axis while the routine needs at least this share of it."""


P = ParamSpec("P")
R = TypeVar("R")


def literal_text(draw: Callable[P, R]) -> Callable[P, R]:
    """Decorate a drawing function so that every text it creates shows as written: a
    name like ``$\\frac{$`` is never read as TeX (matplotlib's ``$...$`` mathtext).
    Texts keep this when their words change later (``set_text``)."""
    @functools.wraps(draw)
    def drawn(*args: P.args, **kwargs: P.kwargs) -> R:
        with rc_context({"text.parse_math": False}):
            return draw(*args, **kwargs)
    return drawn


def figure_png(fig: Figure, dpi: float = SCREEN_DPI) -> bytes:
    """A figure as PNG bytes, for an Image widget or a handout."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def figure_alt(fig: Figure) -> str:
    """A figure's titles, as the text a screen reader says for its picture."""
    titles = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    titles += [t for ax in fig.axes for t in (ax.get_title("left"), ax.get_title()) if t]
    return "; ".join(titles) or _("Chart")


def img_html(png: bytes, alt: str) -> str:
    """PNG bytes as an ``<img>`` with alt text (escaped), the picture inline."""
    data = base64.b64encode(png).decode("ascii")
    return (f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}" '
            'style="max-width: 100%; height: auto">')  # narrow outputs never scroll


def figure_html(fig: Figure, dpi: float = SCREEN_DPI) -> str:
    """A figure as an ``<img>`` with its titles as alt text."""
    return img_html(figure_png(fig, dpi), figure_alt(fig))


def _margins(fig: Figure, labels: list[str], fontsize: float, bottom: float,
             top: float = 0.4) -> None:
    """Fixed margins in inches, the left one wide enough for ``labels``.

    Cheaper than a layout engine, which measures every text twice per draw.
    """
    width, height = fig.get_size_inches()
    left = 0.25 + 0.0075 * fontsize * max((len(t) for t in labels), default=4)
    fig.subplots_adjust(left=left / width, right=1 - 0.35 / width, bottom=bottom / height,
                        top=1 - top / height)


def _short_groups(routine: Routine) -> set[str]:
    return {g.group for g in dose_report(routine).short}


class CoverageChart:
    """The coverage chart, kept between edits: seconds of static stretch per muscle group.

    Primary and secondary are stacked; the dashed line marks the 60 s guideline;
    targeted groups that fall short are hatched and labelled. Bars carry ``gid``
    values (``primary:<group>``, ``short:<group>``, ``guideline``) so tests and
    styling can find them. :meth:`png` redraws only the bars, notes and title when
    the frame still fits the routine: the same groups shown, the same ones short, and
    an axis long enough but not too long (so the axis does not jump while typing).
    """

    def __init__(self, width: float = 7.5, dpi: float | None = SCREEN_DPI):
        self.width, self.dpi = width, dpi
        self.frame: tuple[tuple[str, ...], frozenset[str]] | None = None
        self.right = 0.0
        """Where the seconds axis ends."""
        self._background = None

    def png(self, routine: Routine) -> bytes:
        """The chart of ``routine`` as PNG bytes, redrawing only what changed when it can."""
        frame, right = self._frame(routine)
        if (self._background is None or frame != self.frame
                or not KEEP_AXIS * self.right <= right <= self.right):
            self.draw(routine)
            for artist in self._moving:
                artist.set_animated(True)  # the background is drawn without them
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        else:
            self._set(routine)
            self.canvas.restore_region(self._background)
        for artist in self._moving:
            self.figure.draw_artist(artist)
        return _rgba_png(self.canvas.buffer_rgba())

    @staticmethod
    def _frame(routine: Routine) -> tuple[tuple[tuple[str, ...], frozenset[str]], float]:
        """What the figure's frame shows (the groups, the short ones), and the axis it needs."""
        coverage = routine.coverage()
        top = max([GROUP_TARGET] + [c.stretch for c in coverage.values()])
        return ((tuple(g for g in MUSCLE_GROUPS if g in coverage),
                 frozenset(_short_groups(routine))), top * 1.45 + 5)

    @literal_text
    def draw(self, routine: Routine) -> Figure:
        """A new figure of ``routine``, kept for the next :meth:`png`."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.frame, self.right = self._frame(routine)
        groups, short = self.frame
        self.figure = fig = Figure(figsize=(self.width, 0.42 * max(len(groups), 3) + 1.7),
                                   dpi=self.dpi)
        self.canvas = FigureCanvasAgg(fig)
        self._background = None
        names = [MUSCLE_GROUPS[g].name for g in groups]
        _margins(fig, names, 10, bottom=0.95)
        ax = fig.add_subplot()
        ys = range(len(groups))[::-1]
        self._bars: dict[str, tuple[Rectangle, Rectangle]] = {}
        self._notes: dict[str, Text] = {}
        for y, g in zip(ys, groups):
            look = {"hatch": "///", "edgecolor": SHORT_COLOUR} if g in short else \
                {"edgecolor": "white"}
            self._bars[g] = (ax.barh(y, 0, color=PRIMARY_COLOUR, gid=f"primary:{g}", **look)[0],
                             ax.barh(y, 0, color=SECONDARY_COLOUR, gid=f"secondary:{g}",
                                     **look)[0])
            self._notes[g] = ax.text(0, y, "", va="center", fontsize=9,
                                     color=SHORT_COLOUR if g in short else "black",
                                     gid=f"short:{g}" if g in short else None)
        ax.set_yticks(list(ys), names)
        for label, g in zip(ax.get_yticklabels(), groups):
            if g in short:
                label.set_fontweight("bold")
                label.set_color(SHORT_COLOUR)
        guideline = ax.axvline(GROUP_TARGET, color="black", linestyle="--", linewidth=1.2,
                               gid="guideline")
        ax.set_xlim(0, self.right)
        ax.set_xlabel(_("seconds of static stretch per side (secondary counts half)"))
        self._title = ax.set_title("", loc="left", fontsize=11)
        fig.legend(handles=[Patch(color=PRIMARY_COLOUR, label=_("primary")),
                            Patch(color=SECONDARY_COLOUR, label=_("secondary (half)")),
                            Patch(facecolor="white", edgecolor=SHORT_COLOUR, hatch="///",
                                  label=_("targeted, below {s} s").format(s=GROUP_TARGET)),
                            Patch(facecolor="white", edgecolor="black", linestyle="--",
                                  label=_("{seconds} s guideline").format(seconds=GROUP_TARGET))],
                   loc="lower center", ncols=4, fontsize=8, frameon=False)
        if not groups:
            ax.text(0.5, 0.5, _("No stretches yet"), transform=ax.transAxes, ha="center")
        # drawn over the background in this order: the guideline and the axis stay on top
        self._moving = [*(b for pair in self._bars.values() for b in pair), guideline,
                        ax.spines["left"], *self._notes.values(), self._title]
        self._set(routine)
        return fig

    def _set(self, routine: Routine) -> None:
        """Bar lengths, notes and the title for ``routine``, in the frame already built."""
        coverage = routine.coverage()
        short = self.frame[1]
        for g, (primary, secondary) in self._bars.items():
            c = coverage[g]
            primary.set_width(c.primary)
            secondary.set_x(c.primary)
            secondary.set_width(c.secondary)
            note = f"{c.stretch:g} s"
            if g in short:
                note += "  " + _("short by {seconds} s").format(
                    seconds=f"{GROUP_TARGET - c.stretch:g}")
            if c.active:
                # TRANSLATORS: seconds of active (moving) stretch, beside a bar
                note += "  " + _("(+{seconds} s active)").format(seconds=f"{c.active:g}")
            self._notes[g].set_text(note)
            self._notes[g].set_x(c.stretch + 1.5)
        self._title.set_text(_("Coverage: {routine}").format(routine=routine.name))


def coverage_chart(routine: Routine, width: float = 7.5) -> Figure:
    """Seconds of static stretch per muscle group (see :class:`CoverageChart`)."""
    return CoverageChart(width, dpi=None).draw(routine)


def _rgba_png(rgba: memoryview) -> bytes:
    """An RGBA canvas buffer as PNG bytes."""
    from matplotlib.image import imsave

    buf = io.BytesIO()
    imsave(buf, np.asarray(rgba), format="png")
    return buf.getvalue()


def _silhouette(ax) -> None:  # noqa: ANN001 - a matplotlib Axes
    grey = {"facecolor": "#f2f2f2", "edgecolor": "#7f7f7f", "linewidth": 1}
    ax.add_patch(Circle((0, 7.35), 0.45, **grey))
    ax.add_patch(Rectangle((-0.14, 6.75), 0.28, 0.2, **grey))
    ax.add_patch(FancyBboxPatch((-0.8, 3.5), 1.6, 3.3, boxstyle="round,pad=0.05,rounding_size=0.25",
                                **grey))
    for sx in (1, -1):
        ax.add_patch(Polygon([(sx * 0.82, 6.6), (sx * 1.05, 6.4), (sx * 1.2, 4.0),
                              (sx * 0.98, 3.95), (sx * 0.86, 6.0)], **grey))
        ax.add_patch(Polygon([(sx * 0.02, 3.55), (sx * 0.76, 3.55), (sx * 0.66, 0.35),
                              (sx * 0.12, 0.35)], **grey))


@literal_text
def body_map(routine: Routine, width: float = 8.0) -> Figure:
    """Front and back figures, each muscle group shaded by its seconds of coverage.

    Shade runs from light (none) to dark (60 s or more);
    targeted groups below 60 s are hatched and their labels say "short".
    Regions carry ``gid`` values ``region:<group>``.
    """
    from matplotlib import colormaps
    from matplotlib.colors import ListedColormap, Normalize

    coverage = routine.coverage()
    short = _short_groups(routine)
    cmap = ListedColormap(colormaps["Blues"](np.linspace(0.15, 1.0, 256)))  # 1 s shows a tint
    norm = Normalize(0, GROUP_TARGET, clip=True)
    fig = Figure(figsize=(width, width * 0.72))
    fig.subplots_adjust(left=0.01, right=0.99, top=0.9, bottom=0.13, wspace=0.02)
    axes = fig.subplots(1, 2)
    for ax, view in zip(axes, ("front", "back")):
        _silhouette(ax)
        for g in MUSCLE_GROUPS.values():
            if g.view != view:
                continue
            group, (polys, side) = g.id, g.region
            seconds = coverage[group].stretch if group in coverage else 0.0
            colour = cmap(norm(seconds)) if seconds else "#ffffff"
            for poly in polys:
                ax.add_patch(Polygon(poly, closed=True, facecolor=colour, edgecolor="#404040",
                                     linewidth=0.8, hatch="////" if group in short else None,
                                     gid=f"region:{group}"))
            anchor = max(polys, key=lambda p: side * sum(x for x, _ in p))
            ax_x = sum(x for x, _ in anchor) / len(anchor)
            ax_y = sum(y for _, y in anchor) / len(anchor)
            text = f"{MUSCLE_GROUPS[group].name}\n{seconds:g} s"
            if group in short:
                text += " " + pgettext("coverage", "short")
            ax.annotate(text, (ax_x, ax_y), xytext=(side * 1.45, ax_y),
                        ha="left" if side > 0 else "right", va="center", fontsize=8,
                        fontweight="bold" if group in short else "normal",
                        arrowprops={"arrowstyle": "-", "color": "#7f7f7f", "linewidth": 0.6})
        ax.set_xlim(-2.6, 2.6)
        ax.set_ylim(0, 8)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(pgettext("body", "Front") if view == "front" else
                     pgettext("body", "Back"), fontsize=11)
    from matplotlib.cm import ScalarMappable

    bar = fig.colorbar(ScalarMappable(norm, cmap), cax=fig.add_axes((0.25, 0.08, 0.5, 0.025)),
                       orientation="horizontal")
    bar.set_label(_("seconds of static stretch per side (dark = {seconds} s or more; "
                    "hatched = targeted but short)").format(seconds=GROUP_TARGET), fontsize=8)
    fig.suptitle(_("Body map: {routine}").format(routine=routine.name), fontsize=11)
    return fig


@literal_text
def timeline_chart(routine: Routine, width: float = 9.0) -> Figure:
    """The routine as a time line: one row per stretch, coloured by step kind."""
    steps = routine.steps()
    rows = len(routine.items)
    fig = Figure(figsize=(width, 0.38 * max(rows, 2) + 1.5))
    names = [routine.stretch(i).name for i in range(rows)]
    _margins(fig, names, 8, bottom=0.85)
    ax = fig.add_subplot()
    for step in steps:
        y = rows - 1 - step.item
        ax.barh(y, step.seconds, left=step.start, color=STEP_COLOURS[step.kind],
                edgecolor="#595959", linewidth=0.5, gid=f"step:{step.kind}")
        if step.side and step.kind in ("hold", "move") and step.seconds >= 8:
            letter = pgettext("side", "L") if step.side == "left" else pgettext("side", "R")
            ax.text(step.start + step.seconds / 2, y, letter, ha="center", va="center",
                    fontsize=7, color="white")
    ax.set_yticks(range(rows), names[::-1], fontsize=8)
    ax.set_xlim(0, max(routine.duration, 1))
    ticks = range(0, routine.duration + 1, 60 if routine.duration > 300 else 30)
    ax.set_xticks(list(ticks), [clock_text(t) for t in ticks])
    # TRANSLATORS: L and R are the letters for left and right on the timeline's bars
    ax.set_xlabel(_("minutes:seconds (L / R = side)"))
    ax.set_title(_("Timeline: {routine}").format(routine=routine.name), loc="left", fontsize=11)
    kinds = [k for k in STEP_COLOURS if any(s.kind == k for s in steps)]
    fig.legend(handles=[Patch(facecolor=STEP_COLOURS[k], edgecolor="#595959",
                              label=_(KIND_NAMES[k])) for k in kinds], ncols=len(kinds) or 1,
               fontsize=8, loc="lower center", frameon=False)
    return fig


class KeptChart:
    """A chart the builder keeps between edits; this one draws a new figure each time."""

    def __init__(self, draw: Callable[[Routine], Figure]):
        self.draw = draw

    def png(self, routine: Routine) -> bytes:
        return figure_png(self.draw(routine))


@dataclass(frozen=True)
class Chart:
    """A chart of a routine, and where it is shown."""

    title: str
    """Its tab in the builder."""
    caption: str
    """What it shows: its caption and alt text in a handout."""
    draw: Callable[[Routine], Figure]
    places: frozenset[str]
    """Where it is shown: ``builder`` (a tab), ``handout``."""
    kept: Callable[[], KeptChart | CoverageChart] | None = None
    """Makes the builder's copy, when it can do better than drawing anew on each edit."""

    def keep(self) -> KeptChart | CoverageChart:
        """A copy for the builder to keep, with ``png(routine)``."""
        return self.kept() if self.kept is not None else KeptChart(self.draw)


CHARTS: tuple[Chart, ...] = (
    Chart(N_("Coverage"), N_("Seconds of stretch per muscle group"), coverage_chart,
          frozenset({"builder", "handout"}), CoverageChart),
    Chart(N_("Body map"), N_("Body map: where the routine stretches"), body_map,
          frozenset({"builder", "handout"})),
    Chart(N_("Timeline"), N_("The routine's steps over time"), timeline_chart,
          frozenset({"builder"})),
)
"""Every chart of a routine, in the order shown: a new chart is one more entry (its title
and caption in English, marked for the catalogue; ``charts_for`` gives them translated)."""


def charts_for(place: str) -> tuple[Chart, ...]:
    """The charts shown in ``place`` (``builder`` or ``handout``), in order, their title
    and caption in the current language."""
    return tuple(dataclasses.replace(c, title=_(c.title), caption=_(c.caption))
                 for c in CHARTS if place in c.places)
