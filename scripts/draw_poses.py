"""Draw the contact sheet of every stretch's figure: docs/poses.png.

    .venv/bin/python scripts/draw_poses.py [--catalogue FILE] [-o FILE]

Look at it after changing data/poses.yaml: each stretch shows where a person starts
(left, faint label "start") and its hold (right); each should be recognisable from
its name alone. One-side stretches show their right side.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from matplotlib.figure import Figure

from backstretch import load_catalogue
from backstretch.figures.drawing import draw_scene, pose_scene
from backstretch.figures.poses import poses_for

COLUMNS = 3
"""Stretches in a row, each as two pictures: the start and the hold."""
CELL_IN = 2.2


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--catalogue", metavar="FILE")
    p.add_argument("-o", "--output", default="docs/poses.png", metavar="FILE")
    args = p.parse_args(argv)
    catalogue = load_catalogue(args.catalogue)
    poses = poses_for(catalogue)
    missing = [i for i in catalogue if i not in poses]
    ids = [i for i in catalogue if i in poses]
    rows = math.ceil(len(ids) / COLUMNS)
    cell_h = CELL_IN * 3 / 4 + 0.35
    fig = Figure(figsize=(COLUMNS * 2 * CELL_IN, rows * cell_h), dpi=90)
    height = CELL_IN * 3 / 4 / cell_h / rows
    for n, stretch_id in enumerate(ids):
        row, col = divmod(n, COLUMNS)
        stretch = catalogue[stretch_id]
        for k, frame in enumerate(("start", "hold")):
            ax = fig.add_axes(((2 * col + k) / (2 * COLUMNS), 1 - (row + 1) / rows,
                               1 / (2 * COLUMNS), height))
            draw_scene(ax, pose_scene(poses[stretch_id], stretch, frame=frame), CELL_IN)
            ax.text(0.02, 0.02, frame, transform=ax.transAxes, fontsize=7, color="#777777",
                    parse_math=False)
        fig.text((col + 0.5) / COLUMNS, 1 - (row + 1) / rows + height,
                 f"{stretch.name}\n{stretch_id}", ha="center", va="bottom", fontsize=9,
                 parse_math=False)
    fig.savefig(Path(args.output), dpi=90)
    print(f"Wrote {args.output}: {len(ids)} figures")
    if missing:
        print(f"No pose yet for: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
