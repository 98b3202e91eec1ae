"""The one rule for paths a person sees and types (``shown_path``) and its inverse
(``typed_path``): a name, a path from the notebook's folder, or ``~/...``; never the
server's folders, and every form shown in a box reads back to the same file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstretch.base.errors import BackstretchError, Problem
from backstretch.base.filenames import shown_path, typed_path


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A home with the notebooks' folder in it (worked in), a data folder in the home (as
    on a hub), and one outside both (as a data folder set to the server's own place)."""
    home, server = tmp_path / "home", tmp_path / "srv" / "backstretch-data"
    here = home / "backstretch" / "notebooks"
    for folder in (here, server):
        folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(here)
    return {"here": here, "home": home, "data": home / "backstretch-data", "server": server}


def test_a_path_is_shown_from_the_notebook_or_the_home_or_by_its_name_alone(places):
    here, home, data = places["here"], places["home"], places["data"]
    assert shown_path(here / "handouts" / "a.pdf") == "handouts/a.pdf"
    assert shown_path("handouts/a.pdf") == "handouts/a.pdf"
    assert shown_path(here) == "."
    assert shown_path(data / "handouts" / "a.pdf") == "~/backstretch-data/handouts/a.pdf"
    assert shown_path(home) == "~"
    assert shown_path(places["server"] / "handouts" / "a.pdf") == "a.pdf"
    assert shown_path("/srv/hub/other/a.pdf") == "a.pdf"


def test_a_name_alone_stands_for_the_boxs_folder_and_reads_back_there(places):
    handouts = places["server"] / "handouts"
    assert shown_path(handouts / "evening-bold", handouts) == "evening-bold"
    assert typed_path("evening-bold", handouts) == handouts / "evening-bold"
    assert typed_path("  evening-bold ", handouts) == handouts / "evening-bold"
    # a file straight in the notebook's folder is told apart from it, and reads back there
    assert shown_path(places["here"] / "a.pdf", handouts) == "./a.pdf"
    assert typed_path("./a.pdf", handouts) == places["here"] / "a.pdf"
    # the same wherever the folder is: a name alone is in it, the notebook's own by ./
    for mine in (places["here"] / "handouts", places["data"] / "handouts"):
        assert typed_path("a", mine) == mine / "a"
        assert shown_path(places["here"] / "a", mine) == "./a"
    assert shown_path(places["here"] / "handouts" / "a", "handouts") == "handouts/a"
    assert typed_path("a", "handouts") == places["here"] / "handouts" / "a"
    assert shown_path(places["here"] / "a", places["here"]) == "a"
    assert typed_path("a") == typed_path("a", ".") == places["here"] / "a"
    # what a person types: ~ is their home, an absolute path itself, the rest from here
    assert typed_path("~/x/a.pdf", handouts) == places["home"] / "x" / "a.pdf"
    assert typed_path("/tmp/a.pdf", handouts) == Path("/tmp/a.pdf")
    assert typed_path("~root", handouts) == handouts / "~root"  # no one else's home
    assert shown_path(places["here"] / "~root") == "./~root"
    assert typed_path("./~root") == places["here"] / "~root"
    assert typed_path("sub/a.pdf", handouts) == places["here"] / "sub" / "a.pdf"


def test_a_home_that_is_the_root_is_no_ones(places, monkeypatch):
    monkeypatch.setenv("HOME", "/")
    assert shown_path("/srv/hub/other/a.pdf") == "a.pdf"
    assert typed_path("a.pdf", "/srv/hub/other") == Path("/srv/hub/other/a.pdf")


_NAME = st.text(st.characters(blacklist_characters="/\0", blacklist_categories=("Cs",)),
                min_size=1, max_size=12).filter(
                    lambda n: n.strip() == n and n not in (".", "..", "~"))
"""Names of files and folders; "~" alone is the home, whatever folder it is typed for."""


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(["here", "home", "data", "server"]),
       box=st.sampled_from(["here", "data", "server"]),
       parts=st.lists(_NAME, min_size=1, max_size=3), straight=st.booleans())
def test_every_path_a_box_holds_reads_back_to_itself(places, where, box, parts, straight):
    """A file straight in the box's own folder, or anywhere in the notebook's folder or the
    home, shown by the rule, reads back to the same file (what lies outside both is shown
    by its name alone, so a box only ever holds such a file from its own folder)."""
    folder = places[box] / "handouts"
    if straight or where == "server":
        path = folder / parts[-1]
    else:
        path = places[where].joinpath(*parts)
    shown = shown_path(path, folder)
    assert typed_path(shown, folder) == path, shown
    assert str(places["server"]) not in shown and not Path(shown).is_absolute()


def test_a_problem_on_a_page_names_its_file_by_the_rule(places):
    path = places["server"] / "handouts" / "a.pdf"
    problem = Problem(str(path), "", "cannot be written: disk full")
    assert str(problem) == f"{path}: cannot be written: disk full"  # in a terminal: in full
    assert problem.shown() == "a.pdf: cannot be written: disk full"
    error = BackstretchError([problem, Problem("<plan>", "days", "1 to 7")])
    assert error.shown() == "a.pdf: cannot be written: disk full\n<plan>: days: 1 to 7"
    assert os.sep not in error.shown(" ").replace("./", "")


def test_on_a_class_hub_a_name_typed_in_a_box_goes_in_the_boxs_folder(catalogue, hub):
    """Not into the workbook's clone beside the notebook, where a pull would meet it."""
    pytest.importorskip("ipywidgets")
    from backstretch import load_routine
    from backstretch.widgets import HandoutPanel, RoutineBuilder

    builder = RoutineBuilder(catalogue, "desk-break")
    builder.path.value = "evening"
    builder.save_button.click()
    assert (hub / "my-routines" / "evening.yaml").is_file() and not Path("evening.yaml").exists()
    assert "as evening.yaml in the folder ~/backstretch-data/my-routines." in builder.status.value
    panel = HandoutPanel(load_routine("desk-break", catalogue))
    panel.file_name.value = "evening"
    panel.html_button.click()
    assert (hub / "handouts" / "evening.html").is_file()
    assert "Saved <code>~/backstretch-data/handouts/evening.html</code>" in panel.status.value
    panel.file_name.value = "./here"  # beside the notebook, when that is what is typed
    panel.html_button.click()
    assert Path("here.html").is_file() and "Saved <code>./here.html</code>" in panel.status.value


def test_a_file_not_saved_is_named_without_the_server_folders(catalogue, tmp_path, monkeypatch):
    pytest.importorskip("ipywidgets")
    from backstretch import load_routine
    from backstretch.widgets import HandoutPanel, RoutineBuilder

    data = tmp_path / "srv" / "backstretch-data"
    data.mkdir(parents=True)
    monkeypatch.setenv("BACKSTRETCH_DATA_DIR", str(data))
    for folder in ("handouts", "my-routines"):
        (data / folder).write_text("a file where the folder should be")
    panel = HandoutPanel(load_routine("desk-break", catalogue))
    panel.html_button.click()
    builder = RoutineBuilder(catalogue, "desk-break")
    builder.save_button.click()
    for said in (panel.status.value, builder.status.value):
        assert "Not saved" in said and "is a file, not a folder" in said, said
        assert str(tmp_path) not in said, said
