"""The checklist: labels, ticking, and surviving a restart (a new process)."""

from __future__ import annotations

import subprocess
import sys

from backstretch import load_routine
from backstretch.guided.checklist import Checklist


def test_boxes_and_labels(catalogue):
    c = Checklist(load_routine("source-article", catalogue))
    assert c.label((0, "left")) == f"{catalogue['knee-to-chest'].name}, left side"
    assert c.label((1, None)) == catalogue["back-rounders"].name
    assert len(c.boxes) == 9 and c.done == 0


def test_ticks_survive_a_new_process(catalogue, tmp_path):
    routine = load_routine("source-article", catalogue)
    path = tmp_path / "c.json"
    c = Checklist(routine, path)
    c.set((0, "left"))
    c.set((3, "right"))
    c.set((0, "left"), False)
    code = ("from backstretch import load_routine; from backstretch.guided.checklist import Checklist;"
            f"print(sorted(Checklist(load_routine('source-article'), {str(path)!r}).ticked))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[(3, 'right')]"


def test_default_path_is_in_the_data_dir(catalogue, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKSTRETCH_DATA_DIR", str(tmp_path))
    routine = load_routine("desk-break", catalogue)
    Checklist(routine).set(routine.checklist_boxes()[0])
    assert Checklist(routine).done == 1
    assert len(list((tmp_path / "checklists").glob("*.json"))) == 1


def test_a_corrupt_file_starts_empty_and_is_replaced(catalogue, tmp_path):
    path = tmp_path / "c.json"
    path.write_text("{not json")
    routine = load_routine("source-article", catalogue)
    c = Checklist(routine, path)
    assert c.done == 0
    c.set((1, None))
    assert Checklist(routine, path).ticked == {(1, None)}


def test_clear(catalogue, tmp_path):
    c = Checklist(load_routine("source-article", catalogue), tmp_path / "c.json")
    c.set((2, "left"))
    c.clear()
    assert Checklist(c.routine, tmp_path / "c.json").done == 0
