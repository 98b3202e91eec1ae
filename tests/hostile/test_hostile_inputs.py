"""Hostile values through the API, the builder and the command line: one exact message,
never a traceback, and nothing the user saved lost."""

from __future__ import annotations

import pytest

from backstretch import BackstretchError, Routine, RoutineItem, Settings, load_routine
from backstretch.cli import main
from backstretch.planner import plan


@pytest.fixture
def article(catalogue):
    return load_routine("source-article", catalogue)


# -- 2. whatever can be built can be saved and loaded; what cannot be loaded cannot be built ----
@pytest.mark.parametrize(("build", "message"), [
    (lambda c, items: Routine("x" * 121, items, c),
     "<routine>: name: is 121 characters long; at most 120 are allowed"),
    (lambda c, items: Routine("a\tb", items, c),
     "<routine>: name: contains control or invisible characters; use plain text"),
    (lambda c, items: Routine("  ", items, c), "<routine>: name: must not be empty"),
    (lambda c, items: Routine("ok", items * 21, c),
     "<routine>: items: has 105 stretches; at most 100 are allowed"),
    (lambda c, items: Settings(get_ready=-5),
     "<settings>: get_ready: -5 is not valid; use a whole number of seconds from 0 to 600"),
    (lambda c, items: RoutineItem("cat-cow", hold=0),
     "<routine item>: hold: 0 is not valid; use a whole number of seconds from 1 to 600, "
     "or leave it out"),
])
def test_an_invalid_routine_cannot_be_built(catalogue, article, build, message):
    with pytest.raises(BackstretchError) as caught:
        build(catalogue, article.items)
    assert str(caught.value) == message


def test_a_routine_built_by_the_api_loads_back_equal(catalogue, tmp_path):
    odd = Routine("  Zoë's 背中 👩\u200d💻 routine ", (RoutineItem("cat-cow", hold=20.0),),
                  catalogue, "Line one", Settings(get_ready=0))
    assert odd.name == "Zoë's 背中 👩\u200d💻 routine" and odd.items[0].hold == 20
    odd.save(tmp_path / "odd.yaml")
    assert load_routine(tmp_path / "odd.yaml", catalogue) == odd


# -- 11. the public API raises only BackstretchError for bad arguments --------------------------
@pytest.mark.parametrize(("call", "message"), [
    (lambda r: r.changed(0, bogus=1),
     "<routine>: items[0].bogus: unknown field; valid fields: hold, reps, sides, rest"),
    (lambda r: r.changed(99, hold=20),
     "<routine>: index: 99 is not valid; use a whole number from 0 to 4"),
    (lambda r: r.moved(99, 0), "<routine>: index: 99 is not valid; use a whole number from 0 to 4"),
    (lambda r: r.moved(0, -1), "<routine>: to: -1 is not valid; use a whole number from 0 to 4"),
    (lambda r: r.removed("0"),
     "<routine>: index: '0' is not valid; use a whole number from 0 to 4"),
    (lambda r: r.added(["a"]), "<routine>: items[5].stretch: must be text, not ['a']"),
    (lambda r: r.added("cat-cow", index=1.5),
     "<routine>: index: 1.5 is not valid; use a whole number from 0 to 5"),
    (lambda r: r.added("cat-cw"),
     "<routine>: items[5].stretch: no stretch with id 'cat-cw' (did you mean 'cat-cow'?)"),
    (lambda r: r.with_items(["x"]), "<routine>: items[0]: 'x' is not valid; use a "
     "backstretch.RoutineItem, like RoutineItem('cat-cow')"),
    (lambda r: Settings(get_ready="x"),
     "<settings>: get_ready: 'x' is not valid; use a whole number of seconds from 0 to 600"),
    (lambda r: plan(r.catalogue, goal=["desk worker"]),
     "<planner>: goal: ['desk worker'] is not valid; use one of: lower back spasm, desk worker, "
     "hamstring tightness, hip tightness, side and twist, after running, whole body"),
    (lambda r: plan(r.catalogue, budget_seconds="600"), "<planner>: budget_seconds: '600' is not "
     "valid; use a whole number of seconds from 1 to 7200"),
])
def test_bad_arguments_raise_the_one_family_with_an_exact_message(article, call, message):
    with pytest.raises(BackstretchError) as caught:
        call(article)
    assert str(caught.value) == message


# -- 2. the builder never says "Saved" for what cannot be loaded --------------------------------
@pytest.mark.parametrize(("name", "why"), [
    ("a\tb", "name: contains control or invisible characters; use plain text"),
    ("x" * 121, "name: is 121 characters long; at most 120 are allowed"),
])
def test_the_builder_refuses_a_name_loading_would_refuse(catalogue, tmp_path, name, why):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import RoutineBuilder

    path = tmp_path / "mine.yaml"
    b = RoutineBuilder(catalogue, save_path=str(path))
    b.add("cat-cow")
    b.name.value = name
    assert f"Not a usable name: &lt;routine&gt;: {why}" in b.status.value
    b.save_button.click()
    assert f"Not saved, not a usable name: &lt;routine&gt;: {why}" in b.status.value
    assert not path.exists()
    b.name.value = "My  routine "  # spaces while typing stay; the saved name is trimmed
    assert b.name.value == "My  routine " and b.routine.name == "My  routine"
    b.save_button.click()
    assert load_routine(path, catalogue) == b.routine


# -- 6. text from a file never reaches a terminal raw ------------------------------------------
def test_control_and_bidi_characters_from_a_file_are_escaped(tmp_path, capsys):
    path = tmp_path / "r.yaml"
    path.write_text('version: 1\nname: x\n"\\e]0;pwned\\a\\e[2J": 1\nitems:\n'
                    '  - stretch: cat-cow\n    "ho\\u202eld": 5\n', encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert out.splitlines() == [
        f"{path}: \\x1b]0;pwned\\x07\\x1b[2J: unknown field; valid fields: version, name, "
        "description, settings, items",
        f"{path}: items[0].ho\\u202eld: unknown field (did you mean 'hold'?); valid fields: "
        "stretch, hold, reps, sides, rest",
    ]


# -- 7. YAML tags with values they cannot hold ----------------------------------------------------
@pytest.mark.parametrize(("value", "message"), [
    ("!!float abc", "line 5, column 11: invalid YAML: !!float cannot hold 'abc'"),
    ("!!int abc", "line 5, column 11: invalid YAML: !!int cannot hold 'abc'"),
    ("!!int 0x", "line 5, column 11: invalid YAML: !!int cannot hold '0x'"),
    ("!!bool maybe", "line 5, column 11: invalid YAML: !!bool cannot hold 'maybe'"),
    ("!!timestamp yesterday", "line 5, column 11: invalid YAML: !!timestamp cannot hold "
     "'yesterday'"),
    ("!!map abc", "line 5, column 11: invalid YAML: !!map needs a mapping"),
    ("!!set abc", "line 5, column 11: invalid YAML: !!set needs a mapping"),
])
def test_a_tag_that_cannot_hold_its_value_is_one_line_with_its_place(tmp_path, capsys, value,
                                                                       message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"version: 1\nname: x\nitems:\n  - stretch: cat-cow\n    hold: {value}\n")
    good = tmp_path / "good.yaml"
    good.write_text("version: 1\nname: x\nitems:\n  - stretch: cat-cow\n")
    assert main(["check", str(bad), str(good)]) == 1
    assert capsys.readouterr().out.splitlines() == [f"{bad}: {message}", f"{good}: ok"]


# -- 12. the nearest name; a file where a folder should be; one line per bad entry -------------
def test_a_mistyped_ready_routine_suggests_the_nearest(capsys):
    assert main(["show", "desk-brek"]) == 1
    assert capsys.readouterr().err == ("desk-brek: no such file or ready routine (did you mean "
                                       "'desk-break'?)\n")


def test_an_output_below_a_file_says_the_file_is_not_a_folder(tmp_path, capsys):
    (tmp_path / "afile").write_text("mine")
    out = tmp_path / "afile" / "x.html"
    assert main(["handout", "desk-break", "-o", str(out)]) == 1
    assert capsys.readouterr().err == (f"{out}: cannot be written: afile is a file, not a "
                                       "folder\n")  # the file in full, the folder by shown_path
    assert (tmp_path / "afile").read_text() == "mine"


@pytest.mark.parametrize(("text", "message"), [
    ("version: 1\n? !!float abc\n: 1\n",
     "line 2, column 3: invalid YAML: !!float cannot hold 'abc'"),
    ("version: 1\nstretches:\n  - just a name\n",
     "stretches[0]: must be a mapping of fields, not 'just a name'"),
    ("version: 1\nname: x\nitems:\n  - [1, 2]\n",
     "items[0]: must be a mapping of fields, not [1, 2]"),
])
def test_a_tagged_key_or_an_entry_that_is_not_a_mapping_is_one_line(tmp_path, capsys, text,
                                                                      message):
    path = tmp_path / "f.yaml"
    path.write_text(text)
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().out == f"{path}: {message}\n"


# -- 13. joiners between visible characters are text; alone they are invisible ----------------
@pytest.mark.parametrize("name", ["👩\u200d💻 desk", "👨\u200d👩\u200d👧 family",
                                  "می\u200cخواهم",
                                  "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
                                  " flag", "क्\u200dष"])
def test_names_with_joiners_between_visible_characters_are_kept(catalogue, tmp_path, name):
    r = Routine(name, (RoutineItem("cat-cow"),), catalogue)
    r.save(tmp_path / "r.yaml")
    assert load_routine(tmp_path / "r.yaml", catalogue).name == name


@pytest.mark.parametrize("name", ["\u200d", "a \u200d b", "\u200cx", "x\u200d", "\u2066x\u2069",
                                  "\U000e0067 tag alone"])
def test_text_invisible_on_its_own_is_refused(catalogue, name):
    with pytest.raises(BackstretchError, match="name: contains control or invisible characters"):
        Routine(name, (RoutineItem("cat-cow"),), catalogue)


# -- 8. user text in charts is never read as TeX -------------------------------------------------
def test_a_name_with_dollars_is_drawn_literally_in_charts_and_handouts(catalogue, tmp_path):
    pytest.importorskip("matplotlib")
    from backstretch.charts import routine_charts as charts
    from backstretch.handouts.files import save_handout

    name = r"$\frac{$ and $x^2$"
    r = Routine(name, (RoutineItem("cat-cow"), RoutineItem("knee-to-chest")), catalogue)
    for draw in (charts.coverage_chart, charts.body_map, charts.timeline_chart):
        fig = draw(r)
        assert charts.figure_png(fig)[:4] == b"\x89PNG"
        titles = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
        assert any(name in t for t in titles)
    for suffix in (".html", ".pdf"):
        assert save_handout(r, tmp_path / f"h{suffix}").path.stat().st_size > 1000


def test_the_builder_keeps_a_multi_line_description_and_refuses_control_characters(catalogue,
                                                                                   tmp_path):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import RoutineBuilder

    path = tmp_path / "mine.yaml"
    b = RoutineBuilder(catalogue, save_path=str(path))
    b.add("cat-cow")
    b.description.value = "For the morning.\nSlowly."
    assert b.routine.description == "For the morning.\nSlowly."
    b.description.value = "beep\x07"
    assert "Not a usable description: &lt;routine&gt;: description: contains control" in \
        b.status.value
    b.save_button.click()
    assert "Not saved, not a usable description" in b.status.value and not path.exists()
    b.description.value = "For the morning.\nSlowly."
    b.save_button.click()
    assert load_routine(path, catalogue).description == "For the morning.\nSlowly."
