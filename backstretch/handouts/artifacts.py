"""Page furniture as artifacts: what a screen reader skips in a tagged PDF.

WeasyPrint marks the text of the page's margin boxes (here the routine's name and
"page N of M") as tagged content whose structure elements hang outside the structure
tree: tagged, yet in no reading order. PDF/UA wants such furniture marked as an
artifact, which this does after the fact, with pikepdf: each marked-content sequence
whose element the tree cannot reach becomes ``/Artifact BMC``, and the parent tree
forgets it.
"""

from __future__ import annotations

import io
import re

MARKED = re.compile(rb"/\w+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
"""The start of a tagged marked-content sequence: ``/Span <</MCID 66>> BDC``."""


def _reachable(root) -> set[tuple[int, int]]:  # noqa: ANN001 - a pikepdf object
    """The object numbers of every structure element under ``root``."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
            stack.append(node.get("/K", pikepdf.Array()))
    return seen


def mark_furniture(data: bytes) -> bytes:
    """``data``, a tagged PDF, with content tagged outside its structure tree made
    artifacts; unchanged when there is none."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.StructTreeRoot
        reachable = _reachable(tree.K)
        nums = tree.ParentTree.Nums
        changed = False
        for key, kids in zip(nums[::2], nums[1::2]):
            if not isinstance(kids, pikepdf.Array):
                continue  # an annotation's entry, not a page's
            orphans = {mcid for mcid, kid in enumerate(kids)
                       if isinstance(kid, pikepdf.Dictionary) and kid.objgen not in reachable}
            if not orphans:
                continue
            page = pdf.pages[int(key)]
            content = b"\n".join(c.read_bytes() for c in (
                page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents]))
            page.Contents = pdf.make_stream(MARKED.sub(
                lambda m: b"/Artifact BMC" if int(m[1]) in orphans else m[0], content))
            for mcid in orphans:
                kids[mcid] = None
            changed = True
        if not changed:
            return data
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
