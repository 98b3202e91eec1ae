"""Fixtures for the real-browser tests: Chromium through Playwright, JupyterLab and Voila.

Everything runs on loopback (127.0.0.1) against a private copy of ``notebooks/`` and
``docs/`` so Lab's autosave never touches the committed notebooks, with private Jupyter settings, runtime and
data folders, and a private ``BACKSTRETCH_DATA_DIR``. Every server is stopped (and its
kernels with it) at teardown, even when a test fails.

The tests skip when Chromium or Playwright is missing, unless ``BACKSTRETCH_REQUIRE_BROWSER=1``
(``.ci/run`` sets it): then they fail, so CI can never pass with the browser tests skipped.
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
DOCS = REPO / "docs"
ARTIFACTS = REPO / "test-artifacts"
BIN = Path(sys.executable).parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # no name resolves: nothing but 127.0.0.1 (and file://) can be reached
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
# generous for a slow, shared CI machine; the waits return as soon as the page is ready
SERVER_START_TIMEOUT = 90.0
KERNEL_TIMEOUT_MS = 90_000
UI_TIMEOUT_MS = 30_000

# never let the playwright package fetch its own browsers: we drive Debian's chromium
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


def chromium_path() -> Path:
    return Path(os.environ.get("BACKSTRETCH_CHROMIUM") or DEFAULT_CHROMIUM)


def browser_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    path = chromium_path()
    if not (path.is_file() and os.access(path, os.X_OK)):
        return (f"Chromium not found at {path}; run `make test` as root to install it, "
                f"or set BACKSTRETCH_CHROMIUM to a Chromium executable")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return (f"the playwright package is not importable ({exc}); "
                f"install the test extras: pip install -e '.[workbook,test]'")
    return None


def require_browser() -> None:
    """Skip (or, under BACKSTRETCH_REQUIRE_BROWSER=1, fail) when the browser is missing."""
    reason = browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("BACKSTRETCH_REQUIRE_BROWSER", "") not in ("", "0"):
        pytest.fail(f"BACKSTRETCH_REQUIRE_BROWSER is set but {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (Linux /proc), to make sure kernels die with the server."""
    kids: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in kids.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@dataclass
class Server:
    """A Jupyter (Lab or Voila) server we started, on 127.0.0.1."""

    name: str
    proc: subprocess.Popen
    port: int
    token: str
    root: Path
    data_dir: Path
    log_path: Path
    extra: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{sep}token={self.token}"

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-6000:]
        except OSError:
            return ""

    def wait_ready(self, probe: str) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        last = ""
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.log()}")
            try:
                req = urllib.request.Request(f"{self.base}{probe}",
                                             headers={"Authorization": f"token {self.token}"})
                with urllib.request.urlopen(req, timeout=5) as resp:
                    if resp.status == 200:
                        return
            except urllib.error.HTTPError:
                return  # it answers HTTP: up (Voila has no cheap 200 page that runs no kernel)
            except (urllib.error.URLError, OSError) as exc:
                last = str(exc)
            time.sleep(0.25)
        raise RuntimeError(f"{self.name} not ready after {SERVER_START_TIMEOUT:.0f} s ({last}):\n"
                           f"{self.log()}")

    def stop(self) -> None:
        """SIGTERM (the server then shuts its kernels down), then make sure of it by pid."""
        descendants = _children(self.proc.pid) if self.proc.poll() is None else []
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        for pid in descendants:  # kernels run in their own sessions; end any left over
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def _jupyter_env(base: Path, data_dir: Path) -> dict[str, str]:
    """A private Jupyter configuration: the user's own settings cannot interfere."""
    env = dict(os.environ)
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                     ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
                     ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"),
                     ("IPYTHONDIR", "ipython"), ("MPLCONFIGDIR", "mpl")):
        (base / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(base / sub)
    env["BACKSTRETCH_DATA_DIR"] = str(data_dir)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("JUPYTER_PATH", None)
    env.pop("BROWSER", None)
    return env


# Lab settings: no news or update popups, no virtual scrolling (every cell stays in the DOM).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        {"windowingMode": "none", "kernelStatus": {"showOnStatusBar": True}},
    "@jupyterlab/apputils-extension/themes.jupyterlab-settings": {"adaptive-theme": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings":
        {"autosave": False},
}


def lab_settings_file(server: Server, plugin: str) -> Path:
    """Where a Lab server we started keeps a plugin's user settings
    ('@jupyterlab/apputils-extension:kernels-settings')."""
    package, _, name = plugin.partition(":")
    return server.root / "lab" / "lab-settings" / package / f"{name}.jupyterlab-settings"


@contextmanager
def lab_setting(server: Server, plugin: str, values: dict) -> Iterator[None]:
    """Lab's user settings of ``plugin`` are ``values`` for the pages loaded inside the
    block; as before after it."""
    path = lab_settings_file(server, plugin)
    before = path.read_text() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values))
    try:
        yield
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_text(before)


def _start(name: str, argv: list[str], root: Path, data_dir: Path, base: Path, port: int,
           token: str, probe: str) -> Server:
    base.mkdir(parents=True, exist_ok=True)
    log_path = base / f"{name}.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(argv, cwd=root, env=_jupyter_env(base, data_dir), stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            preexec_fn=_die_with_parent)
    log.close()
    server = Server(name, proc, port, token, root, data_dir, log_path)
    try:
        server.wait_ready(probe)
    except BaseException:
        server.stop()
        raise
    return server


def _die_with_parent() -> None:
    """In the child: get SIGTERM if pytest itself dies (killed, crashed) before teardown."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the notebooks and the docs they link to, laid out as in the
    repository (autosave and saved routines land here)."""
    require_browser()
    base = tmp_path_factory.mktemp("browser")
    shutil.copytree(NOTEBOOKS, base / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "my-routines",
                                                  "handouts"))
    shutil.copytree(DOCS, base / "docs")
    shutil.copy(REPO / "README.md", base / "README.md")
    return base


def start_lab(workdir: Path) -> Server:
    """JupyterLab on 127.0.0.1 at a free port, serving ``workdir`` (laid out as the
    repository, which ``make lab`` serves, so the notebooks' links to docs/ open)."""
    base = workdir / "lab"
    data_dir = workdir / "lab-userdata"
    data_dir.mkdir()
    settings = base / "lab-settings"
    for rel, values in LAB_SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = free_port(), secrets.token_hex(16)
    argv = [str(BIN / "jupyter"), "lab", "--no-browser", *_root_flag(),
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0", "--ServerApp.open_browser=False",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={workdir}",
            "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--ServerApp.shutdown_no_activity_timeout=900",
            "--MappingKernelManager.cull_idle_timeout=0"]
    return _start("lab", argv, workdir, data_dir, base, port, token, "/api/status")


@pytest.fixture(scope="module")
def lab_server(workdir: Path) -> Iterator[Server]:
    server = start_lab(workdir)
    yield server
    server.stop()


def start_voila(workdir: Path, notebook: Path) -> Server:
    """Voila on 127.0.0.1 at a free port, serving one notebook (no code shown)."""
    base = workdir / "voila"
    data_dir = workdir / "voila-userdata"
    data_dir.mkdir()
    port, token = free_port(), secrets.token_hex(16)
    argv = [str(BIN / "voila"), str(notebook), "--no-browser", "--Voila.ip=127.0.0.1",
            f"--Voila.port={port}", "--Voila.port_retries=0", f"--Voila.token={token}"]
    return _start("voila", argv, workdir / "notebooks", data_dir, base, port, token,
                  "/voila/static/nonexistent")


@pytest.fixture(scope="module")
def voila_server(workdir: Path) -> Iterator[Server]:
    notebook = workdir / "notebooks" / "05_class_mode.ipynb"
    if not notebook.exists():
        pytest.fail(f"{NOTEBOOKS / '05_class_mode.ipynb'} is missing (the class view notebook)")
    server = start_voila(workdir, notebook)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS,
                               headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, request) -> Iterator[object]:
    """A fresh browser context and page; only loopback and file:// traffic is allowed."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(UI_TIMEOUT_MS)

    def only_loopback(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "file://", "blob:", "data:")):
            return route.continue_()
        return route.abort()

    context.route("**/*", only_loopback)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.page_errors = errors  # type: ignore[attr-defined]
    yield pg
    shot(pg, f"{request.node.name}-zz-last")  # what the page showed at the end, pass or fail
    context.close()


def shot(page, name: str) -> Path:
    """Save a screenshot to test-artifacts/NAME.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    try:
        page.screenshot(path=str(path), full_page=False)
    except Exception:  # noqa: BLE001 - a screenshot must never hide the real failure
        pass
    return path


# -- the browser's speech, stood in for ---------------------------------------------------
VOICES = """
(() => {
  // speechSynthesis as a browser has it, with the voices a test sets (none at first, as
  // Chromium on Linux); every utterance recorded with its language and its voice
  window.__spoken = [];
  let voices = [];
  const synth = new EventTarget();
  Object.assign(synth, {
    speak(u) { window.__spoken.push({ text: u.text, lang: u.lang,
                                      voice: u.voice ? u.voice.name : null }); },
    cancel() {}, getVoices() { return voices; },
    speaking: false, pending: false, paused: false });
  window.__setVoices = (list) => {
    voices = list.map(([lang, name]) => ({ lang, name, localService: true, default: false }));
    synth.dispatchEvent(new Event('voiceschanged'));
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ''; this.rate = 1; this.voice = null; }
  };
})();
"""
"""speechSynthesis as a browser has it (no voices until ``__setVoices([[lang, name],
...])``, which fires ``voiceschanged``), each utterance kept with its language and voice."""


# -- the page's clock and what the page draws --------------------------------------------
# Playwright's clock (``page.clock.install()`` before the page loads) runs the page's
# Date, performance.now, timers and animation frames. Time flows as usual until
# ``pause_clock``; from then on nothing in the page moves until the test moves the clock
# (``page.clock.run_for(ms)`` fires every timer on the way, frame by frame;
# ``fast_forward(ms)`` jumps and fires each due timer once, like a throttled tab;
# ``set_system_time`` moves Date.now and fires nothing, like a frozen one). Lab and Voila
# keep working while it is paused: the kernel's messages need no page timer.
def page_now(page) -> float:
    """The page's clock: seconds since 1970, as the player reads it."""
    return page.evaluate("() => Date.now() / 1000")


def pause_clock(page) -> float:
    """Stop the page's clock a moment from now; return the time it stopped at."""
    page.clock.pause_at(page_now(page) + 0.25)
    return page_now(page)


@contextmanager
def clock_flowing(page) -> Iterator[None]:
    """Let the page's clock flow inside the block (axe-core needs timers), paused again
    after it; only while no session runs, so nothing the test counts on moves."""
    page.clock.resume()
    try:
        yield
    finally:
        pause_clock(page)


def clock_text(seconds: float) -> str:
    """What the countdown shows with ``seconds`` left: whole seconds rounded up, m:ss."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def step_at(steps, elapsed: float) -> tuple[int, str]:
    """The step under way ``elapsed`` seconds into a routine run without a pause, and
    what its countdown shows then (``steps``: the session's, with start and seconds)."""
    for i, step in enumerate(steps):
        if elapsed < step.start + step.seconds:
            return i, clock_text(step.start + step.seconds - elapsed)
    return len(steps), "0:00"


RECORD_DRAWN = """(view) => {
    // every countdown text the page draws (a MutationObserver), and what every animation
    // frame shows (requestAnimationFrame): [how, performance.now(), countdown, title]
    const count = view.querySelector('.bs-countdown');
    const title = view.querySelector('.bs-current');
    window.__drawn = [];
    window.__frames = 0;
    let last = '';
    const note = (how) => {
        const seen = count.textContent + '|' + title.textContent;
        if (how === 'dom' || seen !== last) {
            window.__drawn.push([how, performance.now(), count.textContent, title.textContent]);
        }
        last = seen;
    };
    new MutationObserver(() => note('dom')).observe(
        count, { childList: true, characterData: true, subtree: true });
    const frame = () => { window.__frames += 1; note('frame'); requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
}"""
"""Start recording what a player view (``.bs-player``) draws: ``drawn(page)``."""


def record_drawn(view) -> None:
    view.evaluate(RECORD_DRAWN)


def drawn(page) -> tuple[list[list], int]:
    """Each countdown text drawn and each frame's change since ``record_drawn``, and how
    many frames were sampled."""
    return page.evaluate("() => window.__drawn"), page.evaluate("() => window.__frames")


LOOK = """(el) => { const s = getComputedStyle(el);
    return { background: s.backgroundColor, color: s.color,
             border: `${s.borderTopStyle} ${s.borderTopColor}` }; }"""
"""How a control looks: its background, text colour and border."""


def look(locator) -> dict:
    return locator.evaluate(LOOK)


CONTROL_HEIGHTS = """(view) => [...view.querySelectorAll('.bs-controls :is(button, select)')]
    .filter((e) => e.getClientRects().length)
    .map((e) => [e.tagName === 'SELECT' ? 'select' : e.className,
                 e.getBoundingClientRect().height])"""
"""The height of every control shown in a player view, buttons and the voice speed."""


def assert_controls_one_height(view) -> None:
    """The voice-speed select is the height of the buttons beside it (within 1.5 px)."""
    heights = dict(view.evaluate(CONTROL_HEIGHTS))
    select = heights.pop("select")
    assert heights and all(abs(h - select) <= 1.5 for h in heights.values()), (select, heights)


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def serious_violations(page, context: str | None = None) -> list[str]:
    """axe-core's serious or critical WCAG 2.1 A/AA violations in ``context`` (a selector)."""
    if not AXE.is_file():  # like a missing browser: skip, or fail when it is required
        missing = f"{AXE} is missing: run `make test` (it installs axe-core with npm)"
        if os.environ.get("BACKSTRETCH_REQUIRE_BROWSER", "") not in ("", "0"):
            pytest.fail(missing, pytrace=False)
        pytest.skip(missing)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (context) => {
        const result = await axe.run(context ? { include: [[context]] } : document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
            .map((v) => `${v.id} (${v.impact}): ${v.help}: ` +
                 v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' ' +
                                         (n.failureSummary || '')).join(' | '));
    }""", context)


# -- notebooks in Lab: open, run, stop; the fixture that stops a test's kernels -----------
def open_notebook(page, lab, name: str, workspace: str) -> None:
    """Open a notebook (``notebooks/NAME`` when NAME has no folder) in its own Lab
    workspace and wait until its kernel is ready."""
    from playwright.sync_api import expect

    path = name if "/" in name else f"notebooks/{name}"
    page.goto(lab.url(f"lab/workspaces/{workspace}/tree/{path}"))
    toolbar = page.locator(".jp-NotebookPanel-toolbar")
    # ready to run: the kernel is idle and the debugger button is enabled
    expect(toolbar.locator(".jp-DebuggerBugButton[aria-disabled='false']")).to_be_visible(
        timeout=KERNEL_TIMEOUT_MS)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first
           ).to_be_attached(timeout=KERNEL_TIMEOUT_MS)


def run_all_cells(page) -> None:
    """Run > Run All Cells, through the menu, then wait for every cell to finish."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item .lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    n = cells.count()
    assert n > 0
    # wait until every prompt shows a number (nothing left unrun "[ ]" or running "[*]"),
    # or a cell has failed (Run All stops there)
    page.wait_for_function(
        """() => {
            const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
            if (!nb) return false;
            const prompts = [...nb.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
            const failed = [...nb.querySelectorAll('.jp-OutputArea-output')]
                .some(o => o.textContent.includes('Traceback'));
            return failed || (prompts.length > 0
                              && prompts.every(p => /\\[\\d+\\]/.test(p.textContent)));
        }""", timeout=KERNEL_TIMEOUT_MS)
    # Lab shows errors (tracebacks) with the stderr mime type
    outputs = page.locator(".jp-Notebook .jp-OutputArea-output").all_inner_texts()
    tracebacks = [t for t in outputs if "Traceback" in t]
    assert not tracebacks, f"a cell failed: {tracebacks[0][:2000]}"


def shutdown_kernels(server) -> None:
    """Stop the server's kernels (a running timer would keep a core busy)."""
    def call(method: str, path: str) -> bytes:
        req = urllib.request.Request(f"{server.base}{path}", method=method,
                                     headers={"Authorization": f"token {server.token}"})
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.read()

    try:
        for session in json.loads(call("GET", "/api/sessions")):
            call("DELETE", f"/api/sessions/{session['id']}")
    except OSError:
        pass


@pytest.fixture
def lab(lab_server):
    yield lab_server
    shutdown_kernels(lab_server)


def steps_of(routine_key: str):
    """The routine's steps, as the session (and the page's timeline) has them."""
    from backstretch import load_catalogue, load_routine
    from backstretch.guided.session import Session

    return Session(load_routine(routine_key, load_catalogue())).steps
