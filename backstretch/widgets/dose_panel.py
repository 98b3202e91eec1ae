"""The builder's dose panel: the dose report as HTML, each group short of its target in
orange (from the report's own data), after the condition warnings and the red-flag line."""

from __future__ import annotations

from html import escape

from ..base.language import _
from ..base.palette import DANGER_COLOUR, SHORT_COLOUR
from ..catalogue.stretches import condition_warnings
from ..routines.dose import dose_report
from ..routines.model import Routine
from ..safety.notes import short_line_html


def dose_html(routine: Routine, conditions: tuple[str, ...] = ()) -> str:
    """The dose report as an HTML list; groups short of 60 s stand out. Stretches that a
    chosen condition rules out, and the red-flag line, come first."""
    if not routine.items:
        return "<p>" + _("Add a stretch to see the dose check.") + "</p>" + short_line_html()
    warnings = condition_warnings((routine.stretch(i) for i in range(len(routine.items))),
                                  conditions)
    care = _("Take care:")
    warn = (f'<div class="bs-condition-warning" style="color:{DANGER_COLOUR}"><b>{care}</b><ul>'
            f'{"".join(f"<li>{escape(x)}</li>" for x in warnings)}</ul></div>'
            if warnings else "")
    report = dose_report(routine)
    rows = []
    for line in report.entries():
        style = f' style="color:{SHORT_COLOUR};font-weight:600"' if line.short else ""
        rows.append(f"<li{style}>{escape(line.text)}</li>")
    verdict = (_("Meets the guideline for every targeted group.") if report.ok else
               _("Falls short of the guideline; see the lines in orange."))
    check = _("Dose check:")
    return (f'{short_line_html()}{warn}<div class="bs-dose"><b>{check}</b> {verdict}'
            f'<ul>{"".join(rows)}</ul></div>')
