"""Checkers no one here wrote, run on a PDF: poppler's pdfinfo, pdftotext and pdftoppm,
qpdf, and the PDF/UA checker pdfua. A test that needs one skips where it is missing,
except in CI (``CI`` or ``BACKSTRETCH_REQUIRE_BROWSER`` set, as ``.ci/run`` does), where
``make test`` has installed them (scripts/ensure-pdf), so it fails instead."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def _in_ci() -> bool:
    return bool(os.environ.get("CI")) or \
        os.environ.get("BACKSTRETCH_REQUIRE_BROWSER", "") not in ("", "0")


def tool(name: str) -> str:
    """The path of a command-line tool, or skip (fail in CI) without it."""
    found = shutil.which(name) or (str(BIN / name) if (BIN / name).exists() else None)
    if found is None:
        message = f"{name} is not installed (make test installs it: scripts/ensure-pdf)"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


def run(*args: str | Path) -> str:
    out = subprocess.run([tool(str(args[0])), *map(str, args[1:])], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, (args, out.stdout[-2000:], out.stderr[-2000:])
    return out.stdout


def pdf_text(path: Path, page: int | None = None) -> str:
    """pdftotext's reading of the PDF (or of one page, from 1), spaces flattened."""
    where = ("-f", str(page), "-l", str(page)) if page else ()
    return " ".join(run("pdftotext", *where, "-enc", "UTF-8", path, "-").split())


def pdf_info(path: Path) -> dict[str, str]:
    return {k.strip(): v.strip() for k, _, v in
            (line.partition(":") for line in run("pdfinfo", path).splitlines())}


def pages(path: Path) -> int:
    return int(pdf_info(path)["Pages"])


@dataclass(frozen=True)
class Tag:
    """One structure element as ``pdfinfo -struct-text`` prints it."""

    depth: int
    role: str
    text: str
    """The text of the element and everything under it, in the tree's order."""


def tags(path: Path) -> list[Tag]:
    """Every structure element in the tree's order, with the text under it."""
    out: list[tuple[int, str, list[str]]] = []
    open_: list[tuple[int, str, list[str]]] = []
    for line in run("pdfinfo", "-struct-text", path).splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        open_ = [e for e in open_ if e[0] < depth]
        if body.startswith('"'):
            for element in open_:
                element[2].append(body[1:-1])
        else:
            element = (depth, re.split(r"[\s:(]", body, maxsplit=1)[0], [])
            open_.append(element)
            out.append(element)
    return [Tag(d, role, " ".join(" ".join(texts).split())) for d, role, texts in out]


def pdfua(path: Path) -> dict:
    """pdfua's findings as JSON (exit code 0 to 3 is a verdict; 4 or 5 is a failure)."""
    out = subprocess.run([tool("pdfua"), "check", "--format", "json", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode < 4, out.stderr
    return json.loads(out.stdout)


def qpdf_check(path: Path) -> str:
    return run("qpdf", "--check", path)


@dataclass(frozen=True)
class Element:
    """One structure element as pikepdf reads it: its role, alt text and attributes."""

    role: str
    alt: str
    id: str
    attributes: dict[str, str | list[str]]
    kids: tuple[Element, ...]

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()


def structure(path: Path) -> Element:
    """The PDF's structure tree (its /Document element and all below), by pikepdf."""
    pikepdf = pytest.importorskip("pikepdf")

    def read(node) -> Element | None:  # noqa: ANN001 - a pikepdf object
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            return None  # marked content (an integer) or an object reference
        kids = node.get("/K", [])
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        attrs = dict(node.get("/A", {}))
        return Element(str(node.S)[1:], str(node.get("/Alt", "")), str(node.get("/ID", "")),
                       {str(k)[1:]: [str(x) for x in v] if isinstance(v, pikepdf.Array)
                        else str(v) for k, v in attrs.items()},
                       tuple(e for e in map(read, kids) if e is not None))

    with pikepdf.open(path) as pdf:
        root = pdf.Root.StructTreeRoot.K
        return read(root[0] if isinstance(root, pikepdf.Array) else root)


def untreed_marks(path: Path) -> list[tuple[int, int]]:
    """(page, MCID) of each tagged marked-content sequence whose structure element the
    tree does not reach: content that is neither read nor an artifact."""
    pikepdf = pytest.importorskip("pikepdf")
    from backstretch.handouts.artifacts import MARKED, _reachable

    out = []
    with pikepdf.open(path) as pdf:
        tree = pdf.Root.StructTreeRoot
        reachable = _reachable(tree.K)
        parents = dict(zip(map(int, tree.ParentTree.Nums[::2]), tree.ParentTree.Nums[1::2]))
        for n, page in enumerate(pdf.pages):
            kids = parents[int(page.StructParents)]
            contents = page.Contents if isinstance(page.Contents, pikepdf.Array) \
                else [page.Contents]
            for mcid in (int(m[1]) for c in contents for m in MARKED.finditer(c.read_bytes())):
                if kids[mcid].objgen not in reachable:
                    out.append((n + 1, mcid))
    return out
