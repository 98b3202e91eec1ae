"""A body in one frame, as geometry: each part a thick line through its joints.

:func:`body` turns a :class:`~backstretch.figures.poses.Frame`'s angles into points with
the hips at (0, 0); ``layout`` places it. Units are centimetres of a 175 cm body, y up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .poses import Frame

Point = tuple[float, float]

LENGTHS = {"torso": 52.0, "neck": 17.0, "thigh": 44.0, "shin": 43.0, "foot": 19.0,
           "upper_arm": 30.0, "forearm": 32.0}
"""Length of each body part (joint to joint), in centimetres."""
HEAD_R = 11.5
HIP_HALF, SHOULDER_HALF = 9.0, 17.0
"""Half the width of the hips and the shoulders, seen from the front or above."""
FOOT_FROM_FRONT = 0.45
"""A foot seen from the front or above looks this much shorter."""
WIDTHS = {"torso": 18.0, "neck": 8.0, "thigh": 12.5, "shin": 9.5, "foot": 5.5,
          "upper_arm": 8.0, "forearm": 6.5, "yoke": 9.0}
"""Thickness of each part; the torso is wider (26) seen from the front."""
FRONT_TORSO = 26.0


def _dir(angle: float) -> Point:
    r = math.radians(angle)
    return math.cos(r), math.sin(r)


def _add(p: Point, q: Point, k: float = 1.0) -> Point:
    return p[0] + k * q[0], p[1] + k * q[1]


@dataclass(frozen=True)
class Part:
    """One body part as a thick line through ``points``."""

    name: str
    """``torso``, ``neck``, ``yoke`` or a limb like ``work_thigh``."""
    points: tuple[Point, ...]
    width: float
    limb: bool
    """Points away from the torso (legs, arms): its front faces the other way round."""

    @property
    def kind(self) -> str:
        return self.name.split("_", 1)[1] if self.name.startswith(("work_", "other_")) \
            else self.name


@dataclass(frozen=True)
class Body:
    """A body in one frame: its parts and named points, placed."""

    parts: tuple[Part, ...]
    points: dict[str, Point]
    radii: dict[str, float]
    """How far each named point's surface is from its centre."""

    def moved(self, dx: float, dy: float) -> Body:
        return Body(tuple(Part(p.name, tuple((x + dx, y + dy) for x, y in p.points), p.width,
                               p.limb) for p in self.parts),
                    {k: (x + dx, y + dy) for k, (x, y) in self.points.items()}, self.radii)

    def mirrored(self, width: float) -> Body:
        return Body(tuple(Part(p.name, tuple((width - x, y) for x, y in p.points), p.width,
                               p.limb) for p in self.parts),
                    {k: (width - x, y) for k, (x, y) in self.points.items()}, self.radii)


def body(frame: Frame, view: str) -> Body:
    """The body of one frame with the hips at (0, 0), before placing."""
    front = view != "side"
    seen = dict(frame.depth)
    hip = (0.0, 0.0)
    torso_len = LENGTHS["torso"] * seen.get("torso", 1.0)
    shoulder = _add(hip, _dir(frame.torso), torso_len)
    head = _add(shoulder, _dir(frame.head), LENGTHS["neck"])
    sagitta = torso_len / 2 * math.tan(math.radians(frame.bend) / 4)
    bow = _dir(frame.torso + 90)
    torso = tuple(_add(_add(hip, _dir(frame.torso), torso_len * t), bow,
                       4 * sagitta * t * (1 - t)) for t in (i / 8 for i in range(9)))

    def across(a: Point, b: Point) -> Point:  # square to the spine where it meets a and b
        return _dir(math.degrees(math.atan2(b[1] - a[1], b[0] - a[0])) + 90)

    hips, shoulders = across(torso[0], torso[1]), across(torso[-2], torso[-1])
    points = {"hip": hip, "shoulder": shoulder, "head": head}
    parts = []
    yoke = SHOULDER_HALF * seen.get("yoke", 1.0)

    def seg(side: str, part: str) -> float:
        short = FOOT_FROM_FRONT if front and part == "foot" else 1.0
        return LENGTHS[part] * short * seen.get(f"{side}_{part}", 1.0)

    for side, sign in (("work", 1.0), ("other", -1.0)):
        leg_at = _add(hip, hips, sign * HIP_HALF) if front else hip
        arm_at = _add(shoulder, shoulders, sign * yoke) if front else shoulder
        thigh, shin, foot = getattr(frame, f"{side}_leg")
        upper, fore = getattr(frame, f"{side}_arm")
        knee = _add(leg_at, _dir(thigh), seg(side, "thigh"))
        heel = _add(knee, _dir(shin), seg(side, "shin"))
        toe = _add(heel, _dir(foot), seg(side, "foot"))
        elbow = _add(arm_at, _dir(upper), seg(side, "upper_arm"))
        hand = _add(elbow, _dir(fore), seg(side, "forearm"))
        points.update({f"{side}_knee": knee, f"{side}_heel": heel, f"{side}_toe": toe,
                       f"{side}_elbow": elbow, f"{side}_hand": hand})
        for name, pts in (("thigh", (leg_at, knee)), ("shin", (knee, heel)),
                          ("foot", (heel, toe)), ("upper_arm", (arm_at, elbow)),
                          ("forearm", (elbow, hand))):
            parts.append(Part(f"{side}_{name}", pts, WIDTHS[name], True))
    parts.append(Part("torso", torso, FRONT_TORSO if front else WIDTHS["torso"], False))
    parts.append(Part("neck", (shoulder, head), WIDTHS["neck"], False))
    if front:
        parts.append(Part("yoke", (_add(shoulder, shoulders, yoke),
                                   _add(shoulder, shoulders, -yoke)), WIDTHS["yoke"], False))
    torso_r = (FRONT_TORSO if front else WIDTHS["torso"]) / 2
    radii = {"hip": torso_r, "shoulder": torso_r, "head": HEAD_R}
    for side in ("work", "other"):
        radii.update({f"{side}_knee": WIDTHS["thigh"] / 2, f"{side}_heel": WIDTHS["shin"] / 2,
                      f"{side}_toe": WIDTHS["foot"] / 2, f"{side}_elbow": WIDTHS["upper_arm"] / 2,
                      f"{side}_hand": WIDTHS["forearm"] / 2 + 1})
    return Body(tuple(parts), points, radii)


def rests_on(frame: Frame, surface: str) -> list[str]:
    """The points of ``frame`` that rest on ``surface``."""
    return [p for p, s in frame.touch if s == surface]


def bottom(b: Body, name: str) -> float:
    """The height of the underside of point ``name`` of ``b``."""
    return b.points[name][1] - b.radii[name]
