"""Reading the YAML and JSON files a person hands the workbook, with clear errors, and
writing files atomically.

One rule for every file read: UTF-8 with or without a byte-order mark, no lone surrogate,
nesting at most ``MAX_DEPTH`` deep and numbers at most ``MAX_DIGITS`` digits long, checked
before anything is built from them; every way a file fails to decode is one
BackstretchError naming the file and where in it.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .checks import describe
from .errors import BackstretchError, Problem, os_reason
from .language import N_, _

MAX_FILE_BYTES = 2_000_000
"""Larger files are refused: no routine or catalogue is anywhere near this."""
MAX_DEPTH = 100
"""Deepest nesting of lists and mappings read; the workbook's own files need under 10."""
MAX_DIGITS = 30
"""Longest number read, in digits: a time in milliseconds since 1970 has 13."""
_TOO_DEEP = N_("is nested more than {depth} lists or mappings deep; no backstretch file is")
_TOO_LONG = N_("holds a number over {digits} digits long; no backstretch file does")
_HALF_CHARACTER = N_("holds half of a character (a lone surrogate, which a browser can send); "
                     "remove it")
_NOT_FINITE = N_("holds a number that is not finite (infinity, NaN, or as large as 1e400)")
TOO_DEEP = _TOO_DEEP.format(depth=MAX_DEPTH)
"""The English of each refusal (a message is in the current language: ``_refusal``)."""
TOO_LONG = _TOO_LONG.format(digits=MAX_DIGITS)
HALF_CHARACTER = _HALF_CHARACTER
NOT_FINITE = _NOT_FINITE


def _refusal(message: str) -> str:
    """One of the refusals above in the current language."""
    return _(message).format(depth=MAX_DEPTH, digits=MAX_DIGITS)
_INT_TAG = "tag:yaml.org,2002:int"
_DIGIT = re.compile(r"\d")


def _check_nodes(root: Node) -> None:
    """Raise at the first node reached twice (an alias: no YAML bombs, no cycles), nested
    too deep, or an integer too long, before any value is built."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        problem = (_("aliases (*name) are not supported") if id(node) in seen
                   else _refusal(_TOO_DEEP) if depth > MAX_DEPTH
                   else _refusal(_TOO_LONG) if isinstance(node, ScalarNode)
                   and node.tag == _INT_TAG and _too_long(node.value) else "")
        if problem:
            raise yaml.MarkedYAMLError("while reading", None, problem, node.start_mark)
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend((n, depth + 1) for n in node.value)
        elif isinstance(node, MappingNode):
            stack.extend((part, depth + 1) for pair in node.value for part in pair)


def _too_long(number: str) -> bool:
    """Whether ``number`` (as written) has more than ``MAX_DIGITS`` digits."""
    return len(_DIGIT.findall(number, 0, 4 * MAX_DIGITS)) > MAX_DIGITS


def _tag(node: Node) -> str:
    """A node's tag as written, like ``!!int``."""
    return node.tag.replace("tag:yaml.org,2002:", "!!")


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader (libyaml's when present) refusing aliases and duplicate keys."""

    def construct_document(self, node: Node) -> Any:
        _check_nodes(node)
        return super().construct_document(node)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        """Any value a tag cannot hold (``!!int abc``, ``!!timestamp yesterday``) becomes
        an error at that node's line and column."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, LookupError, AttributeError, OverflowError):
            shown = describe(node.value if isinstance(node, ScalarNode) else node.id)
            raise yaml.MarkedYAMLError("while reading", None, _("{tag} cannot hold {value}").format(
                tag=_tag(node), value=shown), node.start_mark) from None

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):
            raise yaml.MarkedYAMLError("while reading", None, _("{tag} needs a mapping").format(
                tag=_tag(node)), node.start_mark)
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:
                raise yaml.MarkedYAMLError(
                    "while reading", None, _("a key must be plain text"), key_node.start_mark
                ) from None
            if duplicate:
                raise yaml.MarkedYAMLError(
                    "while reading", None, _("the key {key} appears twice").format(key=repr(key)),
                    key_node.start_mark
                )
        return super().construct_mapping(node, deep=deep)


def _kind(mode: int) -> str | None:
    """Why a file of this mode is refused when read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return _("is a folder; give a file") if stat.S_ISDIR(mode) else \
        _("is not a regular file (it is a device, pipe or socket); give a file")


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
            raise refuse(_kind(info.st_mode) or "")
        if info.st_size > MAX_FILE_BYTES:
            raise refuse(_("is {size} bytes; at most {most} are read").format(
                size=_bytes(info.st_size), most=_bytes(MAX_FILE_BYTES)))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as fh:
            if _kind(os.fstat(fd).st_mode):  # swapped since the check above
                raise refuse(_kind(os.fstat(fd).st_mode) or "")
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise refuse(_("no such file")) from None
    except OSError as exc:
        raise refuse(_("cannot be read: {reason}").format(reason=os_reason(exc))) from None
    if len(raw) > MAX_FILE_BYTES:
        raise refuse(_("is over {most} bytes; at most that many are read").format(
            most=_bytes(MAX_FILE_BYTES)))
    return raw


def _bytes(n: int) -> str:
    """A count of bytes with the current language's digit grouping: '2,000,000'."""
    from .formats import number

    return number(n, digits=0)


def decoded(raw: bytes, name: str) -> str:
    """``raw`` as UTF-8 text, a byte-order mark dropped, or BackstretchError saying why not."""
    if b"\0" in raw:
        raise BackstretchError(Problem(name, "", _("is binary, not a text file")))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BackstretchError(
            Problem(name, "", _("is not UTF-8 text (bad byte at offset {offset})").format(
                offset=exc.start))
        ) from None


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file, or raise BackstretchError saying why not."""
    return decoded(read_bytes(path), str(path))


def _position(text: str, offset: int) -> str:
    """``line 3, column 7``: where the character at ``offset`` is in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return _("line {line}, column {column}").format(line=text.count(chr(10), 0, offset) + 1,
                                                     column=offset - line_start + 1)


def _whole_characters(text: str, name: str) -> None:
    """Refuse a lone surrogate (half of a UTF-16 pair, which a browser can send): it is
    no character, and no file or database can hold it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BackstretchError(Problem(name, _position(text, exc.start),
                                       _refusal(_HALF_CHARACTER))) from None


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML text by the one reading rule; ``name`` is the file named in errors."""
    _whole_characters(text, name)
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _("line {line}, column {column}").format(line=mark.line + 1,
                                                         column=mark.column + 1) if mark else ""
        what = (exc.problem or exc.context or "").strip()
        raise BackstretchError(Problem(name, where, _("invalid YAML: {problem}").format(
            problem=what) if what else _("invalid YAML"))) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise BackstretchError(Problem(name, "", _("invalid YAML: {problem}").format(
            problem=exc))) from None


_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|-?\d[\d.eE+-]*|-?Infinity|NaN')
"""A JSON string (skipped whole), a bracket, or a number (or what Python's json takes
for one)."""


def _json_bounds(text: str, name: str) -> None:
    """Refuse JSON nested too deep, holding too long a number or (as an escape, like
    ``\\ud800``) half a character, before it is parsed."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token, problem = match.group(), ""
        if token in "[{":
            depth += 1
            problem = _refusal(_TOO_DEEP) if depth > MAX_DEPTH else ""
        elif token in "]}":
            depth -= 1
        elif token[0] == '"':
            problem = _refusal(_HALF_CHARACTER) if "\\u" in token and _half_character(token) \
                else ""
        elif len(token) > MAX_DIGITS and _too_long(token):
            problem = _refusal(_TOO_LONG)
        elif not _finite(token):
            problem = _refusal(_NOT_FINITE)
        if problem:
            raise BackstretchError(Problem(name, _position(text, match.start()), problem))


def _half_character(string: str) -> bool:
    """Whether a JSON string (quotes and all) escapes a lone surrogate."""
    try:
        json.loads(string).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except ValueError:  # a bad escape: parsing the whole file says where
        pass
    return False


def _finite(number: str) -> bool:
    """Whether a number token is finite as a float (a malformed one is left to the parser)."""
    try:
        return math.isfinite(float(number))
    except ValueError:
        return True


def parse_json(source: bytes | str, name: str) -> Any:
    """Parse JSON (bytes as UTF-8, a byte-order mark allowed) by the one reading rule;
    ``name`` is the file named in errors."""
    text = decoded(source, name) if isinstance(source, bytes) else source
    _whole_characters(text, name)
    _json_bounds(text, name)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BackstretchError(Problem(name, _("line {line}, column {column}").format(
            line=exc.lineno, column=exc.colno), _("is not JSON: {problem}").format(
                problem=exc.msg))) from None


def read_json(path: str | os.PathLike[str]) -> Any:
    """Read and parse a JSON file, raising BackstretchError for any fault."""
    return parse_json(read_bytes(path), str(path))


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
        mode = target.stat().st_mode if target.exists() else stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise BackstretchError(Problem(str(path), "", _(
                "cannot be written: it is a folder") if stat.S_ISDIR(mode) else _(
                "cannot be written: it is not a regular file (it is a device, pipe or socket)")))
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, data)
    except OSError as exc:
        raise BackstretchError(Problem(str(path), "", _("cannot be written: {reason}").format(
            reason=os_reason(exc)))) from None


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
