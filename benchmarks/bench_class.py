"""How big a class one machine holds: N students on the local hub, all pressing Start at once.

For each class size (10, 20, 40, 60, 80 by default), on the hub of ``make hub``: N
students sign up, are approved by the instructor, sign in (each a system account of
their own, as on the hub) and follow the nbgitpuller link together (spawn time), open
03_guided_session and run it; then all press Start in the same instant and the class is
watched for WATCH_S seconds, over the first three step changes. Meanwhile a few real
Chromium pages press Start in that same instant too: the instructor's class view
(Voila, 05_class_mode) and LAB_PAGES students' 03 in JupyterLab, signed up once and
kept open from size to size.

Two designs, in the same run, size by size on two hubs side by side (one class at a time):

- ``after``: this checkout. The page plays the session (issue 23): each of the N
  students is a simulated page (tests/simulated_class.py, ``SimulatedPage``) that sends the
  kernel ``start`` and a ``tick`` at each step's deadline, as player.js does, and times
  each acknowledgement (``position.heard``).
- ``before``: commit BEFORE_COMMIT, the kernel-driven design (the kernel ran the clock
  and sent every step change): its package (``git archive``) comes first on the students'
  kernels' PYTHONPATH, its notebooks are what the link hands out, and each student
  presses the kernel's Start button and watches the kernel's countdown, as its own
  bench did.

Reported per size and design: the step-change lag AT THE PAGE (in the Chromium pages:
when the new step's time was drawn minus when it was due, i.e. the page's own Start
click plus the step's start in the timeline; and, after, the player's own log
``window.backstretchSteps``), how late every second of the countdown was drawn there
(and how often 0:00 was drawn between two steps), how long the kernels took to answer
(after: to acknowledge each event; before: the step change at the client minus when it
was due), the kernel messages per student per second during a hold, the kernels' CPU
per student while timing, memory (PSS) per student, spawn time and the load; then the
issue's goal lines. Then a class of 40 (``--sharing``) shares its week with the
instructor in the same instant, on this checkout's hub (benchmarks/share_load.py): the
sharing service's response times and memory, and the instructor's view's load time
(``--sharing-only`` measures that alone). Without the commit (no git history) it
measures ``after`` only and says so. Bounded: it stops after the last size, when memory would run short, or past
its time budget (about 30 minutes for the default sizes and both designs).

    .venv/bin/python benchmarks/bench_class.py [SIZES ...] [--budget-s 3600]
        [--designs after,before] [--before-commit 1601c6b] [--sharing 40] [--sharing-only]
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from quick import sized  # benchmarks/quick.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "deploy" / "local"), str(ROOT / "tests")]
import accounts  # noqa: E402
import browser_fixtures as bf  # noqa: E402
import classhub  # noqa: E402
import hub_settings as hs  # noqa: E402
from browser_fixtures import _children as descendants  # noqa: E402
from simulated_class import (  # noqa: E402
    CLICK_AT,
    ClassroomError,
    Instructor,
    SimulatedPage,
    Student,
    countdown_late,
    join_class,
    page_record,
    percentile,
    serve_notebooks,
    sign_in_page,
    watch_page,
)

from share_load import sharing_lines, sharing_round  # noqa: E402

from backstretch import load_routine  # noqa: E402

NOTEBOOK = f"backstretch/notebooks/{hs.STUDENT_NOTEBOOK}.ipynb"
BEFORE_COMMIT = "1601c6b"
WATCH_S = sized(21.0, 11.5)  # from Start: over the step changes at 10, 15 and 20 s
HOLD_S = (11.0, 15.0)  # the first hold of source-article runs from 10 to 15 s: 1 s in
LAB_PAGES = sized(2, 1)
GOAL_P99_S = 0.050  # the goal: p99 step-change lag at 80 students
FRAME_S = 0.020  # and step changes on time within one frame
TICK_S = os.sysconf("SC_CLK_TCK")
LAB = (".bs-timer .bs-countdown", ".bs-timer .bs-start", ".bs-timer .bs-reset")
CLASS_VIEW = (".bs-class-view .bs-class-countdown", ".bs-class-view .bs-start",
              ".bs-class-view .bs-reset")
ROUTINE = {"lab": "source-article", "class": "daily-back-care"}
"""The routine each page opens with (03's picker, 05's)."""


def pss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_s(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError, ValueError):
            pass
    return total / TICK_S


def mem_available_mib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return 0.0


def student_servers(hub, names: set[str]) -> list[int]:
    """The pids of these students' servers and their kernels (children of the hub)."""
    pids = []
    for pid in descendants(hub.proc.pid):
        try:
            env = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        users = [e[5:].decode() for e in env if e.startswith(b"USER=")]
        if users and users[0] in {accounts.system_name(n) for n in names}:
            pids.append(pid)
    return pids


def kernels(pids: list[int]) -> list[int]:
    """Of ``pids``, the kernels."""
    found = []
    for pid in pids:
        try:
            if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            pass
    return found


@dataclass
class Design:
    """One design on a hub of its own, with its Chromium pages."""

    name: str
    hub: classhub.ClassHub
    instructor: Instructor
    package: Path
    """Where its kernels import backstretch from."""
    pages: dict[str, tuple[object, tuple[str, str, str], str]] = field(default_factory=dict)
    """who -> (Playwright page, (countdown, Start, Reset) selectors, routine)."""

    @property
    def tag(self) -> str:
        return self.name[0]


def old_package(commit: str) -> Path:
    """``commit``'s package and data, unpacked (and compiled) where every account reads it."""
    dest = Path(tempfile.mkdtemp(prefix="bs-before-", dir="/tmp"))
    dest.chmod(0o755)
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "backstretch", "data"],
                         check=True, capture_output=True, timeout=120).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=tar, check=True, timeout=120)
    compileall.compile_dir(dest / "backstretch", quiet=1)
    return dest


def start_design(name: str, base: Path, package: Path | None, commit: str) -> Design:
    """A hub for ``name``: its kernels import ``package`` first (None: this checkout)."""
    saved = os.environ.get("PYTHONPATH")
    if package is not None:  # the hub passes PYTHONPATH on to every server and kernel
        os.environ["PYTHONPATH"] = str(package)
    try:
        hub = classhub.start_class_hub(base, admin=f"bench-{name}")
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved
    if package is None:
        serve_notebooks(hub.git_repo, ROOT, branch=hs.BRANCH)
    else:
        serve_notebooks(hub.git_repo, ROOT, commit=commit, branch=hs.BRANCH)
    instructor = Instructor(hub.url, hub.admin, hub.admin_password)
    instructor.sign_in()
    return Design(name, hub, instructor, package or ROOT)


RAN = """() => {
    const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
    const prompts = nb ? [...nb.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')] : [];
    const failed = nb && [...nb.querySelectorAll('.jp-OutputArea-output')]
        .some(o => o.textContent.includes('Traceback'));
    return failed ? 'failed' : prompts.length && prompts.every(p => /\\[\\d+\\]/.test(p.textContent))
        ? 'done' : prompts.some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent)) ? 'running' : '';
}"""


def run_all_cells(page) -> None:
    """Run > Run All Cells, through the menu (again if a Lab just opened let it pass by,
    and choosing Python 3 if it asks for a kernel), then wait until every cell has run."""
    for _attempt in range(3):
        if page.locator(".jp-Dialog", has_text="Select Kernel").count():
            page.locator(".jp-Dialog .jp-mod-accept").click()  # its preferred one: Python 3
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-item .lm-Menu-itemLabel",
                     has_text=re.compile(r"^Run All Cells$")).click()
        began = time.monotonic()
        while not page.evaluate(RAN) and time.monotonic() - began < 15:
            time.sleep(0.2)
        if page.evaluate(RAN):
            break
    page.wait_for_function(f"() => ({RAN})() === 'done' || ({RAN})() === 'failed'",
                           timeout=bf.KERNEL_TIMEOUT_MS)
    if page.evaluate(RAN) == "failed":
        raise ClassroomError(f"a cell failed in {page.url}")


def open_pages(design: Design, browser) -> None:
    """The instructor's class view in Voila and LAB_PAGES students' 03 in Lab, started."""
    hub = design.hub
    teacher = sign_in_page(browser, hub.url, hub.admin, hub.admin_password)
    teacher.goto(hub.class_link("05_class_mode", ui="voila"))
    teacher.locator(CLASS_VIEW[1]).wait_for(timeout=bf.KERNEL_TIMEOUT_MS * 2)
    design.pages["instructor (Voila)"] = (teacher, CLASS_VIEW, ROUTINE["class"])
    for i in range(1, LAB_PAGES + 1):
        name = f"{design.tag}-lab{i}"
        page = sign_in_page(browser, hub.url, name, f"{name}-{secrets.token_urlsafe(8)}",
                            approver=design.instructor)
        page.goto(hub.class_link())
        page.wait_for_url(f"**/user/{name}/lab/tree/{NOTEBOOK}",
                          timeout=hs.START_TIMEOUT_SECONDS * 1000)
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
            state="attached", timeout=bf.KERNEL_TIMEOUT_MS)
        page.bring_to_front()
        run_all_cells(page)
        page.wait_for_function(f"() => document.querySelector({LAB[0]!r})?.textContent"
                               ".trim() === '0:10'", timeout=bf.KERNEL_TIMEOUT_MS)
        design.pages[f"{name} (Lab)"] = (page, LAB, ROUTINE["lab"])
    # a first press in each page: it wakes the page's sound (an AudioContext, made at the
    # first press, as browsers require), a one-time cost that is no step change's
    for page, (_countdown, start, reset), _routine in design.pages.values():
        page.locator(start).click()
        time.sleep(0.5)
        page.locator(reset).click()


def join(design: Design, name: str) -> Student:
    """Sign up, be approved by the instructor, sign in, follow the link, run the cells."""
    hub = design.hub
    s = Student(hub.url, name, f"{name}-{secrets.token_urlsafe(8)}")
    join_class(design.instructor, s)
    s.follow_link(hub.class_link(), timeout=hs.START_TIMEOUT_SECONDS)
    for code in s.open_notebook(NOTEBOOK):
        s.run(code)
    return s


def timeline(routine: str) -> list[tuple[float, float]]:
    return [(step.start, step.seconds) for step in load_routine(routine).steps()]


def page_figures(design: Design, records: dict, pressed: float) -> dict:
    """Over all the Chromium pages: how late each step change (``late``) and each second
    (``seconds``) was drawn, from the page's own Start click; how many times 0:00 was
    drawn between two steps; and the player's own log of its step changes (``own``)."""
    late, every, own, zeros = [], [], [], 0
    for who, record in records.items():
        click = record.clicks[0] if record.clicks else pressed
        found, zero = countdown_late(record.ticks, timeline(design.pages[who][2]), click)
        late += [lag for kind, lag in found if kind == "step"]
        every += [lag for _kind, lag in found]
        zeros += zero
        own += [(step["shown"] - step["due"]) / 1000 for step in record.steps]
    return {"late": late, "seconds": every, "zeros": zeros, "own": own}


def one_class(design: Design, size: int) -> dict:
    hub = design.hub
    names = [f"{design.tag}{size}-{i:03d}" for i in range(size)]
    load_before = os.getloadavg()[0]
    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=size) as pool:
        students = list(pool.map(lambda n: join(design, n), names))
    ready_s = time.monotonic() - t0
    where = students[0].run("import backstretch; print(backstretch.__file__)").strip()
    if not where.startswith(str(design.package)):
        raise ClassroomError(f"{design.name}: the kernels import {where}, not "
                             f"{design.package}")
    pids = student_servers(hub, set(names))
    mem = pss_mib(pids) / size
    kernel_pids = kernels(pids)
    sims = {s.name: SimulatedPage(s) for s in students} if design.name == "after" else {}
    for page, (countdown, start, _reset), _routine in design.pages.values():
        watch_page(page, countdown, start)
    at = time.time() + 1.5  # the pages' own timers press Start at this instant, as we do
    for page, (_countdown, start, _reset), _routine in design.pages.values():
        page.evaluate(CLICK_AT, [start, at])
    time.sleep(max(0.0, at - time.time()))
    cpu0, w0 = cpu_s(kernel_pids), time.monotonic()
    pressed = {}
    for s in students:  # the same instant, as near as one client can
        pressed[s.name] = sims[s.name].act("start") if sims else s.press("bs-start")
    time.sleep(max(0.0, at + WATCH_S - time.time()))
    cpu = (cpu_s(kernel_pids) - cpu0) / (time.monotonic() - w0) / size
    records = {who: page_record(page) for who, (page, _css, _r) in design.pages.items()}

    answers = []
    if sims:  # each event, from its sending to the kernel's acknowledgement
        for sim in sims.values():
            sim.wait_heard(10.0)
            answers += [lag for _event, lag in sim.lags(at)]
        unheard = sum(len(sim.unheard(at)) for sim in sims.values())
    else:  # the kernel's step change at the client, against when it was due
        unheard = 0
        for s in students:
            found, _zeros = countdown_late(s.values("bs-countdown", since=at),
                                           timeline(ROUTINE["lab"]), pressed[s.name])
            answers += [lag for kind, lag in found if kind == "step"]
    messages = statistics.mean(
        s.kernel_messages(pressed[s.name] + HOLD_S[0], pressed[s.name] + HOLD_S[1])
        for s in students) / (HOLD_S[1] - HOLD_S[0])

    for s in students:
        if sims:
            sims[s.name].act("reset")
        else:
            s.press("bs-reset")
    for page, (_countdown, _start, reset), _routine in design.pages.values():
        page.locator(reset).click()
    time.sleep(1.0)
    for s in students:
        if sims:
            sims[s.name].close()
        s.close()
        try:
            s.api("DELETE", f"/hub/api/users/{s.name}/server", timeout=120)
        except Exception:  # noqa: BLE001 - the hub stops what is left at the end anyway
            pass
    spawn = sorted(s.timings["spawn"] for s in students)
    return {
        "size": size, "design": design.name, "spawn_p50": statistics.median(spawn),
        "spawn_max": spawn[-1], "ready_s": ready_s, "mem_mib": mem, "cpu_cores": cpu,
        "answers": answers, "unheard": unheard, "messages": messages,
        "page": page_figures(design, records, at) if records else None,
        "load_before": load_before, "load_after": os.getloadavg()[0],
        "reloads": sum(s.timings.get("reloads", 0) for s in students),
    }


def ms(values: list[float], *qs: float) -> str:
    if not values:
        return "none"
    return " / ".join(f"{percentile(values, q) * 1000:.0f}" for q in qs) + f" (n={len(values)})"


def row(r: dict) -> str:
    page = r["page"]
    if page is None:
        shown = beat = "not measured (no Chromium)"
    else:
        shown = ms(page["late"], 0.5, 0.99, 1.0)
        if page["own"]:
            shown += f"; its own log: max {max(page['own']) * 1000:.0f}"
        beat = ms(page["seconds"], 0.5, 0.99, 1.0) + f"; 0:00 drawn {page['zeros']}x"
    answer = ms(r["answers"], 0.5, 0.99, 1.0) + (f", {r['unheard']} unheard"
                                                 if r["unheard"] else "")
    return (f"| {r['size']} | {r['design']} | {shown} | {beat} | {answer} "
            f"| {r['messages']:.2f} | {r['cpu_cores']:.4f} | {r['mem_mib']:.0f} "
            f"| {r['spawn_p50']:.1f} / {r['spawn_max']:.1f} | {r['ready_s']:.0f} "
            f"| {r['load_before']:.1f} / {r['load_after']:.1f} |")


def goals(results: list[dict], earlier: str) -> list[str]:
    """The issue's goal lines, from the largest class of each design."""
    lines = []
    for name in ("after", "before"):
        mine = [r for r in results if r["design"] == name]
        if not mine:
            continue
        r = mine[-1]
        page = r["page"] or {"late": [], "own": []}
        p99 = percentile(page["late"], 0.99)
        verdict = ("not measured" if not page["late"] else "set for 80, not measured here"
                   if r["size"] < 80 else "met" if p99 < GOAL_P99_S else "missed")
        lines.append(f"- {name}, {r['size']} students: p99 step-change lag at the page "
                     f"{p99 * 1000:.0f} ms (goal under {GOAL_P99_S * 1000:.0f} ms at 80: "
                     f"{verdict}); worst step change {max(page['late'] or [0]) * 1000:.0f} ms "
                     f"late (one frame: {FRAME_S * 1000:.0f} ms); kernel messages during a "
                     f"hold {r['messages']:.2f} per student per s (goal 0); kernel CPU while "
                     f"timing {r['cpu_cores']:.4f} cores per student (goal near 0)")
    if not any(r["design"] == "before" for r in results):
        lines.append(f"- before: not measured in this run ({earlier}); the earlier figures in "
                     "docs/performance.md (kernel-driven, 2026-12-02: countdown p99 lag at the "
                     "client 61 ms at 10, 93 at 20, 196 at 40, 312 at 60, 465 at 80) are "
                     "an earlier run, not this one")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=sized([10, 20, 40, 60, 80], [2]))
    parser.add_argument("--budget-s", type=float, default=sized(3600, 600))
    parser.add_argument("--designs", default="after,before")
    parser.add_argument("--before-commit", default=BEFORE_COMMIT)
    parser.add_argument("--sharing", type=int, default=sized(40, 4),
                        help="students who share their week at once (0: none)")
    parser.add_argument("--sharing-only", action="store_true")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("Not measured: the class hub runs as root (an account per student); "
              "run this as root.")
        return 0
    names = [d for d in args.designs.split(",") if d in ("after", "before")]
    if args.sharing_only:
        names, args.sizes = ["after"], []
    began = time.monotonic()
    print(f"{os.cpu_count()} cores, {mem_available_mib() / 1024:.1f} GiB available; "
          f"load average {os.getloadavg()[0]:.1f} before; {time.strftime('%Y-%m-%d %H:%M')}")
    bases, designs, package, earlier = [], [], None, "not asked for"
    if "before" in names:
        try:
            package = old_package(args.before_commit)
        except (subprocess.SubprocessError, OSError) as exc:
            earlier = f"commit {args.before_commit} could not be unpacked: {exc}"
            names.remove("before")
    pw = browser = None
    try:
        for name in names:
            base = Path(tempfile.mkdtemp(prefix=f"bshub{name[0]}-", dir="/tmp"))
            bases.append(base)
            designs.append(start_design(name, base, package if name == "before" else None,
                                        args.before_commit))
        if bf.browser_missing_reason() is None and args.sizes:
            from playwright.sync_api import sync_playwright

            pw = sync_playwright().start()
            browser = pw.chromium.launch(executable_path=str(bf.chromium_path()),
                                         args=bf.CHROMIUM_ARGS, headless=True)
            for design in designs:
                open_pages(design, browser)
        elif args.sizes:
            print(f"(the pages are not measured: {bf.browser_missing_reason()})")
        print(f"Set up in {time.monotonic() - began:.0f} s: "
              + "; ".join(f"{d.name} = {'this checkout' if d.name == 'after' else 'commit ' + args.before_commit} "
                          f"({len(d.pages)} Chromium pages: {', '.join(d.pages)})"
                          for d in designs), flush=True)
        if args.sizes:
            print("| students | design | page: step change late p50 / p99 / max (ms) "
                  "| page: every second late p50 / p99 / max (ms) "
                  "| kernel answer p50 / p99 / max (ms) | kernel messages per student per s "
                  "in a hold | kernel CPU per student (cores) | memory per student (MiB) "
                  "| spawn p50 / max (s) | all ready (s) | load 1-min before / after |")
            print("|---|---|---|---|---|---|---|---|---|---|---|")
            results = []
            stop = ""
            for size in args.sizes:
                for design in designs:
                    if time.monotonic() - began > args.budget_s:
                        stop = f"(stopped: past the {args.budget_s:.0f} s budget)"
                        break
                    r = one_class(design, size)
                    results.append(r)
                    print(row(r), flush=True)
                if stop:
                    break
                nxt = args.sizes[args.sizes.index(size) + 1] if size != args.sizes[-1] else 0
                if nxt and nxt * max(r["mem_mib"] for r in results[-len(designs):]) * 1.5 \
                        > mem_available_mib():
                    stop = f"(stopped: {nxt} students would not fit in memory)"
                    break
            if stop:
                print(stop)
            print("\nkernel answer: after, from each event the page sent (start, tick) to the "
                  "kernel's acknowledgement; before, the kernel's step change at the client "
                  "minus when it was due (press + the step's start). Goals (issue 23):")
            for line in goals(results, earlier):
                print(line)
        after = next((d for d in designs if d.name == "after"), None)
        if args.sharing and after is not None:
            shared = sharing_round(after.hub, after.instructor, args.sharing,
                                   secrets.token_urlsafe(12), pss_mib, descendants)
            for line in sharing_lines(shared):
                print(line, flush=True)
    finally:
        if browser is not None:
            browser.close()
        if pw is not None:
            pw.stop()
        for design in designs:
            design.hub.stop()
        for base in bases:
            accounts.remove_accounts(base)
            shutil.rmtree(base, ignore_errors=True)
        if package is not None:
            shutil.rmtree(package, ignore_errors=True)
    print(f"Took {time.monotonic() - began:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
