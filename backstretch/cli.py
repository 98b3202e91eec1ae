"""The ``backstretch`` command: list stretches, show and check routines, write handouts."""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .base.errors import BackstretchError, Problem, printable
from .base.plural import counted
from .base.yamlio import parse_yaml, read_text
from .catalogue.muscles import MUSCLE_GROUPS
from .catalogue.stretches import EQUIPMENT, POSITIONS, Catalogue, load_catalogue
from .figures.poses import poses_from_dict
from .routines.dose import dose_report
from .routines.model import format_duration
from .routines.reading import load_routine, resolve_routine_path, routine_from_dict


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="backstretch",
        description="Build, follow and check a stretching routine for the lower back. "
        "Not medical advice: stop if pain sharpens or spreads down a leg.",
    )
    p.add_argument("--catalogue", metavar="FILE", help="use this stretch catalogue instead "
                   "of the shipped one")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ls = sub.add_parser("list", help="list the stretches, optionally filtered")
    ls.add_argument("--position", choices=list(POSITIONS))
    ls.add_argument("--equipment", choices=[*EQUIPMENT, "none"],
                    help="keep stretches needing nothing more than this")
    ls.add_argument("--muscle", choices=list(MUSCLE_GROUPS))
    ls.add_argument("--json", action="store_true", help="print JSON")

    for name, text in (("show", "print a routine's timeline and total time"),
                       ("coverage", "print seconds per muscle group and the dose check")):
        c = sub.add_parser(name, help=text)
        c.add_argument("routine", metavar="ROUTINE",
                       help="a routine file, or a ready routine's name such as source-article")
        c.add_argument("--json", action="store_true", help="print JSON")

    sub.add_parser("safety", help="print the red flags (emergency first) and when to stop")

    chk = sub.add_parser("check", help="validate routine or catalogue files")
    chk.add_argument("files", nargs="+", metavar="FILE")

    ho = sub.add_parser("handout", help="write a printable handout (HTML or PDF) of a routine")
    ho.add_argument("routine", metavar="ROUTINE",
                    help="a routine file, or a ready routine's name such as source-article")
    ho.add_argument("-o", "--output", required=True, metavar="FILE",
                    help="where to write it; the suffix, .html or .pdf, picks the format")

    po = sub.add_parser("pose", help="draw a stretch's figure as SVG or PNG")
    po.add_argument("stretch", metavar="ID", help="a stretch id, such as knee-to-chest")
    po.add_argument("-o", "--output", required=True, metavar="FILE",
                    help="where to write it; the suffix, .svg or .png, picks the format")
    po.add_argument("--side", choices=["left", "right"],
                    help="the side a one-side stretch shows (default: right)")

    cl = sub.add_parser("class-link", help="print the nbgitpuller link that brings the workbook "
                        "to every student on a JupyterHub")
    cl.add_argument("--hub", required=True, metavar="URL",
                    help="the hub, like https://hub.example.org")
    cl.add_argument("--repo", metavar="URL", help="the workbook's git repository "
                    "(default: this checkout's origin remote)")
    cl.add_argument("--branch", default="main")
    cl.add_argument("--notebook", default="00_start_here",
                    help="the notebook to open, like 03_guided_session (default: 00_start_here)")
    cl.add_argument("--ui", default="lab", help="lab (the notebook) or voila (a page, no code)")
    return p


def cmd_list(args: argparse.Namespace, catalogue: Catalogue) -> int:
    found = catalogue.filter(args.position, args.equipment, args.muscle)
    if args.json:
        print(json.dumps([{"id": s.id, "name": s.name, "position": s.position,
                           "equipment": list(s.equipment), "kind": s.kind,
                           "primary": list(s.primary), "secondary": list(s.secondary)}
                          for s in found], indent=2, ensure_ascii=False))
        return 0
    width = max((len(s.id) for s in found), default=0)
    for s in found:
        print(f"{s.id:<{width}}  {s.name}  [{s.position}; {', '.join(s.primary)}]")
    print(f"{len(found)} of {len(catalogue)} stretches")
    return 0


def cmd_show(args: argparse.Namespace, catalogue: Catalogue) -> int:
    routine = load_routine(args.routine, catalogue)
    steps = routine.steps()
    if args.json:
        print(json.dumps({
            "name": routine.name, "duration": routine.duration,
            "steps": [{"start": s.start, "seconds": s.seconds, "kind": s.kind,
                       "stretch": s.stretch.id, "side": s.side, "rep": s.rep,
                       "reps": s.reps, "title": s.title, "label": s.label}
                      for s in steps],
        }, indent=2, ensure_ascii=False))
        return 0
    print(routine.name)
    print("=" * len(routine.name))
    for s in steps:
        what = s.stretch.name if s.kind == "get_ready" else f"  {s.label}"
        print(f"{s.clock:>6}  {s.seconds:>4} s  {what}")
    print(f"Total: {format_duration(routine.duration)} ({routine.duration} s), "
          + counted(len(routine.items), "stretch", "stretches"))
    return 0


def cmd_coverage(args: argparse.Namespace, catalogue: Catalogue) -> int:
    routine = load_routine(args.routine, catalogue)
    coverage = routine.coverage()
    report = dose_report(routine)
    if args.json:
        print(json.dumps({
            "name": routine.name,
            "coverage": {g: {"primary": c.primary, "secondary": c.secondary,
                             "stretch": c.stretch, "active": c.active}
                         for g, c in coverage.items()},
            "dose": {"groups": [{"group": d.group, "seconds": d.seconds, "target": d.target,
                                 "met": d.met} for d in report.groups],
                     "holds": [str(h) for h in report.holds], "ok": report.ok},
        }, indent=2, ensure_ascii=False))
        return 0
    print(f"{routine.name}: seconds of static stretch per muscle group "
          "(primary full, secondary half, less-worked side)")
    for g in MUSCLE_GROUPS.values():
        if g.id in coverage:
            c = coverage[g.id]
            active = f"  (+{c.active:g} s active)" if c.active else ""
            print(f"  {g.name:<20} {c.stretch:>6g} s{active}")
    print("\nDose check:")
    for line in report.lines():
        print(f"  {line}")
    return 0


def cmd_safety(_args: argparse.Namespace) -> int:
    from .safety.notes import terminal_text

    print(terminal_text(colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ))
    return 0


def cmd_handout(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from .handouts.files import save_handout

    routine = load_routine(args.routine, catalogue)
    path = save_handout(routine, args.output)
    print(printable(f"Wrote {path}: a handout of {routine.name!r}"))
    return 0


def cmd_pose(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from .figures.drawing import save_pose

    path = save_pose(catalogue, args.stretch, args.output, args.side)
    print(f"Wrote {path}: the figure of {catalogue[args.stretch].name!r}")
    return 0


@functools.cache
def _shipped() -> Catalogue:
    """The shipped catalogue, read once however many routines are checked."""
    return load_catalogue()


def check_file(path: str, catalogue: Catalogue | None) -> list[Problem]:
    """Problems of one routine, catalogue or poses file; [] when it is valid."""
    try:
        data = parse_yaml(read_text(path), path)
        if isinstance(data, dict) and "stretches" in data:
            Catalogue.from_dict(data, path)
        elif isinstance(data, dict) and "poses" in data:
            poses_from_dict(data, catalogue if catalogue is not None else _shipped(), path)
        else:
            routine_from_dict(data, catalogue if catalogue is not None else _shipped(), path)
    except BackstretchError as exc:
        return exc.problems
    return []


def cmd_check(args: argparse.Namespace, catalogue: Catalogue | None) -> int:
    bad = 0
    for path in args.files:
        try:
            problems = check_file(str(resolve_routine_path(path)), catalogue)
        except BackstretchError as exc:
            problems = exc.problems
        for problem in problems:
            print(_one_line(problem))
        if problems:
            bad += 1
        else:
            print(printable(f"{path}: ok"))
    return 1 if bad else 0


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def cmd_class_link(args: argparse.Namespace) -> int:
    from .classroom.link import ClassLink, origin_url

    repo = args.repo or origin_url()
    if repo is None:
        raise BackstretchError(Problem("--repo", "", "this checkout has no origin remote; give "
                                       "the workbook's repository URL with --repo"))
    print(ClassLink(args.hub, repo, args.branch, args.notebook, args.ui).url)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 invalid input, 2 usage)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "handout":
        from .handouts.files import SUFFIXES

        if Path(args.output).suffix.lower() not in SUFFIXES:
            parser.error(f"-o {args.output}: end the file name in .html or .pdf")
    try:
        catalogue = load_catalogue(args.catalogue) if args.catalogue else None
        if args.command == "check":
            return cmd_check(args, catalogue)
        if args.command == "class-link":
            return cmd_class_link(args)
        if args.command == "safety":
            return cmd_safety(args)
        command = {"list": cmd_list, "show": cmd_show, "coverage": cmd_coverage,
                   "handout": cmd_handout, "pose": cmd_pose}[args.command]
        return command(args, catalogue if catalogue is not None else load_catalogue())
    except BackstretchError as exc:
        for problem in exc.problems:
            print(_one_line(problem), file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
