"""Property-based tests of loading and expanding routines."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstretch import (BackstretchError, Routine, RoutineItem, Settings, dose_report,
                         load_catalogue)
from backstretch.yamlio import parse_yaml

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
    name=st.text(min_size=1, max_size=40).map(lambda s: s.strip() or "x"),
    items=st.lists(items, min_size=1, max_size=12).map(tuple),
    catalogue=st.just(CATALOGUE),
    settings=st.builds(Settings, get_ready=st.integers(0, 60), switch_sides=st.integers(0, 60),
                       rest=st.integers(0, 60)),
)


@given(routines)
def test_timeline_is_contiguous_and_sums_to_the_duration(routine):
    steps = routine.steps()
    assert steps[0].start == 0
    assert all(a.end == b.start for a, b in zip(steps, steps[1:]))
    assert sum(s.seconds for s in steps) == routine.duration
    assert all(s.seconds > 0 for s in steps)
    completed = [s.completes for s in steps if s.completes]
    assert completed == routine.checklist_boxes()


@given(routines)
def test_coverage_is_bounded_by_the_time_spent(routine):
    hold_time = sum(s.seconds for s in routine.steps() if s.kind in ("hold", "move"))
    for cov in routine.coverage().values():
        assert 0 <= cov.stretch <= hold_time and 0 <= cov.active <= hold_time
    report = dose_report(routine)
    assert all(g.met == (g.seconds >= 60) for g in report.groups)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50,
          deadline=None)  # speed is for benchmarks/, not a test on a shared machine
@given(routines)
def test_save_then_load_gives_the_same_routine(tmp_path, routine):
    name = routine.name
    if any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029\ufeff" for c in name):
        return  # such names are refused on load; tested in test_bad_input
    path = tmp_path / "r.yaml"
    try:
        routine.save(path)
        again = Routine.from_dict(yaml.safe_load(path.read_text("utf-8")), CATALOGUE, str(path))
    except BackstretchError as exc:  # a name the loader refuses must say why
        assert "name" in str(exc)
        return
    assert again.items == routine.items and again.settings == routine.settings
    assert again.duration == routine.duration


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


@given(json_like | near_routines)
def test_any_data_either_loads_or_raises_the_one_family(data):
    try:
        Routine.from_dict(data, CATALOGUE, "f.yaml")
    except BackstretchError as exc:
        assert all(str(p).startswith("f.yaml") for p in exc.problems)


@given(st.text(max_size=200))
def test_any_text_parses_or_raises_the_one_family(text):
    try:
        parse_yaml(text, "t.yaml")
    except BackstretchError as exc:
        assert str(exc).startswith("t.yaml")


@given(routines)
def test_a_finished_session_held_exactly_the_routines_static_coverage(routine):
    from backstretch.log import completed_group_seconds
    from backstretch.session import Session
    from fakes import FakeClock

    clock = FakeClock()
    session = Session(routine, clock)
    session.start()
    clock.advance(routine.duration)
    session.tick()
    assert session.state == "finished"
    assert completed_group_seconds(session) == {
        g: c.stretch for g, c in routine.coverage().items() if c.stretch > 0}
