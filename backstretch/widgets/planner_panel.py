"""Suggest a routine: goal, time and constraints in; the planner's routine into a builder."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.palette import DONE_COLOUR, SHORT_COLOUR
from ..catalogue.muscles import MUSCLE_GROUPS
from ..catalogue.stretches import AVOID_WORDS, EQUIPMENT, FLAGS, POSITIONS, Catalogue
from ..planner.problem import DEFAULT_GOAL, GOALS, MAX_BUDGET, plan, summary, target_groups
from ..safety.flags import CONDITIONS
from .builder import HELD, RoutineBuilder
from .shown import Shown

NO_GOAL = ""


class PlannerPanel(Shown):
    """Controls for ``planner.plan``; **Suggest** hands its routine to ``builder``."""

    def __init__(self, catalogue: Catalogue, builder: RoutineBuilder, minutes: float = 10):
        self.catalogue = catalogue
        self.builder = builder
        wide = {"style": {"description_width": "8em"}}
        self.goal = w.Dropdown(options=[("only the groups I pick", NO_GOAL)] +
                               [(g.capitalize(), g) for g in GOALS], value=DEFAULT_GOAL,
                               description="Goal", **wide)
        self.groups = w.SelectMultiple(options=[(g.name, g.id) for g in MUSCLE_GROUPS.values()],
                                       description="Also target", rows=5, **wide)
        self.minutes = w.BoundedFloatText(value=minutes, min=0, max=MAX_BUDGET / 60, step=1,
                                          description="Minutes", **wide)
        self.positions = w.SelectMultiple(options=[(v, k) for k, v in POSITIONS.items()],
                                          value=tuple(POSITIONS), description="Positions",
                                          rows=len(POSITIONS), **wide)
        self.equipment = w.SelectMultiple(options=EQUIPMENT, value=EQUIPMENT,
                                          description="I have", rows=len(EQUIPMENT), **wide)
        fit = {"indent": False, "layout": w.Layout(width="auto")}
        self.no_floor = w.Checkbox(description="No floor work (standing or on a chair only)",
                                   **fit)
        strong = ", ".join(s.name for s in catalogue.values() if s.kind == "strengthening")
        self.strengthening = w.Checkbox(description="Add a strengthening move or two",
                                        tooltip=f"From: {strong}", **fit)
        self.strengthening.add_class("bs-plan-strengthening")
        self.avoid = {flag: w.Checkbox(description=AVOID_WORDS[flag], **fit) for flag in FLAGS}
        self.conditions = {c.id: w.Checkbox(description=f"I have {c.name.lower()}",
                                            tooltip=c.rule, **fit)
                           for c in CONDITIONS.values()}
        for box in self.conditions.values():
            box.observe(lambda _c: builder.set_conditions(self.chosen_conditions()),
                        names="value")
        self.suggest_button = w.Button(description="Suggest", icon="magic",
                                       button_style="primary")
        self.suggest_button.add_class("bs-suggest")
        self.suggest_button.on_click(lambda _b: self.suggest())
        self.result = w.HTML()
        self.result.add_class("bs-plan-result")

        avoid_box = w.VBox([w.HTML("<b>Avoid</b>"), *self.avoid.values()])
        conditions_box = w.VBox([w.HTML("<b>Leave out what is unsafe with</b>"),
                                 *self.conditions.values()])
        conditions_box.add_class("bs-conditions")
        self.widget = w.VBox([
            w.HBox([w.VBox([self.goal, self.groups, self.minutes]),
                    w.VBox([self.positions, self.equipment])]),
            w.HTML("<i>Ctrl-click (Cmd-click on a Mac) to pick several groups, positions or "
                   "things you have.</i>"),
            w.HBox([avoid_box, w.VBox([self.no_floor, self.strengthening, conditions_box])]),
            self.suggest_button, self.result,
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
            "avoid_flags": [flag for flag, box in self.avoid.items() if box.value],
            "conditions": list(self.chosen_conditions()),
            "strengthening": self.strengthening.value,
        }

    def chosen_conditions(self) -> tuple[str, ...]:
        """The conditions ticked; the builder warns of stretches they rule out."""
        return tuple(c for c, box in self.conditions.items() if box.value)

    def suggest(self) -> None:
        """Plan, show how far the routine gets, and hand it to the builder."""
        request = self.request()
        try:
            routine = plan(self.catalogue, **request)
        except BackstretchError as exc:
            problems = "; ".join(f"{p.field}: {p.message}" for p in exc.problems)
            self._show(f"No routine suggested: {problems}", error=True)
            return
        targets = target_groups(request["targets"], request["goal"])
        self.builder.replace(routine, HELD, "the planner's suggestion")
        added = [routine.stretch(i).name for i in range(len(routine.items))
                 if routine.stretch(i).kind == "strengthening"]
        extra = (f" Strengthening, not counted as stretch: {', '.join(added)}." if added else
                 " No strengthening move fits your choices and time."
                 if request["strengthening"] else "")
        self._show(f"{summary(routine, targets, request['budget_seconds'])}{extra} "
                   "It is now in the builder.")

    def _show(self, text: str, error: bool = False) -> None:
        colour = SHORT_COLOUR if error else DONE_COLOUR
        self.result.value = f'<span style="color:{colour}">{escape(text)}</span>'
