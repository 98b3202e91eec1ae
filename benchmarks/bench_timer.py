"""Timer drift and kernel responsiveness, measured through real kernels.

Three kernels run the same routine side by side: the workbook's SessionTimer
(asyncio, absolute deadlines), a naive ``time.sleep(1)`` loop, and a naive
``await asyncio.sleep(1)`` loop, each doing the timer's own per-tick work
(``render()``). Drift is when each one declares the routine over, minus when
it should end by the wall clock. While the SessionTimer counts, trivial cells
are sent to its kernel and their reply times compared with an idle kernel's.
"""

from __future__ import annotations

import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from kernel_client import Kernel
from quick import sized  # benchmarks/quick.py, beside this script

SETUP = """
import asyncio, time
import backstretch
from backstretch import Routine, RoutineItem, Settings
from backstretch.guided.checklist import Checklist
from backstretch.widgets import SessionTimer
import tempfile, pathlib
routine = Routine("bench", (RoutineItem("figure-four-glute", hold={hold}),),
                  backstretch.load_catalogue(), settings=Settings(get_ready=5, switch_sides=5))
timer = SessionTimer(routine, checklist=Checklist(routine, pathlib.Path(tempfile.mkdtemp()) / "c.json"))
timer.cues.mute.value = True
done = {{}}
print(routine.duration)
"""

WORKBOOK = """
def finished(session):
    done["end"] = time.time()
timer.finished.subscribe(finished)
done["start"] = time.time()
timer.start()
"""

NAIVE_SLEEP = """
def naive():
    done["start"] = time.time()
    for _ in range(routine.duration):
        timer.render()
        time.sleep(1)
    done["end"] = time.time()
import threading
threading.Thread(target=naive).start()  # a thread, so this cell returns; the loop is the naive one
"""

NAIVE_ASYNC = """
async def naive():
    done["start"] = time.time()
    for _ in range(routine.duration):
        timer.render()
        await asyncio.sleep(1)
    done["end"] = time.time()
task = asyncio.get_running_loop().create_task(naive())
"""

RESULT = "print(round((done['end'] - done['start'] - routine.duration) * 1000, 1))"


def run_variant(code: str, hold: int, probe: bool) -> tuple[float, list[float]]:
    kernel = Kernel.start()
    try:
        duration = int(kernel.run(SETUP.format(hold=hold))[0])
        kernel.run(code)
        replies = []
        t_end = time.time() + duration + 1
        while time.time() < t_end:
            if probe:
                replies.append(kernel.run("1 + 1")[1] * 1000)
            time.sleep(0.5)
        while kernel.run("print('end' in done)")[0].strip() != "True":
            time.sleep(0.2)
        return float(kernel.run(RESULT)[0]), replies
    finally:
        kernel.stop()


def idle_replies() -> list[float]:
    kernel = Kernel.start()
    try:
        kernel.run("import backstretch")
        out = []
        for _ in range(40):
            out.append(kernel.run("1 + 1")[1] * 1000)
            time.sleep(0.05)
        return out
    finally:
        kernel.stop()


def main() -> None:
    hold = int(sys.argv[1]) if len(sys.argv) > 1 else sized(30, 3)
    idle = idle_replies()
    with ThreadPoolExecutor(3) as pool:
        futures = {
            "SessionTimer (asyncio, absolute deadlines)": pool.submit(run_variant, WORKBOOK, hold,
                                                                      True),
            "naive time.sleep(1) loop": pool.submit(run_variant, NAIVE_SLEEP, hold, False),
            "naive await asyncio.sleep(1) loop": pool.submit(run_variant, NAIVE_ASYNC, hold,
                                                             False),
        }
        results = {name: f.result() for name, f in futures.items()}
    duration = 5 + hold + 5 + hold
    print(f"Timer drift at the end of a {duration} s routine (target: under 10 ms)")
    for name, (drift, _) in results.items():
        print(f"  {name:<45} {drift:>8.1f} ms")
    busy = results["SessionTimer (asyncio, absolute deadlines)"][1]
    print("Reply time of a trivial cell (median / max over the run; target: within 2x of idle)")
    print(f"  {'idle kernel':<45} {statistics.median(idle):>8.1f} / {max(idle):.1f} ms")
    print(f"  {'while the timer counts':<45} {statistics.median(busy):>8.1f} / {max(busy):.1f} ms"
          f"   ratio {statistics.median(busy) / statistics.median(idle):.2f}x")


if __name__ == "__main__":
    main()
