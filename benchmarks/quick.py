"""Quick mode for every benchmark: ``BACKSTRETCH_BENCH_QUICK=1`` runs a few rounds at small
sizes, so the tests run each script end to end (a benchmark that rots fails ``make test``)
while ``make bench`` prints the full figures."""

from __future__ import annotations

import os

QUICK = os.environ.get("BACKSTRETCH_BENCH_QUICK") == "1"


def sized(full, quick):  # noqa: ANN001, ANN201 - any value, full or quick
    """``quick`` in quick mode, else ``full``."""
    return quick if QUICK else full
