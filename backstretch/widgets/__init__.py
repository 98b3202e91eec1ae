"""The workbook's ipywidgets: thin layers over the pure logic of the package."""

from .builder import RoutineBuilder
from .catalogue_browser import CatalogueBrowser
from .class_link_panel import ClassLinkPanel
from .class_view import ClassView
from .handout_panel import HandoutPanel
from .log_panel import SessionLogPanel
from .planner_panel import PlannerPanel
from .routine_picker import RoutinePicker
from .timer import SessionTimer

__all__ = ["CatalogueBrowser", "ClassLinkPanel", "ClassView", "HandoutPanel", "PlannerPanel", "RoutineBuilder",
           "RoutinePicker", "SessionLogPanel", "SessionTimer"]
