"""Students of a class, simulated against a real JupyterHub: the hub test and the benchmark.

A :class:`Student` does what a student's browser does, through the same HTTP and
websocket API: signs up with a password of their own (the instructor, an
:class:`Instructor`, approves them), signs in, follows the nbgitpuller link (the
hub starts their server, nbgitpuller clones the workbook into their home), opens a
notebook (a kernel session), runs its cells, presses widget buttons and watches the
widgets' state as it arrives, timestamped at the client.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
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
            if not raw or isinstance(raw, bytes):
                continue  # binary frames carry widget buffers: nothing we watch
            msg = json.loads(raw)
            parent = msg.get("parent_header", {}).get("msg_id")
            if msg.get("channel") == "iopub":
                if msg["msg_type"] == "stream" and parent in self._printed:
                    self._printed[parent].append(msg["content"].get("text", ""))
                if msg["msg_type"] == "error":
                    self.errors.append("\n".join(msg["content"].get("traceback", []))[-2000:])
                changed = self.widgets.apply(msg)
                if changed:
                    self.events.append((arrived, *changed))
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

    def press(self, css: str) -> float:
        """Click the (newest) button with CSS class ``css``, as the page would; return when."""
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

    def values(self, css: str, since: float = 0.0) -> list[tuple[float, str]]:
        """(arrival time, new value) of every change of the ``css`` widget's value."""
        ids = set(self.widgets.with_class(css))
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
    for (_, a), (_, b) in zip(ticks, ticks[1:]):
        if not (seconds(b) == seconds(a) - 1 or seconds(b) > seconds(a)):
            bad.append((a, b))
    return bad
