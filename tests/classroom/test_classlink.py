"""The instructor's nbgitpuller link: assembled right, checked, printed, shown in the page."""

from __future__ import annotations

import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest

from backstretch.base.errors import BackstretchError
from backstretch.classroom.link import ClassLink, origin_url
from backstretch.cli import main

REPO = "https://git.example.org/teacher/backstretch.git"


def parts(url: str) -> tuple[str, dict[str, str]]:
    split = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(split.query, strict_parsing=True).items()}
    return f"{split.scheme}://{split.netloc}{split.path}", query


def test_the_link_names_repository_branch_and_notebook():
    url = ClassLink("https://hub.example.org/", REPO, notebook="03_guided_session").url
    where, query = parts(url)
    assert where == "https://hub.example.org/hub/user-redirect/git-pull"
    assert query == {"repo": REPO, "branch": "main", "targetpath": "backstretch",
                     "urlpath": "lab/tree/backstretch/notebooks/03_guided_session.ipynb"}


def test_a_hub_under_a_prefix_and_a_voila_page():
    url = ClassLink("http://127.0.0.1:8000/school", "git://127.0.0.1:9418/work.git",
                    notebook="05_class_mode.ipynb", ui="voila").url
    where, query = parts(url)
    assert where == "http://127.0.0.1:8000/school/hub/user-redirect/git-pull"
    assert query["urlpath"] == "voila/render/work/notebooks/05_class_mode.ipynb"
    assert query["targetpath"] == "work"


@pytest.mark.parametrize("field, kwargs", [
    ("--hub", {"hub": "hub.example.org"}),
    ("--repo", {"repo": "backstretch"}),
    ("--branch", {"branch": "main&urlpath=evil"}),
    ("--notebook", {"notebook": "../../etc/passwd"}),
    ("--ui", {"ui": "classic"}),
])
def test_bad_fields_are_named(field, kwargs):
    args = {"hub": "https://hub.example.org", "repo": REPO, **kwargs}
    with pytest.raises(BackstretchError) as info:
        ClassLink(**args)
    assert [p.file for p in info.value.problems] == [field]


def test_the_command_prints_the_link(capsys):
    assert main(["class-link", "--hub", "https://hub.example.org", "--repo", REPO,
                 "--notebook", "03_guided_session"]) == 0
    out = capsys.readouterr().out.strip()
    assert out == ClassLink("https://hub.example.org", REPO, notebook="03_guided_session").url


def test_the_command_explains_a_bad_hub_in_one_line(capsys):
    assert main(["class-link", "--hub", "nonsense", "--repo", REPO]) == 1
    err = capsys.readouterr().err
    assert err.startswith("--hub: 'nonsense' is not a hub address") and "Traceback" not in err


def test_the_repository_defaults_to_the_checkouts_origin(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert origin_url(tmp_path) is None
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", REPO], check=True)
    assert origin_url(tmp_path) == REPO


def test_the_panel_shows_the_link_as_the_fields_change():
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import ClassLinkPanel

    panel = ClassLinkPanel(repo=REPO)
    assert "Type the hub's address" in panel.link.value
    panel.hub.value = "https://hub.example.org"
    expected = ClassLink("https://hub.example.org", REPO, notebook="03_guided_session").url
    assert expected.replace("&", "&amp;") in panel.link.value
    panel.hub.value = "<b>oops"
    assert "is not a hub address" in panel.link.value and "<b>" not in panel.link.value


def test_a_class_link_in_german_opens_the_german_notebook(capsys):
    assert main(["class-link", "--hub", "https://hub.example.org", "--repo", REPO,
                 "--notebook", "05_class_mode", "--lang", "de"]) == 0
    _, query = parts(capsys.readouterr().out.strip())
    assert query["urlpath"] == "lab/tree/backstretch/notebooks/de/05_class_mode.ipynb"
    assert main(["--lang", "en", "class-link", "--hub", "https://hub.example.org", "--repo",
                 REPO, "--notebook", "05_class_mode"]) == 0
    _, query = parts(capsys.readouterr().out.strip())
    assert query["urlpath"] == "lab/tree/backstretch/notebooks/05_class_mode.ipynb"
    assert main(["class-link", "--lang", "de_CH", "--hub", "https://hub.example.org",
                 "--repo", REPO, "--ui", "voila"]) == 0  # the country's language's notebooks
    _, query = parts(capsys.readouterr().out.strip())
    assert query["urlpath"] == "voila/render/backstretch/notebooks/de/00_start_here.ipynb"


def test_a_bad_link_is_explained_in_spanish(capsys):
    assert main(["--lang", "es", "class-link", "--hub", "nonsense", "--repo", REPO]) == 1
    err = capsys.readouterr().err
    assert err.startswith("--hub: 'nonsense' no es la dirección de un hub")
    with pytest.raises(BackstretchError) as info:
        ClassLink("https://hub.example.org", REPO, lang="../x")
    assert [p.file for p in info.value.problems] == ["--lang"]
