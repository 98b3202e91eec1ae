"""The guided session: its state machine, the timeline the page plays, the checklist.

The page's own player (``player.js``, ``player.css``) sits here too: the one ES module
that plays a session in a browser, for the Lab timer, the class view and the take-home
file alike.
"""

from __future__ import annotations

from pathlib import Path


def player_asset(name: str) -> Path:
    """The page player's ``player.js`` or ``player.css``."""
    return Path(__file__).with_name(name)
