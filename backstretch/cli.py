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
from .base.cli_words import argparse_speaking, lang_option, parser, spoken_language
from .base.errors import BackstretchError, Problem, printable
from .base.formats import number
from .base.language import N_, _, current, ngettext, speaking, spoken
from .base.yamlio import parse_yaml, read_text
from .catalogue.muscles import MUSCLE_GROUPS
from .catalogue.stretches import EQUIPMENT, POSITIONS, Catalogue, load_catalogue
from .figures.poses import poses_from_dict
from .handouts.html import PAPERS
from .routines.dose import dose_report
from .routines.model import format_duration
from .routines.reading import load_routine, resolve_routine_path, routine_from_dict

WROTE_POSE = {"start": N_("Wrote {path}: the start of {name}"),
              "hold": N_("Wrote {path}: the figure of {name}"),
              "all": N_("Wrote {path}: the way in of {name}")}
"""What ``pose`` says it drew, by ``--frame``."""


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
    return parser(tuple(POSITIONS), (*EQUIPMENT, "none"), tuple(MUSCLE_GROUPS), tuple(PAPERS),
                  _option)


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
    print(ngettext("{n} of {total} stretch", "{n} of {total} stretches", len(catalogue))
          .format(n=len(found), total=len(catalogue)))
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
    n = len(routine.items)
    print(_("Total: {duration} ({seconds} s), {stretches}").format(
        duration=format_duration(routine.duration), seconds=routine.duration,
        stretches=ngettext("{n} stretch", "{n} stretches", n).format(n=n)))
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
    print(_("{name}: seconds of static stretch per muscle group (primary full, secondary "
            "half, less-worked side)").format(name=routine.name))
    for g in MUSCLE_GROUPS.values():
        if g.id in coverage:
            c = coverage[g.id]
            active = "  " + _("(+{seconds} s active)").format(
                seconds=number(c.active, 2)) if c.active else ""
            print(f"  {g.name:<20} {number(c.stretch, 2):>6} s{active}")
    print("\n" + _("Dose check:"))
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
    print(printable(_("Wrote {path}: a handout of {name}").format(path=saved.path,
                                                                  name=routine.name)))
    if saved.note:
        print(printable(_("note: {note}").format(note=saved.note)), file=sys.stderr)
    return 0


def cmd_follow(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from .handouts.take_home import save_take_home

    routine = load_routine(args.routine, catalogue)
    path = save_take_home(routine, args.output)
    print(printable(_("Wrote {path}: {name}, as a page that runs the session in any browser, "
                      "offline ({size} KB)").format(path=path, name=routine.name,
                                                    size=path.stat().st_size // 1024)))
    return 0


def cmd_log(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from .log.store import SessionLog
    from .log.take_home import import_take_home

    with SessionLog() as log:
        done = import_take_home(args.file, log, catalogue)
    print(printable(_("{file}: {summary}.").format(file=args.file, summary=done.summary())))
    return 0


def cmd_pose(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from .figures.drawing import save_pose

    path = save_pose(catalogue, args.stretch, args.output, args.side, args.frame)
    print(printable(_(WROTE_POSE[args.frame]).format(path=path,
                                                      name=catalogue[args.stretch].name)))
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
            print(printable(_("{file}: ok").format(file=path)))
    return 1 if bad else 0


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def cmd_class_link(args: argparse.Namespace) -> int:
    from .classroom.link import ClassLink, origin_url

    repo = args.repo or origin_url()
    if repo is None:
        raise BackstretchError(Problem("--repo", "", _(
            "this checkout has no origin remote; give the workbook's repository URL with "
            "--repo")))
    print(ClassLink(args.hub, repo, args.branch, args.notebook, args.ui, spoken()).url)
    return 0


def _check_remind(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """What each of remind's options was checked for alone, checked together."""
    from .programme.plan import routine_list

    if Path(args.output).suffix.lower() != ".ics":
        parser.error(_("-o {file}: end the file name in .ics").format(file=args.output))
    try:
        if args.routine:
            routine_list(args.routine)
    except Invalid as exc:
        parser.error(printable(_("argument %(argument_name)s: %(message)s")
                               % {"argument_name": "--routine", "message": exc}))


def cmd_remind(args: argparse.Namespace, catalogue: Catalogue) -> int:
    import dataclasses
    from datetime import date

    from .programme.plan import (
        DEFAULT_ROUTINE,
        Plan,
        load_plan,
        plan_file,
        plan_routines,
        revised,
        routine_names,
    )
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
    print(printable(_("Wrote {path}: reminders for {routines}, {plan}. Open it, or import it "
                      "into your calendar.").format(path=path, routines=routine_names(routines),
                                                    plan=plan.describe())))
    return 0


def cmd_plan(_args: argparse.Namespace, catalogue: Catalogue) -> int:
    from datetime import date

    from .log.store import SessionLog
    from .programme.adherence import adherence
    from .programme.plan import load_plan, plan_file, plan_routines, routine_names

    plan = load_plan()
    if plan is None:
        print(_("No plan saved yet: make one in notebook 04, or write reminders with "
                "backstretch remind."))
        return 0
    names = routine_names(plan_routines(plan, catalogue, str(plan_file())))
    print(printable(_("{routines}: {plan}").format(routines=names, plan=plan.describe())))
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
    with argparse_speaking():
        code, rest = lang_option(sys.argv[1:] if argv is None else argv)
        try:
            language = spoken_language(code) if code else current()
        except BackstretchError as exc:
            _parser().error(str(exc.problems[0]))
        with speaking(language):
            return _run(_parser(), rest)


def _run(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    args = parser.parse_args(argv)
    if args.command == "handout":
        from .handouts.files import SUFFIXES

        if Path(args.output).suffix.lower() not in SUFFIXES:
            parser.error(_("-o {file}: end the file name in .html or .pdf").format(
                file=args.output))
    if args.command == "remind":
        _check_remind(parser, args)
    if args.command == "follow" and Path(args.output).suffix.lower() not in (".html", ".htm"):
        parser.error(_("-o {file}: end the file name in .html").format(file=args.output))
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
