"""The props a stretch may need: a new one is added here, with how the figures treat it."""

from __future__ import annotations

from dataclasses import dataclass

from ..base.language import pgettext


@dataclass(frozen=True)
class Prop:
    """Something a person needs for a stretch besides the floor."""

    id: str
    """The word used in the catalogue's ``equipment`` and the poses' ``props``."""
    colour: str | None = None
    """Its colour on the pose figures; None when the figures never draw it."""
    surface: bool = False
    """True when a body point can rest on it in a pose (``rests`` in poses.yaml)."""

    @property
    def name(self) -> str:
        """What people call it, in the current language."""
        return prop_name(self.id)


def prop_name(prop_id: str) -> str:
    """A prop's name in the current language (an unknown id as it is)."""
    names = {
        "mat": pgettext("prop", "mat"),
        # TRANSLATORS: a pillow or cushion to rest the head or knees on
        "pillow": pgettext("prop", "pillow"),
        "wall": pgettext("prop", "wall"),
        "chair": pgettext("prop", "chair"),
        # TRANSLATORS: a strap, belt or towel looped round the foot
        "strap": pgettext("prop", "strap"),
        # TRANSLATORS: a stair step or low box to stand on
        "step": pgettext("prop", "step"),
    }
    return names.get(prop_id, prop_id)


PROPS: dict[str, Prop] = {
    p.id: p
    for p in (
        Prop("mat", "#a9c4ad"),
        Prop("pillow"),
        Prop("wall", "#cfcfcf", surface=True),
        Prop("chair", "#8c6d4f", surface=True),
        Prop("strap", "#6a3d9a"),
        Prop("step", "#b5b5b5", surface=True),
    )
}
"""Every prop, by id, in the order the filters list them."""

DRAWN = tuple(p.id for p in PROPS.values() if p.colour is not None)
"""The props a pose figure may show."""
SURFACES = ("floor", *(p.id for p in PROPS.values() if p.surface))
"""What a point of a pose can rest on besides another body point."""
