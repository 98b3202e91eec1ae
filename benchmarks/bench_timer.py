"""The kernel while a guided session is timed, before and after the page plays it (issue 23).

No browser: two real kernels run the same routine (get ready 5 s, hold, switch 5 s,
hold) at the same time.

- *before*: the ``SessionTimer`` of commit ``1601c6b`` (the parent of issue 23; its
  package unpacked from git and put first on the kernel's ``sys.path``, checked by
  ``backstretch.__file__``): the kernel ticks on its own asyncio loop and redraws the
  timer's widgets every second;
- *after*: this tree's ``SessionTimer``, driven as its page drives it: a simulated page
  reads the player's timeline from the widget state (the comm whose ``_dom_classes``
  hold ``bs-player``), sends ``start``, then a ``tick`` at each step's deadline, and times
  the kernel's acknowledgement (``position.heard``).

Measured for each: every iopub message the kernel sends during the first hold (0.5 s
clear of its ends, no cell running) and around each step change; the kernel's CPU from
Start to the second hold; the reply time of a trivial cell sent every half second during
the second hold, against the same kernel idle before the session; and when the session
the kernel recorded ended, against when it should have (for *after*: by the page's clock,
which the kernel records however late it hears).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from before_after import BEFORE_COMMIT, cpu_seconds, unpack_before
from kernel_client import Kernel
from quick import sized  # benchmarks/quick.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
READY, SWITCH = 5, 5

SETUP = """
import json, os, sys, time
{path}
import backstretch
from backstretch import Routine, RoutineItem, Settings
from backstretch.guided.checklist import Checklist
from backstretch.widgets import SessionTimer
import tempfile, pathlib
routine = Routine("bench", (RoutineItem("figure-four-glute", hold={hold}),),
                  backstretch.load_catalogue(),
                  settings=Settings(get_ready={ready}, switch_sides={switch}))
timer = SessionTimer(routine, checklist=Checklist(
    routine, pathlib.Path(tempfile.mkdtemp()) / "c.json"))
done = {{}}
def finished(session):
    # the end of the session as the kernel records it: by its own clock before, by the
    # page's after (its clock reads each event's time while the event is recorded)
    done["end"] = time.time() if "{name}" == "before" else timer.clock()
timer.finished.subscribe(finished)
print("BENCH " + json.dumps({{"pid": os.getpid(), "file": backstretch.__file__,
                             "steps": [[s.title, s.seconds] for s in timer.session.steps]}}))
"""
START_BEFORE = "done['start'] = time.time()\ntimer.start()"


def player_comm(kernel: Kernel) -> tuple[str, dict]:
    """The player's comm id and state, as a page finds them (each widget's state from its
    ``comm_open``, with every ``update`` since applied)."""
    states: dict[str, dict] = {}
    for _t, msg in kernel.heard:
        content = msg["content"]
        data = content.get("data", {})
        if msg["msg_type"] == "comm_open":
            states[content["comm_id"]] = dict(data.get("state", {}))
        elif msg["msg_type"] == "comm_msg" and data.get("method") == "update":
            states.setdefault(content["comm_id"], {}).update(data.get("state", {}))
    for comm_id, state in states.items():
        if "bs-player" in state.get("_dom_classes", ()):
            return comm_id, state
    raise RuntimeError("no widget with the bs-player class was opened")


def heard_position(msg: dict, comm_id: str) -> dict | None:
    content = msg["content"]
    if msg["msg_type"] != "comm_msg" or content.get("comm_id") != comm_id:
        return None
    return content.get("data", {}).get("state", {}).get("position")


def run_variant(name: str, path_line: str, hold: int) -> dict:
    kernel = Kernel.start()
    try:
        out, _ = kernel.run(SETUP.format(path=path_line, hold=hold, ready=READY,
                                         switch=SWITCH, name=name))
        info = json.loads(out.split("BENCH ", 1)[1])
        idle = []
        for _ in range(20):
            idle.append(kernel.run("1 + 1")[1] * 1000)
            time.sleep(0.05)
        steps = [seconds for _title, seconds in info["steps"]]
        bounds = [sum(steps[:k]) for k in range(len(steps) + 1)]  # 0, 5, 5 + hold ...
        if name == "after":
            comm_id, state = player_comm(kernel)
            if [s["seconds"] for s in state["timeline"]["steps"]] != steps:
                raise RuntimeError("the page's timeline is not the session's steps")
        pid = info["pid"]
        sent: dict[int, float] = {}
        seq = 0

        def page(event: str, at: float, index: int, state: str) -> None:
            nonlocal seq
            seq += 1
            sent[seq] = time.monotonic()
            kernel.send_comm(comm_id, {"method": "custom", "content": {
                "event": event, "seq": seq, "at": at, "index": index, "state": state}})

        kernel.listen(time.monotonic() + 0.5)
        cpu0 = cpu_seconds(pid)
        if name == "before":
            kernel.run(START_BEFORE)
            t0 = time.monotonic()
        else:
            t0, wall0 = time.monotonic(), time.time()
            page("start", wall0, 0, "running")
        probes = []
        second_hold = t0 + bounds[3]
        for k in range(1, len(steps) + 1):  # each step's end, as the page sees it
            end = t0 + bounds[k]
            if k == 4:  # the second hold: the CPU so far, then trivial cells till its end
                cpu1 = cpu_seconds(pid)
                while time.monotonic() < end - 0.6:  # trivial cells during the second hold
                    probes.append(kernel.run("1 + 1")[1] * 1000)
                    kernel.listen(time.monotonic() + 0.5)
            kernel.listen(end)
            if name == "after":
                last = k == len(steps)
                page("tick", wall0 + bounds[k], k - 1 if last else k,
                     "finished" if last else "running")
        kernel.listen(time.monotonic() + 1.0)
        ended = json.loads(kernel.run("print(json.dumps(done))")[0])
        should = (ended["start"] if name == "before" else wall0) + bounds[-1]

        def count(lo: float, hi: float) -> int:
            return sum(1 for t, _m in kernel.heard if t0 + lo <= t < t0 + hi)

        hold_from, hold_to = bounds[1] + 0.5, bounds[2] - 0.5
        acks = []
        for n, at in sent.items():
            got = next((t for t, m in kernel.heard if t >= at
                        and (heard_position(m, comm_id) or {}).get("heard", 0) >= n), None)
            acks.append(None if got is None else (got - at) * 1000)
        return {
            "file": info["file"],
            "hold_rate": count(hold_from, hold_to) / (hold_to - hold_from),
            "hold_types": sorted({m["msg_type"] for t, m in kernel.heard
                                  if t0 + hold_from <= t < t0 + hold_to}),
            "per_change": statistics.fmean(count(b - 0.5, b + 0.5) for b in bounds[1:3]),
            "cpu": (cpu1 - cpu0) / (second_hold - t0),
            "idle": idle, "probes": probes,
            "end_ms": (ended["end"] - should) * 1000,
            "acks": acks,
        }
    finally:
        kernel.stop()


def main() -> None:
    hold = int(sys.argv[1]) if len(sys.argv) > 1 else sized(30, 3)
    with tempfile.TemporaryDirectory() as tmp:
        before = unpack_before(Path(tmp) / "before-src")
        variants = {"after": ""}
        if before is not None:
            variants["before"] = f"sys.path.insert(0, {str(before)!r})"
        else:
            print(f"(no 'before': commit {BEFORE_COMMIT} is not in this clone's git history)")
        with ThreadPoolExecutor(len(variants)) as pool:
            futures = {name: pool.submit(run_variant, name, line, hold)
                       for name, line in variants.items()}
            results = {name: f.result() for name, f in futures.items()}
    for name, r in results.items():
        if ("before-src" in r["file"]) != (name == "before"):
            raise RuntimeError(f"the {name} kernel imported {r['file']}")
    duration = READY + hold + SWITCH + hold
    print(f"The kernel while a {duration} s session is timed (hold {hold} s), two kernels "
          f"side by side, no browser")
    print(f"{'':<34}{'msgs/s in a hold':>17}{'msgs per step change':>22}{'kernel CPU':>12}"
          f"{'end of the session':>20}")
    labels = {"before": f"before: kernel ticks ({BEFORE_COMMIT})",
              "after": "after: records the page's events"}
    for name in ("before", "after"):
        if name not in results:
            continue
        r = results[name]
        print(f"{labels[name]:<34}{r['hold_rate']:>17.2f}{r['per_change']:>22.1f}"
              f"{r['cpu'] * 100:>10.2f} %{r['end_ms']:>17.1f} ms")
    for name, r in results.items():
        print(f"  {name}: during the hold: {', '.join(r['hold_types']) or 'no message at all'}"
              f"; backstretch from {r['file']}")
    print("Reply time of a trivial cell, median / max (ms)")
    for name, r in results.items():
        print(f"  {name:<7} idle {statistics.median(r['idle']):.1f} / {max(r['idle']):.1f}; "
              f"during the second hold {statistics.median(r['probes']):.1f} / "
              f"{max(r['probes']):.1f}")
    acks = results["after"]["acks"]
    got = [a for a in acks if a is not None]
    print(f"after: the kernel acknowledged {len(got)} of {len(acks)} page events, median "
          f"{statistics.median(got):.1f} ms, worst {max(got):.1f} ms after they were sent")
    print("(end of the session: when the session the kernel recorded ended, minus its start "
          "plus the routine's length; after, both are the page's times)")


if __name__ == "__main__":
    main()
