"""Real browser: the red flags in 00_start_here read as an emergency before any cell runs."""

from __future__ import annotations

import pytest
from browser_fixtures import UI_TIMEOUT_MS, shot

from backstretch.safety.flags import EMERGENCY, URGENT

try:
    from playwright.sync_api import expect
except ImportError:  # the fixtures skip (or fail) with the reason
    expect = None


@pytest.mark.browser
def test_start_here_shows_the_red_flags_in_lab_without_running_a_cell(page, lab_server):
    page.goto(lab_server.url("lab/workspaces/t00/tree/notebooks/00_start_here.ipynb"))
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
    emergency = notebook.locator("div", has=page.locator("h3", has_text="Emergency: call 112")
                                 ).last
    urgent = notebook.locator("div", has=page.locator("h3", has_text="Urgent: get a same-day")
                              ).last
    expect(emergency).to_be_visible(timeout=UI_TIMEOUT_MS)
    emergency.scroll_into_view_if_needed()
    shot(page, "00-1-safety-first")
    for flag in EMERGENCY.flags:
        expect(emergency).to_contain_text(flag.text)
    expect(urgent).to_contain_text(URGENT.flags[0].text)
    # the emergency tier comes first and is drawn in red: the sanitizer kept its style
    assert emergency.bounding_box()["y"] < urgent.bounding_box()["y"]
    border = emergency.evaluate("e => getComputedStyle(e).borderTopColor")
    assert border == "rgb(179, 0, 0)", border
    prompts = notebook.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
    assert prompts and not any(ch.isdigit() for p in prompts for ch in p)  # nothing ran
