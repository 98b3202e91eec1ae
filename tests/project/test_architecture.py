"""The package's floor plan (docs/architecture.md): each wing imports only wings below it,
and no module imports itself round a circle, not even for type hints."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "backstretch"
TESTS = ROOT / "tests"
ACROSS_WINGS = {
    "browser": "the Playwright tests, in JupyterLab, Voila and the take-home page",
    "hub": "the class hub (deploy/) and its Kubernetes values",
    "cli": "the command line (the package root's cli) and its corpus of bad files",
    "hostile": "hostile files, file systems and values, through every wing",
    "project": "the floor plan, packaging, notebooks, prose counts and benchmarks",
}
"""The test folders that are not a wing of the package, and what each holds."""

LEVELS: dict[str, int] = {
    "base": 0,
    "safety": 1,
    "catalogue": 2,
    "routines": 3,
    "figures": 3,
    "guided": 4,
    "planner": 4,
    "classroom": 4,
    "log": 5,
    "programme": 6,
    "charts": 7,
    "sharing": 7,
    "handouts": 8,
    "widgets": 9,
    "": 10,  # __init__, __main__ and cli at the package root
}
"""A wing may import its own modules and those of wings on a lower level, never a wing
on its own level or above (the table in docs/architecture.md)."""


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(("backstretch", *parts))] = path
    return out


MODULES = modules()


def imports_of(name: str) -> set[str]:
    """Every backstretch module ``name`` imports, anywhere in it (type hints included)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in MODULES and m != name}


def wing(name: str) -> str:
    parts = name.split(".")
    if len(parts) == 2 and MODULES[name].name != "__init__.py":
        return ""  # a module at the package root
    return parts[1] if len(parts) > 1 else ""


def test_every_module_belongs_to_a_known_wing():
    assert {wing(m) for m in MODULES} == set(LEVELS)
    root = {m for m in MODULES if wing(m) == ""}
    assert root == {"backstretch", "backstretch.__main__", "backstretch.cli"}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_a_wing_on_its_level_or_above(name):
    own = wing(name)
    upward = sorted(m for m in imports_of(name)
                    if wing(m) != own and LEVELS[wing(m)] >= LEVELS[own])
    assert not upward, f"{name} ({own or 'root'}) imports {upward}"


def test_no_import_circle():
    graph = {m: imports_of(m) for m in MODULES}
    # a package's __init__ re-exporting its own modules is not a circle back into them
    for m in graph:
        graph[m] = {t for t in graph[m] if not (MODULES[t].name == "__init__.py"
                                                and m.startswith(t + "."))}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                raise AssertionError("import circle: " + " -> ".join(path[path.index(t):] + [t]))
            if t not in state:
                visit(t)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small(name):
    lines = MODULES[name].read_text().count("\n")
    assert lines <= 400, f"{name} has {lines} lines; split it by idea"


def test_the_tests_are_laid_out_as_the_package_is():
    """A folder of tests per wing (``tests/log/`` for ``backstretch/log/``), and the few
    that cut across wings in their own; no test file at the top of ``tests/``."""
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and any(p.glob("test_*.py"))}
    wings = {w for w in LEVELS if w}
    assert folders == wings | set(ACROSS_WINGS), (
        f"missing: {sorted(wings | set(ACROSS_WINGS) - folders)}, "
        f"unknown: {sorted(folders - wings - set(ACROSS_WINGS))}")
    assert not sorted(TESTS.glob("test_*.py")), "a test file at the top of tests/"
