"""Handouts reach the instructor's browser as downloads, in Voila and in JupyterLab.

Voila answers 403 for files on the server, so the handout panel hands the bytes to the
page itself. Here Chromium presses each button, catches the download, and reads it
back: the PDF with pdftotext, the HTML as a page, each naming the routine and every
stretch. And the browser's own Print of the HTML handout gives the PDF's pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_fixtures import (
    KERNEL_TIMEOUT_MS,
    open_notebook,
    run_all_cells,
    serious_violations,
    shot,
    shutdown_kernels,
)
from pdf_tools import pdf_info, pdf_text

from backstretch.base.filenames import shown_path
from backstretch.base.resources import ready_routines

try:
    from playwright.sync_api import expect
except ImportError:  # the fixtures skip (or fail) with the reason
    expect = None


def flat(text: str) -> str:
    return " ".join(text.split())


def expected_names(routine_name: str) -> list[str]:
    """The routine's name and every stretch's name, as the handout must print them."""
    from backstretch import load_routine
    from backstretch.catalogue.stretches import load_catalogue

    routine = load_routine(routine_name, load_catalogue())
    return [routine.name, *(routine.stretch(i).name for i in range(len(routine.items)))]


def download_both(page, tag: str, folder: Path) -> dict[str, bytes]:
    """Press Save HTML and Save PDF, then each download link; return the files' bytes.
    Each is written in ``folder`` (the server's data folder), and the page says so."""
    panel = page.locator(".bs-handout").first
    status = panel.locator(".bs-handout-status")
    got = {}
    for css, suffix in (("bs-handout-html", ".html"), ("bs-handout-pdf", ".pdf")):
        panel.locator(f".{css}").click()
        link = status.locator("a.bs-download")
        expect(link).to_have_attribute("download", re.compile(re.escape(suffix) + "$"),
                                       timeout=KERNEL_TIMEOUT_MS)
        said = status.inner_text()
        written = folder / link.get_attribute("download")
        assert written.is_file() and f"Saved {shown_path(written)}" in said, (written, said)
        assert not re.search(r"(^|\s)/[\w.-]+/", said), f"a server path is shown: {said}"
        link.scroll_into_view_if_needed()
        shot(page, f"handout-download-{tag}{suffix.replace('.', '-')}")
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename.endswith(suffix), download.suggested_filename
        got[suffix] = download.path().read_bytes()
    return got


def check_handouts(page, files: dict[str, bytes], names: list[str], folder: Path) -> None:
    pdf = files[".pdf"]
    assert pdf.startswith(b"%PDF"), pdf[:16]
    (folder / "downloaded.pdf").write_bytes(pdf)
    text = pdf_text(folder / "downloaded.pdf")
    missing = [n for n in names if flat(n) not in text]
    assert not missing, f"the downloaded PDF lacks {missing}"

    # the HTML, opened as the page it is
    page.set_content(files[".html"].decode("utf-8"))
    body = flat(page.locator("body").inner_text())
    missing = [n for n in names if flat(n) not in body]
    assert not missing, f"the downloaded HTML lacks {missing}"
    expect(page.locator("h1")).to_have_text(names[0])


@pytest.mark.browser
def test_handouts_download_in_voila(page, voila_server, tmp_path):
    page.goto(voila_server.url("/"))
    expect(page.locator(".bs-handout")).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    files = download_both(page, "voila", voila_server.data_dir / "handouts")
    assert not page.page_errors, page.page_errors
    check_handouts(page, files, expected_names("daily-back-care"), tmp_path)


@pytest.mark.browser
def test_handouts_download_in_lab(page, lab_server, tmp_path):
    try:
        open_notebook(page, lab_server, "05_class_mode.ipynb", "handouts")
        run_all_cells(page)
        files = download_both(page, "lab", lab_server.data_dir / "handouts")
        assert not page.page_errors, page.page_errors
    finally:
        shutdown_kernels(lab_server)
    check_handouts(page, files, expected_names("daily-back-care"), tmp_path)


def landmarks(path: Path, page: int, routine) -> list[str]:  # noqa: ANN001 - a Routine
    """What starts on a printed page: section headings and stretch cards, in order."""
    text = pdf_text(path, page)
    marks = ["Safety first", "The stretches", "Checklist", "Against the guideline",
             "What it stretches"]
    marks += [f"{i + 1}. {routine.stretch(i).name}" for i in range(len(routine.items))]
    return sorted((m for m in marks if m in text), key=text.index)


@pytest.mark.browser
@pytest.mark.parametrize(("key", "paper"), [*((key, "a4") for key in sorted(ready_routines())),
                                            ("daily-back-care", "letter")])
def test_the_browsers_print_gives_the_pdfs_pages(page, tmp_path, key, paper):
    from backstretch import load_routine
    from backstretch.handouts.files import save_handout
    from backstretch.handouts.html import handout_html

    routine = load_routine(key)
    printed = save_handout(routine, tmp_path / "weasyprint.pdf", paper).path
    page.set_content(handout_html(routine, paper=paper))
    browser = tmp_path / "chromium.pdf"
    browser.write_bytes(page.pdf(prefer_css_page_size=True))
    count = int(pdf_info(printed)["Pages"])
    assert int(pdf_info(browser)["Pages"]) == count
    assert pdf_info(browser)["Page size"].split("(")[-1] == \
        pdf_info(printed)["Page size"].split("(")[-1]  # '(A4)' or '(letter)'
    for n in range(1, count + 1):
        assert landmarks(browser, n, routine) == landmarks(printed, n, routine), f"page {n}"
        assert f"{routine.name} · page {n} of {count}" in pdf_text(browser, n)


@pytest.mark.browser
def test_the_html_handout_passes_axe(page):
    from backstretch import load_routine
    from backstretch.handouts.html import handout_html

    page.set_content(handout_html(load_routine("daily-back-care")))
    assert not serious_violations(page)  # the page a screen reader meets on screen
