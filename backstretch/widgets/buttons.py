"""A button with a stable CSS class, as every panel makes them."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w


def control_button(text: str, icon: str, css: str, action: Callable[[], object],
                   style: str = "") -> w.Button:
    """A control button with a stable CSS class (``bs-refresh`` ...) that calls ``action``."""
    b = w.Button(description=text, icon=icon, button_style=style, layout=w.Layout(width="auto"))
    b.add_class(css)
    b.on_click(lambda _b: action())
    return b
