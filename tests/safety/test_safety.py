"""Safety: two tiers of red flags with sources, shown the same everywhere; conditions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from backstretch import BackstretchError, Routine, RoutineItem
from backstretch.catalogue.stretches import condition_warnings
from backstretch.cli import main
from backstretch.planner import plan
from backstretch.routines.dose import BASIS, dose_report
from backstretch.safety.flags import (
    CONDITIONS,
    EMERGENCY,
    SOURCES,
    STOP_SOURCES,
    TIERS,
    URGENT,
    class_line,
    short_line,
)
from backstretch.safety.notes import MARKER_END, MARKER_START, markdown, safety_html

ROOT = Path(__file__).resolve().parents[2]
FLAGS = [flag.text for tier in TIERS for flag in tier.flags]


def test_two_tiers_emergency_first_every_flag_sourced():
    assert TIERS == (EMERGENCY, URGENT)
    # English with no country (the tests' "en"): the European 112 and the local number
    assert "112" in EMERGENCY.action and "local emergency number" in EMERGENCY.action
    assert "same-day" in URGENT.action
    assert len(EMERGENCY.flags) >= 6 and len(URGENT.flags) >= 8
    for tier in TIERS:
        for flag in tier.flags:
            assert flag.sources and set(flag.sources) <= set(SOURCES), flag.text
    for condition in CONDITIONS.values():
        assert condition.sources and set(condition.sources) <= set(SOURCES), condition.id
    assert set(STOP_SOURCES) <= set(SOURCES)
    # NICE NG59 gives no red-flag list, so no flag may rest on it
    assert not any("NG59" in s.title for s in SOURCES.values())
    assert len(set(FLAGS)) == len(FLAGS)


def _in_order(text: str, lines: list[str]) -> bool:
    flat = " ".join(text.split())
    places = [flat.find(" ".join(line.split())) for line in lines]
    return -1 not in places and places == sorted(places)


def _safety_cell(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = [c for c in cells if "".join(c["source"]).startswith(MARKER_START)]
    assert len(found) == 1 and found[0]["cell_type"] == "markdown"
    return "".join(found[0]["source"])


def test_start_here_notebook_shows_the_data_as_markdown():
    """Readable before any cell runs; regenerate with scripts/write-safety-notes."""
    cell = _safety_cell(ROOT / "notebooks" / "00_start_here.ipynb")
    assert cell == markdown(2, "../docs/sources.md"), "run scripts/write-safety-notes"
    assert _in_order(cell, [EMERGENCY.heading, *[f.text for f in EMERGENCY.flags],
                            URGENT.heading, *[f.text for f in URGENT.flags]])
    assert "#b30000" in cell.split(URGENT.heading)[0]  # the emergency tier is red


def test_readme_shows_the_same_markdown():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = readme.index(MARKER_START), readme.index(MARKER_END) + len(MARKER_END)
    assert readme[start:end] == markdown(2, "docs/sources.md"), "run scripts/write-safety-notes"


def test_html_and_cli_show_both_tiers_in_order(capsys):
    assert _in_order(safety_html(), [EMERGENCY.heading, *FLAGS[:3], URGENT.heading])
    assert main(["safety"]) == 0
    out = capsys.readouterr().out
    assert "\033[" not in out  # not a terminal: no colour codes
    assert _in_order(out, ["EMERGENCY: call 112", *[f.text for f in EMERGENCY.flags],
                           "URGENT: get a same-day", *[f.text for f in URGENT.flags],
                           *[c.rule for c in CONDITIONS.values()]])


def test_short_lines_name_the_emergency():
    for line in (short_line(), class_line()):
        assert "112" in line and "local emergency number" in line and "bladder" in line


def test_sources_doc_lists_every_source():
    doc = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    for source in SOURCES.values():
        assert source.title in doc, source.key


# -- conditions --------------------------------------------------------------------------

def test_every_flexion_stretch_carries_the_osteoporosis_caution(catalogue):
    for s in catalogue.values():
        rounds = "flexion" in s.flags or "deep-flexion" in s.flags
        assert ("osteoporosis" in s.avoid_with) == rounds, s.id


def test_cards_and_handouts_show_the_condition_cautions(catalogue):
    from backstretch.catalogue.cards import stretch_card
    from backstretch.handouts.content import Handout

    k2c = catalogue["knee-to-chest"]
    caution = CONDITIONS["osteoporosis"].caution
    assert caution in stretch_card(k2c)
    handout = Handout.from_routine(Routine("r", (RoutineItem("knee-to-chest"),), catalogue))
    assert caution in handout.stretches[0].cautions
    assert CONDITIONS["pregnancy"].caution in handout.stretches[0].cautions


def test_every_stretch_lying_on_the_back_carries_the_pregnancy_caution(catalogue):
    for s in catalogue.values():
        assert ("pregnancy" in s.avoid_with) == (s.position == "supine"), s.id


@pytest.mark.parametrize("conditions", [["osteoporosis"], ["pregnancy"],
                                        ["osteoporosis", "pregnancy"]])
def test_the_planner_leaves_out_what_a_condition_rules_out(catalogue, conditions):
    routine = plan(catalogue, budget_seconds=900, conditions=conditions)
    assert routine.items
    for item in routine.items:
        assert not set(catalogue[item.stretch].avoid_with) & set(conditions), item.stretch
    assert "Leaves out stretches to avoid with" in routine.description


def test_the_planner_refuses_an_unknown_condition(catalogue):
    with pytest.raises(BackstretchError) as err:
        plan(catalogue, conditions=["osteoperosis"])
    assert err.value.problems[0].field == "conditions"


def test_condition_warnings_name_each_stretch_once(catalogue):
    stretches = [catalogue["knee-to-chest"], catalogue["knee-to-chest"], catalogue["sphinx"]]
    assert condition_warnings(stretches, ["osteoporosis", "pregnancy"]) == [
        "Single knee to chest: leave it out with osteoporosis (it rounds the spine forward); "
        "leave it out with pregnancy (it is done lying on your back)."]
    assert condition_warnings(stretches, []) == []


def test_a_catalogue_refuses_an_unknown_condition(tmp_path):
    from backstretch import load_catalogue

    text = (ROOT / "data" / "stretches.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "c.yaml"
    bad.write_text(text.replace("avoid_with: [osteoporosis, pregnancy]",
                                "avoid_with: [osteoprosis]", 1), encoding="utf-8")
    with pytest.raises(BackstretchError, match="avoid_with.*'osteoprosis' is not valid"):
        load_catalogue(bad)


def test_suggest_panel_conditions_reach_the_planner_and_the_builder(catalogue):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import PlannerPanel, RoutineBuilder

    builder = RoutineBuilder(catalogue, Routine("r", (RoutineItem("childs-pose"),), catalogue))
    assert "leave it out" not in builder.dose.value
    assert short_line() in builder.dose.value.replace("&#x27;", "'")
    panel = PlannerPanel(catalogue, builder)
    panel.conditions["osteoporosis"].value = True
    assert "Child&#x27;s pose: leave it out with osteoporosis" in builder.dose.value
    assert panel.request()["conditions"] == ["osteoporosis"]
    panel.suggest()
    assert builder.routine.items
    assert all("osteoporosis" not in catalogue[i.stretch].avoid_with
               for i in builder.routine.items)
    builder.add("knee-to-chest")  # added by hand: the builder still warns
    assert "Single knee to chest: leave it out with osteoporosis" in builder.dose.value


# -- the dose check says what it rests on ---------------------------------------------------

def test_the_dose_basis_shows_beside_every_result(catalogue, capsys):
    article = Routine("r", (RoutineItem("seated-hamstring"),), catalogue)
    assert dose_report(article).lines()[-1] == BASIS
    assert "ACSM" in BASIS and "healthy adults" in BASIS and "own rules" in BASIS
    assert main(["coverage", "source-article"]) == 0
    assert BASIS in capsys.readouterr().out


# -- muscle tags ----------------------------------------------------------------------------

def test_no_stretch_that_arches_the_back_credits_the_lower_back(catalogue):
    for s in catalogue.values():
        if "extension" in s.flags and "flexion" not in s.flags:
            assert "lower_back" not in s.primary + s.secondary, s.id


@pytest.mark.parametrize("stretch, group", [
    ("standing-hip-flexor", "calves"),      # the back heel is lifted: the calf is slack
    ("doorway-chest", "mid_back"),          # opening the chest shortens the mid back
    ("thread-the-needle", "chest_shoulders"),
    ("wall-calf", "hamstrings"),            # the hip is extended
    ("knee-to-chest", "hamstrings"),        # the resting knee stays bent
])
def test_corrected_tags_stay_corrected(catalogue, stretch, group):
    assert group not in catalogue[stretch].primary + catalogue[stretch].secondary


def _review_rows() -> dict[str, tuple[set[str], set[str]]]:
    rows = {}
    text = (ROOT / "docs" / "catalogue-review.md").read_text(encoding="utf-8")
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and re.fullmatch(r"`[a-z0-9-]+`", cells[0]):
            groups = [{g.strip("` ") for g in c.split(",") if g.strip("` -")} for c in cells[1:3]]
            rows[cells[0].strip("`")] = (groups[0], groups[1])
    return rows


def test_catalogue_review_covers_every_stretch_with_its_tags(catalogue):
    rows = _review_rows()
    assert set(rows) == set(catalogue)
    for s in catalogue.values():
        assert rows[s.id] == (set(s.primary), set(s.secondary)), s.id
