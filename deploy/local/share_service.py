"""The class hub's sharing service: students share a week with the instructor, who
reads the class's figures. A JupyterHub service (share_settings.py declares it), behind
the hub's OAuth and scopes, with its own SQLite database in the hub's private folder.

- ``PUT api/share``: a student sends this week's share (``{"share": {...}, "key": ...}``:
  no key for a named share; for an anonymous one, a key only the student keeps, of
  which the database holds a hash and never a name).
- ``DELETE api/share``: withdraws (``{"week": ..., "key": ...}``) and deletes it for good.
- ``POST api/mine``: the student's own shares (``{"keys": [...]}`` for the anonymous ones).
- ``GET api/class?week=`` and the page at the service's root: the class's figures, for
  whoever holds the scope ``custom:class-shares:view`` (the instructor's role).

Every request is the person's own: the name comes from their hub token or sign-in,
never from what they send. Bad input gets a 400 with one clear message, and nothing
is stored. Run by the hub (``command``), on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web
from tornado.httpserver import HTTPServer

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from backstretch.base.checks import Invalid  # noqa: E402
from backstretch.base.errors import BackstretchError  # noqa: E402
from backstretch.base.yamlio import parse_json  # noqa: E402
from backstretch.log.records import week_start  # noqa: E402
from backstretch.sharing.class_figures import class_figures  # noqa: E402
from backstretch.sharing.class_page import CONTENT_SECURITY_POLICY, class_page  # noqa: E402
from backstretch.sharing.share import (  # noqa: E402
    MAX_BYTES,
    Share,
    monday,
    read_share,
    with_name,
)

VIEW_SCOPE = "custom:class-shares:view"
DB_ENV = "BACKSTRETCH_SHARES_DB"
BIND_ENV = "BACKSTRETCH_SHARES_BIND"
MAX_REQUEST = MAX_BYTES + 1024
"""The largest request body taken: a share and its key."""
MAX_READ = 16 * 2**20
"""Bodies up to this are read, to answer them with a clear 400; larger, the connection ends."""
KEY = re.compile(r"[A-Za-z0-9_-]{32,100}")
MAX_KEYS = 120
SCHEMA = """
CREATE TABLE IF NOT EXISTS named (week TEXT, name TEXT, share TEXT NOT NULL,
                                  PRIMARY KEY (week, name)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS anonymous (key_hash TEXT PRIMARY KEY, week TEXT NOT NULL,
                                      share TEXT NOT NULL) WITHOUT ROWID;
"""
"""No times, no row numbers: an anonymous row says nothing of when, or by whom, it came."""


class BadRequest(web.HTTPError):
    def __init__(self, message: str):
        super().__init__(400, reason="Bad request")
        self.message = message


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class Store:
    """The shares, in SQLite; a deleted row's bytes are overwritten (``secure_delete``)."""

    def __init__(self, path: Path):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA secure_delete = ON")
        self.db.execute("PRAGMA journal_mode = DELETE")
        self.db.executescript(SCHEMA)
        path.chmod(0o600)

    def put(self, share: Share, name: str | None, key: str | None) -> None:
        body = json.dumps(with_name(share, name).to_json())
        if name is not None:
            self.db.execute("INSERT OR REPLACE INTO named VALUES (?, ?, ?)",
                            (share.week.isoformat(), name, body))
        else:
            self.db.execute("INSERT OR REPLACE INTO anonymous VALUES (?, ?, ?)",
                            (key_hash(key or ""), share.week.isoformat(), body))

    def withdraw(self, week: date, name: str, key: str | None) -> bool:
        if key is None:
            gone = self.db.execute("DELETE FROM named WHERE week = ? AND name = ?",
                                   (week.isoformat(), name))
        else:
            gone = self.db.execute("DELETE FROM anonymous WHERE key_hash = ? AND week = ?",
                                   (key_hash(key), week.isoformat()))
        return gone.rowcount > 0

    def mine(self, name: str, keys: list[str]) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT share FROM named WHERE name = ?", (name,)).fetchall()
        rows += self.db.execute(
            f"SELECT share FROM anonymous WHERE key_hash IN ({', '.join('?' * len(keys))})",
            [key_hash(k) for k in keys]).fetchall()
        return sorted((json.loads(r[0]) for r in rows), key=lambda s: s["week"], reverse=True)

    def week(self, week: date) -> list[Share]:
        rows = self.db.execute("SELECT share FROM named WHERE week = ? UNION ALL "
                               "SELECT share FROM anonymous WHERE week = ?",
                               (week.isoformat(), week.isoformat())).fetchall()
        shares = []
        for (body,) in rows:
            data = json.loads(body)
            name = data.pop("name", None)  # an anonymous share's JSON has none
            shares.append(with_name(read_share(data, week), name))
        return shares


class Handler(HubOAuthenticated, web.RequestHandler):
    """What every page and call of the service shares: private, unframed, no scripts."""

    store: Store

    def initialize(self, store: Store) -> None:
        self.store = store

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None))[1]
        message = getattr(exc, "message", None) or self._reason
        self.set_header("Content-Type", "application/json")
        self.finish({"status": status_code, "message": message})

    def user_name(self) -> str:
        """The person calling, or 403: a token or sign-in of the hub, with access here."""
        user = self.current_user
        if not user:
            raise web.HTTPError(403, reason="Sign in on the class hub to share")
        return user["name"]

    def is_instructor(self) -> bool:
        user = self.current_user
        return bool(user) and VIEW_SCOPE in user.get("scopes", ())

    def body(self, fields: tuple[str, ...]) -> dict[str, Any]:
        """The request's JSON object, of exactly ``fields``; else a clear 400."""
        raw = self.request.body
        if len(raw) > MAX_REQUEST:
            raise BadRequest(f"the request is {len(raw)} bytes; at most {MAX_REQUEST} are taken")
        try:  # the workbook's one reading rule: depth, digits and characters bounded
            data = parse_json(raw, "the request")
        except BackstretchError as exc:
            raise BadRequest(str(exc)) from None
        if not isinstance(data, dict) or set(data) != set(fields):
            raise BadRequest(f"the request must be a JSON object of {', '.join(fields)}")
        return data

    def key(self, value: Any) -> str | None:
        if value is not None and not (isinstance(value, str) and KEY.fullmatch(value)):
            raise BadRequest("key must be null (named) or 32 to 100 letters, digits, - or _")
        return value

    def week(self, value: Any) -> date:
        try:
            return monday(value)
        except Invalid as exc:
            raise BadRequest(f"week: {exc}") from None


class ShareHandler(Handler):
    def put(self) -> None:
        name = self.user_name()
        data = self.body(("share", "key"))
        key = self.key(data["key"])
        try:
            share = read_share(data["share"], date.today(), "share")
        except BackstretchError as exc:
            raise BadRequest(str(exc)) from None
        if share.named == (key is not None):
            raise BadRequest("a named share has no key; an anonymous one needs one")
        self.store.put(share, name if share.named else None, key)
        self.finish(with_name(share, name).to_json())

    def delete(self) -> None:
        name = self.user_name()
        data = self.body(("week", "key"))
        gone = self.store.withdraw(self.week(data["week"]), name, self.key(data["key"]))
        self.finish({"withdrawn": gone})


class MineHandler(Handler):
    def post(self) -> None:
        name = self.user_name()
        keys = self.body(("keys",))["keys"]
        if not isinstance(keys, list) or len(keys) > MAX_KEYS:
            raise BadRequest(f"keys must be a list of at most {MAX_KEYS}")
        self.finish({"shares": self.store.mine(name, [k for k in map(self.key, keys) if k])})


class ClassHandler(Handler):
    """The figures of a week (``?week=``, this week by default), the instructor's only."""

    def figures_asked(self):
        if not self.is_instructor():
            raise web.HTTPError(403, reason="Only the instructor sees the class's figures")
        asked = self.get_query_argument("week", "")
        week = self.week(asked) if asked else week_start(date.today())
        return class_figures(self.store.week(week), week)

    def get(self) -> None:
        self.user_name()
        self.finish(self.figures_asked().to_json())


class PageHandler(ClassHandler):
    @web.authenticated
    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(class_page(self.figures_asked()))


def quiet_log(handler: web.RequestHandler) -> None:
    """One line a request, with no name and no query: the log says nothing of who shared."""
    status = handler.get_status()
    if status >= 500:
        handler.log.error("%d %s %.1f ms", status, handler.request.method,
                          1000 * handler.request.request_time())


def make_app(store: Store, prefix: str) -> web.Application:
    api = url_path_join(prefix, "api")
    args = {"store": store}
    return web.Application([
        (url_path_join(api, "share"), ShareHandler, args),
        (url_path_join(api, "mine"), MineHandler, args),
        (url_path_join(api, "class"), ClassHandler, args),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
        (prefix, PageHandler, args),
    ], cookie_secret=os.urandom(32), log_function=quiet_log)


def main() -> None:
    os.umask(0o077)
    store = Store(Path(os.environ[DB_ENV]))
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    app = make_app(store, os.environ["JUPYTERHUB_SERVICE_PREFIX"])
    server = HTTPServer(app, max_body_size=MAX_READ, xheaders=True)
    server.listen(url.port or 80, address=os.environ.get(BIND_ENV, "127.0.0.1"))
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
