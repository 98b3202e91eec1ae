"""A system account per student on the one-machine class hub, as The Littlest JupyterHub has.

The hub (running as root) creates ``jupyter-<name>`` the first time a student's server
starts, with a home only they can read (mode 0700) under ``BASE/home`` (their
temporary files in it too), and a folder for their kernels' sockets only they can read
under ``BASE/run``. Their server and kernels run as that account, with a umask that
keeps every new file their own.

Root never acts on a path a student can change: every folder is reached by a walk of
open folders from ``/`` that follows no symbolic link (:func:`open_folder`), and what
lies inside a student's home (their ``.tmp``) is made by the student's own process,
after the switch of user. A server whose home is not a real folder of its account is
refused. An account is handed only to the hub user it was made for (the spawner keeps
its user id in the hub's database); any other is retired first (:func:`retire_account`):
its processes ended, the account deleted, its home moved under ``BASE/removed``. User ids
are never given twice by one hub, so no new account inherits an old one's files.
"""

from __future__ import annotations

import errno
import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Integer, Unicode

PREFIX = "jupyter-"
# JupyterHub names (lower case by then): a letter, then letters, digits, - or _; short
# enough that jupyter-<name> is a valid Linux account name (32 characters at most)
USERNAME_PATTERN = r"^[a-z][a-z0-9_-]{0,22}$"
TMP = ".tmp"  # their temporary files: in their home, not the shared /tmp
PRIVATE = 0o700
PASS_THROUGH = 0o711  # others may pass to a folder they know of, never list it
FIRST_UID = 20000  # the class's accounts, above the machine's people (1000...)
LAST_UID = 59999
KILL_TRIES = 100  # a tenth of a second apart
USERDEL_TRIES = 20  # half a second apart
USERDEL_BUSY = 8  # userdel's exit status: the account still has a process


class AccountRefused(RuntimeError):
    """An account, home or folder is not what the hub may act on."""


def system_name(username: str) -> str:
    """The account a hub user's server runs as: ``jupyter-ada`` for ``ada``."""
    return PREFIX + username


def open_folder(path: Path, dir_fd: int | None = None) -> int:
    """An open descriptor of the folder ``path``, reached one name at a time without
    following any symbolic link (relative to ``dir_fd`` if given). The caller closes it."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    parts = Path(path).parts
    if Path(path).is_absolute():
        fd, parts = os.open("/", flags), parts[1:]
    else:
        fd = os.dup(dir_fd) if dir_fd is not None else os.open(".", flags)
    try:
        for part in parts:
            following = os.open(part, flags, dir_fd=fd)
            os.close(fd)
            fd = following
    except OSError as exc:
        os.close(fd)
        what = "a symbolic link or not a folder" if exc.errno in (errno.ELOOP, errno.ENOTDIR) \
            else exc.strerror
        raise AccountRefused(f"{path}: {what}") from None
    return fd


def own_folder(parent: Path, name: str, owner: pwd.struct_passwd | None, mode: int) -> None:
    """``parent/name`` is a real folder (made if missing), owned by ``owner`` (root if
    None; a new one is given to them, an existing one must be theirs already), ``mode``.
    ``parent`` must be root's: nobody else can swap what lies in it."""
    parent_fd = open_folder(parent)
    try:
        info = os.fstat(parent_fd)
        if info.st_uid != 0 or info.st_mode & 0o022:
            raise AccountRefused(f"{parent}: not root's alone (owner {info.st_uid}, "
                                 f"mode {stat.S_IMODE(info.st_mode):o})")
        uid, gid = (owner.pw_uid, owner.pw_gid) if owner else (0, 0)
        try:
            os.mkdir(name, mode, dir_fd=parent_fd)
            made = True
        except FileExistsError:
            made = False
        try:
            fd = open_folder(Path(name), parent_fd)
        except AccountRefused:
            raise AccountRefused(f"{parent / name}: a symbolic link or not a folder") from None
        try:
            info = os.fstat(fd)
            if made:
                os.fchown(fd, uid, gid)
            elif info.st_uid != uid:
                raise AccountRefused(f"{parent / name}: owned by user {info.st_uid}, "
                                     f"not {owner.pw_name if owner else 'root'}")
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
    finally:
        os.close(parent_fd)


def check_home(entry: pwd.struct_passwd, base: Path) -> None:
    """Refuse a home that is not the real folder ``BASE/home/<account>`` of this account,
    or whose ``.tmp`` is anything but a folder of theirs. Makes the home 0700."""
    home = Path(entry.pw_dir)
    if home != base / "home" / entry.pw_name:
        raise AccountRefused(f"{entry.pw_name}: its home is {home}, not in {base / 'home'}")
    own_folder(home.parent, entry.pw_name, entry, PRIVATE)
    fd = open_folder(home)
    try:
        try:
            info = os.stat(TMP, dir_fd=fd, follow_symlinks=False)
        except FileNotFoundError:
            return  # the student's server makes it (AccountSpawner)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != entry.pw_uid:
            raise AccountRefused(f"{home / TMP}: not a folder of {entry.pw_name} "
                                 "(a symbolic link?); remove it, then start again")
    finally:
        os.close(fd)


def next_uid(base: Path) -> int:
    """A user id no account of this machine has, nor any account this hub ever made."""
    record = base / "hub" / "uids-given.json"
    try:
        given = json.loads(record.read_text())["last"]
    except (OSError, ValueError, KeyError):
        given = FIRST_UID - 1
    taken = [e.pw_uid for e in pwd.getpwall() if FIRST_UID <= e.pw_uid <= LAST_UID]
    uid = max([given, *taken]) + 1
    if uid > LAST_UID:
        raise AccountRefused(f"no user id left between {FIRST_UID} and {LAST_UID}")
    temporary = record.with_suffix(".new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump({"last": uid}, out)
    os.replace(temporary, record)
    return uid


def ensure_account(username: str, base: Path, recorded_uid: int = 0) -> pwd.struct_passwd:
    """The account of hub user ``username``: ``jupyter-<username>``, whose user id is
    ``recorded_uid`` (what the hub recorded for this hub user; 0 for none). Any other
    account of that name of this class is retired, and a new one made, with an empty
    home; one of that name outside the class is refused, untouched. Checks the home and
    gives the account a runtime folder ``BASE/run/<uid>`` of its own, mode 0700."""
    name = system_name(username)
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        entry = None
    if entry is not None and entry.pw_uid != recorded_uid:
        if Path(entry.pw_dir).parent != base / "home":
            raise AccountRefused(f"{name} is an account of this machine outside the class "
                                 f"(home {entry.pw_dir}): not touched; remove it or choose "
                                 "another name")
        retire_account(name, base)
        entry = None
    if entry is None:
        done = subprocess.run(
            ["useradd", "--create-home", "--home-dir", str(base / "home" / name),
             "--uid", str(next_uid(base)), "--user-group", "--shell", "/bin/bash",
             "--comment", "backstretch class", name],
            capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise AccountRefused(f"could not create the account {name}: {done.stderr.strip()}")
        entry = pwd.getpwnam(name)
    check_home(entry, base)
    own_folder(base / "run", str(entry.pw_uid), entry, PRIVATE)
    return entry


def home_of(username: str) -> str:
    """The home of the student's account."""
    return pwd.getpwnam(system_name(username)).pw_dir


def runtime_dir(base: Path, username: str) -> Path:
    """Where the student's kernels put their sockets and connection files (short: the
    socket paths may be 107 bytes at most)."""
    return base / "run" / str(pwd.getpwnam(system_name(username)).pw_uid)


def processes_of(uid: int) -> list[int]:
    """The live processes of ``uid`` (real, effective or saved), not the dead ones
    waiting to be reaped (zombies: they run nothing and hold no file)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        if str(uid) in fields.get("Uid", "").split()[:3] \
                and not fields.get("State", "").strip().startswith("Z"):
            found.append(int(pid))
    return found


def end_processes(uid: int) -> None:
    """Kill every process of ``uid``, again until none is left (a process may fork)."""
    for _ in range(KILL_TRIES):
        running = processes_of(uid)
        if not running:
            return
        for pid in running:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.1)
    raise AccountRefused(f"user {uid} still has processes: {processes_of(uid)}")


def retire_account(name: str, base: Path) -> Path | None:
    """End every process of the account ``name``, delete the account, and move its home
    (if under ``BASE/home``) to ``BASE/removed/<name>-<uid>-<time>`` (root's alone, 0700)
    and its kernels' folder away. Returns where the home went (None: it had none here)."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    for _ in range(USERDEL_TRIES):  # userdel counts the zombies too: until they are reaped
        end_processes(entry.pw_uid)
        done = subprocess.run(["userdel", name], capture_output=True, text=True, timeout=60)
        if done.returncode != USERDEL_BUSY:
            break
        time.sleep(0.5)
    if done.returncode != 0:
        raise AccountRefused(f"could not delete the account {name}: {done.stderr.strip()}")
    end_processes(entry.pw_uid)
    own_folder(base, "removed", None, PRIVATE)
    moved = None
    home = Path(entry.pw_dir)
    if home.parent == base / "home":
        homes, removed = open_folder(base / "home"), open_folder(base / "removed")
        target = f"{name}-{entry.pw_uid}-{time.strftime('%Y%m%dT%H%M%S')}"
        try:  # the entry itself moves, whatever it is: nothing is followed
            os.rename(home.name, target, src_dir_fd=homes, dst_dir_fd=removed)
            moved = base / "removed" / target
        except FileNotFoundError:
            pass
        finally:
            os.close(homes)
            os.close(removed)
    if not (base / "run").is_dir():
        return moved
    runs = open_folder(base / "run")
    try:
        shutil.rmtree(str(entry.pw_uid), dir_fd=runs)  # follows no link (dir_fd walk)
    except FileNotFoundError:
        pass
    finally:
        os.close(runs)
    return moved


def class_accounts(base: Path) -> list[str]:
    """The accounts whose homes lie under ``base/home``: the class of this hub."""
    homes = base.resolve() / "home"
    return [e.pw_name for e in pwd.getpwall()
            if e.pw_name.startswith(PREFIX) and Path(e.pw_dir).parent == homes]


def remove_accounts(base: Path) -> list[str]:
    """After the course (and the tests' clean-up): retire every account of the class and
    delete their homes, and the homes of those retired before; return their names."""
    base = base.resolve()
    gone = class_accounts(base)
    for name in gone:
        retire_account(name, base)
    for folder in ("removed", "run"):
        if (base / folder).is_dir() and not (base / folder).is_symlink():
            shutil.rmtree(base / folder)  # follows no link (shutil.rmtree.avoids_symlink_attacks)
    return gone


def open_path_to(path: Path) -> list[Path]:
    """Let other accounts pass through every folder above ``path`` (o+x, never o+r):
    students' servers run Python and the workbook from there. Returns what changed."""
    changed = []
    for folder in [*reversed(path.resolve().parents)]:
        fd = open_folder(folder)
        try:
            mode = os.fstat(fd).st_mode
            if not mode & stat.S_IXOTH:
                os.fchmod(fd, stat.S_IMODE(mode) | stat.S_IXOTH)
                changed.append(folder)
        finally:
            os.close(fd)
    return changed


def make_tmp(home: str) -> None:
    """As the student (after the switch of user): their ``~/.tmp``, a folder, 0700."""
    path = os.path.join(home, TMP)
    try:
        os.mkdir(path, PRIVATE)
    except FileExistsError:
        pass
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        os.fchmod(fd, PRIVATE)
    finally:
        os.close(fd)


class AccountSpawner(LocalProcessSpawner):
    """JupyterHub's local-process spawner, running each server as ``jupyter-<name>``:
    the account made for this hub user (its user id kept in the spawner's state), with
    its home checked before the start (a refusal is logged)."""

    hub_base = Unicode(config=True, help="The class's folder: BASE/home, BASE/run.")
    account_uid = Integer(0, help="The user id of the account made for this hub user.")

    def load_state(self, state: dict) -> None:
        super().load_state(state)
        self.account_uid = state.get("account_uid", 0)

    def get_state(self) -> dict:  # kept when the server stops (clear_state drops the pid)
        return {**super().get_state(), "account_uid": self.account_uid}

    async def start(self):
        try:
            entry = ensure_account(self.user.name, Path(self.hub_base), self.account_uid)
        except AccountRefused as exc:
            self.log.error("Refusing to start %s's server: %s", self.user.name, exc)
            raise
        if entry.pw_uid != self.account_uid:
            self.account_uid = entry.pw_uid
            self.orm_spawner.state = self.get_state()  # at once: before anything can fail
            self.user.db.commit()
        return await super().start()

    def make_preexec_fn(self, name: str):
        become = set_user_setuid(system_name(name))
        home = pwd.getpwnam(system_name(name)).pw_dir

        def preexec() -> None:
            become()
            os.umask(0o077)  # every file the student's server and kernels make is theirs
            make_tmp(home)

        return preexec

    def user_env(self, env: dict) -> dict:
        entry = pwd.getpwnam(system_name(self.user.name))
        env.update(USER=entry.pw_name, LOGNAME=entry.pw_name, HOME=entry.pw_dir,
                   SHELL=entry.pw_shell)
        return env
