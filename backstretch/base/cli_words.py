"""The ``backstretch`` command's words, in the person's language: its options and their
help (``parser``), ``--lang`` (read before anything is shown), and argparse's own words
(usage, its error messages) from the workbook's catalogue.

argparse asks the ``gettext`` module for its words, with no catalogue of ours; while
``argparse_speaking`` is open, it asks ours instead (its messages are listed below, so the
extractor puts them in the catalogue).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .errors import BackstretchError, Problem
from .formats import own_name
from .language import N_, SOURCE, Language, _, available, ngettext, parse, spoken

ARGPARSE_WORDS = (
    # TRANSLATORS: argparse's own words (Python's standard library), shown by the
    # backstretch command: keep each %(name)s, %s and %r as it is, and the final newline.
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)
"""argparse's messages a person may meet, as the standard library writes them."""


def _argparse_plural() -> str:
    """Never called: shows the extractor argparse's one counted message."""
    return ngettext("expected %s argument", "expected %s arguments", 2)


@contextlib.contextmanager
def argparse_speaking() -> Iterator[None]:
    """Inside the block, argparse (its parsers made and run there) speaks the current
    language; it goes back to the standard library's words after."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def lang_option(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """``--lang CODE`` (or ``--lang=CODE``) from anywhere in ``argv``, and the rest of it
    (the last one given counts)."""
    found = argparse.ArgumentParser(prog="backstretch", add_help=False, allow_abbrev=False)
    found.add_argument("--lang", metavar=_("CODE"))
    known, rest = found.parse_known_args(list(argv))
    return known.lang, rest


def spoken_language(code: str) -> Language:
    """The language ``code`` names, if the workbook speaks it (by its language alone too:
    ``de_AT`` speaks ``de``); else a BackstretchError listing the ones it speaks."""
    try:
        language = parse(code)
    except BackstretchError:
        language = None
    if language is not None and (language.language == SOURCE or spoken(language) != SOURCE):
        return language
    raise BackstretchError(Problem("--lang", "", _(
        "{code} is not a language backstretch speaks; choose one of {languages}").format(
            code=repr(code), languages=languages())))


def languages() -> str:
    """The languages the workbook speaks, each by its code and its own name:
    'en (English), de (Deutsch), es (español), fr (français)'."""
    return ", ".join(f"{code} ({own_name(code)})" for code in available())


def parser(positions: Sequence[str], equipment: Sequence[str], muscles: Sequence[str],
           papers: Sequence[str], option: Callable[[str], Callable[[str], Any]],
           ) -> argparse.ArgumentParser:
    """The ``backstretch`` command's parser, its words in the current language (made inside
    ``argparse_speaking``, argparse's own words are too). The choices are the catalogue's
    ``positions``, ``equipment`` and ``muscles`` ids, the handouts' ``papers``; ``option``
    gives the ``type`` that checks an option by the plan's checker of that name."""
    p = argparse.ArgumentParser(prog="backstretch", description=_(
        "Build, follow and check a stretching routine for the lower back. "
        "Not medical advice: stop if pain sharpens or spreads down a leg."))
    # TRANSLATORS: FILE, ROUTINE, CODE, COMMAND, ACTION, DAYS, HH:MM and DATE stand for
    # what a person types, in the command's usage line: capitals, no spaces.
    file, routine, json_help = _("FILE"), _("ROUTINE"), _("print JSON")
    a_routine = _("a routine file, or a ready routine's name such as {name}")
    p.add_argument("--catalogue", metavar=file, help=_("use this stretch catalogue instead "
                                                       "of the shipped one"))
    p.add_argument("--lang", metavar=_("CODE"), help=_(
        "speak this language, like es, de or fr (default: BACKSTRETCH_LANG, else the "
        "system's); it may come after the command too"))
    sub = p.add_subparsers(dest="command", required=True, metavar=_("COMMAND"))

    ls = sub.add_parser("list", help=_("list the stretches, optionally filtered"))
    ls.add_argument("--position", choices=list(positions))
    ls.add_argument("--equipment", choices=list(equipment),
                    help=_("keep stretches needing nothing more than this"))
    ls.add_argument("--muscle", choices=list(muscles))
    ls.add_argument("--json", action="store_true", help=json_help)

    for name, text in (("show", _("print a routine's timeline and total time")),
                       ("coverage", _("print seconds per muscle group and the dose check"))):
        c = sub.add_parser(name, help=text)
        c.add_argument("routine", metavar=routine, help=a_routine.format(name="source-article"))
        c.add_argument("--json", action="store_true", help=json_help)

    sub.add_parser("safety", help=_("print the red flags (emergency first) and when to stop"))

    chk = sub.add_parser("check", help=_("validate routine or catalogue files"))
    chk.add_argument("files", nargs="+", metavar=file)

    ho = sub.add_parser("handout", help=_("write a printable handout (HTML or PDF) of a routine"))
    ho.add_argument("routine", metavar=routine, help=a_routine.format(name="source-article"))
    ho.add_argument("-o", "--output", required=True, metavar=file,
                    help=_("where to write it; the suffix, .html or .pdf, picks the format"))
    ho.add_argument("--paper", choices=list(papers), default="a4",
                    help=_("the paper it prints on (default: a4)"))

    fo = sub.add_parser("follow", help=_("write a routine's guided session as one web page "
                                         "that runs anywhere, offline (a phone too)"),
                        description=_(
                            "Write one self-contained HTML file that plays the routine as the "
                            "workbook's timer does: countdown, voice, beeps, checklist, pain "
                            "before and after, and the safety notes. It needs no kernel and "
                            "no network; its sessions download as a file for 'backstretch log "
                            "import'."))
    fo.add_argument("routine", metavar=routine, help=a_routine.format(name="desk-break"))
    fo.add_argument("-o", "--output", required=True, metavar=file,
                    help=_("where to write it, ending in .html"))

    lg = sub.add_parser("log", help=_("the session log: import sessions done with a take-home "
                                      "page"))
    lsub = lg.add_subparsers(dest="log_command", required=True, metavar=_("ACTION"))
    imp = lsub.add_parser("import", help=_("add the sessions a take-home page downloaded"))
    imp.add_argument("file", metavar=file,
                     help=_("the sessions file the page downloaded (.json)"))

    po = sub.add_parser("pose", help=_("draw a stretch's figure as SVG or PNG"))
    po.add_argument("stretch", metavar="ID", help=_("a stretch id, such as knee-to-chest"))
    po.add_argument("-o", "--output", required=True, metavar=file,
                    help=_("where to write it; the suffix, .svg or .png, picks the format"))
    po.add_argument("--side", choices=["left", "right"],
                    help=_("the side a one-side stretch shows (default: right)"))
    po.add_argument("--frame", choices=["start", "hold", "all"], default="hold",
                    help=_("the moment drawn: where a person starts, the hold (the default), "
                           "or all the way in's key frames side by side"))

    rm = sub.add_parser(
        "remind", help=_("write a plan's reminders as a calendar file (.ics) to import"),
        description=_(
            "Write your plan's days and time as a weekly event with an alarm, in an "
            "iCalendar file that a phone, Google Calendar or Outlook imports. Each option left "
            "out comes from your saved plan (notebook 04), or without one: daily-back-care on "
            "mon,wed,fri at 07:30 for 6 weeks from today. The saved plan is not changed."))
    rm.add_argument("--days", metavar=_("DAYS"), type=option("weekday_list"),
                    help=_("reminder days, like mon,wed,fri: one for each day a week you plan"))
    rm.add_argument("--at", metavar=_("HH:MM"), type=option("clock_time"),
                    help=_("your local time, like 07:30"))
    rm.add_argument("--weeks", metavar="N", type=option("week_count"),
                    help=_("how many weeks, 1 to 52"))
    rm.add_argument("--routine", action="append", metavar=routine,
                    type=option("routine_reference"),
                    help=_("a ready routine's name or a routine file; give it twice for two"))
    rm.add_argument("--start", metavar=_("DATE"), type=option("start_day"),
                    help=_("the plan's first day, like 2026-11-30 (default: today)"))
    rm.add_argument("-o", "--output", required=True, metavar=file,
                    help=_("where to write it, ending in .ics"))

    sub.add_parser("plan", help=_("print your saved plan and how the weeks stand against it"))

    cl = sub.add_parser("class-link", help=_(
        "print the nbgitpuller link that brings the workbook to every student on a "
        "JupyterHub, its notebooks in the language the command speaks (--lang)"))
    cl.add_argument("--hub", required=True, metavar="URL",
                    help=_("the hub, like https://hub.example.org"))
    cl.add_argument("--repo", metavar="URL", help=_("the workbook's git repository "
                                                    "(default: this checkout's origin remote)"))
    cl.add_argument("--branch", default="main", metavar=_("BRANCH"), help=_(
        "the branch of that repository (default: main)"))
    cl.add_argument("--notebook", default="00_start_here", metavar=_("NOTEBOOK"), help=_(
        "the notebook to open, like 03_guided_session (default: 00_start_here)"))
    cl.add_argument("--ui", default="lab", choices=("lab", "voila"), help=_("lab (the notebook) or voila (a page, no "
                                                  "code)"))
    return p
