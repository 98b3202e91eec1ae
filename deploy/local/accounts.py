"""A system account per student on the one-machine class hub, as The Littlest JupyterHub has.

The hub (running as root) creates ``jupyter-<name>`` the first time a student's server
starts, with a home only they can read (mode 0700) under ``BASE/home`` (their
temporary files in it too), and a folder for their kernels' sockets only they can read
under ``BASE/run``. Their server and
kernels run as that account, with a umask that keeps every new file their own.
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid

PREFIX = "jupyter-"
# JupyterHub names (lower case by then): a letter, then letters, digits, - or _; short
# enough that jupyter-<name> is a valid Linux account name (32 characters at most)
USERNAME_PATTERN = r"^[a-z][a-z0-9_-]{0,22}$"
TMP = ".tmp"  # their temporary files: in their home, not the shared /tmp
PRIVATE = 0o700
PASS_THROUGH = 0o711  # others may pass to a folder they know of, never list it


def system_name(username: str) -> str:
    """The account a hub user's server runs as: ``jupyter-ada`` for ``ada``."""
    return PREFIX + username


def private_folder(path: Path, owner: pwd.struct_passwd) -> None:
    """``path`` exists, belongs to ``owner`` alone and is mode 0700."""
    path.mkdir(mode=PRIVATE, parents=False, exist_ok=True)
    os.chown(path, owner.pw_uid, owner.pw_gid)
    path.chmod(PRIVATE)


def ensure_account(username: str, base: Path) -> pwd.struct_passwd:
    """Create ``jupyter-<username>`` (home ``base/home/jupyter-<username>``) if it is new;
    make sure its home and its runtime folder ``base/run/<uid>`` are its own, mode 0700."""
    name = system_name(username)
    homes = base / "home"
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        done = subprocess.run(
            ["useradd", "--create-home", "--home-dir", str(homes / name), "--user-group",
             "--shell", "/bin/bash", "--comment", "backstretch class", name],
            capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"could not create the account {name}: {done.stderr.strip()}")
        entry = pwd.getpwnam(name)
    private_folder(Path(entry.pw_dir), entry)
    private_folder(Path(entry.pw_dir) / TMP, entry)
    private_folder(base / "run" / str(entry.pw_uid), entry)
    return entry


def home_of(username: str) -> str:
    """The home of the student's account."""
    return pwd.getpwnam(system_name(username)).pw_dir


def runtime_dir(base: Path, username: str) -> Path:
    """Where the student's kernels put their sockets and connection files (short: the
    socket paths may be 107 bytes at most)."""
    return base / "run" / str(pwd.getpwnam(system_name(username)).pw_uid)


def class_accounts(base: Path) -> list[str]:
    """The accounts whose homes lie under ``base/home``: the class of this hub."""
    homes = (base / "home").resolve()
    return [e.pw_name for e in pwd.getpwall()
            if e.pw_name.startswith(PREFIX) and Path(e.pw_dir).parent == homes]


def remove_accounts(base: Path) -> list[str]:
    """Delete the class's accounts with their homes (after the course; the tests' clean-up);
    return their names."""
    gone = class_accounts(base)
    for name in gone:
        subprocess.run(["userdel", "--remove", "--force", name],
                       capture_output=True, timeout=60)
    shutil.rmtree(base / "run", ignore_errors=True)
    return gone


def open_path_to(path: Path) -> list[Path]:
    """Let other accounts pass through every folder above ``path`` (o+x, never o+r):
    students' servers run Python and the workbook from there. Returns what changed."""
    changed = []
    for folder in [*reversed(path.resolve().parents)]:
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH:
            folder.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)
            changed.append(folder)
    return changed


class AccountSpawner(LocalProcessSpawner):
    """JupyterHub's local-process spawner, running each server as ``jupyter-<name>``."""

    def make_preexec_fn(self, name: str):
        become = set_user_setuid(system_name(name))

        def preexec() -> None:
            become()
            os.umask(0o077)  # every file the student's server and kernels make is theirs

        return preexec

    def user_env(self, env: dict) -> dict:
        entry = pwd.getpwnam(system_name(self.user.name))
        env.update(USER=entry.pw_name, LOGNAME=entry.pw_name, HOME=entry.pw_dir,
                   SHELL=entry.pw_shell)
        return env
