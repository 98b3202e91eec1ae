"""Step-change cues shared by the timer and the class view: a beep and a flash."""

from __future__ import annotations

import asyncio

import ipywidgets as w

from ...guided.session import Event
from .sound import beep


def cue_kind(event: Event) -> str:
    """Which beep an event calls for: ``finished``, ``switch``, ``rest`` or ``go``."""
    if event.kind == "finished" or event.step is None:
        return "finished"
    return {"switch": "switch", "rest": "rest"}.get(event.step.kind, "go")


class Cues:
    """A beep (unless ``mute`` is pressed) and a short ``bs-flash`` class on ``target``.

    Put ``mute`` and ``audio`` in the view, and set ``target`` to the widget to flash.
    """

    def __init__(self) -> None:
        self.target: w.DOMWidget | None = None
        self.count = 0
        self.mute = w.ToggleButton(value=False, description="Mute", icon="volume-off",
                                   tooltip="Turn the beeps off (the flash stays)",
                                   layout=w.Layout(width="auto"))
        self.mute.add_class("bs-mute")
        self.audio = w.Audio(value=b"", format="wav", autoplay=True, loop=False,
                             controls=False, layout=w.Layout(width="0px", height="0px"))

    def cue(self, kind: str) -> None:
        self.count += 1
        if not self.mute.value:
            self.audio.value = beep(kind, self.count)
        if self.target is None:
            return
        self.target.add_class("bs-flash")
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        loop.call_later(0.6, self.target.remove_class, "bs-flash")
