"""Reading YAML files with clear errors, and writing files atomically."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .checks import describe
from .errors import BackstretchError, Problem, os_reason

MAX_FILE_BYTES = 2_000_000
"""Larger files are refused: no routine or catalogue is anywhere near this."""


def _refuse_aliases(root: Node) -> None:
    """Raise at the first node reached twice: an alias (no YAML bombs, no cycles)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise yaml.MarkedYAMLError("while reading", None, "aliases (*name) are not supported",
                                       node.start_mark)
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            stack.extend(part for pair in node.value for part in pair)


def _tag(node: Node) -> str:
    """A node's tag as written, like ``!!int``."""
    return node.tag.replace("tag:yaml.org,2002:", "!!")


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader (libyaml's when present) refusing aliases and duplicate keys."""

    def construct_document(self, node: Node) -> Any:
        _refuse_aliases(node)
        return super().construct_document(node)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        """Any value a tag cannot hold (``!!int abc``, ``!!timestamp yesterday``) becomes
        an error at that node's line and column."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, LookupError, AttributeError, OverflowError):
            shown = describe(node.value if isinstance(node, ScalarNode) else node.id)
            raise yaml.MarkedYAMLError("while reading", None, f"{_tag(node)} cannot hold {shown}",
                                       node.start_mark) from None

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):
            raise yaml.MarkedYAMLError("while reading", None, f"{_tag(node)} needs a mapping",
                                       node.start_mark)
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:
                raise yaml.MarkedYAMLError(
                    "while reading", None, "a key must be plain text", key_node.start_mark
                ) from None
            if duplicate:
                raise yaml.MarkedYAMLError(
                    "while reading", None, f"the key {key!r} appears twice", key_node.start_mark
                )
        return super().construct_mapping(node, deep=deep)


def _kind(mode: int) -> str | None:
    """Why a file of this mode is refused, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return "is a folder" if stat.S_ISDIR(mode) else \
        "is not a regular file (it is a device, pipe or socket)"


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A regular file's bytes, at most ``MAX_FILE_BYTES``, or BackstretchError saying why not.

    A FIFO or device is refused before it is opened (it could block for ever, or never
    end), and no more than the limit is read, whatever the file's size claims.
    """
    name = str(path)

    def refuse(message: str) -> BackstretchError:
        return BackstretchError(Problem(name, "", message))

    try:
        info = os.stat(path)
        if _kind(info.st_mode):
            raise refuse(f"{_kind(info.st_mode)}; give a file")
        if info.st_size > MAX_FILE_BYTES:
            raise refuse(f"is {info.st_size:,} bytes; at most {MAX_FILE_BYTES:,} are read")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as fh:
            if _kind(os.fstat(fd).st_mode):  # swapped since the check above
                raise refuse(f"{_kind(os.fstat(fd).st_mode)}; give a file")
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise refuse("no such file") from None
    except OSError as exc:
        raise refuse(f"cannot be read: {os_reason(exc)}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise refuse(f"is over {MAX_FILE_BYTES:,} bytes; at most that many are read")
    return raw


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file, or raise BackstretchError saying why not."""
    name = str(path)
    raw = read_bytes(path)
    if b"\0" in raw:
        raise BackstretchError(Problem(name, "", "is binary, not a YAML text file"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BackstretchError(
            Problem(name, "", f"is not UTF-8 text (bad byte at offset {exc.start})")
        ) from None


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML text; ``name`` is the file named in errors."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = (exc.problem or exc.context or "invalid YAML").strip()
        raise BackstretchError(Problem(name, where, f"invalid YAML: {what}")) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise BackstretchError(Problem(name, "", f"invalid YAML: {exc}")) from None


def read_yaml(path: str | os.PathLike[str]) -> Any:
    """Read and parse a YAML file, raising BackstretchError for any fault."""
    return parse_yaml(read_text(path), str(path))


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 so that a crash leaves the old file or the new, never half."""
    atomic_write_bytes(path, text.encode("utf-8"))


def _mode_for(target: Path) -> int:
    """The permissions a replaced file keeps, or what a plain new file would get."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, never half.

    Every failure (a full disk, a read-only folder, a file where a folder should be)
    is a BackstretchError naming the file and saying why; the old file stays as it was.
    """
    target = Path(path)
    try:
        kind = _kind(target.stat().st_mode) if target.exists() else None
        if kind:
            raise BackstretchError(Problem(str(path), "", f"cannot be written: it {kind}"))
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, data)
    except OSError as exc:
        raise BackstretchError(Problem(str(path), "", f"cannot be written: {os_reason(exc)}")
                               ) from None


def _replace(target: Path, data: bytes) -> None:
    """Write a temporary file beside ``target``, flush it to disk, then rename it over."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
