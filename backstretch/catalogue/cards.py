"""A stretch as an HTML card, with its figure, steps and cautions; every text is escaped."""

from __future__ import annotations

from html import escape

from .muscles import MUSCLE_GROUPS
from .stretches import POSITIONS, Stretch, cautions_of


def _groups(ids: tuple[str, ...]) -> str:
    return ", ".join(escape(MUSCLE_GROUPS[g].name) for g in ids) or "none"


def stretch_card(stretch: Stretch, figure: str = "") -> str:
    """A card with a stretch's figure (markup, if given: its start and hold, and its
    movement when asked), summary, facts, steps and cautions."""
    sides = "each side" if stretch.per_side else "both sides together"
    per = "hold" if stretch.is_static else "per slow repetition"
    equipment = ", ".join(escape(e) for e in stretch.equipment) or "nothing"
    steps = "".join(f"<li>{escape(s)}</li>" for s in stretch.steps)
    cautions = "".join(f"<li>{escape(c)}</li>" for c in cautions_of(stretch))
    picture = f'<div class="bs-card-figure">{figure}</div>' if figure else ""
    return (
        f'<div class="bs-card" data-stretch="{escape(stretch.id)}">'
        f"<h4>{escape(stretch.name)}</h4>{picture}"
        f"<p><em>{escape(stretch.summary)}</em></p>"
        f'<p class="bs-facts">{escape(POSITIONS[stretch.position].capitalize())}; {sides}; '
        f"{stretch.hold} {per} &times; {stretch.reps}; {escape(stretch.kind)}, "
        f"{escape(stretch.level)}; needs {equipment}.<br>"
        f"<b>Works</b> {_groups(stretch.primary)}"
        f"{'; also ' + _groups(stretch.secondary) if stretch.secondary else ''}.</p>"
        f"<ol>{steps}</ol>"
        f'<div class="bs-caution"><b>Take care</b><ul>{cautions}</ul></div>'
        "</div>"
    )


CARD_CSS = """
.bs-card { border: 1px solid #bbb; border-radius: 8px; padding: 0.6em 1em; margin: 0.5em 0;
           max-width: 46em; background: #fff; color: #222; }
.bs-card h4 { margin: 0.2em 0; }
.bs-card::after { content: ""; display: block; clear: both; }
.bs-card-figure { float: right; width: 22em; max-width: 50%; margin: 0 0 0.5em 1em; }
.bs-caution { background: #fff4e5; border-left: 4px solid #b35806; padding: 0.3em 0.8em; }
.bs-safety { border: 2px solid #b35806; border-radius: 8px; padding: 0.5em 1em; max-width: 46em;
             background: #fffaf3; color: #222; }
"""
