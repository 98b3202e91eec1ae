"""A stretch as an HTML card, with its figure, steps and cautions; every text is escaped."""

from __future__ import annotations

from html import escape

from ..base.language import _
from .muscles import MUSCLE_GROUPS
from .props import prop_name
from .stretches import KIND_WORDS, LEVEL_WORDS, POSITIONS, Stretch, cautions_of


def _groups(ids: tuple[str, ...]) -> str:
    return ", ".join(escape(MUSCLE_GROUPS[g].name) for g in ids) or escape(_("none"))


def _capital(text: str) -> str:
    """``text`` with a capital first letter, the rest as it is (German nouns keep theirs)."""
    return text[:1].upper() + text[1:]


def _facts(stretch: Stretch) -> str:
    """'Lying on your back; each side; 5 s hold × 1; static, gentle; needs mat.' (escaped)"""
    sides = _("each side") if stretch.per_side else _("both sides together")
    # TRANSLATORS: '5 s hold × 1' (a hold's time, times how many holds)
    dose = _("{hold} hold × {reps}") if stretch.is_static else \
        _("{hold} per slow repetition × {reps}")
    equipment = ", ".join(prop_name(e) for e in stretch.equipment) or _("nothing")
    # TRANSLATORS: the facts line of a stretch's card: position; sides; time and count;
    # kind, level; props
    return escape(_("{position}; {sides}; {dose}; {kind}, {level}; needs {equipment}.").format(
        position=_capital(_(POSITIONS[stretch.position])), sides=sides,
        dose=dose.format(hold=stretch.hold, reps=stretch.reps),
        kind=_(KIND_WORDS[stretch.kind]), level=_(LEVEL_WORDS[stretch.level]),
        equipment=equipment)).replace("×", "&times;")


def stretch_card(stretch: Stretch, figure: str = "") -> str:
    """A card with a stretch's figure (markup, if given: its start and hold, and its
    movement when asked), summary, facts, steps and cautions."""
    steps = "".join(f"<li>{escape(s)}</li>" for s in stretch.steps)
    cautions = "".join(f"<li>{escape(c)}</li>" for c in cautions_of(stretch))
    picture = f'<div class="bs-card-figure">{figure}</div>' if figure else ""
    heading = escape(_("Take care"))
    works = _("<b>Works</b> {groups}.") if not stretch.secondary else \
        _("<b>Works</b> {groups}; also {others}.")
    return (
        f'<div class="bs-card" data-stretch="{escape(stretch.id)}">'
        f"<h4>{escape(stretch.name)}</h4>{picture}"
        f"<p><em>{escape(stretch.summary)}</em></p>"
        f'<p class="bs-facts">{_facts(stretch)}<br>'
        f"{works.format(groups=_groups(stretch.primary), others=_groups(stretch.secondary))}</p>"
        f"<ol>{steps}</ol>"
        f'<div class="bs-caution"><b>{heading}</b><ul>{cautions}</ul></div>'
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
