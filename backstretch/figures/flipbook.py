"""A stretch's start and hold side by side, and its movement played when asked.

For the catalogue's cards and the builder's rows, which are plain HTML (no script runs
there): the movement is a flip book of the frames the package drew on the way in (and
once through a moving stretch's cycle), shown one after another by CSS when a person
opens "Play the movement", and played once, ending on the hold. For people who ask
for less motion it stays shut: the two stills are the figure.
"""

from __future__ import annotations

import functools
from html import escape

from ..base.language import _, current
from ..catalogue.stretches import Catalogue, Stretch
from .drawing import figure_title, readable, side_drawn, stretch_svg, svg_shape
from .layout import layout
from .poses import Pose, poses_for
from .scene import scene

FLIP_FRAMES = 10
"""Most frames a flip book shows."""
FLIP_SECONDS = 0.3
"""How long each frame shows: a whole flip book plays in 3 s at most."""
FLIP_CSS = f"""
.bs-moves-stills {{ display: flex; gap: 4px; }}
.bs-moves-stills > div {{ flex: 1 1 0; min-width: 0; }}
.bs-moves summary {{ cursor: pointer; color: #1f4e79; font-weight: 600; }}
.bs-flip g.bs-flip-f {{ visibility: hidden; animation: bs-flip {FLIP_SECONDS}s linear 1; }}
.bs-flip g.bs-flip-last {{ animation-fill-mode: forwards; }}
@keyframes bs-flip {{ from, to {{ visibility: visible; }} }}
@media (prefers-reduced-motion: reduce) {{ .bs-moves details {{ display: none; }} }}
"""


def _pick(n: int, most: int) -> list[int]:
    """Up to ``most`` indices spread evenly over ``range(n)``, first and last kept."""
    if n <= most:
        return list(range(n))
    return sorted({round(i * (n - 1) / (most - 1)) for i in range(most)})


@functools.lru_cache(maxsize=256)
def _flip_svg(pose: Pose, stretch: Stretch, side: str | None, width_px: float | None,
              language: str) -> str:
    lay = layout(pose, side)
    cycle = list(lay.cycle)
    bodies = list(lay.way) + cycle[1:] + cycle[-2::-1]  # in, and once there and back
    picked = [bodies[i] for i in _pick(len(bodies), FLIP_FRAMES)]
    shade = (stretch.primary, stretch.secondary, stretch.per_side)
    sc = readable(scene(lay, *shade, bodies=tuple(picked)), width_px)
    h = sc.height
    groups = []
    for i, shapes in enumerate(sc.frames):
        last = " bs-flip-last" if i == len(sc.frames) - 1 else ""
        groups.append(f'<g class="bs-flip-f{last}" style="animation-delay: '
                      f'{i * FLIP_SECONDS:.2f}s">{"".join(svg_shape(s, h) for s in shapes)}</g>')
    # TRANSLATORS: the title of a figure that plays a stretch's movement; {name} is its name
    label = escape(_("{name}: the movement, from the start into the hold").format(
        name=figure_title(stretch, side)), quote=True)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {sc.width:.1f} {h:.1f}" '
            f'class="bs-pose bs-flip" role="img" aria-label="{label}"><title>{label}</title>'
            f'{"".join(svg_shape(s, h) for s in sc.props)}{"".join(groups)}'
            f'{"".join(svg_shape(s, h) for s in sc.labels)}</svg>')


def stretch_moves_html(catalogue: Catalogue, stretch_id: str, side: str | None = None,
                       width_px: float | None = None) -> str:
    """The start and the hold side by side, and a "Play the movement" control that plays
    the way in (HTML with its own style); '' when the stretch has no pose."""
    pose = poses_for(catalogue).get(stretch_id)
    if pose is None:
        return ""
    stretch = catalogue[stretch_id]
    side = side_drawn(stretch, side)
    stills = "".join(f"<div>{stretch_svg(catalogue, stretch_id, side, width_px=width_px, frame=f)}"
                     "</div>" for f in ("start", "hold"))
    flip = _flip_svg(pose, stretch, side, None if width_px is None else 2 * width_px,
                     current().code)
    # TRANSLATORS: opens a figure that plays a stretch's movement once
    play = escape(_("Play the movement"))
    return (f'<div class="bs-moves"><style>{FLIP_CSS}</style>'
            f'<div class="bs-moves-stills">{stills}</div>'
            f"<details><summary>{play}</summary>{flip}</details></div>")
