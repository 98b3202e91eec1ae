"""The workbook's ipywidgets: thin layers over the pure logic of the package."""

from .builder import RoutineBuilder
from .catalogue_browser import CatalogueBrowser
from .timer import SessionTimer

__all__ = ["CatalogueBrowser", "RoutineBuilder", "SessionTimer"]
