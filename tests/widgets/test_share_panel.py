"""Share this week with my instructor, as a student uses it: nothing sent until Send,
the preview is what is sent, withdraw deletes, the list shows what the hub holds; and
the instructor's panel. The hub's service is stood in for by its own store
(deploy/local/share_service.py) behind the client's one call; the class test drives the
real service through the hub."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from backstretch.base.errors import BackstretchError, Problem
from backstretch.log import SessionLog
from backstretch.programme.plan import Plan, save_plan
from backstretch.sharing.client import NOT_ON_HUB, ShareService
from backstretch.sharing.share import read_share

pytest.importorskip("ipywidgets")
pytest.importorskip("jupyterhub")
from backstretch.widgets.share_panel import (  # noqa: E402
    ANONYMOUS,
    NAMED,
    ClassSharesPanel,
    SharePanel,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "deploy" / "local"))
import share_service  # noqa: E402

TODAY = date(2026, 12, 10)
MONDAY = date(2026, 12, 7)


class StoreBehind(ShareService):
    """The client, its calls answered by the service's own store for ``user``."""

    def __init__(self, store, user: str, keys_path: Path, instructor: bool = False):
        super().__init__("http://127.0.0.1:9/", "token", keys_path)
        self.store, self.user, self.instructor = store, user, instructor
        self.calls: list[tuple[str, str]] = []

    def _call(self, method, path, body=None):
        self.calls.append((method, path))
        body = json.loads(json.dumps(body))
        if path == "api/share" and method == "PUT":
            share = read_share(body["share"], TODAY)
            self.store.put(share, self.user if share.named else None, body["key"])
            return {**share.to_json(), **({"name": self.user} if share.named else {})}
        if path == "api/share":
            return {"withdrawn": self.store.withdraw(date.fromisoformat(body["week"]),
                                                     self.user, body["key"])}
        if path == "api/mine":
            return {"shares": self.store.mine(self.user, body["keys"])}
        if not self.instructor:
            raise BackstretchError(Problem("the service", "", "403: only the instructor"))
        week = date.fromisoformat(path.partition("week=")[2])
        return share_service.class_figures(self.store.week(week), week).to_json()


@pytest.fixture
def store(tmp_path):
    return share_service.Store(tmp_path / "service" / "shares.sqlite")


@pytest.fixture
def student(tmp_path, store):
    log = tmp_path / "sessions.sqlite"
    with SessionLog(log) as opened:
        opened.check_in(date(2026, 11, 24), 6, {"Putting on socks": 3}, "a private note",
                        today=TODAY)
        opened.check_in(date(2026, 12, 8), 4, {"Putting on socks": 6}, today=TODAY)
    save_plan(Plan(("daily-back-care",), date(2026, 11, 23), days_per_week=3),
              tmp_path / "plan.yaml")
    service = StoreBehind(store, "ada", tmp_path / "share-keys.json")
    panel = SharePanel(service, log, tmp_path / "plan.yaml", today=lambda: TODAY)
    return panel, service


def test_nothing_is_sent_until_send_and_the_preview_is_what_is_sent(student, store):
    panel, service = student
    assert ("PUT", "api/share") not in service.calls and store.week(MONDAY) == []
    assert panel.named.value == ANONYMOUS and panel.rising.disabled
    assert "without your name" in panel.preview.value and "private note" not in \
        panel.preview.value
    assert "Usual pain: 4" in panel.preview.value and "-2" in panel.preview.value
    panel.named.value = NAMED
    panel.rising.value = True
    assert not panel.rising.disabled and "may be told your pain is rising" in panel.preview.value
    shown = panel.preview.value
    panel.send()
    (kept,) = store.week(MONDAY)
    assert kept == replace(panel.share(), name="ada")
    assert "Sent: your week of 7 December." in panel.status.value
    assert "<li>Usual pain: 4. Activities&#x27; average: 6.0.</li>" in shown
    assert "Everything you have shared" in panel.shared.value and "with your name" in \
        panel.shared.value


def test_anonymous_then_withdrawn_leaves_nothing(student, store, tmp_path):
    panel, service = student
    panel.send()
    (kept,) = store.week(MONDAY)
    assert kept.name is None and not kept.named
    assert json.loads((tmp_path / "share-keys.json").read_text()).keys() == {"2026-12-07"}
    panel.named.value = NAMED  # sending named replaces the anonymous share
    panel.send()
    assert [s.name for s in store.week(MONDAY)] == ["ada"]
    panel.withdraw()
    assert store.week(MONDAY) == [] and "Withdrawn and deleted." in panel.status.value
    assert "Nothing." in panel.shared.value
    panel.withdraw()
    assert "Nothing was shared this week." in panel.status.value


def test_off_the_hub_the_panel_says_so_and_sends_nothing(tmp_path):
    panel = SharePanel(None, tmp_path / "log.sqlite", tmp_path / "none.yaml",
                       today=lambda: TODAY)
    assert panel.status.value == NOT_ON_HUB and panel.send_button.disabled
    panel.send()
    assert panel.status.value == NOT_ON_HUB
    assert "no plan for this week" in panel.preview.value
    off = ClassSharesPanel(None)
    off.refresh()
    assert "class hub" in off.view.value


def test_the_instructor_sees_the_class_and_a_student_is_refused(student, store, tmp_path):
    panel, _service = student
    panel.named.value = NAMED
    panel.send()
    teacher = ClassSharesPanel(StoreBehind(store, "instructor", tmp_path / "k.json", True),
                               today=lambda: TODAY)
    assert "ada" not in teacher.view.value  # nothing until Show
    teacher.refresh()
    assert "1 student shared (1 named, 0 anonymous)" in teacher.view.value
    assert "<td>ada</td>" in teacher.view.value
    teacher.week.value = "Last week"
    assert "0 students shared" in teacher.view.value
    refused = ClassSharesPanel(StoreBehind(store, "bo", tmp_path / "k2.json"),
                               today=lambda: TODAY)
    refused.refresh()
    assert "Cannot show the class's figures" in refused.view.value


def test_a_damaged_key_file_or_a_silent_service_is_one_clear_message(student, tmp_path):
    panel, _service = student
    for damaged in ("[1, 2]", "[" * 5000 + "]" * 5000, '{"2026-12-07": "\\ud800"}'):
        (tmp_path / "share-keys.json").write_text(damaged)
        panel.send()
        assert "Not done:" in panel.status.value and "share-keys.json" in panel.status.value
    silent = ShareService("http://127.0.0.1:9/", "token", tmp_path / "other-keys.json",
                          timeout=5)
    with pytest.raises(BackstretchError, match="sharing service: did not answer"):
        silent.mine()


def test_what_is_sent_is_what_was_shown(student, store, tmp_path):
    panel, _service = student
    with SessionLog(tmp_path / "sessions.sqlite") as log:  # a check-in after the preview
        log.check_in(TODAY, 2, {"Putting on socks": 8}, today=TODAY)
    panel.send()
    assert store.week(MONDAY) == [] and "changed" in panel.status.value
    assert "Usual pain: 2" in panel.preview.value
    panel.send()
    (kept,) = store.week(MONDAY)
    assert kept.usual_pain == 2
