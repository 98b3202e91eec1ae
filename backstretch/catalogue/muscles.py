"""The coarse muscle-group vocabulary every stretch is tagged with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class MuscleGroup:
    """A coarse group of muscles, as a body-map region."""

    id: str
    """Stable id used in the YAML files, like ``hip_flexors``."""
    name: str
    """Name shown to people."""
    muscles: tuple[str, ...]
    """The anatomical muscles it stands for."""
    view: Literal["front", "back"]
    """Which figure of the body map shows it."""


MUSCLE_GROUPS: dict[str, MuscleGroup] = {
    g.id: g
    for g in (
        MuscleGroup("lower_back", "Lower back", ("erector spinae", "multifidus"), "back"),
        MuscleGroup("flank", "Flank", ("quadratus lumborum",), "back"),
        MuscleGroup("obliques", "Obliques", ("internal oblique", "external oblique"), "front"),
        MuscleGroup(
            "abdominals", "Abdominals", ("rectus abdominis", "transversus abdominis"), "front"
        ),
        MuscleGroup(
            "glutes", "Glutes", ("gluteus maximus", "gluteus medius", "gluteus minimus"), "back"
        ),
        MuscleGroup(
            "deep_hip_rotators",
            "Deep hip rotators",
            ("piriformis", "gemelli", "obturators", "quadratus femoris"),
            "back",
        ),
        MuscleGroup(
            "hip_flexors",
            "Hip flexors",
            ("iliopsoas", "rectus femoris (hip part)", "tensor fasciae latae"),
            "front",
        ),
        MuscleGroup(
            "quadriceps",
            "Quadriceps",
            ("rectus femoris", "vastus lateralis", "vastus medialis", "vastus intermedius"),
            "front",
        ),
        MuscleGroup(
            "hamstrings",
            "Hamstrings",
            ("biceps femoris", "semitendinosus", "semimembranosus"),
            "back",
        ),
        MuscleGroup(
            "adductors",
            "Adductors",
            ("adductor longus", "adductor brevis", "adductor magnus", "gracilis"),
            "front",
        ),
        MuscleGroup("calves", "Calves", ("gastrocnemius", "soleus"), "back"),
        MuscleGroup(
            "mid_back", "Mid back", ("rhomboids", "middle trapezius", "thoracic erectors"), "back"
        ),
        MuscleGroup("lats", "Lats", ("latissimus dorsi", "teres major"), "back"),
        MuscleGroup(
            "chest_shoulders",
            "Chest and shoulders",
            ("pectoralis major", "pectoralis minor", "anterior deltoid"),
            "front",
        ),
    )
}
"""Every muscle group, by id, in head-to-toe-ish display order."""
