"""JupyterHub configuration for a class on one machine (started by classhub.py).

As on The Littlest JupyterHub: the hub runs as root, each student signs up with a
password of their own (NativeAuthenticator) and is approved by the instructor, the
hub's admin (or is on the class list), and each student's server and kernels run as
a system account of their own, ``jupyter-<name>``, with a home only they can read.
Everything listens on 127.0.0.1.

classhub.py passes the folder, ports, the instructor's name and the class list in
environment variables.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import accounts  # noqa: E402
import class_auth  # noqa: E402
import hub_settings as hs  # noqa: E402
import share_settings  # noqa: E402

c = get_config()  # noqa: F821 - provided by JupyterHub when it reads this file

BASE = Path(os.environ["BACKSTRETCH_HUB_BASE"])
HUB_DATA = BASE / "hub"  # the hub's own database and secrets: root's alone
VENV_BIN = Path(os.environ["BACKSTRETCH_HUB_BIN"])

# everything on loopback
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ["BACKSTRETCH_HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ["BACKSTRETCH_HUB_API_PORT"])
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['BACKSTRETCH_HUB_PROXY_PORT']}"
c.ConfigurableHTTPProxy.command = [os.environ["BACKSTRETCH_HUB_PROXY"]]
c.ConfigurableHTTPProxy.auth_token = os.environ["BACKSTRETCH_HUB_PROXY_TOKEN"]
c.JupyterHub.cookie_secret_file = str(HUB_DATA / "cookie_secret")
c.JupyterHub.db_url = f"sqlite:///{HUB_DATA / 'jupyterhub.sqlite'}"
c.JupyterHub.pid_file = str(HUB_DATA / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
# logging out ends the session: the server stops, the tokens and cookies die (class_auth)
c.JupyterHub.shutdown_on_logout = hs.SHUTDOWN_ON_LOGOUT
# `classhub.py --remove-student` asks the hub to remove a name with this token (its file
# in HUB_DATA is root's alone): it may manage users, nothing more
c.JupyterHub.services = [{"name": "classhub",
                          "api_token": os.environ["BACKSTRETCH_HUB_SERVICE_TOKEN"]}]
c.JupyterHub.load_roles = [{"name": "class-remover", "scopes": ["admin:users"],
                            "services": ["classhub"]}]

# a sign-in of each person's own: they sign up with their password; the instructor
# (the admin) approves them at /hub/authorize, or the class list does. NativeAuthenticator
# (hs.AUTHENTICATOR), with one answer for every refused login and final logouts and
# removals (class_auth)
c.JupyterHub.authenticator_class = class_auth.ClassAuthenticator
c.ClassAuthenticator.accounts_base = str(BASE)
for key, value in hs.NATIVE_AUTHENTICATOR.items():
    setattr(c.NativeAuthenticator, key, value)
c.Authenticator.username_pattern = accounts.USERNAME_PATTERN
c.Authenticator.admin_users = {os.environ["BACKSTRETCH_HUB_ADMIN"]}
class_list = [n for n in os.environ.get("BACKSTRETCH_HUB_CLASS_LIST", "").split(",") if n]
if class_list:  # only these names (and the instructor) may sign in
    c.Authenticator.allowed_users = set(class_list)
else:  # whoever the instructor approves: NativeAuthenticator lets no one else in
    c.Authenticator.allow_all = True

# a system account per student, created at their first start, with a home of 0700,
# checked at every start (accounts.AccountSpawner)
c.JupyterHub.spawner_class = accounts.AccountSpawner
c.AccountSpawner.hub_base = str(BASE)
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = hs.START_TIMEOUT_SECONDS
c.Spawner.http_timeout = hs.HTTP_TIMEOUT_SECONDS
c.Spawner.environment = {
    # the workbook's data (routines, checklists, session log): outside the clone
    "BACKSTRETCH_DATA_DIR": lambda spawner: f"{accounts.home_of(spawner.user.name)}/"
                                            f"{hs.DATA_FOLDER}",
    "TMPDIR": lambda spawner: f"{accounts.home_of(spawner.user.name)}/{accounts.TMP}",
    # the kernels' Unix sockets: short paths (the limit is 107 bytes), 0700, their own
    "JUPYTER_RUNTIME_DIR": lambda spawner: str(accounts.runtime_dir(BASE, spawner.user.name)),
    "PATH": f"{VENV_BIN}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
}
c.Spawner.args = [
    f"--KernelManager.transport={hs.KERNEL_TRANSPORT}",
    f"--MappingKernelManager.cull_idle_timeout={hs.CULL_IDLE_SECONDS}",
    "--MappingKernelManager.cull_interval=300",
    f"--ServerApp.shutdown_no_activity_timeout={hs.CULL_IDLE_SECONDS}",
    "--ServerApp.ip=127.0.0.1",
]

# students share a week with the instructor through a service of the hub's own
share_settings.configure(c, BASE, os.environ["BACKSTRETCH_HUB_ADMIN"])
