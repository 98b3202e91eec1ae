"""Babel extractors for the words kept outside Python: the shipped YAML (stretch names,
steps, cautions, the ready routines) and the notebooks' prose. ``babel.cfg`` names
them; ``pybabel extract`` calls them with an open file."""

from __future__ import annotations

import io
import json
import tokenize
from collections.abc import Iterator
from typing import IO, Any

import yaml

TEXT_KEYS = frozenset({"name", "summary", "description", "steps", "cautions", "way_in", "note"})
"""The YAML keys whose values people read; every other value is an id or a number."""

Message = tuple[int, str, str, list[str]]


def yaml_words(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
               options: Any) -> Iterator[Message]:
    """Every string under a ``TEXT_KEYS`` key, with its line."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    yield from _walk(root, inside=False)


def _walk(node: yaml.Node | None, inside: bool) -> Iterator[Message]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _walk(value, inside=key.value in TEXT_KEYS)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, inside)
    elif isinstance(node, yaml.ScalarNode) and inside and node.tag.endswith(":str") and node.value:
        yield node.start_mark.line + 1, "", node.value, []


def notebook_blocks(source: str) -> list[str]:
    """A markdown cell's blocks (split at blank lines): each is one message, so a
    translator sees a whole paragraph, table or list."""
    return [block.strip("\n") for block in source.split("\n\n") if block.strip()]


def generated(source: str) -> bool:
    """A cell a script writes (it opens with an HTML comment saying so, like the safety
    notes): its words are translated where the script takes them from."""
    first = source.lstrip().split("\n", 1)[0]
    return first.startswith("<!--") and "generated" in first


def notebook_words(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                   options: Any) -> Iterator[Message]:
    """Every block of every markdown cell of a notebook, but for generated cells."""
    notebook = json.loads(fileobj.read().decode("utf-8"))
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        source = "".join(cell.get("source", []))
        if cell.get("cell_type") == "markdown" and not generated(source):
            for block in notebook_blocks(source):
                yield number, "", block, [f"notebook cell {number}"]
        elif cell.get("cell_type") == "code":
            for *_lines, text in code_comments(source):
                yield number, "", text, [f"a comment in notebook cell {number}"]


def code_comments(source: str) -> list[tuple[int, int, int, str]]:
    """The comments of a code cell: (first line, last line, column, text), a run of
    whole-line comments being one text, so a translator sees a whole sentence. The
    catalogue's messages are these texts."""
    found: list[tuple[int, int, int, str]] = []
    lines = source.splitlines()
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return found
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        row, col = token.start
        text = token.string.lstrip("#").strip()
        whole = not lines[row - 1][:col].strip()
        if whole and found and found[-1][1] == row - 1 and found[-1][2] == col and \
                not lines[row - 2][:col].strip():
            first, _last, _col, before = found[-1]
            found[-1] = (first, row, col, f"{before} {text}")
        else:
            found.append((row, row, col, text))
    return found
