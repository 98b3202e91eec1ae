"""The workbook's ipywidgets: thin layers over the pure logic of the package."""

from .builder import RoutineBuilder
from .catalogue_browser import CatalogueBrowser
from .class_link_panel import ClassLinkPanel
from .guided.class_view import ClassView
from .guided.timer import SessionTimer
from .handout_panel import HandoutPanel
from .log_panel import SessionLogPanel
from .planner_panel import PlannerPanel
from .routine_picker import RoutinePicker

__all__ = ["CatalogueBrowser", "ClassLinkPanel", "ClassView", "HandoutPanel", "PlannerPanel",
           "RoutineBuilder", "RoutinePicker", "SessionLogPanel", "SessionTimer"]
