"""Issue 13, the builder (02) as a new user meets it: description, saving, Suggest, Start from,
and the file names of routines and handouts; driven through the widgets, as a user would."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

pytest.importorskip("ipywidgets")

from backstretch import load_routine  # noqa: E402
from backstretch.base.filenames import title_stem, unique_path  # noqa: E402
from backstretch.handouts.html import handout_html  # noqa: E402
from backstretch.widgets import HandoutPanel, PlannerPanel, RoutineBuilder  # noqa: E402


@pytest.fixture
def builder(catalogue, laptop):
    return RoutineBuilder(catalogue, "source-article")  # as in a notebook: my-routines/ beside it


def test_a_routine_from_a_ready_one_says_so_and_description_edits_are_saved(builder, tmp_path):
    article = load_routine("source-article", builder.catalogue)
    assert builder.description.value != article.description
    assert "The five from the article" in builder.description.value
    builder.rows.children[0].children[1].value = 25  # edit a hold, as typed
    builder.description.value = "Evenings, before bed."
    handout = handout_html(builder.routine, charts=[])
    assert "Evenings, before bed." in handout and article.description not in handout
    builder.save_button.click()
    saved = load_routine(tmp_path / "my-routines" / "the-five-from-the-article.yaml")
    assert saved.description == "Evenings, before bed." and saved.hold(0) == 25
    # starting from another ready routine replaces the description too
    builder.start_from.value = "desk-break"
    builder.start_button.click()
    assert builder.description.value.startswith("Made from the ready routine")


def test_save_never_replaces_another_routine_without_asking(builder, tmp_path):
    builder.name.value = "Evening"
    builder.save_button.click()
    mine = tmp_path / "my-routines" / "evening.yaml"
    first = mine.read_text()
    # a new builder (a new day), a different routine under the same name
    other = RoutineBuilder(builder.catalogue, "desk-break")
    other.name.value = "Evening"
    assert other.path.value == "my-routines/evening.yaml"
    other.save_button.click()
    assert mine.read_text() == first, "the earlier routine was overwritten without asking"
    assert "already holds the routine “Evening”" in other.status.value
    assert other.ask.layout.display != "none"
    other.cancel_button.click()
    assert mine.read_text() == first and other.ask.layout.display == "none"
    other.save_button.click()
    other.new_file_button.click()  # saved beside it, under a new name
    assert mine.read_text() == first
    assert load_routine(tmp_path / "my-routines" / "evening-2.yaml").items == other.routine.items
    assert other.path.value.endswith("evening-2.yaml")
    # saving again to its own file needs no question; replacing the first needs a yes
    other.rows.children[0].children[1].value = 30
    other.save_button.click()
    assert other.ask.layout.display == "none" and "Saved" in other.status.value
    other.path.value = str(mine)
    other.save_button.click()
    other.replace_button.click()
    assert load_routine(mine).items == other.routine.items


def test_suggest_over_unsaved_edits_can_be_undone(catalogue, builder):
    builder.add("cat-cow")
    edited = builder.routine
    panel = PlannerPanel(catalogue, builder)
    panel.suggest_button.click()
    assert builder.routine != edited
    assert "Undo" in builder.status.value and builder.undo_button.layout.display != "none"
    builder.undo_button.click()
    assert builder.routine == edited
    assert builder.undo_button.layout.display == "none"
    # nothing edited: nothing to undo, and no nagging
    panel.suggest_button.click()
    panel.suggest_button.click()
    assert builder.undo_button.layout.display == "none"


def test_start_from_shows_what_the_builder_holds(catalogue, builder, tmp_path):
    assert builder.start_from.value == "source-article"
    assert builder.start_from.label == "The five from the article"  # its name, not its file
    assert RoutineBuilder(catalogue).start_from.label == "an empty routine"
    PlannerPanel(catalogue, builder).suggest_button.click()
    assert builder.start_from.label == "the planner's suggestion"
    builder.save_button.click()
    loader = RoutineBuilder(catalogue)
    loader.path.value = builder.path.value
    loader.load_button.click()
    assert loader.start_from.label == f"the file {builder.path.value.split('/')[-1]}"


def test_saved_message_names_folder_and_file_and_lists_routines_by_name(builder, tmp_path):
    assert builder.saved_list.value == "<i>No routines saved in the folder my-routines yet.</i>"
    builder.name.value = "Morning <b>wake</b>"
    builder.save_button.click()
    folder = tmp_path / "my-routines"
    status = builder.status.value
    assert "as morning-wake.yaml in the folder my-routines" in status and folder.is_dir()
    assert str(tmp_path) not in status  # never the server's folders
    assert builder.saved_list.value.startswith("Your routines saved in the folder my-routines:")
    assert "Morning &lt;b&gt;wake&lt;/b&gt;" in builder.saved_list.value
    assert "(morning-wake.yaml)" in builder.saved_list.value


def test_on_a_class_hub_routines_are_saved_outside_the_workbooks_clone(catalogue, hub):
    builder = RoutineBuilder(catalogue, "source-article")
    assert builder.path.value == "~/backstretch-data/my-routines/the-five-from-the-article.yaml"
    builder.save_button.click()
    saved = hub / "my-routines" / "the-five-from-the-article.yaml"
    assert load_routine(saved, catalogue) == builder.routine
    assert not Path("my-routines").exists()  # nothing in the clone for a pull to meet
    shown = builder.status.value + builder.saved_list.value
    assert "in the folder ~/backstretch-data/my-routines." in builder.status.value
    assert "Your routines saved in the folder ~/backstretch-data/my-routines:" in shown
    assert str(hub) not in shown  # the home by "~", never the server's folders
    # another day, the same routine edited: Save asks, and the new file is named as shown;
    # the name as shown loads it back
    other = RoutineBuilder(catalogue, "source-article")
    other.change(0, hold=25)
    other.save_button.click()
    other.new_file_button.click()
    assert other.path.value == "~/backstretch-data/my-routines/the-five-from-the-article-2.yaml"
    loader = RoutineBuilder(catalogue)
    loader.path.value = other.path.value
    loader.load_button.click()
    assert loader.routine == other.routine and loader.routine.hold(0) == 25


@pytest.mark.parametrize("title, stem", [
    ('<img src=x onerror="window.__pwned=1"> Evening <b>bold</b>', "evening-bold"),
    ("Daily back care", "daily-back-care"),
    ("Étirements du soir — calme", "étirements-du-soir-calme"),
    ("🙂🙂", "handout"),
    ("one two three four five six seven eight", "one-two-three-four-five-six"),
    ("x" * 90, "x" * 40),
])
def test_file_names_are_the_readable_words_of_a_title_and_short(title, stem):
    assert title_stem(title, "handout") == stem


def test_default_handout_name_is_unique_in_the_folder(catalogue, laptop):
    routine = load_routine("desk-break", catalogue)
    panel = HandoutPanel(routine)
    assert panel.file_name.value == "handouts/desk-break"
    panel.html_button.click()
    assert (laptop / "handouts" / "desk-break.html").is_file()
    assert HandoutPanel(routine).file_name.value == "handouts/desk-break-2"
    assert unique_path(laptop / "handouts", "desk-break", (".pdf",)).name == "desk-break"
    # the same routine edited keeps its name; a renamed one gets its own
    panel.set_routine(routine.changed(0, hold=20))
    assert panel.file_name.value == "handouts/desk-break"
    panel.set_routine(dataclasses.replace(routine, name="<i>Quick</i> desk"))
    assert panel.file_name.value == "handouts/quick-desk"
