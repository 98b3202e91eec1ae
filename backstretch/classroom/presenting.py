"""What a notebook shows when Voila presents it: cells tagged ``author-only`` stay out of sight.

The notebook's HTML (Voila's, or an nbconvert export) marks each cell with a
``celltag_<tag>`` class; JupyterLab does not, so there the lesson stays whole.
"""

from __future__ import annotations

from typing import Any

AUTHOR_ONLY = "author-only"
"""The cell tag of text meant for whoever edits the notebook: terminal commands,
rehearsals, links a presented page cannot follow."""
PRESENTING_CSS = f".celltag_{AUTHOR_ONLY} {{ display: none !important; }}"


def presenting_style() -> Any:
    """An (invisible) cell output that hides the ``author-only`` cells of a presented page."""
    from IPython.display import HTML

    return HTML(f"<style>{PRESENTING_CSS}</style>")
