"""Talking to the class hub's sharing service, as the student or the instructor, with
the hub token of the person's own server (``JUPYTERHUB_API_TOKEN``): send, withdraw and
list one's own shares; read the class's figures.

An anonymous share is found again only by a key the student's side makes and keeps in
the person's own data folder (``share-keys.json``); the service stores a hash of it and
no name. Sending a week again replaces that week's share, named or not.
"""

from __future__ import annotations

import json
import os
import secrets
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

from ..base.errors import BackstretchError, Problem
from ..base.language import N_, _
from ..base.userdata import data_home
from ..base.yamlio import atomic_write_text, read_json
from .class_figures import ClassFigures, figures_from_json
from .share import Share, read_share, with_name

URL_ENV = "BACKSTRETCH_SHARES_URL"
"""The service's address, set by the class hub in each server's environment."""
TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
KEYS_FILE = "share-keys.json"
NOT_ON_HUB = N_("Sharing with your instructor needs the class hub: open this notebook from "
                "the link your instructor gave you. Nothing is sent from here.")
"""Said where sharing cannot be done (in English here: shown as ``_(NOT_ON_HUB)``)."""


def not_on_hub() -> str:
    """``NOT_ON_HUB`` in the current language."""
    return _(NOT_ON_HUB)


SOURCE = N_("the class hub's sharing service")
"""Who answered, at the head of its problems (shown as ``_(SOURCE)``)."""


class ShareService:
    """The service at ``url``, called with ``token``; anonymous shares' keys in
    ``keys_path`` (``share-keys.json`` in the data folder by default)."""

    def __init__(self, url: str, token: str, keys_path: str | os.PathLike[str] | None = None,
                 timeout: float = 20):
        self.url = url.rstrip("/") + "/"
        self.token = token
        self.keys_path = Path(keys_path) if keys_path else data_home() / KEYS_FILE
        self.timeout = timeout

    @classmethod
    def from_env(cls) -> ShareService | None:
        """The service this server was started with, or None when not on the class hub."""
        url, token = os.environ.get(URL_ENV, ""), os.environ.get(TOKEN_ENV, "")
        return cls(url, token) if url and token else None

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method,
            headers={"Authorization": f"token {self.token}",
                     "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:  # noqa: S310
                return json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as exc:
            try:
                message = json.loads(exc.read())["message"]
            except (ValueError, KeyError, TypeError):
                message = exc.reason
            raise BackstretchError(Problem(_(SOURCE), "", f"{exc.code}: {message}")) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise BackstretchError(Problem(_(SOURCE), "", _("did not answer ({reason})").format(
                reason=reason))) from None

    def _keys(self) -> dict[str, str]:
        if not self.keys_path.exists():
            return {}
        keys = read_json(self.keys_path)  # the one reading rule; its faults name the file
        if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
            raise BackstretchError(Problem(str(self.keys_path), "", _(
                "is not a mapping of week to key; move it aside to start again")))
        return keys

    def _save_keys(self, keys: dict[str, str]) -> None:
        atomic_write_text(self.keys_path, json.dumps(keys, indent=1, sort_keys=True) + "\n")

    def send(self, share: Share) -> Share:
        """Send ``share`` (its week's other kind, named or anonymous, is withdrawn first);
        return it as the service keeps it."""
        self.withdraw(share.week, not share.named)
        key = None
        if not share.named:
            keys = self._keys()
            key = keys.setdefault(share.week.isoformat(), secrets.token_urlsafe(32))
            self._save_keys(keys)  # kept before it is sent: it can always be withdrawn
        kept = self._call("PUT", "api/share", {"share": share.to_json(), "key": key})
        return _kept(kept)

    def withdraw(self, week: date, named: bool) -> bool:
        """Withdraw the named or the anonymous share of ``week``; True if there was one."""
        keys = self._keys()
        key = None if named else keys.get(week.isoformat())
        if not named and key is None:
            return False
        gone = self._call("DELETE", "api/share", {"week": week.isoformat(), "key": key})
        if key is not None:
            del keys[week.isoformat()]
            self._save_keys(keys)
        return bool(gone["withdrawn"])

    def mine(self) -> list[Share]:
        """Everything this person has shared that the service still holds, newest first."""
        found = self._call("POST", "api/mine", {"keys": list(self._keys().values())})
        return [_kept(s) for s in found["shares"]]

    def figures(self, week: date | None = None) -> ClassFigures:
        """The class's figures of ``week`` (this week by default): the instructor's only."""
        query = f"?week={week.isoformat()}" if week else ""
        return figures_from_json(self._call("GET", f"api/class{query}"))


def _kept(data: dict[str, Any]) -> Share:
    """A share as the service answered it (its week may be older than last week)."""
    share = read_share({k: v for k, v in data.items() if k != "name"},
                       date.fromisoformat(data["week"]), _(SOURCE))
    return with_name(share, data.get("name"))
