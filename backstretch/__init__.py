"""backstretch: build, follow and check a stretching routine for the lower back.

The pure logic lives here; ``backstretch.widgets`` and ``backstretch.charts``
load ipywidgets and matplotlib only when imported.
"""

from .catalogue import Catalogue, Hold, Stretch, load_catalogue
from .dose import DoseReport, GroupDose, dose_report
from .errors import BackstretchError, Problem
from .muscles import MUSCLE_GROUPS, MuscleGroup
from .resources import ready_routines
from .coverage import GroupCoverage
from .routine import Routine, RoutineItem, Settings, format_duration, load_routine
from .steps import Step

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
    "format_duration",
    "dose_report",
    "load_catalogue",
    "load_routine",
    "ready_routines",
]

__version__ = "0.1.0"
