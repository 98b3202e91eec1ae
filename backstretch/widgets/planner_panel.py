"""Suggest a routine: goal, time and constraints in; the planner's routine into a builder."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.formats import joined
from ..base.language import N_, _
from ..base.palette import DONE_COLOUR, SHORT_COLOUR
from ..catalogue.muscles import MUSCLE_GROUPS
from ..catalogue.stretches import AVOID_WORDS, EQUIPMENT, FLAGS, POSITIONS, Catalogue
from ..planner.problem import DEFAULT_GOAL, GOALS, MAX_BUDGET, plan, summary, target_groups
from ..safety.flags import CONDITIONS
from .builder import HELD, RoutineBuilder
from .shown import Shown
from .tick_list import TICK, TickList

NO_GOAL = ""
FIELD_LABELS = {"goal": N_("Goal"), "budget_seconds": N_("Minutes"), "targets": N_("Also target"),
                "positions": N_("Positions"), "equipment": N_("I have"), "avoid_flags": N_("Avoid"),
                "conditions": N_("Leave out what is unsafe with"),
                "no_floor": N_("No floor work (standing or on a chair only)"),
                "strengthening": N_("Add a strengthening move or two")}
"""The form's name for each of ``plan``'s arguments, for its messages."""


def _capital(text: str) -> str:
    """``text`` with its first letter a capital (the rest as it is: German nouns stay)."""
    return text[:1].upper() + text[1:]


class PlannerPanel(Shown):
    """Controls for ``planner.plan``; **Suggest** hands its routine to ``builder``."""

    def __init__(self, catalogue: Catalogue, builder: RoutineBuilder, minutes: float = 10):
        self.catalogue = catalogue
        self.builder = builder
        wide = {"style": {"description_width": "8em"}}
        self.goal = w.Dropdown(options=[(_("only the groups I pick"), NO_GOAL)] +
                               [(_capital(_(g)), g) for g in GOALS], value=DEFAULT_GOAL,
                               description=_("Goal"), **wide)
        self.minutes = w.BoundedFloatText(value=minutes, min=0, max=MAX_BUDGET / 60, step=1,
                                          description=_("Minutes"), **wide)
        self.groups = TickList(_("Also target"),
                               [(_(g.name), g.id) for g in MUSCLE_GROUPS.values()],
                               css="bs-plan-groups")
        self.positions = TickList(_("Positions"),
                                  [(_capital(_(v)), k) for k, v in POSITIONS.items()],
                                  value=POSITIONS, css="bs-plan-positions")
        self.equipment = TickList(_("I have"), [(_capital(_(e)), e) for e in EQUIPMENT],
                                  value=EQUIPMENT, css="bs-plan-equipment")
        self.avoid = TickList(_("Avoid"), [(_(AVOID_WORDS[flag]), flag) for flag in FLAGS],
                              css="bs-plan-avoid")
        self.conditions = TickList(_("Leave out what is unsafe with"),
                                   [(_(c.ticked), c.id) for c in CONDITIONS.values()],
                                   css="bs-conditions",
                                   tips={c.id: _(c.rule) for c in CONDITIONS.values()})
        self.conditions.observe(lambda _c: builder.set_conditions(self.chosen_conditions()),
                                names="value")
        self.no_floor = w.Checkbox(description=_("No floor work (standing or on a chair only)"),
                                   **TICK)
        strong = joined([s.name for s in catalogue.values() if s.kind == "strengthening"])
        self.strengthening = w.Checkbox(description=_("Add a strengthening move or two"),
                                        tooltip=_("From: {stretches}").format(stretches=strong),
                                        **TICK)
        self.strengthening.add_class("bs-plan-strengthening")
        self.suggest_button = w.Button(description=_("Suggest"), icon="magic",
                                       button_style="primary")
        self.suggest_button.add_class("bs-suggest")
        self.suggest_button.on_click(lambda _b: self.suggest())
        self.result = w.HTML()
        self.result.add_class("bs-plan-result")

        def row(*children: w.Widget) -> w.Box:  # side by side, wrapping on a narrow page
            return w.Box(list(children), layout=w.Layout(
                display="flex", flex_flow="row wrap", align_items="flex-start",
                grid_gap="0.5em 2.5em", margin="0.4em 0"))
        self.widget = w.VBox([
            row(self.goal, self.minutes),
            row(self.groups.widget, self.positions.widget, self.equipment.widget),
            row(self.avoid.widget, self.conditions.widget),
            self.no_floor, self.strengthening, self.suggest_button, self.result,
        ])
        self.widget.add_class("bs-planner")

    def request(self) -> dict:
        """The keyword arguments for ``plan`` the controls stand for."""
        picked = list(self.groups.value)
        return {  # no goal and no group picked: the planner asks for a group
            "targets": picked if picked or self.goal.value == NO_GOAL else None,
            "goal": self.goal.value or None,
            "budget_seconds": round(self.minutes.value * 60),
            "positions": list(self.positions.value),
            "equipment": list(self.equipment.value),
            "no_floor": self.no_floor.value,
            "avoid_flags": list(self.avoid.value),
            "conditions": list(self.chosen_conditions()),
            "strengthening": self.strengthening.value,
        }

    def chosen_conditions(self) -> tuple[str, ...]:
        """The conditions ticked; the builder warns of stretches they rule out."""
        return self.conditions.value

    def suggest(self) -> None:
        """Plan, show how far the routine gets, and hand it to the builder."""
        request = self.request()
        try:
            routine = plan(self.catalogue, **request)
        except BackstretchError as exc:
            problems = "; ".join(_("{field}: {problem}").format(
                field=_(FIELD_LABELS.get(p.field, p.field)), problem=p.message)
                for p in exc.problems)
            self._show(_("No routine suggested: {problems}").format(problems=problems),
                       error=True)
            return
        targets = target_groups(request["targets"], request["goal"])
        self.builder.replace(routine, HELD, _("the planner's suggestion"))
        added = [routine.stretch(i).name for i in range(len(routine.items))
                 if routine.stretch(i).kind == "strengthening"]
        extra = (" " + _("Strengthening, not counted as stretch: {moves}.").format(
            moves=joined(added)) if added else
                 " " + _("No strengthening move fits your choices and time.")
                 if request["strengthening"] else "")
        self._show(f"{summary(routine, targets, request['budget_seconds'])}{extra} "
                   + _("It is now in the builder."))

    def _show(self, text: str, error: bool = False) -> None:
        colour = SHORT_COLOUR if error else DONE_COLOUR
        self.result.value = f'<span style="color:{colour}">{escape(text)}</span>'
