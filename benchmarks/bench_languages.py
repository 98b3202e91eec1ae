"""What speaking another language costs: loading a catalogue from its compiled ``.mo``
(as ``make`` leaves it) against compiling the ``.po`` in memory (a new language's file
alone), and the work a page or a notebook does most, in English and in Spanish: the
shipped catalogue loaded, a routine's page timeline, a handout's HTML."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from quick import sized  # benchmarks/quick.py, beside this script

from backstretch import load_catalogue, load_routine
from backstretch.base import language
from backstretch.base.language import Language, locale_dir, speaking


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def catalogue_loading(runs: int) -> None:
    po = locale_dir() / "es" / "LC_MESSAGES" / f"{language.DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
        mo.write_bytes(language.compile_po(po))
    from_mo = median_ms(lambda: language._load(po), runs)
    from_po = median_ms(lambda: language.compile_po(po), runs)
    print("Loading the Spanish catalogue (median of", runs, "runs)")
    print(f"  before: compiled from the .po in memory  {from_po:>8.1f} ms")
    print(f"  after:  read from the compiled .mo       {from_mo:>8.1f} ms"
          f"   {from_po / from_mo:>5.0f}x faster")


def one_message(runs: int) -> None:
    """``_`` as every shown word calls it: before, each call looked the catalogue up
    again (``spoken``: a listing of the catalogues' folder); after, once per language."""
    with speaking(Language("es")):
        message = "Time left in this step"
        language._(message)
        after = median_ms(lambda: [language._(message) for _ in range(1000)], runs)
        before = median_ms(lambda: [(language.spoken(), language._(message))
                                    for _ in range(1000)], runs)
    print(f"\nOne message through _ (median of {runs} runs of 1,000)")
    print(f"  before: the catalogue looked up at every call {before:>8.1f} µs a message")
    print(f"  after:  looked up once per language           {after:>8.1f} µs a message"
          f"   {before / after:>5.0f}x faster")


def pages(runs: int) -> None:
    from backstretch.guided.timeline import page_timeline
    from backstretch.handouts.html import handout_html

    work = {
        "the shipped catalogue loaded": lambda: load_catalogue(),
        "a routine's page timeline": lambda: page_timeline(load_routine("daily-back-care")),
        "a handout's HTML": lambda: handout_html(load_routine("daily-back-care")),
    }
    print(f"\nThe same work in English and in Spanish (median of {runs} runs, warm caches)")
    for name, call in work.items():
        figures = []
        for code in ("en", "es"):
            with speaking(Language(code)):
                call()
                figures.append(median_ms(call, runs))
        print(f"  {name:<32} en {figures[0]:>7.1f} ms   es {figures[1]:>7.1f} ms"
              f"   {figures[1] / figures[0]:>4.2f}x")


if __name__ == "__main__":
    catalogue_loading(sized(30, 3))
    one_message(sized(10, 2))
    pages(sized(10, 2))
