"""The nbgitpuller link an instructor hands a class: the workbook, fresh, in each student's hub.

A click on the link makes the hub start the student's server, clone (or update) the
workbook's repository into their home with nbgitpuller, and open one notebook: the
English one, or the same notebook in the language asked for (``notebooks/de/``), which
speaks that language. Pure text: no network, no widgets.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from ..base.errors import BackstretchError, Problem
from ..base.language import SOURCE, _

NOTEBOOKS = ("00_start_here", "01_catalogue", "02_build_a_routine", "03_guided_session",
             "04_progress", "05_class_mode")
UIS = {"lab": "lab/tree", "voila": "voila/render"}
REPO_SCHEMES = ("https", "http", "git", "ssh")


@dataclass(frozen=True)
class ClassLink:
    """What the link points to; ``url`` assembles it."""

    hub: str
    repo: str
    branch: str = "main"
    notebook: str = "00_start_here"
    ui: str = "lab"
    lang: str = SOURCE
    """The notebooks' language: ``en`` opens ``notebooks/``, ``de`` ``notebooks/de/``."""

    def __post_init__(self) -> None:
        problems = []
        hub = urlsplit(self.hub.strip())
        if hub.scheme not in ("http", "https") or not hub.netloc:
            problems.append(Problem("--hub", "", _(
                "{hub} is not a hub address; give one like https://hub.example.org").format(
                    hub=repr(self.hub))))
        repo = urlsplit(self.repo.strip())
        if repo.scheme not in REPO_SCHEMES or not repo.netloc or not self.repo_dir:
            problems.append(Problem("--repo", "", _(
                "{repo} is not a git repository URL; give one like "
                "https://git.example.org/you/backstretch").format(repo=repr(self.repo))))
        if not re.fullmatch(r"[\w][\w./-]*", self.branch) or ".." in self.branch:
            problems.append(Problem("--branch", "", _("{branch} is not a branch name").format(
                branch=repr(self.branch))))
        if self.notebook.removesuffix(".ipynb") not in NOTEBOOKS:
            problems.append(Problem("--notebook", "", _(
                "{notebook} is not a workbook notebook; choose one of {notebooks}").format(
                    notebook=repr(self.notebook), notebooks=", ".join(NOTEBOOKS))))
        if self.ui not in UIS:
            problems.append(Problem("--ui", "", _("{ui}: choose lab or voila").format(
                ui=repr(self.ui))))
        if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", self.lang):
            problems.append(Problem("--lang", "", _("{code} is not a language code (try es, de, "
                                                    "fr or es_MX)").format(code=repr(self.lang))))
        if problems:
            raise BackstretchError(problems)

    @property
    def repo_dir(self) -> str:
        """The folder the clone lands in: the repository's name, without ``.git``.

        Sent as ``targetpath``: nbgitpuller's own default would keep the ``.git``."""
        name = posixpath.basename(urlsplit(self.repo.strip()).path.rstrip("/"))
        return name.removesuffix(".git")

    @property
    def urlpath(self) -> str:
        """Where the student lands once the pull is done, relative to their server."""
        notebook = self.notebook.removesuffix(".ipynb") + ".ipynb"
        folder = "notebooks" if self.lang == SOURCE else f"notebooks/{self.lang}"
        return f"{UIS[self.ui]}/{self.repo_dir}/{folder}/{notebook}"

    @property
    def url(self) -> str:
        hub = self.hub.strip().rstrip("/")
        return (f"{hub}/hub/user-redirect/git-pull?repo={quote(self.repo.strip(), safe='')}"
                f"&branch={quote(self.branch, safe='')}&targetpath={quote(self.repo_dir, safe='')}"
                f"&urlpath={quote(self.urlpath, safe='/')}")


def origin_url(checkout: Path | None = None) -> str | None:
    """The ``origin`` remote of the git checkout backstretch runs from, if there is one."""
    where = checkout or Path(__file__).resolve().parents[2]
    try:
        out = subprocess.run(["git", "-C", str(where), "remote", "get-url", "origin"],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return out.stdout.strip() or None
