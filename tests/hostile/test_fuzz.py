"""Fuzzing the public API and the YAML loader: nothing but BackstretchError escapes, and
every routine the API can build saves and loads back equal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstretch import (
    BackstretchError,
    Routine,
    RoutineItem,
    Settings,
    load_catalogue,
    load_routine,
)
from backstretch.base.yamlio import parse_yaml
from backstretch.planner import GOALS, plan
from backstretch.routines.reading import routine_from_dict

CATALOGUE = load_catalogue()
IDS = sorted(CATALOGUE)
EXAMPLES = int(os.environ.get("BACKSTRETCH_FUZZ_EXAMPLES", "150"))
"""Examples per test: few enough for seconds; raise it to search longer."""
FAST = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

anything = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats() | st.text(max_size=8)
    | st.sampled_from(IDS) | st.sampled_from(["both", "left", "right", "hold", "reps"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                               max_size=3),
    max_leaves=6)
small_int = st.integers(-3, 12)
names = st.text(max_size=130) | st.sampled_from(
    ["ok", "", " ", "a\tb", "x" * 121, "👩\u200d💻 at the desk", "\u200d", "a\u202eb",
     "خانه\u200cها", "$\\frac{$", "<b>x</b>"])
item_fields = st.fixed_dictionaries(
    {"stretch": st.sampled_from(IDS) | anything},
    optional={"hold": small_int | anything, "reps": small_int,
              "sides": st.sampled_from(["both", "left", "right", "up"]), "rest": small_int})


class ItemFields(dict):
    """Arguments for RoutineItem, built inside the test (building can fail)."""


def _item(value):
    return RoutineItem(**value) if isinstance(value, ItemFields) else value


def _build(name, items, description, timings):
    return Routine(name, tuple(items), CATALOGUE, description, Settings(*timings))


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where each example saves its routine (one file, rewritten)."""
    return tmp_path_factory.mktemp("fuzz") / "r.yaml"


def _round_trip(routine: Routine, path: Path) -> None:
    if not routine.items:
        return  # a draft: saving it is refused with a message (tested in test_routine)
    routine.save(path)
    assert load_routine(path, CATALOGUE) == routine


@FAST
@given(names, st.lists(st.sampled_from(IDS).map(RoutineItem), max_size=3),
       st.text(max_size=30), st.tuples(small_int, small_int, small_int))
def test_every_routine_the_api_builds_saves_and_loads_back_equal(saved, name, items,
                                                                 description, timings):
    try:
        routine = _build(name, items, description, timings)
    except BackstretchError:
        return
    _round_trip(routine, saved)


calls = st.lists(st.one_of(
    st.tuples(st.just("added"), anything | st.sampled_from(IDS), st.none() | small_int | anything),
    st.tuples(st.just("removed"), small_int | anything),
    st.tuples(st.just("moved"), small_int | anything, small_int | anything),
    st.tuples(st.just("changed"), small_int | anything,
              st.dictionaries(st.sampled_from(["hold", "reps", "sides", "rest", "bogus"]),
                              small_int | anything, max_size=2)),
    st.tuples(st.just("with_items"),
              st.lists(item_fields.map(ItemFields) | anything, max_size=3)),
), max_size=6)


@FAST
@given(calls)
def test_any_sequence_of_edits_raises_only_the_one_family_and_round_trips(saved, steps):
    routine = Routine("Fuzz", (RoutineItem("cat-cow"),), CATALOGUE)
    for name, *args in steps:
        method = getattr(routine, name)
        try:
            if name == "with_items":
                args = [[_item(v) for v in args[0]]]
            routine = method(*args[:-1], **args[-1]) if name == "changed" else method(*args)
        except BackstretchError:
            continue
        assert isinstance(routine, Routine)
        _round_trip(routine, saved)


@FAST
@given(st.dictionaries(st.sampled_from(["targets", "goal", "budget_seconds", "positions",
                                        "equipment", "no_floor", "avoid_flags", "settings"]),
                       anything | st.sampled_from(list(GOALS)) | st.integers(0, 900),
                       max_size=3))
def test_the_planner_raises_only_the_one_family_and_plans_round_trip(saved, kwargs):
    try:
        routine = plan(CATALOGUE, **kwargs)
    except BackstretchError:
        return
    _round_trip(routine, saved)


TAGS = ["", "!!float ", "!!int ", "!!bool ", "!!timestamp ", "!!map ", "!!set ", "!!str ",
        "!!binary ", "!!null ", "!!seq ", "!!omap ", "!!pairs ", "!!python/none ", "!foo "]
SCALARS = ["abc", "0x", "0o9", "1e400", ".nan", "-.inf", "maybe", "yesterday", "2026-13-45",
           "10", "30.0", "~", "''", "[]", "{}", "cat-cow", "*a", "&a x", "99999999999999999999",
           "\"\\x1b]0;pwned\\a\"", "\"\\u202e\"", "1_000", "0b101"]
tagged = st.builds(lambda t, v: t + v, st.sampled_from(TAGS), st.sampled_from(SCALARS))
documents = st.builds(
    "version: {}\nname: {}\n{}: {}\nitems:\n  - stretch: {}\n    hold: {}\n    {}: {}\n".format,
    tagged, tagged, tagged, tagged, tagged, tagged, tagged, tagged)


@FAST
@given(documents)
def test_any_yaml_with_tags_loads_or_raises_the_one_family_with_a_place(text):
    try:
        routine_from_dict(parse_yaml(text, "t.yaml"), CATALOGUE, "t.yaml")
    except BackstretchError as exc:
        assert all(str(p).startswith("t.yaml: ") for p in exc.problems)
        assert all("\x1b" not in str(p) and "\u202e" not in str(p) for p in exc.problems)
