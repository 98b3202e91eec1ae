"""Start a classroom-trial JupyterHub on this machine, with the workbook served by git.

``make hub`` runs this: it serves a bare clone of this checkout over git's own protocol
(``git daemon`` on 127.0.0.1), starts JupyterHub (127.0.0.1) with the settings in
``jupyterhub_config.py``, and prints the address, the class password and the
nbgitpuller link to hand out. Ctrl+C stops everything. The tests and
``benchmarks/bench_class.py`` start the same hub through :func:`start_class_hub`.

For trials only: see ``jupyterhub_config.py`` and docs/instructors.md.
"""

from __future__ import annotations

import argparse
import os
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

sys.path.insert(0, str(HERE))
import hub_settings as hs  # noqa: E402

sys.path.insert(0, str(REPO))
from backstretch.classroom.link import ClassLink  # noqa: E402


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child: get SIGTERM if the parent (pytest, make hub) dies first."""
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
    log = open(base / "git-daemon.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        ["git", "daemon", "--reuseaddr", "--listen=127.0.0.1", f"--port={port}",
         f"--base-path={root}", "--export-all", "--informative-errors", str(root)],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        preexec_fn=_die_with_parent, start_new_session=True)
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
                               + (base / "git-daemon.log").read_text(errors="replace"))
        time.sleep(0.2)


@dataclass
class ClassHub:
    """A running trial hub and the git server behind its class link."""

    proc: subprocess.Popen
    git: GitServer
    base: Path
    port: int
    password: str
    log_path: Path
    extra: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def home(self, user: str) -> Path:
        return self.base / "home" / user

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


def proxy_command() -> Path:
    path = Path(os.environ.get("BACKSTRETCH_HUB_PROXY") or PROXY)
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"configurable-http-proxy not found at {path}; "
                           "run `bash scripts/ensure-hub` (make hub does)")
    return path


def start_class_hub(base: Path, port: int | None = None, password: str | None = None,
                    timeout: float = 90) -> ClassHub:
    """Serve the workbook and start the hub in ``base`` (homes, database, logs)."""
    base = base.resolve()
    # a kernel's sockets are BASE/run/<user id>/kernel-<36-char id>-ipc-<n>: 107 bytes at most
    if len(str(base / "run" / "123456" / f"kernel-{'x' * 36}-ipc-10")) > 107:
        raise RuntimeError(f"{base} is too long a path for the kernels' sockets; "
                           "choose a shorter one with --base")
    base.mkdir(parents=True, exist_ok=True)
    git = serve_workbook(base)
    port = port or free_port()
    password = password or secrets.token_urlsafe(9)
    if len(password) < 8:
        raise RuntimeError("the class password needs at least 8 characters")
    env = dict(os.environ)
    env.update({
        "BACKSTRETCH_HUB_BASE": str(base), "BACKSTRETCH_HUB_BIN": str(BIN),
        "BACKSTRETCH_HUB_PORT": str(port), "BACKSTRETCH_HUB_API_PORT": str(free_port()),
        "BACKSTRETCH_HUB_PROXY_PORT": str(free_port()),
        "BACKSTRETCH_HUB_PROXY": str(proxy_command()),
        "BACKSTRETCH_HUB_PROXY_TOKEN": secrets.token_hex(32),
        "BACKSTRETCH_HUB_PASSWORD": password,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    })
    log_path = base / "jupyterhub.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(CONFIG)], cwd=base, env=env,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            preexec_fn=_die_with_parent)
    log.close()
    hub = ClassHub(proc, git, base, port, password, log_path)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{hub.url}/hub/api/", timeout=5) as resp:
                if resp.status == 200:
                    return hub
        except (urllib.error.URLError, OSError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            hub.stop()
            raise RuntimeError(f"JupyterHub did not start:\n{hub.log()}")
        time.sleep(0.3)


def main() -> int:
    parser = argparse.ArgumentParser(description="A classroom-trial JupyterHub on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--base", type=Path, default=REPO / ".hub" / "class",
                        help="homes, hub database and logs (default: .hub/class)")
    parser.add_argument("--password", default=os.environ.get("BACKSTRETCH_HUB_PASSWORD"),
                        help="the class password (default: a new random one, printed)")
    args = parser.parse_args()
    try:
        hub = start_class_hub(args.base, args.port, args.password)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"""
JupyterHub for a classroom trial is up at {hub.url}/ (this computer only).
Sign in with any name and the class password: {hub.password}
Homes and data: {hub.base / 'home'}/<name>

Hand this link to the students (it clones the workbook and opens {hs.STUDENT_NOTEBOOK}):
  {hub.class_link()}
The class view for the projector, as a page without code:
  {hub.class_link('05_class_mode', ui='voila')}

Trial only: no isolation between students. Ctrl+C stops the hub and every server.
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
