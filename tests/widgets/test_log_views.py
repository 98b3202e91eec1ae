"""Issue 32: what 04 shows of the log follows every write to it in the kernel (a session
imported, a check-in), so no text on the page contradicts a panel that has moved on."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from backstretch import load_routine
from backstretch.log.store import SessionLog

pytest.importorskip("ipywidgets")
from backstretch.widgets import CheckInPanel, LogViews, ProgressionPanel  # noqa: E402


def one_session(path, catalogue, routine: str = "desk-break", done: bool = True) -> None:
    """A session of ``routine`` an hour ago, written through a log of its own."""
    r = load_routine(routine, catalogue)
    start = datetime.now(timezone.utc) - timedelta(hours=1)
    with SessionLog(path) as log:
        log.record(r.name, r.key(), start, start + timedelta(seconds=r.duration), r.duration,
                   len(r.steps()) if done else 0, pain_before=4, pain_after=3)


def test_the_views_follow_every_write_to_their_log_and_no_other(catalogue, tmp_path):
    path = tmp_path / "log.sqlite"
    views = LogViews(path)
    assert "<code>log.sqlite</code>" in views.text.value  # by its name: the rule's
    assert str(tmp_path) not in views.text.value
    assert "0 sessions on 0 days" in views.text.value
    empty = (views.minutes.value, views.days.value, views.pain.value, views.groups.value)
    assert all(v.startswith("<img alt=") for v in empty)
    drawn: list[int] = []
    draw = views._draw
    views._draw = lambda *a: (drawn.append(1), draw(*a))  # type: ignore[method-assign]

    one_session(path, catalogue)
    assert "1 session on 1 day over 1 week" in views.text.value
    assert len(views.weeks) == 1 and drawn == [1]
    assert all(now != before for now, before in zip(  # (no seconds per group were given)
        (views.minutes.value, views.days.value, views.pain.value), empty))
    # a check-in changes none of the weeks: the summary is read again, no chart redrawn
    with SessionLog(path) as log:
        log.check_in(datetime.now().date(), 5)
    assert drawn == [1]
    # another log's writes are not this log's
    one_session(tmp_path / "other.sqlite", catalogue)
    assert "1 session on 1 day" in views.text.value and drawn == [1]


def test_a_log_that_cannot_be_read_is_said_so_in_the_summary(tmp_path):
    folder = tmp_path / "log.sqlite"
    folder.mkdir()
    views = LogViews(folder)
    assert "Cannot read it:" in views.text.value and str(tmp_path) not in views.text.value


def test_the_check_in_panel_says_and_draws_what_is_saved(tmp_path):
    path = tmp_path / "log.sqlite"
    panel = CheckInPanel(path)
    assert "No weekly check-in yet" in panel.outcomes.value
    before = panel.chart.value
    assert before.startswith("<img alt=")
    panel.pain.value = 5
    panel.save()
    assert "One check-in so far" in panel.outcomes.value
    assert "No weekly check-in yet" not in panel.outcomes.value
    assert panel.chart.value != before
    # a second panel on the same log (a cell run twice) hears the first one's save
    other = CheckInPanel(path)
    panel.pain.value = 4
    panel.save()
    assert other.outcomes.value == panel.outcomes.value


def test_the_next_step_follows_the_log_even_when_the_log_given_is_closed(catalogue, tmp_path):
    path = tmp_path / "log.sqlite"
    log = SessionLog(path)
    panel = ProgressionPanel(log, "desk-break", tmp_path, catalogue)
    log.close()  # as 04's last cell does
    assert "So far" in panel.text.value and "0 " in panel.text.value
    for _ in range(4):
        one_session(path, catalogue)
    assert "Suggestion:" in panel.text.value  # four steady sessions: hold longer
    panel.again_button.click()
    assert "Suggestion:" in panel.text.value and "Cannot read" not in panel.text.value


def test_refresh_reads_what_another_kernel_wrote(catalogue, tmp_path):
    """A session 03's kernel records is another process's write: Refresh brings it in."""
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "log.sqlite"
    views = LogViews(path)
    script = textwrap.dedent(f"""
        from datetime import datetime, timedelta, timezone
        from backstretch import load_routine
        from backstretch.log.store import SessionLog
        r = load_routine("desk-break")
        start = datetime.now(timezone.utc) - timedelta(hours=1)
        with SessionLog({str(path)!r}) as log:
            log.record(r.name, r.key(), start, start + timedelta(seconds=r.duration),
                       r.duration, len(r.steps()))
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    assert "0 sessions on 0 days" in views.text.value  # this kernel heard nothing
    views.refresh_button.click()
    assert "1 session on 1 day over 1 week" in views.text.value
