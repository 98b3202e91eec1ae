"""Start a class's JupyterHub on this machine, with the workbook served by git.

``make hub`` runs this, as root: it serves a bare clone of this checkout over git's own
protocol (``git daemon`` on 127.0.0.1), starts JupyterHub (127.0.0.1) with the settings
in ``jupyterhub_config.py``, signs the instructor up as the hub's admin, and prints the
address, the instructor's password and the nbgitpuller link to hand out. Each student
signs up with their own password and runs as a system account of their own
(``accounts.py``). Ctrl+C stops everything. ``--remove-student NAME`` removes one
student from the running hub for good; ``--remove-accounts``, after the course, all.
The tests and ``benchmarks/bench_class.py`` start the same hub through
:func:`start_class_hub`. See docs/instructors.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CONFIG = HERE / "jupyterhub_config.py"
PROXY = REPO / ".hub" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
BIN = Path(sys.executable).parent
SERVICE_FILE = "classhub-api.json"  # the hub's address and a token to remove students with

sys.path.insert(0, str(HERE))
import accounts  # noqa: E402
import hub_settings as hs  # noqa: E402
import share_settings  # noqa: E402
import requests  # noqa: E402 - JupyterHub's own dependency

sys.path.insert(0, str(REPO))
from backstretch.classroom.link import ClassLink  # noqa: E402


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _private_child() -> None:
    """In the child (the hub and its proxy, git daemon): every file it makes is root's
    alone (umask 077); SIGTERM if the parent (pytest, make hub) dies first."""
    os.umask(0o077)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _git(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


@dataclass
class GitServer:
    """A bare clone of the workbook, its branch ``main`` at this checkout's HEAD, on git://."""

    proc: subprocess.Popen
    port: int
    name: str = "backstretch.git"

    @property
    def url(self) -> str:
        return f"git://127.0.0.1:{self.port}/{self.name}"

    def stop(self) -> None:
        """End ``git daemon`` and the server process it forks (its own process group)."""
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        _stop(self.proc)


def serve_workbook(base: Path, checkout: Path = REPO) -> GitServer:
    """Clone ``checkout``'s HEAD (committed work only) and serve it read-only on loopback."""
    root = base / "git"
    bare = root / "backstretch.git"
    head = _git("-C", str(checkout), "rev-parse", "HEAD")
    if not bare.exists():
        root.mkdir(parents=True, exist_ok=True)
        _git("clone", "--quiet", "--bare", "--no-local", str(checkout), str(bare))
    else:
        _git("-C", str(bare), "fetch", "--quiet", str(checkout), "+HEAD:refs/heads/main")
    _git("-C", str(bare), "update-ref", f"refs/heads/{hs.BRANCH}", head)
    _git("-C", str(bare), "symbolic-ref", "HEAD", f"refs/heads/{hs.BRANCH}")
    port = free_port()
    log = private_file(root / "git-daemon.log")
    proc = subprocess.Popen(
        ["git", "daemon", "--reuseaddr", "--listen=127.0.0.1", f"--port={port}",
         f"--base-path={root}", "--export-all", "--informative-errors", str(root)],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        preexec_fn=_private_child, start_new_session=True)
    log.close()
    server = GitServer(proc, port)
    deadline = time.monotonic() + 30
    while True:  # ready once it lists the branch
        probe = subprocess.run(["git", "ls-remote", server.url, hs.BRANCH],
                               capture_output=True, text=True, timeout=30)
        if probe.returncode == 0 and head in probe.stdout:
            return server
        if proc.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"git daemon did not serve {server.url}: {probe.stderr.strip()}\n"
                               + (root / "git-daemon.log").read_text(errors="replace"))
        time.sleep(0.2)


@dataclass
class ClassHub:
    """A running class hub and the git server behind its class link."""

    proc: subprocess.Popen
    git: GitServer
    base: Path
    port: int
    admin: str
    admin_password: str | None
    """The instructor's password when this start signed them up; None when they were
    signed up before (their password is the one they chose then)."""
    log_path: Path
    opened: list[Path] = field(default_factory=list)
    """Folders this start let other accounts pass through (o+x), to reach Python."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def home(self, user: str) -> Path:
        """The home of ``user``'s own account (once their server has started)."""
        return self.base / "home" / accounts.system_name(user)

    @property
    def git_repo(self) -> Path:
        """The bare repository the class link pulls from (push a change there to hand
        it out)."""
        return self.base / "git" / self.git.name

    def class_link(self, notebook: str = hs.STUDENT_NOTEBOOK, ui: str = "lab") -> str:
        return ClassLink(self.url, self.git.url, hs.BRANCH, notebook, ui).url

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-8000:]
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the hub (it stops every student's server first), then the git server."""
        _stop(self.proc, timeout=60)
        self.git.stop()


def read_class_list(path: Path) -> list[str]:
    """The names in a class list: one a line; blank lines and ``#`` comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuntimeError(f"{path}: cannot read the class list ({exc})") from None
    names = []
    for number, line in enumerate(lines, 1):
        name = line.split("#", 1)[0].strip().lower()
        if not name:
            continue
        if not re.fullmatch(accounts.USERNAME_PATTERN, name):
            raise RuntimeError(
                f"{path}, line {number}: {name!r} is not a name the hub takes: a letter, "
                "then up to 22 letters, digits, - or _ (no spaces or accents)")
        names.append(name)
    return names


def private_file(path: Path, truncate: bool = True):
    """``path`` (a log, the removal token, an older hub's file) opened to write (emptied,
    unless not ``truncate``), made root's alone: 0600. A symbolic link is refused."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
                 | (os.O_TRUNC if truncate else 0), 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "wb")


def prepare_folders(base: Path) -> list[Path]:
    """Lay out ``base`` (the hub's own files root's alone; homes and kernel folders
    passable, never listable; no symbolic link anywhere) and let the students' accounts
    reach Python, the venv and the workbook. Returns the folders opened (o+x); fails if
    an account still cannot."""
    base.mkdir(parents=True, exist_ok=True)
    fd = accounts.open_folder(base)
    try:
        if os.fstat(fd).st_uid != 0:
            raise RuntimeError(f"{base} is not root's: choose another --base")
        os.fchmod(fd, accounts.PASS_THROUGH)
    finally:
        os.close(fd)
    for name, mode in (("hub", accounts.PRIVATE), ("git", accounts.PRIVATE),
                       ("removed", accounts.PRIVATE),
                       ("home", accounts.PASS_THROUGH), ("run", accounts.PASS_THROUGH)):
        accounts.own_folder(base, name, None, mode)
    for path in (base / "hub").iterdir():  # an older hub's files, made 0644 before
        if path.is_file() and not path.is_symlink():
            private_file(path, truncate=False).close()
    share_settings.prepare(base)  # the sharing service's own account and folder
    python = Path(os.path.realpath(sys.executable))
    opened = [p for target in (python, BIN / "x", REPO / "backstretch", base / "home" / "x")
              for p in accounts.open_path_to(target)]
    check = subprocess.run([str(BIN / "python"), "-c", "import backstretch, jupyterhub"],
                           user="nobody", group="nogroup", cwd="/", capture_output=True,
                           text=True, timeout=120)
    if check.returncode != 0:
        raise RuntimeError("the students' accounts cannot run the workbook's Python "
                           f"({BIN / 'python'}): {check.stderr.strip().splitlines()[-1:]}")
    return opened


def sign_up(url: str, name: str, password: str) -> bool:
    """Sign ``name`` up through the hub's sign-up form; False if the name is taken."""
    http = requests.Session()
    http.get(f"{url}/hub/signup", timeout=60).raise_for_status()
    page = http.post(f"{url}/hub/signup", timeout=60, data={
        "username": name, "signup_password": password,
        "signup_password_confirmation": password, "_xsrf": http.cookies.get("_xsrf", "")})
    page.raise_for_status()
    if "already in use" in page.text:
        return False
    if 'class="alert alert-danger"' in page.text:
        raise RuntimeError(f"the hub refused to sign up {name!r}: at least "
                           f"{hs.NATIVE_AUTHENTICATOR['minimum_password_length']} characters, "
                           "not a common password")
    return True


def service_token(base: Path, port: int) -> str:
    """A new token for ``--remove-student`` to ask this hub with, kept with the hub's
    address in ``BASE/hub`` (root's alone)."""
    token = secrets.token_hex(32)
    with private_file(base / "hub" / SERVICE_FILE) as out:
        out.write(json.dumps({"url": f"http://127.0.0.1:{port}", "token": token}).encode())
    return token


def remove_student(base: Path, name: str) -> dict:
    """Ask the running hub in ``base`` to remove ``name`` for good (class_auth.py): their
    servers and processes stopped, sign-up and hub user deleted, account deleted, home
    moved to ``BASE/removed``. Returns what the hub did."""
    try:
        service = json.loads((base / "hub" / SERVICE_FILE).read_text())
        resp = requests.post(f"{service['url']}/hub/class-remove/{name}", timeout=120,
                             headers={"Authorization": f"token {service['token']}"})
    except (OSError, ValueError, KeyError, requests.RequestException) as exc:
        raise RuntimeError(f"no class hub is running in {base} ({exc}); start it "
                           "(sudo make hub) and remove the student again") from None
    if resp.status_code != 200:
        try:
            reason = resp.json()["message"]
        except (ValueError, KeyError):
            reason = resp.reason
        raise RuntimeError(f"the hub did not remove {name!r}: {reason}")
    return resp.json()


def proxy_command() -> Path:
    path = Path(os.environ.get("BACKSTRETCH_HUB_PROXY") or PROXY)
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"configurable-http-proxy not found at {path}; "
                           "run `bash scripts/ensure-hub` (make hub does)")
    return path


def start_class_hub(base: Path, port: int | None = None, admin: str = "instructor",
                    admin_password: str | None = None, class_list: list[str] | None = None,
                    timeout: float = 90) -> ClassHub:
    """Serve the workbook, start the hub in ``base`` (homes, database, logs) and sign the
    instructor ``admin`` up (with ``admin_password``, or a new random one)."""
    if os.geteuid() != 0:
        raise RuntimeError("the class hub runs as root (sudo make hub): it gives every "
                           "student a system account of their own")
    if not re.fullmatch(accounts.USERNAME_PATTERN, admin):
        raise RuntimeError(f"{admin!r} is not a name the hub takes for the instructor")
    base = base.resolve()
    # a kernel's sockets are BASE/run/<user id>/kernel-<36-char id>-ipc-<n>: 107 bytes at most
    if len(str(base / "run" / "123456" / f"kernel-{'x' * 36}-ipc-10")) > 107:
        raise RuntimeError(f"{base} is too long a path for the kernels' sockets; "
                           "choose a shorter one with --base")
    opened = prepare_folders(base)
    git = serve_workbook(base)
    port = port or free_port()
    admin_password = admin_password or secrets.token_urlsafe(12)
    if len(admin_password) < hs.NATIVE_AUTHENTICATOR["minimum_password_length"]:
        raise RuntimeError("the instructor's password needs at least "
                           f"{hs.NATIVE_AUTHENTICATOR['minimum_password_length']} characters")
    env = dict(os.environ)
    env.update({
        "BACKSTRETCH_HUB_BASE": str(base), "BACKSTRETCH_HUB_BIN": str(BIN),
        "BACKSTRETCH_HUB_PORT": str(port), "BACKSTRETCH_HUB_API_PORT": str(free_port()),
        "BACKSTRETCH_HUB_PROXY_PORT": str(free_port()),
        "BACKSTRETCH_HUB_PROXY": str(proxy_command()),
        "BACKSTRETCH_HUB_PROXY_TOKEN": secrets.token_hex(32),
        "BACKSTRETCH_HUB_ADMIN": admin,
        "BACKSTRETCH_HUB_CLASS_LIST": ",".join(class_list or ()),
        "BACKSTRETCH_HUB_SERVICE_TOKEN": service_token(base, port),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    })
    log_path = base / "hub" / "jupyterhub.log"
    log = private_file(log_path)
    proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(CONFIG)], cwd=base / "hub",
                            env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, preexec_fn=_private_child)
    log.close()
    hub = ClassHub(proc, git, base, port, admin, None, log_path, opened)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{hub.url}/hub/api/", timeout=5) as resp:
                if resp.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            hub.stop()
            raise RuntimeError(f"JupyterHub did not start:\n{hub.log()}")
        time.sleep(0.3)
    # at once, before anyone else can take the instructor's name (the admin's)
    try:
        if sign_up(hub.url, admin, admin_password):
            hub.admin_password = admin_password
    except (RuntimeError, requests.RequestException):
        hub.stop()
        raise
    return hub


def main() -> int:
    parser = argparse.ArgumentParser(description="A class's JupyterHub on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--base", type=Path, default=REPO / ".hub" / "class",
                        help="homes, hub database and logs (default: .hub/class)")
    parser.add_argument("--admin", default="instructor",
                        help="the instructor's name on the hub, its admin (default: instructor)")
    parser.add_argument("--admin-password",
                        default=os.environ.get("BACKSTRETCH_HUB_ADMIN_PASSWORD"),
                        help="the instructor's password at the first start "
                             "(default: a new random one, printed once)")
    parser.add_argument("--class-list", type=Path,
                        help="a file with one name a line: only they may sign in")
    parser.add_argument("--remove-accounts", action="store_true",
                        help="after the course: end the students' processes, delete their "
                             "accounts and homes (those under BASE/home, and BASE/removed), "
                             "then stop")
    parser.add_argument("--remove-student", metavar="NAME",
                        help="remove NAME from the running hub for good: their server and "
                             "every process stopped, sign-up, account and sessions deleted, "
                             "their home moved to BASE/removed; the name can then be taken "
                             "afresh")
    args = parser.parse_args()
    if (args.remove_accounts or args.remove_student) and os.geteuid() != 0:
        print("error: removing accounts needs root (sudo)", file=sys.stderr)
        return 1
    if args.remove_student:
        try:
            name = args.remove_student.strip().lower()
            if not re.fullmatch(accounts.USERNAME_PATTERN, name):
                raise RuntimeError(f"{name!r} is not a name the hub takes")
            done = remove_student(args.base.resolve(), name)
        except RuntimeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        home = f"; home moved to {done['home_moved_to']}" if done["home_moved_to"] else ""
        print(f"Removed {done['name']}: sign-up deleted: {done['signed_up']}, account "
              f"deleted: {done['account'] or 'none'}{home}. The name can be taken afresh.")
        return 0
    if args.remove_accounts:
        gone = accounts.remove_accounts(args.base.resolve())
        print(f"Removed {len(gone)} accounts with their homes (and the homes of students "
              f"removed before): {', '.join(gone) or 'none'}")
        return 0
    try:
        names = read_class_list(args.class_list) if args.class_list else []
        hub = start_class_hub(args.base, args.port, args.admin, args.admin_password, names)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for folder in hub.opened:
        print(f"Let the students' accounts pass through {folder} (o+x) to reach Python.")
    who = (f"The {len(names)} names on the class list sign up and are in at once."
           if names else "Approve each student at "
           f"{hub.url}/hub/authorize once they have signed up.")
    password = (f"with the password {hub.admin_password} (shown this once: change it at "
                f"{hub.url}/hub/change-password)" if hub.admin_password
                else "with the password you chose at the first start")
    print(f"""
The class's JupyterHub is up at {hub.url}/ (this computer only).
You, the instructor and the hub's admin: sign in as {hub.admin!r} {password}.
Students: open {hub.url}/hub/signup, choose a name and a password of their own.
{who}
Each student's server runs as the account jupyter-<name>, home {hub.base / 'home'}/jupyter-<name>
(theirs alone, mode 0700).

Hand this link to the students (it clones the workbook and opens {hs.STUDENT_NOTEBOOK}):
  {hub.class_link()}
The class view for your projector (your screen only: each viewer gets a kernel):
  {hub.class_link('05_class_mode', ui='voila')}
What students choose to share with you (yours alone; see docs/instructors.md):
  {hub.url}/services/class-shares/

Ctrl+C stops the hub and every server; accounts and homes stay for next time.
""", flush=True)
    try:
        while hub.proc.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
