"""Browse and filter the catalogue; a card per stretch."""

from __future__ import annotations

import ipywidgets as w

from ..base.language import _, ngettext
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
        self.position = w.Dropdown(options=[(_("any position"), ANY)] +
                                   [(_(v), k) for k, v in POSITIONS.items()],
                                   description=_("Position"))
        # TRANSLATORS: {prop} is a prop (mat, chair, wall...): a stretch needing it or less
        self.equipment = w.Dropdown(options=[(_("anything"), ANY), (_("nothing at all"), "none")]
                                    + [(_("{prop} at most").format(prop=_(e)), e)
                                       for e in EQUIPMENT],
                                    description=_("Needs"))
        self.muscle = w.Dropdown(options=[(_("any group"), ANY)] +
                                 [(_(g.name), g.id) for g in MUSCLE_GROUPS.values()],
                                 description=_("Works"))
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
        total = len(self.catalogue)
        # TRANSLATORS: {shown} is a number in bold (HTML), out of {total} stretches
        self.count.value = ngettext("{shown} of {total} stretch", "{shown} of {total} stretches",
                                    total).format(shown=f"<b>{len(ids)}</b>", total=total)
        self.cards.value = "".join(stretch_card(self.catalogue[i],
                                                stretch_moves_html(self.catalogue, i))
                                   for i in ids) or (
            "<p>" + _("No stretch matches all three filters; loosen one.") + "</p>")
