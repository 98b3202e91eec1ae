"""The one exception family of backstretch, and how its messages are written."""

from __future__ import annotations

import errno
from pathlib import Path

from .filenames import shown_path
from .language import N_, _
from .problems import HIDDEN, JOINERS, BackstretchError, BackstretchWarning, Problem, printable

__all__ = ["HIDDEN", "JOINERS", "BackstretchError", "BackstretchWarning", "Problem", "os_reason",
           "printable"]

_REASONS = {
    errno.ENOSPC: N_("disk full"),
    errno.EDQUOT: N_("disk quota exceeded"),
    errno.EROFS: N_("read-only file system"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("is a folder"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ELOOP: N_("too many symbolic links"),
}


def os_reason(exc: OSError) -> str:
    """A few words saying why a file operation failed, like ``disk full``."""
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) and exc.filename:
        for part in (*reversed(Path(exc.filename).parents), Path(exc.filename)):
            if part.exists() and not part.is_dir():
                return _("{path} is a file, not a folder").format(path=shown_path(part))
    reason = _REASONS.get(exc.errno or 0)
    return _(reason) if reason else (exc.strerror or str(exc)).lower()
