"""The backstretch command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from backstretch.cli import main


def test_list_filters(capsys):
    assert main(["list", "--position", "standing"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "wall-warrior" in " ".join(out)
    assert all("[standing;" in line for line in out[:-1])
    assert out[-1].endswith("stretches")


def test_list_json_by_muscle(capsys):
    assert main(["list", "--muscle", "deep_hip_rotators", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert "figure-four-glute" in [s["id"] for s in found]
    assert all("deep_hip_rotators" in s["primary"] + s["secondary"] for s in found)


def test_show_prints_the_article_timeline(capsys):
    assert main(["show", "data/routines/source-article.yaml"]) == 0
    out = capsys.readouterr().out
    assert "0:10     5 s    Hold, left side" in out
    assert out.rstrip().endswith("Total: 4 min 10 s (250 s), 5 stretches")


def test_show_json_matches_the_timeline(capsys):
    assert main(["show", "source-article", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["duration"] == 250
    assert sum(s["seconds"] for s in data["steps"]) == 250
    assert data["steps"][1] == {"start": 10, "seconds": 5, "kind": "hold",
                                "stretch": "knee-to-chest", "side": "left", "rep": 1, "reps": 1,
                                "title": "Single knee to chest: Hold, left side",
                                "label": "Hold, left side"}


def test_coverage_reports_the_shortfall(capsys):
    assert main(["coverage", "source-article"]) == 0
    out = capsys.readouterr().out
    assert "Lower back: 45 s of 60 s, 15 s short." in out
    assert "(+20 s active)" in out


def test_coverage_json(capsys):
    assert main(["coverage", "source-article", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["coverage"]["glutes"]["stretch"] == 40
    assert data["dose"]["ok"] is False


def test_check_ok_files(capsys):
    assert main(["check", "data/stretches.yaml", "desk-break"]) == 0
    assert capsys.readouterr().out.splitlines() == ["data/stretches.yaml: ok", "desk-break: ok"]


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["list", "--position", "upside-down"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def test_missing_routine_name_is_a_clean_error(capsys):
    assert main(["show", "no-such-routine"]) == 1
    assert capsys.readouterr().err.strip() == "no-such-routine: no such file or ready routine"


def test_console_script_and_module_agree():
    bin_dir = __import__("pathlib").Path(sys.executable).parent
    via_script = subprocess.run([str(bin_dir / "backstretch"), "show", "source-article"],
                                capture_output=True, text=True, check=True).stdout
    via_module = subprocess.run([sys.executable, "-m", "backstretch", "show", "source-article"],
                                capture_output=True, text=True, check=True).stdout
    assert via_script == via_module and "Total: 4 min 10 s" in via_script
