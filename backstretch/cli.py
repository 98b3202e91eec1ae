"""The ``backstretch`` command: list stretches, show and check routines, write handouts."""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .base.checks import Invalid
from .base.errors import BackstretchError, Problem, printable
from .base.formats import counted
from .base.yamlio import parse_yaml, read_text
from .catalogue.muscles import MUSCLE_GROUPS
from .catalogue.stretches import EQUIPMENT, POSITIONS, Catalogue, load_catalogue
from .figures.poses import poses_from_dict
from .handouts.html import PAPERS
from .routines.dose import dose_report
from .routines.model import format_duration
from .routines.reading import load_routine, resolve_routine_path, routine_from_dict


def _option(checker: str) -> Callable[[str], Any]:
    """An argparse ``type`` checking an option's value with ``programme.plan``'s checker of that
    name: a bad value is a usage error (exit 2) saying what would be valid."""
    def convert(text: str) -> Any:
        from .programme import plan

        try:
            return getattr(plan, checker)(text)
        except Invalid as exc:
            raise argparse.ArgumentTypeError(printable(str(exc))) from None
    return convert


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
    ho.add_argument("--paper", choices=tuple(PAPERS), default="a4",
                    help="the paper it prints on (default: a4)")

    fo = sub.add_parser("follow", help="write a routine's guided session as one web page that "
                        "runs anywhere, offline (a phone too)",
                        description="Write one self-contained HTML file that plays the routine "
                        "as the workbook's timer does: countdown, voice, beeps, checklist, pain "
                        "before and after, and the safety notes. It needs no kernel and no "
                        "network; its sessions download as a file for 'backstretch log import'.")
    fo.add_argument("routine", metavar="ROUTINE",
                    help="a routine file, or a ready routine's name such as desk-break")
    fo.add_argument("-o", "--output", required=True, metavar="FILE",
                    help="where to write it, ending in .html")

    lg = sub.add_parser("log", help="the session log: import sessions done with a take-home page")
    lsub = lg.add_subparsers(dest="log_command", required=True, metavar="ACTION")
    imp = lsub.add_parser("import", help="add the sessions a take-home page downloaded")
    imp.add_argument("file", metavar="FILE", help="the sessions file the page downloaded (.json)")

    po = sub.add_parser("pose", help="draw a stretch's figure as SVG or PNG")
    po.add_argument("stretch", metavar="ID", help="a stretch id, such as knee-to-chest")
    po.add_argument("-o", "--output", required=True, metavar="FILE",
                    help="where to write it; the suffix, .svg or .png, picks the format")
    po.add_argument("--side", choices=["left", "right"],
                    help="the side a one-side stretch shows (default: right)")
    po.add_argument("--frame", choices=["start", "hold", "all"], default="hold",
                    help="the moment drawn: where a person starts, the hold (the default), "
                    "or all the way in's key frames side by side")

    rm = sub.add_parser(
        "remind", help="write a plan's reminders as a calendar file (.ics) to import",
        description="Write your plan's days and time as a weekly event with an alarm, in an "
        "iCalendar file that a phone, Google Calendar or Outlook imports. Each option left out "
        "comes from your saved plan (notebook 04), or without one: daily-back-care on "
        "mon,wed,fri at 07:30 for 6 weeks from today. The saved plan is not changed.")
    rm.add_argument("--days", metavar="DAYS", type=_option("weekday_list"),
                    help="reminder days, like mon,wed,fri: one for each day a week you plan")
    rm.add_argument("--at", metavar="HH:MM", type=_option("clock_time"),
                    help="your local time, like 07:30")
    rm.add_argument("--weeks", metavar="N", type=_option("week_count"),
                    help="how many weeks, 1 to 52")
    rm.add_argument("--routine", action="append", metavar="ROUTINE",
                    type=_option("routine_reference"),
                    help="a ready routine's name or a routine file; give it twice for two")
    rm.add_argument("--start", metavar="DATE", type=_option("start_day"),
                    help="the plan's first day, like 2026-11-30 (default: today)")
    rm.add_argument("-o", "--output", required=True, metavar="FILE",
                    help="where to write it, ending in .ics")

    sub.add_parser("plan", help="print your saved plan and how the weeks stand against it")

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
    saved = save_handout(routine, args.output, args.paper)
    print(printable(f"Wrote {saved.path}: a handout of {routine.name}"))
    if saved.note:
        print(printable(f"note: {saved.note}"), file=sys.stderr)
    return 0


def cmd_follow(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from .handouts.take_home import save_take_home

    routine = load_routine(args.routine, catalogue)
    path = save_take_home(routine, args.output)
    print(printable(f"Wrote {path}: {routine.name}, as a page that runs the session in any "
                    f"browser, offline ({path.stat().st_size // 1024} KB)"))
    return 0


def cmd_log(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from .log.store import SessionLog
    from .log.take_home import import_take_home

    with SessionLog() as log:
        done = import_take_home(args.file, log, catalogue)
    print(printable(f"{args.file}: {done.summary()}."))
    return 0


def cmd_pose(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from .figures.drawing import save_pose

    path = save_pose(catalogue, args.stretch, args.output, args.side, args.frame)
    what = {"start": "the start", "hold": "the figure", "all": "the way in"}[args.frame]
    print(printable(f"Wrote {path}: {what} of {catalogue[args.stretch].name}"))
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


def _check_remind(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """What each of remind's options was checked for alone, checked together."""
    from .programme.plan import routine_list

    if Path(args.output).suffix.lower() != ".ics":
        parser.error(f"-o {args.output}: end the file name in .ics")
    try:
        if args.routine:
            routine_list(args.routine)
    except Invalid as exc:
        parser.error(printable(f"argument --routine: {exc}"))


def cmd_remind(args: argparse.Namespace, catalogue: Catalogue) -> int:
    import dataclasses
    from datetime import date

    from .programme.plan import DEFAULT_ROUTINE, Plan, load_plan, plan_file, plan_routines
    from .programme.plan import revised, routine_names
    from .programme.reminders import write_reminders

    saved = load_plan()
    given = {"routines": tuple(args.routine) if args.routine else None,
             "reminder_days": args.days, "days_per_week": len(args.days) if args.days else None,
             "reminder_time": args.at, "weeks": args.weeks, "start": args.start}
    changes = {k: v for k, v in given.items() if v is not None}
    start = args.start or date.today()  # unsaved, it is this day's plan: its events update
    plan = dataclasses.replace(saved or Plan((DEFAULT_ROUTINE,), start,
                                             id=f"unsaved-{start.isoformat()}"), **changes)
    file = "--routine" if args.routine or saved is None else str(plan_file())
    routines = plan_routines(plan, catalogue, file)
    path = write_reminders(revised(plan, saved), routines, args.output)
    print(printable(f"Wrote {path}: reminders for {routine_names(routines)}, "
                    f"{plan.describe()}. Open it, or import it into your calendar."))
    return 0


def cmd_plan(_args: argparse.Namespace, catalogue: Catalogue) -> int:
    from datetime import date

    from .programme.adherence import adherence
    from .programme.plan import load_plan, plan_file, plan_routines, routine_names
    from .log.store import SessionLog

    plan = load_plan()
    if plan is None:
        print("No plan saved yet: make one in notebook 04, or write reminders with "
              "backstretch remind.")
        return 0
    names = routine_names(plan_routines(plan, catalogue, str(plan_file())))
    print(printable(f"{names}: {plan.describe()}"))
    today = date.today()
    with SessionLog() as log:
        progress = adherence(plan, log.weekly(until=today), today)
    print(progress.summary())
    for line in progress.lines():
        print(f"  {line}")
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
    if args.command == "remind":
        _check_remind(parser, args)
    if args.command == "follow" and Path(args.output).suffix.lower() not in (".html", ".htm"):
        parser.error(f"-o {args.output}: end the file name in .html")
    try:
        catalogue = load_catalogue(args.catalogue) if args.catalogue else None
        if args.command == "check":
            return cmd_check(args, catalogue)
        if args.command == "class-link":
            return cmd_class_link(args)
        if args.command == "safety":
            return cmd_safety(args)
        command = {"list": cmd_list, "show": cmd_show, "coverage": cmd_coverage,
                   "handout": cmd_handout, "pose": cmd_pose, "remind": cmd_remind,
                   "plan": cmd_plan, "follow": cmd_follow, "log": cmd_log}[args.command]
        return command(args, catalogue if catalogue is not None else load_catalogue())
    except BackstretchError as exc:
        for problem in exc.problems:
            print(_one_line(problem), file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
