"""backstretch: build, follow and check a stretching routine for the lower back.

The pure logic lives here; ``backstretch.widgets`` and ``backstretch.charts``
load ipywidgets and matplotlib only when imported. ``use_language("es")`` speaks
Spanish from then on (German ``de``, French ``fr``; English ``en`` by default, or
``BACKSTRETCH_LANG``, or the system's language).
"""

from .base.errors import BackstretchError, Problem
from .base.language import use_language
from .base.resources import ready_routines
from .catalogue.muscles import MUSCLE_GROUPS, MuscleGroup
from .catalogue.stretches import Catalogue, Hold, Stretch, load_catalogue
from .routines.coverage import GroupCoverage
from .routines.dose import DoseReport, GroupDose, dose_report
from .routines.model import Routine, RoutineItem, Settings, format_duration
from .routines.reading import load_routine
from .routines.steps import Step

__all__ = [
    "MUSCLE_GROUPS",
    "BackstretchError",
    "Catalogue",
    "DoseReport",
    "GroupCoverage",
    "GroupDose",
    "Hold",
    "MuscleGroup",
    "Problem",
    "Routine",
    "RoutineItem",
    "Settings",
    "Step",
    "Stretch",
    "dose_report",
    "format_duration",
    "load_catalogue",
    "load_routine",
    "ready_routines",
    "use_language",
]

__version__ = "0.1.0"
