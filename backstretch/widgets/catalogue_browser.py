"""Browse and filter the catalogue; a card per stretch."""

from __future__ import annotations

import ipywidgets as w

from ..catalogue.cards import CARD_CSS, stretch_card
from ..catalogue.muscles import MUSCLE_GROUPS
from ..catalogue.stretches import EQUIPMENT, POSITIONS, Catalogue
from ..figures.flipbook import stretch_moves_html
from .shown import Shown

ANY = "any"


class CatalogueBrowser(Shown):
    """Dropdowns for position, equipment and muscle group over the stretch cards."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.position = w.Dropdown(options=[("any position", ANY)] +
                                   [(v, k) for k, v in POSITIONS.items()], description="Position")
        self.equipment = w.Dropdown(options=[("anything", ANY), ("nothing at all", "none")] +
                                    [(f"{e} at most", e) for e in EQUIPMENT],
                                    description="Needs")
        self.muscle = w.Dropdown(options=[("any group", ANY)] +
                                 [(g.name, g.id) for g in MUSCLE_GROUPS.values()],
                                 description="Works")
        self.count = w.HTML()
        self.cards = w.HTML()
        self.cards.add_class("bs-cards")
        for control in (self.position, self.equipment, self.muscle):
            control.observe(lambda _c: self.render(), names="value")
        self.widget = w.VBox([w.HTML(f"<style>{CARD_CSS}</style>"),
                              w.HBox([self.position, self.equipment, self.muscle]),
                              self.count, self.cards])
        self.render()

    @property
    def shown(self) -> list[str]:
        """Ids of the stretches the filters keep."""
        def pick(d: w.Dropdown) -> str | None:
            return None if d.value == ANY else d.value
        return [s.id for s in self.catalogue.filter(pick(self.position), pick(self.equipment),
                                                    pick(self.muscle))]

    def render(self) -> None:
        ids = self.shown
        self.count.value = f"<b>{len(ids)}</b> of {len(self.catalogue)} stretches"
        self.cards.value = "".join(stretch_card(self.catalogue[i],
                                                stretch_moves_html(self.catalogue, i))
                                   for i in ids) or (
            "<p>No stretch matches all three filters; loosen one.</p>")
