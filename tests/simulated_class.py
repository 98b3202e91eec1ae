"""Students of a class, simulated against a real JupyterHub: the hub test and the benchmark.

A :class:`Student` does what a student's browser does, through the same HTTP and
websocket API: signs up with a password of their own (the instructor, an
:class:`Instructor`, approves them), signs in, follows the nbgitpuller link (the
hub starts their server, nbgitpuller clones the workbook into their home), opens a
notebook (a kernel session), runs its cells, presses widget buttons and watches the
widgets' state as it arrives, timestamped at the client.

The guided session plays in the page (issue 23): a :class:`SimulatedPage` does with the
session's player widget (``bs-player``) exactly what ``player.js`` does, from its own
clock: it reads the routine's ``timeline``, sends ``start``, ``pause``, ``resume``,
``skip``, ``back``, ``reset`` and a ``tick`` at each step's deadline, and times the
kernel's acknowledgements (``position.heard``). The helpers at the end watch a real
Chromium page the same way (its countdown's changes, its Start click, and
``window.backstretchSteps``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests
import websocket

WIDGET_TARGET = "jupyter.widget"


class ClassroomError(RuntimeError):
    """A student could not do what the class needs (with what the server said)."""


@dataclass
class Widgets:
    """Widget models as the client knows them: comm id -> state, updated as messages come."""

    state: dict[str, dict] = field(default_factory=dict)

    def apply(self, msg: dict) -> tuple[str, dict] | None:
        """Fold one iopub message in; return (comm id, changed state) for widget changes."""
        kind, content = msg.get("msg_type"), msg.get("content", {})
        if kind == "comm_open" and content.get("target_name") == WIDGET_TARGET:
            changed = content.get("data", {}).get("state", {})
            self.state[content["comm_id"]] = dict(changed)
            return content["comm_id"], changed
        if kind == "comm_msg" and content.get("comm_id") in self.state:
            data = content.get("data", {})
            if data.get("method") in ("update", "echo_update"):
                self.state[content["comm_id"]].update(data.get("state", {}))
                return content["comm_id"], data.get("state", {})
        return None

    def with_class(self, css: str) -> list[str]:
        """Comm ids of the models carrying the CSS class ``css``, oldest first."""
        return [cid for cid, s in self.state.items() if css in (s.get("_dom_classes") or ())]


@dataclass
class Student:
    """One student: their hub session, server, kernel and what their widgets show."""

    hub_url: str
    name: str
    password: str
    http: requests.Session = field(default_factory=requests.Session)
    token: str = ""
    kernel_id: str = ""
    ws: websocket.WebSocket | None = None
    widgets: Widgets = field(default_factory=Widgets)
    events: list[tuple[float, str, dict]] = field(default_factory=list)
    """(client time, comm id, changed state) of every widget change, as it arrived."""
    received: list[tuple[float, str, str]] = field(default_factory=list)
    """(client time, channel, message type) of every message from the kernel."""
    listeners: list[Callable[[float, str, dict], None]] = field(default_factory=list)
    """Called (in the reading thread) with each widget change as it arrives."""
    errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    landing: str = ""
    """Where the link sends the student once the pull is done (its ``urlpath``)."""
    _replies: dict[str, threading.Event] = field(default_factory=dict)
    _printed: dict[str, list[str]] = field(default_factory=dict)
    _reader: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- the hub -------------------------------------------------------------------------
    def _xsrf(self, path: str) -> str:
        for cookie in self.http.cookies:
            if cookie.name == "_xsrf" and path.startswith(cookie.path.rstrip("/")):
                return cookie.value
        return ""

    def form(self, path: str, data: dict, follow: bool = True) -> requests.Response:
        """Fill in and send a form of the hub's pages, as a browser would (``follow``:
        where it leads)."""
        self.http.get(f"{self.hub_url}{path}", timeout=60).raise_for_status()
        resp = self.http.post(f"{self.hub_url}{path}", timeout=60, allow_redirects=follow,
                              data={**data, "_xsrf": self._xsrf(path)})
        resp.raise_for_status()
        return resp

    def sign_up(self) -> str:
        """Sign up on the hub's form; return the hub's answer (its alert's words)."""
        page = self.form("/hub/signup", {"username": self.name,
                                         "signup_password": self.password,
                                         "signup_password_confirmation": self.password})
        found = re.search(r'class="alert (alert-\w+)"[^>]*>\s*(?:<p>)?\s*([^<]+)', page.text)
        return f"{found.group(1)}: {found.group(2).strip()}" if found else page.text[:300]

    def try_sign_in(self, password: str | None = None) -> bool:
        """Submit the login form; True if the hub let this name in. (Its next page, which
        would start their server, is not opened: the class link does that.)"""
        resp = self.form("/hub/login", {"username": self.name,
                                        "password": self.password if password is None
                                        else password}, follow=False)
        return resp.status_code == 302 and "/hub/login" not in resp.headers["Location"]

    def sign_in(self) -> None:
        if not self.try_sign_in():
            raise ClassroomError(f"{self.name} could not sign in")
        resp = self.http.post(f"{self.hub_url}/hub/api/users/{self.name}/tokens", timeout=60,
                              headers={"X-XSRFToken": self._xsrf("/hub/api")},
                              json={"note": "classroom client", "expires_in": 3600})
        resp.raise_for_status()
        self.token = resp.json()["token"]

    def api(self, method: str, path: str, **kw) -> requests.Response:
        headers = {"Authorization": f"token {self.token}", **kw.pop("headers", {})}
        resp = self.http.request(method, f"{self.hub_url}{path}", headers=headers,
                                 timeout=kw.pop("timeout", 120), **kw)
        if resp.status_code >= 400:
            raise ClassroomError(f"{self.name}: {method} {path}: {resp.status_code} "
                                 f"{resp.text[:300]}")
        return resp

    def follow_link(self, link: str, timeout: float) -> None:
        """Click the class link: the hub spawns the server, nbgitpuller clones the workbook."""
        t0 = time.monotonic()
        self.http.get(link, timeout=60)  # lands on the spawn page while the server starts
        deadline = t0 + timeout
        while True:
            server = self.api("GET", f"/hub/api/users/{self.name}").json()["servers"].get("", {})
            if server.get("ready"):
                break
            if not server.get("pending") and time.monotonic() > t0 + 10:
                raise ClassroomError(f"{self.name}: the server is neither starting nor up")
            if time.monotonic() > deadline:
                raise ClassroomError(f"{self.name}: no server after {timeout:.0f} s")
            time.sleep(0.5)
        self.timings["spawn"] = time.monotonic() - t0
        # the link again, now to the running server: the page of nbgitpuller. A student
        # who meets an error page there reloads it; so do we, twice at the most.
        for attempt in range(3):
            page = self.http.get(link, timeout=60)
            if page.status_code == 200 and "/git-pull" in page.url:
                break
            self.timings["reloads"] = attempt + 1
            time.sleep(2.0)
        else:
            raise ClassroomError(f"{self.name}: the link led to {page.url} ({page.status_code})")
        query = {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}
        t1 = time.monotonic()
        # what the page's script then does: the pull, reported as server-sent events
        with self.api("GET", f"/user/{self.name}/git-pull/api", stream=True, timeout=timeout,
                      params={k: query[k] for k in ("repo", "branch", "targetpath")}) as resp:
            phase = ""
            for line in resp.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    event = json.loads(line[5:])
                    phase = event.get("phase", phase)
                    if phase in ("finished", "error"):
                        if phase == "error":
                            raise ClassroomError(f"{self.name}: nbgitpuller: {event}")
                        break
        if phase != "finished":
            raise ClassroomError(f"{self.name}: the pull did not finish")
        self.timings["pull"] = time.monotonic() - t1
        self.landing = query.get("urlpath", "")

    # -- a notebook and its kernel ---------------------------------------------------------
    def open_notebook(self, path: str) -> list[str]:
        """Start a kernel session for ``path`` (as Lab does); return its code cells."""
        base = f"/user/{self.name}/api"
        nb = self.api("GET", f"{base}/contents/{path}").json()["content"]
        session = self.api("POST", f"{base}/sessions", json={
            "path": path, "name": path.rsplit("/", 1)[-1], "type": "notebook",
            "kernel": {"name": "python3"}}).json()
        self.kernel_id = session["kernel"]["id"]
        ws_url = (self.hub_url.replace("http://", "ws://")
                  + f"{base}/kernels/{self.kernel_id}/channels?session_id={uuid.uuid4().hex}")
        self.ws = websocket.create_connection(
            ws_url, header=[f"Authorization: token {self.token}"], timeout=300)
        self._reader = threading.Thread(target=self._read, daemon=True,
                                        name=f"ws-{self.name}")
        self._reader.start()
        return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                for c in nb["cells"] if c["cell_type"] == "code"]

    def _send(self, channel: str, msg_type: str, content: dict, msg_id: str = "") -> str:
        msg_id = msg_id or uuid.uuid4().hex
        msg = {"header": {"msg_id": msg_id, "msg_type": msg_type, "username": self.name,
                          "session": self.kernel_id, "version": "5.3",
                          "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
               "parent_header": {}, "metadata": {}, "content": content,
               "channel": channel, "buffers": []}
        with self._lock:
            self._replies[msg_id] = threading.Event()
            self.ws.send(json.dumps(msg))
        return msg_id

    def _read(self) -> None:
        while True:
            try:
                raw = self.ws.recv()
            except (websocket.WebSocketException, OSError):
                return
            arrived = time.time()
            if not raw:
                continue
            if isinstance(raw, bytes):  # binary frames carry widget buffers: only counted
                self.received.append((arrived, "", "binary"))
                continue
            msg = json.loads(raw)
            self.received.append((arrived, msg.get("channel", ""), msg.get("msg_type", "")))
            parent = msg.get("parent_header", {}).get("msg_id")
            if msg.get("channel") == "iopub":
                if msg["msg_type"] == "stream" and parent in self._printed:
                    self._printed[parent].append(msg["content"].get("text", ""))
                if msg["msg_type"] == "error":
                    self.errors.append("\n".join(msg["content"].get("traceback", []))[-2000:])
                changed = self.widgets.apply(msg)
                if changed:
                    self.events.append((arrived, *changed))
                    for listener in list(self.listeners):
                        listener(arrived, *changed)
                if (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"
                        and parent in self._replies):
                    self._replies[parent].set()

    def run(self, code: str, timeout: float = 300) -> str:
        """Execute ``code`` in the kernel, wait until it is done (idle); return what it
        printed."""
        msg_id = uuid.uuid4().hex
        self._printed[msg_id] = []
        self._send("shell", "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}, msg_id)
        if not self._replies[msg_id].wait(timeout):
            raise ClassroomError(f"{self.name}: a cell ran over {timeout:.0f} s")
        if self.errors:
            raise ClassroomError(f"{self.name}: a cell failed:\n{self.errors[-1]}")
        return "".join(self._printed.pop(msg_id))

    def send_custom(self, comm: str, content: dict) -> None:
        """A custom message from the page's model to the kernel's widget
        (anywidget's ``model.send``)."""
        self._send("shell", "comm_msg", {"comm_id": comm, "data": {
            "method": "custom", "content": content}})

    def kernel_messages(self, since: float, until: float) -> int:
        """How many messages the kernel sent that arrived in [since, until)."""
        return sum(1 for t, _c, _k in list(self.received) if since <= t < until)

    def press(self, css: str) -> float:
        """Click the (newest) button widget with CSS class ``css``, as the page would;
        return when. (The kernel's own buttons: the guided session's are the page's.)"""
        found = self.widgets.with_class(css)
        if not found:
            raise ClassroomError(f"{self.name}: no .{css} button in the notebook")
        when = time.time()
        self._send("shell", "comm_msg", {"comm_id": found[-1], "data": {
            "method": "custom", "content": {"event": "click"}}})
        return when

    def set_value(self, css: str, index: int, value: object) -> None:
        """Change the ``index``-th ``css`` widget's value, as a click in the page would."""
        comm = self.widgets.with_class(css)[index]
        self.widgets.state[comm]["value"] = value
        self._send("shell", "comm_msg", {"comm_id": comm, "data": {
            "method": "update", "state": {"value": value}, "buffer_paths": []}})

    def shown(self, css: str) -> list[object]:
        """The values of the ``css`` widgets as this student's page would show them now."""
        return [self.widgets.state[c].get("value") for c in self.widgets.with_class(css)]

    def values(self, css: str, since: float = 0.0,
               index: int | None = None) -> list[tuple[float, str]]:
        """(arrival time, new value) of every change of the ``css`` widgets' value (only
        the ``index``-th one's, if given)."""
        ids = self.widgets.with_class(css)
        ids = set(ids if index is None else ids[index:index + 1])
        return [(t, s["value"]) for t, cid, s in list(self.events)
                if cid in ids and "value" in s and t >= since]

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
        if self.token and self.kernel_id:
            try:
                self.api("DELETE", f"/user/{self.name}/api/kernels/{self.kernel_id}", timeout=30)
            except (ClassroomError, requests.RequestException):
                pass


@dataclass
class Instructor(Student):
    """The hub's admin: approves students who signed up, and resets a password."""

    _approving: threading.Lock = field(default_factory=threading.Lock)

    def approve(self, name: str) -> None:
        """Approve ``name`` on the hub's Authorize page (its link toggles: once only)."""
        with self._approving:  # one page at a time, as one instructor clicks
            resp = self.http.get(f"{self.hub_url}/hub/authorize/{name}", timeout=60)
        resp.raise_for_status()

    def reset_password(self, name: str, password: str) -> str:
        """Give ``name`` a new password (the Change Password page); return the answer."""
        page = self.form(f"/hub/change-password/{name}", {
            "new_password": password, "new_password_confirmation": password})
        found = re.search(r'class="alert (alert-\w+)[" ]', page.text)
        return found.group(1) if found else ""


def join_class(instructor: Instructor, student: Student) -> None:
    """What a new student does with the instructor: sign up, be approved, sign in."""
    answer = student.sign_up()
    if "alert-danger" in answer:
        raise ClassroomError(f"{student.name} could not sign up: {answer}")
    instructor.approve(student.name)
    student.sign_in()


def serve_notebooks(git_repo: Path, checkout: Path, commit: str | None = None,
                    branch: str = "main") -> bool:
    """Make the class link's repository (``git_repo``, bare) hand out ``checkout``'s
    notebooks as they are in its folder, committed or not (the kernels run this
    checkout's package, so its notebooks go with it), or as they were at ``commit``.
    True if that changed the branch."""
    work = Path(tempfile.mkdtemp(prefix="notebooks-", dir=git_repo.parent))
    git = ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@127.0.0.1"]

    def run(*args: str, **kw) -> subprocess.CompletedProcess:
        return subprocess.run([*git, *args], check=True, capture_output=True, timeout=120,
                              **kw)
    try:
        run("clone", "-q", "--branch", branch, str(git_repo), str(work / "copy"))
        copy = work / "copy"
        shutil.rmtree(copy / "notebooks", ignore_errors=True)
        if commit:
            tar = run("-C", str(checkout), "archive", commit, "notebooks").stdout
            subprocess.run(["tar", "-x", "-C", str(copy)], input=tar, check=True, timeout=120)
        else:
            listed = run("-C", str(checkout), "ls-files", "-co", "--exclude-standard",
                         "notebooks", text=True).stdout.split()
            for name in listed:
                if (checkout / name).is_file():
                    (copy / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(checkout / name, copy / name)
        run("-C", str(copy), "add", "-A", "notebooks")
        if subprocess.run(["git", "-C", str(copy), "diff", "--cached", "--quiet"],
                          check=False, timeout=60).returncode == 0:
            return False
        run("-C", str(copy), "commit", "-q", "-m",
            f"The notebooks of {commit or 'this checkout'}")
        run("-C", str(copy), "push", "-q", "origin", f"HEAD:{branch}")
        return True
    finally:
        shutil.rmtree(work, ignore_errors=True)


class Play:
    """The page's session rules (``Play`` in player.js) over a timeline's steps: what the
    page itself does at each press and when a step's time runs out. ``now``: the page's
    clock, seconds since 1970."""

    def __init__(self, steps: list[dict]):
        self.steps = steps
        self.reset()

    def remaining(self, now: float) -> float:
        if self.state == "running":
            return max(0.0, self.deadline - now)
        return 0.0 if self.state == "finished" else self.left

    def start(self, now: float) -> list[str]:
        if self.state in ("ready", "paused"):
            kind = "start" if self.state == "ready" else "resume"
            self.deadline, self.state = now + self.left, "running"
            return [kind]
        return []

    resume = start

    def pause(self, now: float) -> list[str]:
        if self.state != "running":
            return []
        self.left, self.state = self.remaining(now), "paused"
        return ["pause"]

    def toggle(self, now: float) -> list[str]:
        return self.pause(now) if self.state == "running" else self.start(now)

    def skip(self, now: float) -> list[str]:
        if self.state == "finished":
            return []
        self._advance(now)
        return ["skip"]

    def back(self, now: float) -> list[str]:
        if self.state == "ready":
            return []
        if self.state == "finished":
            self.index = len(self.steps)
        self.index = max(0, self.index - 1)
        self.left = float(self.steps[self.index]["seconds"]) if self.steps else 0.0
        if self.state == "finished":
            self.state = "paused"
        elif self.state == "running":
            self.deadline = now + self.left
        return ["back"]

    def reset(self, now: float = 0.0) -> list[str]:
        self.index = 0
        self.state = "ready" if self.steps else "finished"
        self.left = float(self.steps[0]["seconds"]) if self.steps else 0.0
        self.deadline: float | None = None
        return ["reset"]

    def due(self, now: float) -> list[float]:
        """End every step whose deadline has passed; the deadline of each."""
        ended = []
        while self.state == "running" and now >= self.deadline:
            at = self.deadline
            self._advance(at)
            ended.append(at)
        return ended

    def adopt(self, position: dict, now: float) -> None:
        """Take the state the kernel set (a Python call, a new routine)."""
        self.state = position["state"]
        self.index = min(position["index"], max(0, len(self.steps) - 1))
        self.left = float(position["left"])
        self.deadline = (position.get("deadline") or now + self.left
                         if self.state == "running" else None)

    def _advance(self, at: float) -> None:
        if self.index + 1 >= len(self.steps):
            self.state, self.left, self.deadline = "finished", 0.0, None
            return
        self.index += 1
        self.left = float(self.steps[self.index]["seconds"])
        if self.state == "running":
            self.deadline = at + self.left


PLAYER_CLASS = "bs-player"
"""The DOM class of the guided session's player widget (the timer's and the class view's)."""


class SimulatedPage:
    """A student's page without a browser: drives the kernel's player as player.js does.

    It reads the ``timeline`` and ``position`` of the newest ``bs-player`` widget, acts at
    once on its own clock (:meth:`act`: ``start``, ``toggle``, ``pause``, ``resume``,
    ``skip``, ``back``, ``reset``) and tells the kernel, as custom messages ``{"event",
    "seq", "at", "index", "state"}``; while it runs, a thread of its own sends a ``tick``
    at each step's deadline (``at``: that deadline), as the page's timer does. Every
    event sent is kept in ``sent`` (seq -> (event, when sent)), and the arrival of the
    kernel's acknowledgement (``position.heard`` reaching that seq) in ``acked``.
    """

    def __init__(self, student: Student, comm: str | None = None):
        found = student.widgets.with_class(PLAYER_CLASS)
        if comm is None and not found:
            raise ClassroomError(f"{student.name}: no .{PLAYER_CLASS} widget in the notebook")
        self.student = student
        self.comm = comm or found[-1]
        self.seq = 0
        self.sent: dict[int, tuple[str, float]] = {}
        self.acked: dict[int, float] = {}
        self.position: dict = {}
        self.stopped = False
        self._lock = threading.Condition()
        state = student.widgets.state[self.comm]
        self._load(state.get("timeline") or {"steps": []}, state.get("position") or {})
        student.listeners.append(self._changed)
        self._clock = threading.Thread(target=self._run, daemon=True,
                                       name=f"page-{student.name}")
        self._clock.start()

    @property
    def steps(self) -> list[dict]:
        return self.timeline.get("steps", [])

    @property
    def state(self) -> str:
        return self.play.state

    @property
    def heard(self) -> int:
        """The last event the kernel said it heard."""
        return int(self.position.get("heard", 0))

    def act(self, action: str) -> float:
        """A press in the page (or its key): acted on at once, then told; return when."""
        with self._lock:
            now = time.time()
            self._report([("tick", at) for at in self.play.due(now)])
            self._report([(kind, now) for kind in getattr(self.play, action)(now)])
            self._lock.notify_all()
            return now

    def lags(self, since: float = 0.0) -> list[tuple[str, float]]:
        """(event, seconds from its sending to the kernel's acknowledgement) of every event
        sent since ``since`` that the kernel has acknowledged."""
        return [(event, self.acked[seq] - sent) for seq, (event, sent) in
                sorted(self.sent.items()) if sent >= since and seq in self.acked]

    def unheard(self, since: float = 0.0) -> list[tuple[int, str]]:
        """The events sent since ``since`` that the kernel has not acknowledged (yet)."""
        return [(seq, event) for seq, (event, sent) in sorted(self.sent.items())
                if sent >= since and seq not in self.acked]

    def sends(self, since: float = 0.0) -> list[float]:
        """When each event since ``since`` was sent."""
        return [sent for _event, sent in self.sent.values() if sent >= since]

    def wait_heard(self, timeout: float) -> bool:
        """Wait until the kernel has acknowledged every event sent; False on timeout."""
        deadline = time.monotonic() + timeout
        while self.heard < self.seq:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def close(self) -> None:
        with self._lock:
            self.stopped = True
            self._lock.notify_all()
        if self._changed in self.student.listeners:
            self.student.listeners.remove(self._changed)

    # -- inside -----------------------------------------------------------------------------
    def _load(self, timeline: dict, position: dict) -> None:
        self.timeline = timeline
        self.play = Play(self.steps)
        self.position = dict(position)
        self.rev = position.get("rev", 0)
        if position.get("state") and self.steps:  # a page opened mid-session goes on
            self.play.adopt(position, time.time())

    def _report(self, events: list[tuple[str, float]]) -> None:
        for event, at in events:
            self.seq += 1
            self.sent[self.seq] = (event, time.time())
            self.student.send_custom(self.comm, {
                "event": event, "seq": self.seq, "at": at, "index": self.play.index,
                "state": self.play.state})

    def _changed(self, arrived: float, comm: str, changed: dict) -> None:
        if comm != self.comm:
            return
        with self._lock:
            if "timeline" in changed:  # a new routine (its position comes with it)
                self._load(changed["timeline"], self.student.widgets.state[comm].get(
                    "position", {}))
            if "position" in changed:
                pos = changed["position"]
                for seq in self.sent:
                    if seq <= pos.get("heard", 0) and seq not in self.acked:
                        self.acked[seq] = arrived
                self.position = dict(pos)
                if pos.get("rev") != self.rev:  # the kernel changed the session itself
                    self.rev = pos.get("rev")
                    self.play.adopt(pos, time.time())
            self._lock.notify_all()

    def _run(self) -> None:
        """The page's timer: wake at each step's deadline and say its time ran out."""
        with self._lock:
            while not self.stopped:
                if self.play.state != "running":
                    self._lock.wait()
                    continue
                wait = self.play.deadline - time.time()
                if wait > 0:
                    self._lock.wait(wait)
                    continue
                self._report([("tick", at) for at in self.play.due(time.time())])


def percentile(values: list[float], q: float) -> float:
    """The ``q``-quantile (0 to 1) of ``values``, nearest rank; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def countdown_late(ticks: list[tuple[float, str]], steps: list[tuple[float, float]],
                   start: float) -> tuple[list[tuple[str, float]], int]:
    """How late each second of a countdown was shown, against when it was due.

    ``ticks``: (time, text) of each change of the countdown; ``steps``: (start, seconds) of
    each step of the timeline; ``start``: when Start was pressed. The countdown should show
    v in step k at ``start + step start + seconds - v``. Returns (``"step"`` for a step's
    first second, else ``"second"``; seconds late) of every value due, a value skipped
    counting as shown when the next one was, and how many times 0:00 was drawn before
    the next step's time.
    """
    late: list[tuple[str, float]] = []
    zeros, k, shown = 0, 0, int(steps[0][1]) if steps else 0
    for t, text in ticks:
        v = seconds(text)
        if v == 0:
            zeros += 1
            continue
        if v > shown and k + 1 < len(steps):  # a new step: its first second
            k += 1
            late.append(("step", t - (start + steps[k][0])))
            shown = int(steps[k][1])
        for u in range(shown - 1, v - 1, -1):  # each second due by now (none if v rose)
            late.append(("second", t - (start + steps[k][0] + steps[k][1] - u)))
        shown = v
    return late, zeros


def seconds(text: str) -> int:
    """'1:05' (inside any markup) -> 65."""
    m = re.search(r"(\d+):(\d{2})", text)
    if not m:
        raise ClassroomError(f"no m:ss countdown in {text!r}")
    return int(m.group(1)) * 60 + int(m.group(2))


def tick_lags(ticks: list[tuple[float, str]]) -> list[float]:
    """How far each countdown change came off a steady one-second beat, in seconds.

    The k-th change after the first should come k seconds after it: the beat is the
    one-second grid through the median of the changes' offsets, so a lag is late
    (> 0) or early (< 0) against the clock the countdown as a whole kept. A change
    that is not one second less (or a new step) breaks the grid and shows as a lag
    of about a second.
    """
    if len(ticks) < 2:
        raise ClassroomError(f"the countdown hardly moved: {ticks}")
    offsets = sorted(t - k for k, (t, _v) in enumerate(ticks))
    beat = offsets[len(offsets) // 2]
    return [t - k - beat for k, (t, _v) in enumerate(ticks)]


def steps_of_one_second(ticks: list[tuple[float, str]]) -> list[tuple[str, str]]:
    """Pairs of successive values that are not a one-second step (nor a new step's start)."""
    bad = []
    for (_, a), (_, b) in pairwise(ticks):
        if not (seconds(b) == seconds(a) - 1 or seconds(b) > seconds(a)):
            bad.append((a, b))
    return bad


# -- a real page (Chromium, through Playwright), watched the same way ------------------------
WATCH_PAGE = """([countdown, start]) => {
    const el = document.querySelector(countdown);
    if (window.__bsWatch) {
        window.__bsWatch.observer.disconnect();
        document.removeEventListener("click", window.__bsWatch.onClick, true);
    }
    const w = {ticks: [], clicks: []};
    w.observer = new MutationObserver(() => w.ticks.push([Date.now() / 1000,
                                                          el.textContent.trim()]));
    w.observer.observe(el, {subtree: true, childList: true, characterData: true});
    w.onClick = (e) => {
        if (e.target instanceof Element && e.target.closest(start)) w.clicks.push(Date.now() / 1000);
    };
    document.addEventListener("click", w.onClick, true);
    window.__bsWatch = w;
    window.backstretchSteps = [];
    return el.textContent.trim();
}"""
"""Record, in the page, every change of the countdown's text and every click on Start
(``Date.now()``, seconds), and start ``window.backstretchSteps`` afresh."""

CLICK_AT = """([css, at]) => { setTimeout(() => document.querySelector(css).click(),
                                     Math.max(0, at * 1000 - Date.now())); }"""
"""Click ``css`` at the wall-clock time ``at`` (seconds since 1970), by the page's timer:
several pages press in the same instant, as the students of a class do."""


@dataclass
class PageRecord:
    """What a real page showed: its countdown's changes, its Start clicks, its own log."""

    ticks: list[tuple[float, str]]
    """(time, text) of each new countdown text, as it was drawn (repeats dropped)."""
    clicks: list[float]
    steps: list[dict]
    """``window.backstretchSteps``: the player's own step changes (``due``, ``shown``:
    performance.now() ms); empty for a page without the page-side player."""


def watch_page(page, countdown: str, start: str) -> str:  # page: a Playwright page
    """Start recording ``page`` (see WATCH_PAGE); return the countdown's text now."""
    return page.evaluate(WATCH_PAGE, [countdown, start])


def page_record(page) -> PageRecord:
    seen = page.evaluate("() => ({ticks: window.__bsWatch.ticks, clicks: window.__bsWatch.clicks,"
                         " steps: window.backstretchSteps || []})")
    ticks: list[tuple[float, str]] = []
    for t, text in seen["ticks"]:
        if text and not (ticks and ticks[-1][1] == text):
            ticks.append((t, text))
    return PageRecord(ticks, seen["clicks"], seen["steps"])


def sign_in_page(browser, hub_url: str, name: str, password: str,  # Playwright's
                 approver: Instructor | None = None, timeout_ms: int = 30_000):
    """A browser context of its own for ``name``, signed in through the hub's login form
    (after signing up on the hub's sign-up form and being approved, if ``approver``).
    Only 127.0.0.1 is reachable; the page's errors are kept in ``page.page_errors``."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(timeout_ms)
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(("http://127.0.0.1:", "data:", "blob:"))
                  else route.abort())
    page = context.new_page()
    page.page_errors = []
    page.on("pageerror", lambda exc: page.page_errors.append(str(exc)))
    if approver:
        page.goto(f"{hub_url}/hub/signup")
        page.fill("input[name=username]", name)
        page.fill("input[name=signup_password]", password)
        page.fill("input[name=signup_password_confirmation]", password)
        submit = page.locator("input[type=submit]")
        expect(submit).to_be_disabled()  # until the safety line is ticked
        page.check("#tos_check")
        submit.click()
        # as long as the page's other steps: the hub hashes each sign-up's password in
        # turn (about 1.5 s each on a busy machine), and the class signs up at once
        expect(page.locator(".alert-info")).to_contain_text("sent to the admin",
                                                            timeout=timeout_ms)
        approver.approve(name)
    page.goto(f"{hub_url}/hub/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url("**/hub/**")
    if "/hub/login" in page.url:
        raise ClassroomError(f"{name} could not sign in")
    return page
