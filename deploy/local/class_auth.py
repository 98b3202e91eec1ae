"""The class hub's sign-in: NativeAuthenticator, with the ends of a session and of a
student made final, and a login page that tells nothing before it lets in.

- **Login**: every refusal gets the same answer, whether the password was wrong, the
  name is locked out for a minute, or the name still waits for the instructor's
  approval (NativeAuthenticator 1.3 says "not authorized yet" for a right password,
  lockout or not, so a waiting name's password could be guessed without limit).
- **Logout** ends every session of that person: their login cookie's id is replaced
  (a cookie copied before stops working), their tokens are revoked and (with
  ``shutdown_on_logout``) their server stops.
- **Un-authorize** does all that at once too, and ends every process of their account.
- **Discard**, an admin's deletion of the user, and ``classhub.py --remove-student``
  (``POST /hub/class-remove/<name>``) remove the student for good: servers stopped,
  sign-up and hub user deleted, account retired (``accounts.retire_account``: processes
  ended, account deleted, home moved aside), so the name can be taken afresh.
"""

from __future__ import annotations

import json
import pwd
from pathlib import Path

import accounts
from jupyterhub.apihandlers.base import APIHandler
from jupyterhub.handlers.login import LogoutHandler
from jupyterhub.scopes import needs_scope
from jupyterhub.utils import new_token
from nativeauthenticator import NativeAuthenticator
from nativeauthenticator import handlers as native
from nativeauthenticator.orm import UserInfo
from tornado import web
from traitlets import Unicode

async def end_sessions(handler, user, processes: bool) -> None:
    """Stop ``user``'s servers, revoke their tokens and every login cookie (a new cookie
    id); with ``processes``, end every process of their account too."""
    for name, spawner in list(user.spawners.items()):
        if spawner.active and not spawner.pending:
            await handler.stop_single_user(user, name)
    for token in list(user.orm_user.api_tokens):
        handler.db.delete(token)
    user.orm_user.cookie_id = new_token()
    handler.db.commit()
    if processes:
        try:
            uid = pwd.getpwnam(accounts.system_name(user.name)).pw_uid
        except KeyError:
            return
        accounts.end_processes(uid)


async def remove_student(handler, name: str) -> dict:
    """Remove ``name`` for good (see the module's docstring); what was found and done."""
    if name == handler.current_user.name or name in handler.authenticator.admin_users:
        raise web.HTTPError(400, f"{name} is an admin of this hub: not removed")
    user = handler.find_user(name)
    if user is not None:
        await end_sessions(handler, user, processes=False)
    try:
        account = pwd.getpwnam(accounts.system_name(name)).pw_name
    except KeyError:
        account = None
    moved = accounts.retire_account(accounts.system_name(name),
                                    Path(handler.authenticator.accounts_base))
    signed_up = handler.authenticator.get_user(name) is not None
    # the sign-up (NativeAuthenticator's part: the account is retired already)
    NativeAuthenticator.delete_user(handler.authenticator, type("User", (), {"name": name}))
    if user is not None:
        await user.delete_spawners()
        handler.users.delete(user)
    done = {"name": name, "signed_up": signed_up, "hub_user": user is not None,
            "account": account, "home_moved_to": str(moved) if moved else None}
    handler.log.info("Removed %s", done)
    return done


class LoginHandler(native.LoginHandler):
    """The login page; one answer for every refusal."""

    async def post(self):
        data = {arg: self.get_argument(arg, strip=False) for arg in self.request.arguments}
        user = await self.login_user(data)
        if user:
            self._jupyterhub_user = user
            self.redirect(self.get_next_url(user))
            return
        refused = ("Wrong name or password, or this name waits for the instructor's "
                   f"approval. After {self.authenticator.allowed_failed_logins} wrong tries "
                   f"in a row a name waits {self.authenticator.seconds_before_next_try} s.")
        self.finish(await self._render(login_error=refused, username=data.get("username")))


class ClassLogoutHandler(LogoutHandler):
    """Logout, ending every session and token of the person (servers stopped first)."""

    async def handle_logout(self):
        user = self.current_user
        if user is not None and hasattr(user, "orm_user"):
            await end_sessions(self, user, processes=False)


class ToggleAuthorizationHandler(native.ToggleAuthorizationHandler):
    """Authorize or un-authorize; un-authorizing ends the student's access at once."""

    @needs_scope("admin:users")
    async def get(self, slug):
        UserInfo.change_authorization(self.db, slug)
        info = UserInfo.find(self.db, slug)
        user = self.find_user(slug)
        if info is not None and not info.is_authorized and user is not None:
            await end_sessions(self, user, processes=True)
            self.log.info("Un-authorized %s: servers, sessions, tokens and processes ended",
                          slug)
        self.redirect(self.hub.base_url + "authorize#" + slug)


class DiscardHandler(native.LocalBase):
    """The Authorize page's Discard: removes the name for good."""

    @needs_scope("admin:users")
    async def get(self, name):
        await remove_student(self, name)
        self.redirect(self.hub.base_url + "authorize")


class RemoveHandler(APIHandler):
    """``POST /hub/class-remove/<name>`` (``classhub.py --remove-student``, with a token):
    as Discard, answering what was done, in JSON."""

    @needs_scope("admin:users")
    async def post(self, name):
        done = await remove_student(self, name)
        if not (done["signed_up"] or done["hub_user"] or done["account"]):
            raise web.HTTPError(404, f"{name} is not a student of this hub")
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(done))


class ClassAuthenticator(NativeAuthenticator):
    """NativeAuthenticator for the class hub (see the module's docstring)."""

    accounts_base = Unicode(config=True, help="The class's folder (accounts.py's BASE).")

    def get_handlers(self, app):
        ours = {"/login": LoginHandler, "/authorize/([^/]*)": ToggleAuthorizationHandler,
                "/discard/([^/]*)": DiscardHandler}
        return [("/logout", ClassLogoutHandler), ("/class-remove/([^/]+)", RemoveHandler),
                *[(path, ours.get(path, handler)) for path, handler in super().get_handlers(app)]]

    def delete_user(self, user):
        """An admin deleted the user (the admin page, the REST API): retire the account."""
        accounts.retire_account(accounts.system_name(user.name), Path(self.accounts_base))
        return super().delete_user(user)
