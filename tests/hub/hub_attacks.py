"""Attacks on the class hub's root side (tests/hub/test_hub.py runs them on its class).

A student points a path the hub touches as root at the hub's folder or another home; a
squatter leaves a process running and is removed, and the real student of that name
signs up; a name is signed up that an account outside the class already has; a
session copied before logout or un-authorizing is tried again; a waiting name's
password is guessed; the hub's own files are read.
"""

from __future__ import annotations

import pwd
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from simulated_class import Instructor, Student, join_class

import accounts

REPO = Path(__file__).resolve().parents[2]
CLASSHUB = REPO / "deploy" / "local" / "classhub.py"


def account(name: str) -> pwd.struct_passwd:
    return pwd.getpwnam(accounts.system_name(name))


def as_student(name: str, *command: str) -> None:
    """Run ``command`` as the student's own account, in their home."""
    entry = account(name)
    subprocess.run(command, user=entry.pw_uid, group=entry.pw_gid, extra_groups=[],
                   cwd=entry.pw_dir, check=True, timeout=60)


def owners(*folders: Path) -> dict[Path, tuple[int, int, int]]:
    """Owner, group and mode of each folder and of everything directly in it."""
    seen = {}
    for folder in folders:
        for path in [folder, *folder.iterdir()]:
            info = path.lstat()
            seen[path] = (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode))
    return seen


def wait_for_server(instructor: Instructor, name: str, up: bool, timeout: float = 300) -> None:
    """Until ``name``'s server is ready (``up``) or gone (neither ready nor pending)."""
    deadline = time.monotonic() + timeout
    while True:
        server = instructor.api("GET", f"/hub/api/users/{name}").json()["servers"].get("", {})
        if (server.get("ready") if up else not server):
            return
        assert time.monotonic() < deadline, f"{name}'s server: {server}"
        time.sleep(0.5)


def start_server(hub, who: Student) -> int:
    """Ask the hub to start ``who``'s server (their token); the answer's status."""
    return requests.post(f"{hub.url}/hub/api/users/{who.name}/server", timeout=300,
                         headers={"Authorization": f"token {who.token}"}).status_code


def refused_start(hub, instructor: Instructor, who: Student, why: str,
                  watched: tuple[Path, ...]) -> None:
    """The hub refuses to start ``who``'s server, changes no owner or mode in the
    ``watched`` folders (:func:`owners`), and says why in its log."""
    before = owners(*watched)
    assert start_server(hub, who) >= 400
    wait_for_server(instructor, who.name, up=False)
    after = owners(*watched)
    changed = {p: (before[p], after[p]) for p in before.keys() & after.keys()
               if before[p] != after[p]}
    assert not changed, changed
    line = f"Refusing to start {who.name}'s server: "
    assert any(line in row and why in row for row in hub.log_path.read_text().splitlines()), \
        f"no {line!r}...{why!r} in the hub's log"


def symlinks_are_refused(hub, instructor: Instructor, student: Student, other: str) -> None:
    """``student`` swaps ``~/.tmp`` for a link to the hub's folder, then to ``other``'s home,
    and restarts; the home itself and the kernels' folder are swapped too (as only root
    could): each start is refused, and nothing there changes owner or mode. Put back, the
    server starts again as the same account, with the student's files."""
    name, entry = student.name, account(student.name)
    home, run = Path(entry.pw_dir), accounts.runtime_dir(hub.base, name)
    instructor.api("DELETE", f"/hub/api/users/{name}/server")
    wait_for_server(instructor, name, up=False)
    watched = (hub.base, hub.base / "hub", hub.home(other))
    as_student(name, "sh", "-c", "echo mine > kept.txt")
    as_student(name, "mv", accounts.TMP, ".tmp-mine")
    for target in (hub.base / "hub", hub.home(other)):
        as_student(name, "ln", "-sfn", str(target), accounts.TMP)
        refused_start(hub, instructor, student, f"{home / accounts.TMP}: not a folder of",
                      watched)
    as_student(name, "rm", accounts.TMP)
    as_student(name, "mv", ".tmp-mine", accounts.TMP)
    for path, target in ((home, hub.home(other)), (run, hub.base / "hub")):
        path.rename(path.with_name("moved-away"))
        path.symlink_to(target)
        try:
            refused_start(hub, instructor, student, f"{path}: a symbolic link", watched)
        finally:
            path.unlink()
            path.with_name("moved-away").rename(path)
    assert start_server(hub, student) < 400
    wait_for_server(instructor, name, up=True)
    assert account(name).pw_uid == entry.pw_uid  # the same account, not retired
    assert (home / "kept.txt").read_text() == "mine\n"


def squatter_is_removed(hub, instructor: Instructor, name: str, password: str) -> None:
    """A squatter under ``name``, approved by mistake, leaves a process running and a file;
    un-authorizing her ends her sessions, tokens and processes at once; the removal
    command leaves nothing; the real ``name`` then gets a new account and an empty home."""
    squatter = Student(hub.url, name, password + "-squat")
    join_class(instructor, squatter)
    assert start_server(hub, squatter) < 400
    wait_for_server(instructor, name, up=True)
    old = account(name)
    as_student(name, "sh", "-c", "echo mine > squatter-was-here")
    as_student(name, "setsid", "-f", "sleep", "3600")  # outlives her server
    assert accounts.processes_of(old.pw_uid)
    copied = requests.Session()
    copied.cookies.update(squatter.http.cookies)

    instructor.approve(name)  # the Authorize page's link: now un-authorize
    assert not accounts.processes_of(old.pw_uid)  # the server and the sleeper: gone
    denied(hub, squatter, copied)

    removed = subprocess.run([sys.executable, str(CLASSHUB), "--remove-student", name,
                              "--base", str(hub.base)], capture_output=True, text=True,
                             timeout=300)
    assert removed.returncode == 0 and f"Removed {name}" in removed.stdout, removed
    assert_gone(name)
    moved = re.search(r"home moved to (\S+)\.", removed.stdout).group(1)
    assert Path(moved).parent == hub.base / "removed"
    assert (Path(moved) / "squatter-was-here").is_file()
    info = (hub.base / "removed").lstat()
    assert info.st_uid == 0 and stat.S_IMODE(info.st_mode) == 0o700

    erin = Student(hub.url, name, password)
    join_class(instructor, erin)  # the name is free again
    assert start_server(hub, erin) < 400
    wait_for_server(instructor, name, up=True)
    new = account(name)
    assert new.pw_uid != old.pw_uid
    assert not (Path(new.pw_dir) / "squatter-was-here").exists()
    assert not accounts.processes_of(old.pw_uid)
    assert not squatter.try_sign_in()

    # deleting a user on the admin page retires their account too
    instructor.api("DELETE", f"/hub/api/users/{name}")
    assert not accounts.processes_of(new.pw_uid)
    assert [p for p in (hub.base / "removed").iterdir()
            if p.name.startswith(f"{new.pw_name}-{new.pw_uid}-")]
    assert_gone(name)


def assert_gone(name: str) -> None:
    """``name`` has no account any more."""
    with pytest.raises(KeyError):
        account(name)


def denied(hub, who: Student, copied: requests.Session) -> None:
    """``who``'s token and a copy of their cookies open nothing any more."""
    token = {"Authorization": f"token {who.token}"}
    assert requests.get(f"{hub.url}/hub/api/user", headers=token, timeout=60).status_code == 403
    assert copied.get(f"{hub.url}/hub/api/user", timeout=60).status_code == 403
    home = copied.get(f"{hub.url}/hub/home", timeout=60, allow_redirects=False)
    assert home.status_code == 302 and "/hub/login" in home.headers["Location"], home
    for http, kw in ((copied, {}), (requests, {"headers": token})):
        files = http.get(f"{hub.url}/user/{who.name}/api/contents", timeout=60,
                         allow_redirects=False, **kw)
        assert files.status_code != 200, files


def logout_ends_the_session(hub, instructor: Instructor, student: Student) -> None:
    """A copy of ``student``'s cookies, taken before they log out, and their token open
    nothing after; their server is stopped."""
    copied = requests.Session()
    copied.cookies.update(student.http.cookies)
    assert copied.get(f"{hub.url}/hub/home", timeout=60, allow_redirects=False).status_code \
        == 200
    student.http.get(f"{hub.url}/hub/logout", timeout=120)
    wait_for_server(instructor, student.name, up=False)
    denied(hub, student, copied)


def login_answer(hub, name: str, password: str) -> str:
    """What the login page says to ``name`` with ``password`` (it must not let them in)."""
    who = Student(hub.url, name, password)
    resp = who.form("/hub/login", {"username": name, "password": password}, follow=False)
    assert resp.status_code == 200, (name, resp.status_code)
    return re.search(r'class="login_error">\s*([^<]*?)\s*</p>', resp.text).group(1)


def a_waiting_name_tells_nothing(hub, instructor: Instructor, name: str, password: str) -> None:
    """Before approval the right password gets the wrong one's answer, and so it does
    after the lockout; Discard frees the name."""
    assert "sent to the admin" in Student(hub.url, name, password).sign_up()
    wrong = login_answer(hub, name, "not-" + password)
    assert login_answer(hub, name, password) == wrong  # before approval
    for attempt in range(5):
        assert login_answer(hub, name, f"guess-{attempt}") == wrong
    assert login_answer(hub, name, password) == wrong  # locked out
    instructor.http.get(f"{hub.url}/hub/discard/{name}", timeout=60).raise_for_status()
    assert "sent to the admin" in Student(hub.url, name, password + "-2").sign_up()


def private_hub_files(hub) -> None:
    """The hub's database, log, pid files and secrets are root's alone from birth."""
    files = [p for p in (hub.base / "hub").iterdir() if p.is_file()]
    assert {"jupyterhub.sqlite", "jupyterhub.log", "jupyterhub.pid", "cookie_secret"} \
        <= {p.name for p in files}
    loose = {p.name: oct(p.stat().st_mode) for p in [*files, hub.base / "git" / "git-daemon.log"]
             if p.stat().st_uid != 0 or stat.S_IMODE(p.stat().st_mode) & 0o077}
    assert not loose, loose
    assert stat.S_IMODE((hub.base / "hub").stat().st_mode) == 0o700


def a_machine_account_is_not_taken(hub, instructor: Instructor, name: str,
                                   password: str) -> None:
    """A student signs up under the name of an account this machine has outside the
    class: their server is refused, and that account is neither handed over nor touched."""
    system = accounts.system_name(name)
    subprocess.run(["useradd", "--no-create-home", "--home-dir", "/nonexistent", system],
                   check=True, timeout=60)
    try:
        before = account(name)
        who = Student(hub.url, name, password)
        join_class(instructor, who)
        refused_start(hub, instructor, who, "outside the class", (hub.base / "home",))
        assert account(name) == before
    finally:
        subprocess.run(["userdel", system], check=True, timeout=60)
