"""A corpus of bad files: each gets clean one-line errors naming file and field, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from backstretch import BackstretchError, load_routine
from backstretch.cli import main

BAD = Path(__file__).parent / "bad_inputs"

EXPECTED = {
    "malformed-yaml.yaml": "line 3, column 6: invalid YAML",
    "tab-indent.yaml": "line 4, column 1: invalid YAML",
    "wrong-types.yaml": "items[0].hold: 'ten' is not valid; use a whole number of seconds",
    "unknown-stretch.yaml": "items[0].stretch: no stretch with id 'knee-to-chst' "
                            "(did you mean 'knee-to-chest'?)",
    "negative-hold.yaml": "items[0].hold: -30 is not valid; use a whole number of seconds "
                          "from 1 to 600",
    "absurd-hold.yaml": "items[0].hold: 99999999999999999999999 is not valid",
    "empty-routine.yaml": "items: must be a non-empty list",
    "empty-file.yaml": "is empty",
    "binary-junk.yaml": "is binary, not a text file",
    "not-utf8.yaml": "is not UTF-8 text",
    "top-level-list.yaml": "must be a mapping of fields",
    "wrong-version.yaml": "version: 7 is not supported; this backstretch reads version 1",
    "duplicate-key.yaml": "the key 'name' appears twice",
    "sides-on-two-sided.yaml": "items[0].sides: 'back-rounders' is done on both sides at once",
    "misspelt-field.yaml": "itmes: unknown field (did you mean 'items'?)",
    "control-chars.yaml": "name: contains control or invisible characters",
    "alias-bomb.yaml": "aliases (*name) are not supported",
    "bad-settings.yaml": "settings.get_ready: -1 is not valid",
    "catalogue-bad.yaml": "hold: the range [10, 5] runs backwards",
    "catalogue-empty.yaml": "stretches: must be a non-empty list",
}


def test_corpus_is_complete():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_gives_one_clean_line_per_problem(name, capsys):
    path = str(BAD / name)
    assert main(["check", path]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines, "no problem reported"
    assert all(line.startswith(f"{path}: ") for line in lines), lines
    assert EXPECTED[name] in out.out
    assert "Traceback" not in out.out + out.err


def test_catalogue_problems_are_all_reported(capsys):
    path = str(BAD / "catalogue-bad.yaml")
    main(["check", path])
    out = capsys.readouterr().out
    for expected in ("stretches[1] (a).per_side: 'maybe' is not valid; use true or false",
                     "stretches[1] (a).primary: 'gluts' is not valid (did you mean 'glutes'?)",
                     "stretches[0] (a).hold: the range [10, 5] runs backwards"):
        assert expected in out


@pytest.mark.parametrize("name", ["misspelt-field.yaml", "negative-hold.yaml"])
def test_load_routine_raises_the_one_family(name):
    with pytest.raises(BackstretchError) as info:
        load_routine(BAD / name)
    assert isinstance(info.value, ValueError)
    assert str(BAD / name) in str(info.value)


def test_a_folder_and_a_missing_file(tmp_path, capsys):
    assert main(["check", str(tmp_path), str(tmp_path / "gone.yaml")]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path}: is a folder" in out
    assert f"{tmp_path / 'gone.yaml'}: no such file" in out


def test_show_of_a_bad_file_prints_to_stderr_and_exits_1():
    result = subprocess.run([sys.executable, "-m", "backstretch", "show",
                             str(BAD / "binary-junk.yaml")], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip() == f"{BAD / 'binary-junk.yaml'}: is binary, not a text file"
    assert result.stdout == ""
