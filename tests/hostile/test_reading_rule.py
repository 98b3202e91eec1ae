"""The one reading rule, through every reader of a file a person hands the workbook: the
routine, the catalogue, the plan, the poses, ``backstretch check``, the take-home import and
the checklist. However the file fails to decode (nested 100,000 deep, a number 5,000 digits
long, half a character, infinity), the answer is one message naming the file and where,
never a traceback; a byte-order mark is read past."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from backstretch import BackstretchError, load_catalogue, load_routine
from backstretch.base.resources import data_dir
from backstretch.base.yamlio import (
    HALF_CHARACTER,
    NOT_FINITE,
    TOO_DEEP,
    TOO_LONG,
    parse_json,
    parse_yaml,
    read_yaml,
)
from backstretch.cli import main
from backstretch.guided.checklist import Checklist
from backstretch.guided.page_events import PageEvent
from backstretch.log import SessionLog
from backstretch.programme.plan import Plan, load_plan, plan_yaml
from backstretch.log.take_home import FORMAT, read_take_home

DEEP = "[" * 100_000 + "]" * 100_000
DIGITS = "1" * 5000
YAML_HOSTILE = {  # what is appended to a good file, and what the one message says
    "nested 100,000 deep": (f"hostile: {DEEP}\n", "nesting depth"),
    "nested 101 deep": ("hostile: " + "[" * 101 + "]" * 101 + "\n", TOO_DEEP),
    "a 5,000-digit number": (f"hostile: {DIGITS}\n", TOO_LONG),
    "a 5,000-digit !!int": (f"hostile: !!int {DIGITS}\n", TOO_LONG),
    "half a character": ("hostile: \udc80x\n", HALF_CHARACTER),
}
JSON_HOSTILE = {
    "nested 100,000 deep": (DEEP, TOO_DEEP),
    "a 5,000-digit number": (DIGITS, TOO_LONG),
    "a 400-digit number": ("9" * 400, TOO_LONG),
    "an escaped half character": ('"\\ud800"', HALF_CHARACTER),
    "infinity": ("Infinity", NOT_FINITE),
    "1e400": ("1e400", NOT_FINITE),
}


def _routine_text() -> str:
    return (data_dir() / "routines" / "desk-break.yaml").read_text("utf-8")


def _plan_text() -> str:
    return plan_yaml(Plan(("desk-break",), date(2026, 12, 2)))


YAML_READERS = {
    "routine": (_routine_text, load_routine),
    "catalogue": (lambda: (data_dir() / "stretches.yaml").read_text("utf-8"), load_catalogue),
    "plan": (_plan_text, load_plan),
    "poses": (lambda: (data_dir() / "poses.yaml").read_text("utf-8"), read_yaml),
}


def _one_problem(caught: pytest.ExceptionInfo[BackstretchError], path: Path, says: str) -> None:
    assert len(caught.value.problems) == 1, caught.value.problems
    problem = caught.value.problems[0]
    assert problem.file == str(path) and problem.field.startswith("line ")
    assert says in problem.message


@pytest.mark.parametrize("reader", YAML_READERS)
@pytest.mark.parametrize("hostile", YAML_HOSTILE)
def test_every_yaml_reader_answers_a_hostile_file_with_one_message(tmp_path, reader, hostile):
    good, read = YAML_READERS[reader]
    path = tmp_path / f"{reader}.yaml"
    tail, says = YAML_HOSTILE[hostile]
    path.write_text(good() + tail, encoding="utf-8", errors="surrogatepass")
    with pytest.raises(BackstretchError) as caught:
        read(path)
    if hostile == "half a character":  # as bytes it is not UTF-8 at all
        assert str(caught.value).startswith(f"{path}: is not UTF-8 text (bad byte at offset")
    else:
        _one_problem(caught, path, says)


@pytest.mark.parametrize("reader", YAML_READERS)
def test_every_yaml_reader_reads_past_a_byte_order_mark(tmp_path, reader):
    good, read = YAML_READERS[reader]
    path = tmp_path / f"{reader}.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + good().encode("utf-8"))
    assert read(path)


@pytest.mark.parametrize("hostile", YAML_HOSTILE)
def test_yaml_text_from_a_widget_gets_the_same_rule(hostile):
    tail, says = YAML_HOSTILE[hostile]
    with pytest.raises(BackstretchError) as caught:
        parse_yaml(_routine_text() + tail, "<widget>")
    _one_problem(caught, Path("<widget>"), says)


@pytest.mark.parametrize("hostile", ["nested 100,000 deep", "a 5,000-digit number"])
def test_backstretch_check_says_one_line_and_exits_1(tmp_path, capsys, hostile):
    path = tmp_path / "routine.yaml"
    path.write_text(_routine_text() + YAML_HOSTILE[hostile][0], encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr()
    lines = (out.out + out.err).strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}: line ")


# -- JSON: the take-home import and the checklist ------------------------------------------
def _take_home(catalogue, value: str, where: str) -> str:
    """A good take-home file with ``value`` (JSON text) as the first event's time, or as an
    extra top-level field."""
    routine = load_routine("desk-break", catalogue)
    event = {"event": "start", "seq": 1, "at": "AT", "index": 0, "state": "running"}
    data = {"format": FORMAT, "version": 1, "routine": routine.to_dict(),
            "sessions": [{"events": [event]}]}
    if where == "top":
        data["hostile"], event["at"] = "HOSTILE", 1_790_000_000
    return json.dumps(data).replace('"AT"' if where == "at" else '"HOSTILE"', value)


@pytest.mark.parametrize("where", ["top", "at"])
@pytest.mark.parametrize("hostile", JSON_HOSTILE)
def test_the_take_home_import_answers_a_hostile_file_with_one_message(
        catalogue, tmp_path, hostile, where):
    value, says = JSON_HOSTILE[hostile]
    path = tmp_path / "sessions.json"
    path.write_text(_take_home(catalogue, value, where), encoding="utf-8")
    with SessionLog(tmp_path / "log.sqlite") as log:
        with pytest.raises(BackstretchError) as caught:
            read_take_home(path, log, catalogue)
        assert log.sessions() == []
    _one_problem(caught, path, says)
    assert main(["log", "import", str(path)]) == 1


@pytest.mark.parametrize("hostile", JSON_HOSTILE)
def test_a_hostile_checklist_is_set_aside(catalogue, tmp_path, hostile):
    path = tmp_path / "c.json"
    content = '{"routine": "x", "ticked": [[0, ' + JSON_HOSTILE[hostile][0] + "]]}"
    path.write_text(content, encoding="utf-8")
    checklist = Checklist(load_routine("desk-break", catalogue), path)
    assert checklist.ticked == set() and "damaged" in checklist.problem
    assert (tmp_path / "c.json.damaged-1").read_text("utf-8") == content


def test_json_with_a_byte_order_mark_is_read():
    assert parse_json(b'\xef\xbb\xbf{"a": [1, 2.5]}', "x.json") == {"a": [1, 2.5]}


@pytest.mark.parametrize(("content", "field", "says"), [
    ({"event": "start", "seq": 1, "at": 10**400, "index": 0}, "at", "seconds since 1970"),
    ({"event": "start", "seq": 1, "at": -1, "index": 0}, "at", "to 32503680000 (1 January 3000)"),
    ({"event": "start", "seq": 10**30, "at": 1.0, "index": 0}, "seq", "whole number"),
    ({"event": "start", "seq": 1, "at": 1.0, "index": -(10**30)}, "index", "whole number"),
    ({"event": "start", "seq": 1, "at": 1.0, "index": 0, "state": ["x"]}, "state", "text"),
])
def test_a_page_event_names_its_bad_field_and_the_kernel_ignores_it(content, field, says):
    from backstretch.base.checks import Invalid

    with pytest.raises(Invalid) as caught:
        PageEvent.parse(content)
    assert caught.value.field == field and says in str(caught.value)
    assert PageEvent.read(content) is None


def test_amend_with_an_id_sqlite_cannot_hold_names_the_id(tmp_path):
    with SessionLog(tmp_path / "log.sqlite") as log:
        for bad in (10**30, -(10**30), 0, "1", True):
            with pytest.raises(BackstretchError) as caught:
                log.amend(bad, 1, 2, "n")
            assert caught.value.problems[0].field == "id"
            with pytest.raises(BackstretchError, match=": id: "):
                log.record("R", "k", "2026-11-24T10:00:00+00:00", "2026-11-24T10:05:00+00:00",
                           300, record_id=bad)
        assert log.sessions() == []
