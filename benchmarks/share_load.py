"""A class that shares its week at once, for bench_class.py: N students of the hub send a
share in the same instant (half named, half anonymous) through the hub's proxy, then each
lists their own; measured are the sharing service's response times, its memory (PSS)
before and after, and how long the instructor's view takes to load (the JSON the 05
panel reads, and the hub page)."""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import requests
import share_settings  # deploy/local, on the path bench_class.py sets
from simulated_class import Instructor, Student, join_class, percentile

from backstretch.log.records import week_start
from backstretch.sharing.client import ShareService
from backstretch.sharing.share import Share

VIEW_LOADS = 20


def service_pids(hub, descendants) -> list[int]:
    """The sharing service's process (a child of the hub)."""
    found = []
    for pid in descendants(hub.proc.pid):
        try:
            if "share_service.py" in Path(f"/proc/{pid}/cmdline").read_text():
                found.append(pid)
        except OSError:
            pass
    return found


def the_week(i: int) -> Share:
    """Student ``i``'s share: named for the even, anonymous for the odd."""
    change = -(i % 5)
    return Share(week_start(date.today()), i % 2 == 0, i % 4, 3, 5 - i % 3, 5.0, change,
                 change <= -2, 1.0, False, None)


def sharing_round(hub, instructor: Instructor, size: int, password: str, pss_mib,
                  descendants) -> dict:
    """``size`` students share at once; returns the figures (ms, MiB)."""
    pids = service_pids(hub, descendants)
    students = [Student(hub.url, f"sharer{i:02d}", password) for i in range(size)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda s: join_class(instructor, s), students))
    url = f"{hub.url}{share_settings.PREFIX}"
    keys = Path(tempfile.mkdtemp(prefix="bench-keys-"))
    clients = [ShareService(url, s.token, keys / f"{s.name}.json") for s in students]
    before = pss_mib(pids)
    ready = threading.Barrier(size)
    put_ms, mine_ms = [0.0] * size, [0.0] * size

    def share(i: int) -> None:
        ready.wait()
        t0 = time.perf_counter()
        clients[i].send(the_week(i))
        put_ms[i] = 1000 * (time.perf_counter() - t0)
        t1 = time.perf_counter()
        clients[i].mine()
        mine_ms[i] = 1000 * (time.perf_counter() - t1)

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=size) as pool:
        list(pool.map(share, range(size)))
    all_s = time.perf_counter() - began
    after = pss_mib(pids)
    teacher = ShareService(url, instructor.token, keys / "teacher.json")
    figures = teacher.figures()
    assert figures.shared == size, (figures.shared, size)
    api_ms, page_ms = [], []
    for _ in range(VIEW_LOADS):
        t0 = time.perf_counter()
        teacher.figures()
        api_ms.append(1000 * (time.perf_counter() - t0))
        t0 = time.perf_counter()
        page = requests.get(url, timeout=60,
                            headers={"Authorization": f"token {instructor.token}"})
        page.raise_for_status()
        page_ms.append(1000 * (time.perf_counter() - t0))
    for client, s in zip(clients, students):
        client.withdraw(the_week(0).week, s.name.endswith(("0", "2", "4", "6", "8")))
        s.close()
    return {"size": size, "all_s": all_s, "put": put_ms, "mine": mine_ms,
            "mem_before": before, "mem_after": after, "api": api_ms, "page": page_ms,
            "pids": len(pids)}


def sharing_lines(r: dict) -> list[str]:
    """The round's figures, as bench_class.py prints them."""
    def spread(values: list[float]) -> str:
        return (f"{statistics.median(values):.0f} / {percentile(values, 0.99):.0f} / "
                f"{max(values):.0f} ms")

    return [f"\nA class of {r['size']} sharing its week in the same instant (half named, "
            "half anonymous, through the hub's proxy):",
            f"- send (withdraw the other kind, then the share) p50 / p99 / max: "
            f"{spread(r['put'])}; all {r['size']} done in {r['all_s']:.1f} s",
            f"- each then lists their own, p50 / p99 / max: {spread(r['mine'])}",
            f"- the service's memory (PSS, {r['pids']} process): {r['mem_before']:.1f} MiB "
            f"before, {r['mem_after']:.1f} MiB after",
            f"- the instructor's view, {VIEW_LOADS} loads: figures (05's panel) "
            f"{spread(r['api'])}; the hub page {spread(r['page'])}"]
