"""JupyterHub configuration for a classroom trial on one machine (started by classhub.py).

For trials only: every student signs in with any name and the one class password, and
all servers run as the same system user (SimpleLocalProcessSpawner), each in its own
home folder with its own backstretch data, but with no isolation between them. For a
real class use the Kubernetes set-up in deploy/z2jh (docs/deploy.md).

classhub.py passes the folder, ports and password in environment variables.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hub_settings as hs  # noqa: E402

c = get_config()  # noqa: F821 - provided by JupyterHub when it reads this file

BASE = Path(os.environ["BACKSTRETCH_HUB_BASE"])
VENV_BIN = Path(os.environ["BACKSTRETCH_HUB_BIN"])

# everything on loopback
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ["BACKSTRETCH_HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ["BACKSTRETCH_HUB_API_PORT"])
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['BACKSTRETCH_HUB_PROXY_PORT']}"
c.ConfigurableHTTPProxy.command = [os.environ["BACKSTRETCH_HUB_PROXY"]]
c.ConfigurableHTTPProxy.auth_token = os.environ["BACKSTRETCH_HUB_PROXY_TOKEN"]
c.JupyterHub.cookie_secret_file = str(BASE / "cookie_secret")
c.JupyterHub.db_url = f"sqlite:///{BASE / 'jupyterhub.sqlite'}"
c.JupyterHub.pid_file = str(BASE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True

# classroom trial: any name (students and the instructor alike) with the one class password
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["BACKSTRETCH_HUB_PASSWORD"]
c.Authenticator.allow_all = True

# a home folder per student, with the workbook's data (checklists, session log) inside it
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(BASE / "home" / "{username}")
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = hs.START_TIMEOUT_SECONDS
c.Spawner.http_timeout = hs.HTTP_TIMEOUT_SECONDS
c.Spawner.environment = {
    "BACKSTRETCH_DATA_DIR": lambda spawner: f"{spawner.home_dir}/backstretch-data",
    # Unix sockets of the kernels: short paths (the limit is 107 bytes), one folder each
    "JUPYTER_RUNTIME_DIR": lambda spawner: str(BASE / "run" / str(spawner.user.id)),
    "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
}
c.Spawner.args = [
    f"--KernelManager.transport={hs.KERNEL_TRANSPORT}",
    f"--MappingKernelManager.cull_idle_timeout={hs.CULL_IDLE_SECONDS}",
    "--MappingKernelManager.cull_interval=300",
    f"--ServerApp.shutdown_no_activity_timeout={hs.CULL_IDLE_SECONDS}",
    "--ServerApp.ip=127.0.0.1",
    *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),
]
