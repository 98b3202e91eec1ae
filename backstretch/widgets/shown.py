"""The one way every piece of the workbook shows itself in a notebook."""

from __future__ import annotations

import ipywidgets as w


class Shown:
    """A cell whose value is this object shows its ``widget``."""

    widget: w.Widget

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
