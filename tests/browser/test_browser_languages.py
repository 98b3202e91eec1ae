"""The workbook in another language, in Chromium: the Spanish guided session in JupyterLab,
the Spanish class view in Voila (its words, `lang` and voice), axe on the pages of every
shipped language, and the pseudo-locale's longer words at 390 px, where nothing may be cut
off or push the page sideways. (The take-home page in Spanish is tested, step by step, in
test_browser_take_home.py.)"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import browser_fixtures as bf
import pytest
from playwright.sync_api import expect

from backstretch.base.language import speaking
from backstretch.guided.words import page_words

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

CUT_OFF = """() => {
    // every element whose own text is wider than its box and hidden (cut off), and the
    // page's sideways scroll
    const cut = [];
    for (const e of document.querySelectorAll('body *')) {
        const style = getComputedStyle(e);
        if (e.getClientRects().length === 0 || style.visibility === 'hidden') continue;
        const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
        if (hides && e.scrollWidth > e.clientWidth + 1 && e.textContent.trim())
            cut.push(`${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 40)}`);
        const r = e.getBoundingClientRect();
        if (r.right > document.documentElement.clientWidth + 1 && e.textContent.trim()
            && !e.closest('[style*="overflow"], pre, table, .bs-table-scroll'))
            cut.push(`past the right edge: ${e.tagName.toLowerCase()}.${e.className}`);
    }
    return { cut: cut.slice(0, 10),
             sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth };
}"""


def words(code: str) -> dict:
    with speaking(code):
        return page_words()


# -- the Spanish guided session in JupyterLab -------------------------------------------------
def test_the_spanish_guided_session_runs_in_lab_and_speaks_spanish(page, lab):
    es = words("es")
    bf.open_notebook(page, lab, "notebooks/es/03_guided_session.ipynb", "es03")
    bf.run_all_cells(page)
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(notebook.locator("h1").first).to_contain_text("Sesión guiada",
                                                         timeout=bf.UI_TIMEOUT_MS)
    player = notebook.locator(".bs-player").first
    expect(player).to_be_visible(timeout=bf.KERNEL_TIMEOUT_MS)
    assert player.get_attribute("lang") == "es"
    start = player.get_by_role("button", name=es["start"], exact=True)
    expect(start).to_be_visible()
    assert player.get_by_role("button", name="Start", exact=True).count() == 0
    output = notebook.locator(".jp-OutputArea-output")
    text = " ".join(output.all_inner_texts())
    for english in ("Pain before", "Clear the checklist", "Start", "Voice speed"):
        assert english not in text, english
    # a widget's callback, run by the kernel when the page asks, speaks Spanish too
    status = notebook.locator(".bs-pick-status").first
    before = status.inner_text()
    notebook.locator(".bs-pick select").first.select_option(index=1)
    expect(status).not_to_have_text(before)
    assert "estiramientos" in status.inner_text() and "stretches" not in status.inner_text()
    page.wait_for_timeout(1000)
    assert bf.serious_violations(page, ".jp-NotebookPanel:not(.lm-mod-hidden) "
                                       ".jp-OutputArea-output") == []
    bf.shot(page, "lab-es-03")


@pytest.mark.parametrize("code", ["de", "fr"])
def test_the_start_notebook_in_german_and_french_is_whole_and_accessible(page, lab, code):
    bf.open_notebook(page, lab, f"notebooks/{code}/00_start_here.ipynb", f"start{code}")
    bf.run_all_cells(page)
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    picker = notebook.locator(".bs-language")
    expect(picker).to_be_visible(timeout=bf.KERNEL_TIMEOUT_MS)
    text = notebook.inner_text()
    assert "112" in text, "the European number, the country being unknown"
    for english in ("Safety first", "Emergency:", "Your language", "Prerequisites"):
        assert english not in text, english
    assert bf.serious_violations(page, ".jp-NotebookPanel:not(.lm-mod-hidden) "
                                       ".jp-OutputArea-output") == []


# -- the Spanish class view in Voila ---------------------------------------------------------
@pytest.fixture(scope="module")
def spanish_voila(workdir):
    server = bf.start_voila(workdir, workdir / "notebooks" / "es" / "05_class_mode.ipynb")
    yield server
    server.stop()


def test_the_spanish_class_view_speaks_spanish_with_a_spanish_voice(page, spanish_voila):
    es = words("es")
    page.add_init_script(bf.VOICES)
    page.add_init_script("window.__setVoices([['en-US', 'Samantha'], ['es-ES', 'Mónica']])")
    page.clock.install()
    page.goto(spanish_voila.url("/"))
    view = page.locator(".bs-player.bs-class-view")
    expect(view).to_be_visible(timeout=bf.KERNEL_TIMEOUT_MS)
    assert view.get_attribute("lang") == "es"
    assert "Language(" not in page.locator("body").inner_text(), "the language cell's repr"
    start = view.get_by_role("button", name=es["start"], exact=True)
    expect(start).to_be_visible()
    assert view.get_by_role("button", name="Start", exact=True).count() == 0
    start.click()
    page.clock.run_for(1500)
    spoken = page.evaluate("() => window.__spoken")
    assert spoken, "the class view said nothing"
    assert {(s["lang"], s["voice"]) for s in spoken} == {("es", "Mónica")}
    assert bf.serious_violations(page, ".bs-class-view") == []
    bf.shot(page, "voila-es-class-view")


# -- every language's take-home page passes axe; the pseudo-locale fits 390 px ----------------
def follow(target: Path, env: dict[str, str]) -> Path:
    done = subprocess.run([str(bf.BIN / "backstretch"), "follow", "daily-back-care", "-o",
                           str(target)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return target


@pytest.fixture
def small(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, bypass_csp=True)
    page = context.new_page()
    page.clock.install()
    yield page
    context.close()


@pytest.mark.parametrize("code", ["es", "de", "fr"])
def test_the_take_home_page_passes_axe_in_every_language(small, tmp_path, code):
    page = follow(tmp_path / f"{code}.html", {**os.environ, "BACKSTRETCH_LANG": code})
    small.goto(page.as_uri())
    small.locator(".bs-player .bs-countdown").wait_for()
    assert small.evaluate("() => document.documentElement.lang") == code
    assert bf.serious_violations(small) == []


def test_in_the_pseudo_locale_nothing_is_cut_off_at_390_px(small, tmp_path, pseudo,
                                                          pseudo_catalogues):
    from datetime import date

    import backstretch
    from backstretch.handouts.html import handout_html
    from backstretch.sharing.class_figures import class_figures
    from backstretch.sharing.class_page import class_page

    env = {**os.environ, "BACKSTRETCH_LANG": pseudo,
           "BACKSTRETCH_LOCALE_DIR": str(pseudo_catalogues)}
    pages = {"take-home": follow(tmp_path / "take-home.html", env)}
    pages["handout"] = tmp_path / "handout.html"
    pages["handout"].write_text(handout_html(backstretch.load_routine("daily-back-care")),
                                encoding="utf-8")
    pages["class page"] = tmp_path / "class.html"
    pages["class page"].write_text(class_page(class_figures([], date(2026, 11, 30))),
                                   encoding="utf-8")
    faults = {}
    for name, path in pages.items():
        small.goto(path.as_uri())
        small.wait_for_timeout(300)
        found = small.evaluate(CUT_OFF)
        if found["cut"] or found["sideways"] > 0:
            faults[name] = found
        bf.shot(small, f"pseudo-390-{name.replace(' ', '-')}")
    assert not faults, faults
