"""The class hub's sharing service (share_service.py), as JupyterHub runs it: the one
place its name, port, scopes and roles are set, for the local hub (``configure``) and, by
``tests/hub/test_deploy.py``, for the Kubernetes values.

A student reaches the service with their own hub token (their server's, or one made at
sign-in) and may act only as themselves; the view of the class needs the custom scope
``custom:class-shares:view``, which only the instructor's role holds.
"""

from __future__ import annotations

import pwd
import socket
import subprocess
import sys
from pathlib import Path

import accounts

NAME = "class-shares"
PORT = 10101
"""In the hub's pod on Kubernetes; locally, a free port on 127.0.0.1."""
PREFIX = f"/services/{NAME}/"
ACCESS_SCOPE = f"access:services!service={NAME}"
VIEW_SCOPE = "custom:class-shares:view"
CUSTOM_SCOPES = {VIEW_SCOPE: {"description": "Read the class's shared weeks (the "
                                             "instructor's view)."}}
INSTRUCTOR_ROLE = "class-instructor"
SERVER_TOKEN_SCOPES = ["users:activity!user", "access:servers!server", ACCESS_SCOPE,
                       VIEW_SCOPE]
"""The hub's own defaults for a server's token, and the service: a student's server's
token is given only the scopes the student holds, so never the view."""
OAUTH_SCOPES = [ACCESS_SCOPE, VIEW_SCOPE]
URL_ENV = "BACKSTRETCH_SHARES_URL"
FOLDER = "class-shares"
"""The service's own folder in the hub's base (root's, so no student can reach or swap
it), 0700 and its account's alone."""
DB_FILE = f"{FOLDER}/shares.sqlite"
ACCOUNT = "backstretch-shares"
"""The system account the service runs as, never root: no login, no home."""
SHARING_NOTICE = (
    "Sharing with your instructor (notebook 04) is off until you send a week, and you "
    "see every figure before it goes: days against your plan, usual pain, the activities' "
    "average and the change since the start; never your notes, activities' names or "
    "session times. An anonymous share carries no name, and your instructor sees it only "
    "inside figures of five or more. You can withdraw a share at any time, which deletes "
    "it.")
"""What the sign-up page says of sharing, after the hub's own words (``signup_words``)."""


def signup_words(tos: str) -> str:
    """The sign-up box's words (``NativeAuthenticator.tos``), with the sharing notice."""
    return f"{tos} {SHARING_NOTICE}"


def roles(admin: str) -> list[dict]:
    """Every student may reach the service; the instructor alone may read the class."""
    return [{"name": "user", "scopes": ["self", ACCESS_SCOPE]},
            {"name": INSTRUCTOR_ROLE, "description": "Reads the class's shared weeks",
             "scopes": [VIEW_SCOPE, ACCESS_SCOPE], "users": [admin]}]


def service(url: str, command: list[str], environment: dict[str, str]) -> dict:
    """The service's entry in ``JupyterHub.services``."""
    return {"name": NAME, "url": url, "command": command, "environment": environment,
            "oauth_client_allowed_scopes": OAUTH_SCOPES, "display": True}


def prepare(base: Path) -> Path:
    """Make the service's account (once) and its folder in ``base``; return the folder.
    Run as root by classhub.py before the hub starts; nothing here follows a link."""
    try:
        pwd.getpwnam(ACCOUNT)
    except KeyError:
        done = subprocess.run(["useradd", "--system", "--user-group", "--no-create-home",
                               "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                               "--comment", "backstretch class sharing service", ACCOUNT],
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"could not create the account {ACCOUNT}: {done.stderr.strip()}")
    # the root side's one rule for a folder: made in root's own, no link followed
    accounts.own_folder(base, FOLDER, pwd.getpwnam(ACCOUNT), accounts.PRIVATE)
    return base / FOLDER


def configure(c, base: Path, admin: str) -> None:
    """Add the service to the local hub's configuration ``c`` (after the spawner's
    environment is set); it runs as ``ACCOUNT`` in the folder ``prepare`` made."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    c.JupyterHub.services.append({
        **service(url, [sys.executable, str(Path(__file__).with_name("share_service.py"))],
                  {"BACKSTRETCH_SHARES_DB": str(base / DB_FILE)}),
        "user": ACCOUNT, "cwd": str(base / FOLDER)})
    c.JupyterHub.custom_scopes = CUSTOM_SCOPES
    c.JupyterHub.load_roles.extend(roles(admin))
    c.Spawner.server_token_scopes = SERVER_TOKEN_SCOPES
    c.NativeAuthenticator.tos = signup_words(c.NativeAuthenticator.tos)
    c.Spawner.environment[URL_ENV] = f"{url}{PREFIX}"
