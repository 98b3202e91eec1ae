"""The browser tests' fixtures (``tests/browser_fixtures.py``): Chromium, a page, and
JupyterLab and Voila on loopback, for every test in this folder."""

from browser_fixtures import browser, lab, lab_server, page, voila_server, workdir  # noqa: F401
