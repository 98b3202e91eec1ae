"""The coarse muscle-group vocabulary every stretch is tagged with: a new group is added
here alone, with its name, its place on the pose figures and its patch on the body map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..base.language import N_, _, pgettext

Band = tuple[str, float, float, str]
Polygon = tuple[tuple[float, float], ...]


def _box(x0: float, x1: float, y0: float, y1: float) -> Polygon:
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def _pair(x0: float, x1: float, y0: float, y1: float) -> tuple[Polygon, Polygon]:
    """A box on each side of the body, mirrored."""
    return (_box(x0, x1, y0, y1), _box(-x1, -x0, y0, y1))


@dataclass(frozen=True)
class MuscleGroup:
    """A coarse group of muscles, as a body-map region."""

    id: str
    """Stable id used in the YAML files, like ``hip_flexors``."""
    english: str
    """Its name in English, as marked for the catalogue (``name`` is in the current language)."""
    muscles: tuple[str, ...]
    """The anatomical muscles it stands for."""
    view: Literal["front", "back"]
    """Which figure of the body map shows it."""
    bands: tuple[Band, ...]
    """Where it shows on a pose figure: (part, from, to along it, which face)."""
    region: tuple[tuple[Polygon, ...], int]
    """Its patch on the body map, in body units (2 wide, x from -1 to 1; 8 tall, y from 0
    at the feet up), and the side its label sits on (1 right, -1 left)."""

    @property
    def name(self) -> str:
        """The name shown to people, in the current language: 'Hip flexors'."""
        return _(self.english)

    @property
    def in_sentence(self) -> str:
        """The name inside a sentence: 'hip flexors' ('Hüftbeuger' in German)."""
        return in_sentence(self.name)


def in_sentence(name: str) -> str:
    """A name (of a muscle group, a condition) as it reads inside a sentence: lower case,
    except in a language whose nouns keep their capital (its catalogue says so)."""
    # TRANSLATORS: not shown. Keep "names:lower-case" where names of muscle groups and
    # conditions are written in small letters inside a sentence (English, Spanish, French);
    # translate it as "names:as-written" where they keep their capital (German nouns).
    if pgettext("names in a sentence", "names:lower-case") == "names:as-written":
        return name
    return name.lower()


MUSCLE_GROUPS: dict[str, MuscleGroup] = {
    g.id: g
    for g in (
        MuscleGroup("lower_back", N_("Lower back"), ("erector spinae", "multifidus"), "back",
                    (("torso", 0.08, 0.55, "back"),),
                    ((_box(-0.4, 0.4, 4.45, 5.6),), -1)),
        MuscleGroup("flank", N_("Flank"), ("quadratus lumborum",), "back",
                    (("torso", 0.1, 0.6, "outer"),),
                    (_pair(0.42, 0.74, 4.35, 4.9), 1)),
        MuscleGroup("obliques", N_("Obliques"), ("internal oblique", "external oblique"),
                    "front",
                    (("torso", 0.12, 0.6, "outer_front"),),
                    (_pair(0.32, 0.72, 4.35, 5.6), 1)),
        MuscleGroup("abdominals", N_("Abdominals"), ("rectus abdominis", "transversus abdominis"),
                    "front",
                    (("torso", 0.1, 0.62, "front"),),
                    ((_box(-0.3, 0.3, 4.35, 5.65),), -1)),
        MuscleGroup("glutes", N_("Glutes"),
                    ("gluteus maximus", "gluteus medius", "gluteus minimus"), "back",
                    (("torso", 0.0, 0.14, "back"), ("thigh", 0.0, 0.35, "back")),
                    (_pair(0.04, 0.74, 3.5, 4.3), -1)),
        MuscleGroup("deep_hip_rotators", N_("Deep hip rotators"),
                    ("piriformis", "gemelli", "obturators", "quadratus femoris"), "back",
                    (("thigh", 0.0, 0.28, "mid"),),
                    (_pair(0.22, 0.6, 3.82, 4.06), 1)),
        MuscleGroup("hip_flexors", N_("Hip flexors"),
                    ("iliopsoas", "rectus femoris (hip part)", "tensor fasciae latae"), "front",
                    (("torso", 0.0, 0.16, "front"), ("thigh", 0.0, 0.4, "front")),
                    ((((0.15, 4.25), (0.72, 4.25), (0.6, 3.75), (0.2, 3.75)),
                      ((-0.15, 4.25), (-0.72, 4.25), (-0.6, 3.75), (-0.2, 3.75))), 1)),
        MuscleGroup("quadriceps", N_("Quadriceps"),
                    ("rectus femoris", "vastus lateralis", "vastus medialis",
                     "vastus intermedius"), "front",
                    (("thigh", 0.25, 0.95, "front"),),
                    (_pair(0.26, 0.7, 2.3, 3.7), 1)),
        MuscleGroup("hamstrings", N_("Hamstrings"),
                    ("biceps femoris", "semitendinosus", "semimembranosus"), "back",
                    (("thigh", 0.3, 0.95, "back"),),
                    (_pair(0.08, 0.7, 2.25, 3.45), -1)),
        MuscleGroup("adductors", N_("Adductors"),
                    ("adductor longus", "adductor brevis", "adductor magnus", "gracilis"),
                    "front",
                    (("thigh", 0.12, 0.85, "mid"),),
                    (_pair(0.06, 0.24, 2.5, 3.7), -1)),
        MuscleGroup("calves", N_("Calves"), ("gastrocnemius", "soleus"), "back",
                    (("shin", 0.1, 0.65, "back"),),
                    (_pair(0.12, 0.58, 0.55, 1.95), 1)),
        MuscleGroup("mid_back", N_("Mid back"),
                    ("rhomboids", "middle trapezius", "thoracic erectors"), "back",
                    (("torso", 0.5, 0.9, "back"),),
                    ((_box(-0.62, 0.62, 5.7, 6.4),), -1)),
        MuscleGroup("lats", N_("Lats"), ("latissimus dorsi", "teres major"), "back",
                    (("torso", 0.45, 0.9, "outer_back"), ("upper_arm", 0.0, 0.3, "back")),
                    (_pair(0.42, 0.78, 4.95, 5.65), 1)),
        MuscleGroup("chest_shoulders", N_("Chest and shoulders"),
                    ("pectoralis major", "pectoralis minor", "anterior deltoid"), "front",
                    (("torso", 0.66, 0.96, "front"), ("upper_arm", 0.0, 0.45, "front")),
                    (_pair(0.08, 0.95, 5.75, 6.45), 1)),
    )
}
"""Every muscle group, by id, in head-to-toe-ish display order."""
