"""The class test drives some students in Chromium: the browser fixture of
``tests/browser_fixtures.py``."""

from browser_fixtures import browser  # noqa: F401
