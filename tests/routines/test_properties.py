"""Property-based tests of loading and expanding routines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backstretch import (
    BackstretchError,
    Routine,
    RoutineItem,
    Settings,
    dose_report,
    load_catalogue,
)
from backstretch.base.yamlio import parse_yaml
from backstretch.routines.reading import routine_from_dict

CATALOGUE = load_catalogue()
IDS = sorted(CATALOGUE)

items = st.builds(
    RoutineItem,
    stretch=st.sampled_from(IDS),
    hold=st.none() | st.integers(1, 600),
    reps=st.none() | st.integers(1, 50),
    rest=st.none() | st.integers(0, 600),
)
routines = st.builds(
    Routine,
    name=st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1,
                 max_size=40).map(lambda s: s.strip() or "x"),
    items=st.lists(items, min_size=1, max_size=12).map(tuple),
    catalogue=st.just(CATALOGUE),
    settings=st.builds(Settings, get_ready=st.integers(0, 60), switch_sides=st.integers(0, 60),
                       rest=st.integers(0, 60)),
)


@settings(deadline=None)  # a loaded machine must not fail it
@given(routines)
def test_timeline_is_contiguous_and_sums_to_the_duration(routine):
    steps = routine.steps()
    assert steps[0].start == 0
    assert all(a.end == b.start for a, b in zip(steps, steps[1:]))
    assert sum(s.seconds for s in steps) == routine.duration
    assert all(s.seconds > 0 for s in steps)
    completed = [s.completes for s in steps if s.completes]
    assert completed == routine.checklist_boxes()


@settings(deadline=None)  # a loaded machine must not fail it
@given(routines)
def test_coverage_is_bounded_by_the_time_spent(routine):
    hold_time = sum(s.seconds for s in routine.steps() if s.kind in ("hold", "move"))
    for cov in routine.coverage().values():
        assert 0 <= cov.stretch <= hold_time and 0 <= cov.active <= hold_time
    report = dose_report(routine)
    assert all(g.met == (g.seconds >= 60) for g in report.groups)


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                 max_size=5),
    max_leaves=20,
)
near_routines = st.fixed_dictionaries(
    {"version": st.sampled_from([1, 2, "1", None]), "name": json_like,
     "items": st.lists(st.fixed_dictionaries({"stretch": st.sampled_from(IDS) | json_like},
                                             optional={"hold": json_like, "reps": json_like,
                                                       "sides": json_like}), max_size=4)},
    optional={"settings": json_like, "extra": json_like},
)


@settings(deadline=None)  # a loaded machine must not fail it
@given(json_like | near_routines)
def test_any_data_either_loads_or_raises_the_one_family(data):
    try:
        routine_from_dict(data, CATALOGUE, "f.yaml")
    except BackstretchError as exc:
        assert all(str(p).startswith("f.yaml") for p in exc.problems)


@settings(deadline=None)  # a loaded machine must not fail it
@given(st.text(max_size=200))
def test_any_text_parses_or_raises_the_one_family(text):
    try:
        parse_yaml(text, "t.yaml")
    except BackstretchError as exc:
        assert str(exc).startswith("t.yaml")


@settings(deadline=None)  # a loaded machine must not fail it
@given(routines)
def test_a_finished_session_held_exactly_the_routines_static_coverage(routine):
    from fakes import FakeClock

    from backstretch.guided.session import Session
    from backstretch.log import completed_group_seconds

    clock = FakeClock()
    session = Session(routine, clock)
    session.start()
    clock.advance(routine.duration)
    session.tick()
    assert session.state == "finished"
    assert completed_group_seconds(session) == {
        g: c.stretch for g, c in routine.coverage().items() if c.stretch > 0}
