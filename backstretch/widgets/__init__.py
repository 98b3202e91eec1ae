"""The workbook's ipywidgets: thin layers over the pure logic of the package."""

from .builder import RoutineBuilder
from .catalogue_browser import CatalogueBrowser
from .checkin_panel import CheckInPanel
from .class_link_panel import ClassLinkPanel
from .guided.class_view import ClassView
from .guided.timer import SessionTimer
from .handout_panel import HandoutPanel
from .import_panel import ImportPanel
from .language_picker import LanguagePicker
from .log_panel import SessionLogPanel
from .log_views import LogViews
from .plan_panel import PlanPanel
from .planner_panel import PlannerPanel
from .progression_panel import ProgressionPanel
from .routine_picker import RoutinePicker
from .share_panel import ClassSharesPanel, SharePanel

__all__ = ["CatalogueBrowser", "CheckInPanel", "ClassLinkPanel", "ClassSharesPanel", "ClassView",
           "HandoutPanel", "ImportPanel", "LanguagePicker", "LogViews", "PlanPanel",
           "PlannerPanel", "ProgressionPanel", "RoutineBuilder", "RoutinePicker",
           "SessionLogPanel", "SessionTimer", "SharePanel"]
