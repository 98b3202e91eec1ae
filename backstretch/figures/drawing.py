"""Drawing pose figures: a scene as SVG (plain text, no dependency) or PNG (matplotlib).

SVG is written by hand: it keeps ``import backstretch`` light and stays sharp on a
projector and in a PDF handout at any size (the page moves a figure through the frames
of ``figures.frames``; the catalogue and the builder play a flip book of them,
``figures.flipbook``). PNG, for ``backstretch pose -o FILE.png``, draws the same scene
with matplotlib. :func:`stretch_alt` says in words what a figure shows, for people who
cannot see it. Figures are cached per stretch, side, moment, size and language: every
word on them (title, side label, description) is in the language spoken when drawn.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import os
from collections.abc import Mapping
from html import escape
from pathlib import Path

from ..base.errors import BackstretchError, Problem
from ..base.formats import joined
from ..base.language import N_, _, current, pgettext
from ..base.yamlio import atomic_write_bytes, atomic_write_text
from ..catalogue.muscles import MUSCLE_GROUPS
from ..catalogue.stretches import POSITIONS, Catalogue, Stretch
from .layout import layout
from .poses import Pose, poses_for
from .scene import Disc, Rect, Scene, Shape, Stroke, Text, scene

GHOST = 0.35
"""Opacity of a moving stretch's start frame when both frames show at once."""
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
SUFFIXES = (".svg", ".png")
FRAMES = ("hold", "start", "all")
"""Which moment a figure shows: the hold (both ends of a moving stretch), the start, or
all the way in's key frames side by side."""
FRAME_TITLES = {"hold": "{name}",
                # TRANSLATORS: a figure's title; {name} is the stretch's name (and side)
                "start": N_("{name}: where you start"),
                # TRANSLATORS: a figure's title: the start, the frames between, the hold
                "all": N_("{name}: the way in")}
MIN_TEXT_PX = 9
"""The smallest text a figure shows: drawn narrower than that allows, it shows none."""

def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def svg_shape(shape: object, height: float) -> str:
    """One shape as an SVG element (y turned to point down, in a picture ``height`` high)."""
    if isinstance(shape, Stroke):
        pts = " ".join(f"{_n(x)},{_n(height - y)}" for x, y in shape.points)
        return (f'<polyline points="{pts}" fill="none" stroke="{shape.colour}" '
                f'stroke-width="{_n(shape.width)}" stroke-linecap="round" '
                'stroke-linejoin="round"/>')
    if isinstance(shape, Disc):
        (x, y), edge = shape.centre, ""
        if shape.edge_width:
            edge = f' stroke="{shape.edge}" stroke-width="{_n(shape.edge_width)}"'
        return (f'<circle cx="{_n(x)}" cy="{_n(height - y)}" r="{_n(shape.r)}" '
                f'fill="{shape.fill}"{edge}/>')
    if isinstance(shape, Rect):
        b = shape.box
        return (f'<rect x="{_n(b.x0)}" y="{_n(height - b.y1)}" width="{_n(b.x1 - b.x0)}" '
                f'height="{_n(b.y1 - b.y0)}" fill="{shape.fill}"/>')
    assert isinstance(shape, Text)
    x, y = shape.at
    return (f'<text x="{_n(x)}" y="{_n(height - y)}" font-size="{_n(shape.size)}" '
            f'font-family="{FONT}" font-weight="bold" fill="{shape.colour}" '
            f'text-anchor="{shape.anchor}">{escape(shape.text)}</text>')


def scene_svg(sc: Scene, title: str) -> str:
    """A scene as a standalone SVG document scaled to its container's width; a moving
    stretch shows its start frame faintly under the end frame."""
    h = sc.height
    body = ["".join(svg_shape(s, h) for s in sc.props)]
    frames = ["".join(svg_shape(s, h) for s in f) for f in sc.frames]
    if len(frames) == 1:
        body.append(frames[0])
    else:
        body += [f'<g opacity="{GHOST}">{frames[0]}</g>', frames[1]]
    body.append("".join(svg_shape(s, h) for s in sc.labels))
    label = escape(title, quote=True)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(sc.width)} {_n(h)}" '
            f'class="bs-pose" role="img" aria-label="{label}">'
            f"<title>{escape(title)}</title>{''.join(body)}</svg>")


def draw_scene(ax: object, sc: Scene, width_in: float) -> None:
    """Draw a scene on matplotlib axes ``width_in`` inches wide; the start frame shows faintly."""
    from matplotlib.patches import Circle, Rectangle

    ax.set_xlim(0, sc.width)  # type: ignore[attr-defined]
    ax.set_ylim(0, sc.height)  # type: ignore[attr-defined]
    ax.set_aspect("equal")  # type: ignore[attr-defined]
    ax.set_axis_off()  # type: ignore[attr-defined]
    pt = width_in * 72 / sc.width  # points per scene unit

    order = iter(range(1, 1 << 30))  # draw in the scene's order, as SVG does

    def draw(shape: object, alpha: float) -> None:
        z = next(order)
        if isinstance(shape, Stroke):
            xs, ys = zip(*shape.points)
            ax.plot(xs, ys, color=shape.colour, linewidth=shape.width * pt, alpha=alpha,
                    solid_capstyle="round", solid_joinstyle="round", zorder=z)
        elif isinstance(shape, Disc):
            ax.add_patch(Circle(shape.centre, shape.r, facecolor=shape.fill, alpha=alpha,
                                edgecolor=shape.edge, linewidth=shape.edge_width * pt, zorder=z))
        elif isinstance(shape, Rect):
            b = shape.box
            ax.add_patch(Rectangle((b.x0, b.y0), b.x1 - b.x0, b.y1 - b.y0, facecolor=shape.fill,
                                   edgecolor="none", zorder=z))
        elif isinstance(shape, Text):
            ax.text(*shape.at, shape.text, fontsize=shape.size * pt, color=shape.colour,
                    ha="left" if shape.anchor == "start" else "right", va="baseline",
                    fontweight="bold", usetex=False, parse_math=False, zorder=z)

    for s in sc.props:
        draw(s, 1.0)
    for i, f in enumerate(sc.frames):
        for s in f:
            draw(s, GHOST if i < len(sc.frames) - 1 else 1.0)
    for s in sc.labels:
        draw(s, 1.0)


def scene_png(sc: Scene, width_px: int = 480) -> bytes:
    """A scene as PNG bytes, ``width_px`` wide (no text under ``MIN_TEXT_PX``)."""
    sc = readable(sc, width_px)
    from matplotlib.figure import Figure

    dpi = 100
    fig = Figure(figsize=(width_px / dpi, width_px / dpi * sc.height / sc.width), dpi=dpi)
    draw_scene(fig.add_axes((0, 0, 1, 1)), sc, width_px / dpi)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def side_drawn(stretch: Stretch, side: str | None) -> str | None:
    """The side drawn: a one-side stretch shows its right side unless told otherwise."""
    if not stretch.per_side:
        return None
    return side if side in ("left", "right") else "right"


def pose_scene(pose: Pose, stretch: Stretch, side: str | None = None,
               frame: str = "hold") -> Scene:
    """The scene of ``stretch`` done on ``side``, its muscles shaded, at ``frame`` (one
    of ``FRAMES``)."""
    lay = layout(pose, side_drawn(stretch, side))
    shade = (stretch.primary, stretch.secondary, stretch.per_side)
    if frame == "hold":
        return scene(lay, *shade)
    if frame == "start":
        return scene(lay, *shade, bodies=(lay.start(),))
    keys = lay.keys + lay.bodies[1:]  # and the far end of a moving stretch's cycle
    return strip([scene(lay, *shade, bodies=(b,)) for b in keys])


def _shifted(shape: Shape, dx: float) -> Shape:
    if isinstance(shape, Stroke):
        return dataclasses.replace(shape, points=tuple((x + dx, y) for x, y in shape.points))
    if isinstance(shape, Disc):
        return dataclasses.replace(shape, centre=(shape.centre[0] + dx, shape.centre[1]))
    if isinstance(shape, Rect):
        return dataclasses.replace(shape, box=shape.box.moved(dx, 0.0))
    return dataclasses.replace(shape, at=(shape.at[0] + dx, shape.at[1]))


def strip(scenes: list[Scene]) -> Scene:
    """Scenes of one size side by side, left to right, as one scene (the first's label)."""
    w = scenes[0].width
    return Scene(w * len(scenes), scenes[0].height,
                 tuple(_shifted(s, i * w) for i, sc in enumerate(scenes) for s in sc.props),
                 (tuple(_shifted(s, i * w) for i, sc in enumerate(scenes)
                        for f in sc.frames for s in f),), scenes[0].labels)


def figure_title(stretch: Stretch, side: str | None) -> str:
    """What a figure is called: the stretch's name, and the side it shows."""
    side = side_drawn(stretch, side)
    name = _(stretch.name)
    if side == "left":
        # TRANSLATORS: a figure's title: a stretch's name and the side it shows
        return _("{name}, left side").format(name=name)
    if side == "right":
        # TRANSLATORS: a figure's title: a stretch's name and the side it shows
        return _("{name}, right side").format(name=name)
    return name


def frame_title(stretch: Stretch, side: str | None, frame: str) -> str:
    """The title of a stretch's figure at ``frame`` (one of ``FRAMES``)."""
    return _(FRAME_TITLES[frame]).format(name=figure_title(stretch, side))


def readable(sc: Scene, width_px: float | None) -> Scene:
    """``sc`` as drawn ``width_px`` wide: its labels left out if they would be smaller
    than ``MIN_TEXT_PX`` (None: the width is not known, so they stay)."""
    if width_px is None or all(t.size * width_px / sc.width >= MIN_TEXT_PX for t in sc.labels):
        return sc
    return dataclasses.replace(sc, labels=())


@functools.lru_cache(maxsize=1024)
def _svg(pose: Pose, stretch: Stretch, side: str | None, width_px: float | None,
         frame: str, language: str) -> str:
    sc = readable(pose_scene(pose, stretch, side, frame), width_px)
    return scene_svg(sc, frame_title(stretch, side, frame))


@functools.lru_cache(maxsize=256)
def _png(pose: Pose, stretch: Stretch, side: str | None, width_px: int, frame: str,
         language: str) -> bytes:
    return scene_png(pose_scene(pose, stretch, side, frame), width_px)


def _pose(catalogue: Catalogue, stretch_id: str) -> tuple[Pose | None, Stretch]:
    poses: Mapping[str, Pose] = poses_for(catalogue)
    return poses.get(stretch_id), catalogue[stretch_id]


def stretch_svg(catalogue: Catalogue, stretch_id: str, side: str | None = None,
                width_px: float | None = None, frame: str = "hold") -> str:
    """The figure of a stretch at ``frame`` (one of ``FRAMES``) as SVG text, drawn once
    and cached; '' when it has no pose.

    Give ``width_px`` when it is shown at a known, small width: text that would be
    drawn under ``MIN_TEXT_PX`` high is left out (say the side beside it instead).
    """
    pose, stretch = _pose(catalogue, stretch_id)
    if pose is None:
        return ""
    return _svg(pose, stretch, side_drawn(stretch, side), width_px, frame, current().code)


def _position(stretch: Stretch) -> str:
    """Where a stretch is done, as it reads after "done" in a figure's description."""
    # TRANSLATORS: the figure's description says "Drawing of <stretch>, done <position>."
    words = {"supine": pgettext("figure: done ...", "lying on your back"),
             "prone": pgettext("figure: done ...", "lying on your front"),
             "kneeling": pgettext("figure: done ...", "kneeling or on all fours"),
             "seated": pgettext("figure: done ...", "seated"),
             "standing": pgettext("figure: done ...", "standing")}
    return words.get(stretch.position) or _(POSITIONS[stretch.position])


def _props(stretch: Stretch) -> str:
    """A stretch's props as they read in "with a {props}": "mat and strap"."""
    # TRANSLATORS: a prop in the figure's description "..., with a {props}." (English keeps
    # the one "a" before the list): give the word with the article and case your
    # "with" needs, e.g. "una esterilla", "einer Matte", "un tapis"
    words = {"mat": pgettext("figure: with a ...", "mat"),
             "pillow": pgettext("figure: with a ...", "pillow"),
             "wall": pgettext("figure: with a ...", "wall"),
             "chair": pgettext("figure: with a ...", "chair"),
             "strap": pgettext("figure: with a ...", "strap"),
             "step": pgettext("figure: with a ...", "step")}
    return joined([words.get(p, p) for p in stretch.equipment])


def _muscles(groups: tuple[str, ...]) -> str:
    """Muscle groups' names as they read inside a sentence: "lower back and glutes"."""
    return joined([MUSCLE_GROUPS[g].in_sentence for g in groups])


def stretch_alt(catalogue: Catalogue, stretch_id: str, side: str | None = None,
                frame: str = "hold") -> str:
    """What a stretch's figure at ``frame`` shows, in words: the pose, its props, how it
    starts (or, for the start, how to move from there), and the muscles shaded; '' when
    it has no pose (so no figure)."""
    pose, stretch = _pose(catalogue, stretch_id)
    if pose is None:
        return ""
    words = {"title": figure_title(stretch, side), "position": _position(stretch),
             "props": _props(stretch)}
    if frame == "start":
        out = [(_("Drawing of {title}: the position it starts from, {position}, with a "
                  "{props}.") if stretch.equipment else
                _("Drawing of {title}: the position it starts from, {position}.")
                ).format(**words)]
        if pose.way_in:
            # TRANSLATORS: {way_in} is one sentence on how to move from the start into the hold
            out.append(_("From there: {way_in}").format(way_in=_(pose.way_in)))
    else:
        out = [(_("Drawing of {title}, done {position}, with a {props}.") if stretch.equipment
                else _("Drawing of {title}, done {position}.")).format(**words)]
        if stretch.steps:
            # TRANSLATORS: {step} is the stretch's first step, a whole sentence
            out.append(_("It starts: {step}").format(step=_(stretch.steps[0])))
        if len(pose_scene(pose, stretch, side).frames) > 1:
            out.append(_("The starting position is drawn faintly behind the end position."))
    if stretch.primary:
        most = _muscles(stretch.primary)
        out.append(_("Shaded dark blue, where it works most: {most}; lighter blue: {lighter}.")
                   .format(most=most, lighter=_muscles(stretch.secondary))
                   if stretch.secondary else
                   _("Shaded dark blue, where it works most: {most}.").format(most=most))
    return " ".join(out)


def stretch_png(catalogue: Catalogue, stretch_id: str, side: str | None = None,
                width_px: int = 480, frame: str = "hold") -> bytes | None:
    """The figure of a stretch at ``frame`` as PNG bytes, cached; None when it has no pose."""
    pose, stretch = _pose(catalogue, stretch_id)
    if pose is None:
        return None
    return _png(pose, stretch, side_drawn(stretch, side), width_px, frame, current().code)


def clear_cache() -> None:
    """Forget every drawn figure and layout (for timing a cold start)."""
    _svg.cache_clear()
    _png.cache_clear()
    layout.cache_clear()


def save_pose(catalogue: Catalogue, stretch_id: str, path: str | os.PathLike[str],
              side: str | None = None, frame: str = "hold") -> Path:
    """Write a stretch's figure at ``frame`` as ``.svg`` or ``.png`` (by the suffix),
    atomically."""
    target = Path(path)
    if frame not in FRAMES:
        raise BackstretchError(Problem(str(path), "frame", _(
            "{frame} is not a frame; use one of: {frames}").format(frame=repr(frame),
                                                                   frames=", ".join(FRAMES))))
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        # TRANSLATORS: {suffix} is the end of a file's name, like '.gif', or 'no suffix'
        raise BackstretchError(Problem(str(path), "", _(
            "cannot tell the format from {suffix}; end the name in .svg or .png").format(
                suffix=repr(suffix or _("no suffix")))))
    if stretch_id in catalogue and stretch_id not in poses_for(catalogue):
        raise BackstretchError(Problem(str(catalogue.source), stretch_id,
                                       _("this stretch has no pose to draw yet")))
    if suffix == ".svg":
        atomic_write_text(target, stretch_svg(catalogue, stretch_id, side, frame=frame) + "\n")
    else:
        try:
            png = stretch_png(catalogue, stretch_id, side, 800, frame)
        except ImportError as exc:
            # TRANSLATORS: {module} is a Python package's name, like matplotlib
            raise BackstretchError(Problem(str(path), "", _(
                "drawing a PNG needs {module}; install it with: pip install "
                "'backstretch[workbook]'").format(module=exc.name)))
        assert png is not None
        atomic_write_bytes(target, png)
    return target
