"""The way between two frames: the frames drawn in between, by their joint angles.

A body moves by turning its parts, so the frames between two key frames turn each
part evenly (the short way round, unless the turn is nearly a half turn); ``layout`` places each one
by the same touch rules as the key frames. A point rests on a surface in between only
where it rests there at both ends.
"""

from __future__ import annotations

import math
from dataclasses import replace

from .poses import Frame

MAX_TURN = 20.0
"""Most any part turns, in degrees, from one drawn frame to the next: straight lines
between two drawn frames' points then stay within 2% of the limbs' lengths."""
ANGLES = ("torso", "head", "bend")
LIMBS = ("work_leg", "other_leg", "work_arm", "other_arm")


def _turn(a: float, b: float) -> float:
    """The turn from direction ``a`` to ``b``, in degrees: the short way round, except
    a turn of more than 150 degrees, which goes the way the angles are written (write
    one of them 360 more or less to turn it the other way)."""
    short = (b - a + 180.0) % 360.0 - 180.0
    return b - a if abs(short) > 150 else short


def _depth(frame: Frame) -> dict[str, float]:
    return dict(frame.depth)


def turns(a: Frame, b: Frame) -> float:
    """The most any part turns between ``a`` and ``b`` (a share of depth counts as if
    the part turned out of the picture by that much)."""
    most = max(abs(_turn(getattr(a, k), getattr(b, k))) for k in ANGLES)
    for limb in LIMBS:
        most = max(most, *(abs(_turn(x, y)) for x, y in zip(getattr(a, limb), getattr(b, limb))))
    da, db = _depth(a), _depth(b)
    for part in set(da) | set(db):
        seen = (da.get(part, 1.0), db.get(part, 1.0))
        most = max(most, abs(math.degrees(math.acos(seen[0]) - math.acos(seen[1]))))
    return most


def steps_between(a: Frame, b: Frame) -> int:
    """How many drawn frames take a body from ``a`` to ``b`` (at least one)."""
    return max(1, math.ceil(turns(a, b) / MAX_TURN - 1e-9))


def tween(a: Frame, b: Frame, t: float) -> Frame:
    """The frame a share ``t`` of the way from ``a`` to ``b``: each part turned the short
    way; resting only on what both rest on; ``a``'s anchor."""
    def mix(x: float, y: float) -> float:
        return x + t * _turn(x, y)

    da, db = _depth(a), _depth(b)
    depth = tuple((p, da.get(p, 1.0) + t * (db.get(p, 1.0) - da.get(p, 1.0)))
                  for p in sorted(set(da) | set(db)))
    touch = tuple(x for x in a.touch if x in b.touch)
    limbs = {k: tuple(mix(x, y) for x, y in zip(getattr(a, k), getattr(b, k))) for k in LIMBS}
    return replace(a, torso=mix(a.torso, b.torso), head=mix(a.head, b.head),
                   bend=a.bend + t * (b.bend - a.bend), touch=touch, depth=depth, **limbs)
