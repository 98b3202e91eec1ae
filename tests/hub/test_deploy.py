"""The Kubernetes values (deploy/z2jh) say what the local class hub proved (deploy/local)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy" / "local"))
import hub_settings as hs  # noqa: E402
import share_settings as shares  # noqa: E402

LOCAL_ONLY_ARGS = ("--ServerApp.ip=",)


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((ROOT / "deploy" / "z2jh" / "values.yaml").read_text())


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """The local hub's configuration, as JupyterHub itself would load it."""
    pytest.importorskip("jupyterhub")
    from traitlets.config import Config

    env = {"BACKSTRETCH_HUB_BASE": str(tmp_path_factory.mktemp("hub")),
           "BACKSTRETCH_HUB_BIN": str(Path(sys.executable).parent),
           "BACKSTRETCH_HUB_PORT": "8000", "BACKSTRETCH_HUB_API_PORT": "8081",
           "BACKSTRETCH_HUB_PROXY_PORT": "8001", "BACKSTRETCH_HUB_PROXY": "chp",
           "BACKSTRETCH_HUB_PROXY_TOKEN": "x", "BACKSTRETCH_HUB_ADMIN": "instructor",
           "BACKSTRETCH_HUB_SERVICE_TOKEN": "y"}
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        config = Config()
        path = ROOT / "deploy" / "local" / "jupyterhub_config.py"
        exec(compile(path.read_text(), str(path), "exec"),  # noqa: S102 - our own file
             {"get_config": lambda: config, "__file__": str(path)})
    return config


def test_the_same_kernel_and_culling_arguments(values, local):
    pod_args = values["hub"]["config"]["KubeSpawner"]["args"]
    local_args = [a for a in local.Spawner.args if not a.startswith(LOCAL_ONLY_ARGS)]
    assert pod_args == local_args
    assert f"--KernelManager.transport={hs.KERNEL_TRANSPORT}" in pod_args


def test_the_same_timeouts_and_culling(values, local):
    assert values["singleuser"]["startTimeout"] == local.Spawner.start_timeout \
        == hs.START_TIMEOUT_SECONDS
    assert values["hub"]["config"]["KubeSpawner"]["http_timeout"] == local.Spawner.http_timeout \
        == hs.HTTP_TIMEOUT_SECONDS
    assert values["cull"] == {"enabled": True, "timeout": hs.CULL_IDLE_SECONDS, "every": 300}


def test_memory_and_cpu_limits_from_the_benchmark(values):
    single = values["singleuser"]
    assert single["memory"] == {"guarantee": hs.MEM_GUARANTEE, "limit": hs.MEM_LIMIT}
    assert single["cpu"] == {"limit": hs.CPU_LIMIT}

    def mib(size: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)([MG])", size).groups()
        return float(number) * (1024 if unit == "G" else 1)

    assert hs.MEASURED_MIB_PER_STUDENT <= mib(hs.MEM_GUARANTEE) < mib(hs.MEM_LIMIT)


def test_a_home_and_data_folder_per_student(values, local, monkeypatch):
    single = values["singleuser"]
    assert single["storage"]["type"] == "dynamic"
    home = single["storage"]["homeMountPath"]
    assert single["extraEnv"]["BACKSTRETCH_DATA_DIR"] == f"{home}/{hs.DATA_FOLDER}"

    class Spawner:  # what the local environment functions are given
        class user:  # noqa: N801 - JupyterHub's attribute
            name = "ada"

    import accounts  # the module the local configuration read

    monkeypatch.setattr(accounts, "home_of", lambda name: f"/homes/jupyter-{name}")
    env = local.Spawner.environment
    assert env["BACKSTRETCH_DATA_DIR"](Spawner) == f"/homes/jupyter-ada/{hs.DATA_FOLDER}"
    assert env["TMPDIR"](Spawner) == "/homes/jupyter-ada/.tmp"  # not the shared /tmp
    assert single["defaultUrl"] == local.Spawner.default_url == "/lab"


def test_the_same_sign_in_of_each_persons_own(values, local):
    """NativeAuthenticator with the instructor's approval on both; no shared password."""
    from nativeauthenticator import NativeAuthenticator

    hub = values["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] == hs.AUTHENTICATOR == "native"
    # locally NativeAuthenticator itself, with its refusals and endings made final
    assert issubclass(local.JupyterHub.authenticator_class, NativeAuthenticator)
    signup = {**hs.NATIVE_AUTHENTICATOR,
              "tos": shares.signup_words(hs.NATIVE_AUTHENTICATOR["tos"])}
    assert hub["NativeAuthenticator"] == signup
    assert {k: local.NativeAuthenticator[k] for k in hs.NATIVE_AUTHENTICATOR} == signup
    assert hs.NATIVE_AUTHENTICATOR["open_signup"] is False
    assert hub["Authenticator"]["admin_users"] == sorted(local.Authenticator.admin_users) \
        == ["instructor"]
    text = (ROOT / "deploy" / "z2jh" / "values.yaml").read_text()
    assert "shared-password" not in text and "SharedPassword" not in text


def test_the_same_names_privacy_line_and_logout(values, local):
    """The names the sign-up box promises, the line saying what the instructor sees, and
    a logout that stops the server: the same on both."""
    import accounts

    hub = values["hub"]["config"]
    assert hub["Authenticator"]["username_pattern"] == local.Authenticator.username_pattern \
        == accounts.USERNAME_PATTERN
    assert hs.PRIVACY in hub["NativeAuthenticator"]["tos"]
    assert hub["JupyterHub"]["shutdown_on_logout"] is local.JupyterHub.shutdown_on_logout \
        is hs.SHUTDOWN_ON_LOGOUT is True


def test_every_student_is_walled_off_on_kubernetes(values):
    """A pod and a volume each, and the network policies on: no pod reaches another."""
    assert values["singleuser"]["storage"]["type"] == "dynamic"
    assert values["hub"]["networkPolicy"]["enabled"] is True
    assert values["singleuser"]["networkPolicy"]["enabled"] is True
    assert values["proxy"]["chp"]["networkPolicy"]["enabled"] is True


def test_a_class_list_names_who_may_sign_in(tmp_path):
    import classhub

    listed = tmp_path / "class.txt"
    listed.write_text("# Tuesday's class\nAda\n\nbo-2  # joined late\n", encoding="utf-8")
    assert classhub.read_class_list(listed) == ["ada", "bo-2"]
    for bad, line in (("ada\nJosé\n", 2), ("<b>x</b>\n", 1), ("a b\n", 1),
                      ("x" * 24 + "\n", 1)):
        listed.write_text(bad, encoding="utf-8")
        with pytest.raises(RuntimeError, match=f"class.txt, line {line}: .* not a name"):
            classhub.read_class_list(listed)
    listed.write_bytes(b"\xff\xfe ada")
    with pytest.raises(RuntimeError, match="class.txt: cannot read the class list"):
        classhub.read_class_list(listed)


def test_the_image_carries_the_hub_and_nbgitpuller():
    """repo2docker builds the image from environment.yml: it must hold both."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = {re.split(r"[<>=]", d)[0] for d in env["dependencies"] if isinstance(d, str)}
    assert {"jupyterhub", "jupyterhub-nativeauthenticator", "nbgitpuller", "voila",
            "ipywidgets"} <= names


def test_root_follows_no_link_and_acts_in_no_folder_of_others(tmp_path):
    """The class hub's root side (accounts.py) walks folders without following a link,
    and makes folders only where nobody but root can swap them."""
    pytest.importorskip("jupyterhub")
    import os

    import accounts

    (tmp_path / "real" / "inner").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    os.close(accounts.open_folder(tmp_path / "real" / "inner"))
    for path in (tmp_path / "link", tmp_path / "link" / "inner"):
        with pytest.raises(accounts.AccountRefused, match="a symbolic link"):
            accounts.open_folder(path)
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    with pytest.raises(accounts.AccountRefused, match="not root's alone"):
        accounts.own_folder(shared, "x", None, accounts.PRIVATE)
    assert not (shared / "x").exists()
def test_the_same_sharing_service_on_both(values, local):
    """The class's sharing service: the same name, scopes and roles locally and on
    Kubernetes; on 127.0.0.1 locally, in the hub's pod (with its volume) on Kubernetes."""
    (service,) = [s for s in local.JupyterHub.services if s["name"] == shares.NAME]
    assert service["name"] == shares.NAME and service["url"].startswith("http://127.0.0.1:")
    assert Path(service["command"][-1]) == ROOT / "deploy" / "local" / "share_service.py"
    assert service["environment"]["BACKSTRETCH_SHARES_DB"].endswith(shares.DB_FILE)
    assert service["user"] == shares.ACCOUNT  # never root
    assert values["hub"]["extraContainers"][0]["securityContext"]["runAsUser"] != 0
    assert local.Spawner.environment[shares.URL_ENV] == service["url"] + shares.PREFIX
    kube = values["hub"]["services"][shares.NAME]
    assert kube["oauth_client_allowed_scopes"] == service["oauth_client_allowed_scopes"] \
        == shares.OAUTH_SCOPES
    assert kube["url"] == f"http://hub:{shares.PORT}"
    assert values["singleuser"]["extraEnv"][shares.URL_ENV] == kube["url"] + shares.PREFIX
    # the same scopes and roles: the instructor alone reads the class
    assert values["hub"]["config"]["JupyterHub"]["custom_scopes"] \
        == local.JupyterHub.custom_scopes == shares.CUSTOM_SCOPES
    assert values["hub"]["config"]["KubeSpawner"]["server_token_scopes"] \
        == local.Spawner.server_token_scopes == shares.SERVER_TOKEN_SCOPES
    kube_roles = [{"name": k, **v} for k, v in values["hub"]["loadRoles"].items()]
    sharing_roles = shares.roles("instructor")
    names = {r["name"] for r in sharing_roles}
    assert kube_roles == [r for r in local.JupyterHub.load_roles if r["name"] in names] \
        == sharing_roles
    # beside the hub, from the workbook's image, on the hub's volume, on the same port
    (container,) = values["hub"]["extraContainers"]
    env = {e["name"]: e.get("value", e.get("valueFrom")) for e in container["env"]}
    assert container["command"][-1].endswith("deploy/local/share_service.py")
    assert env["JUPYTERHUB_SERVICE_URL"] == kube["url"]
    assert env["JUPYTERHUB_SERVICE_PREFIX"] == shares.PREFIX
    assert json.loads(env["JUPYTERHUB_OAUTH_CLIENT_ALLOWED_SCOPES"]) == shares.OAUTH_SCOPES
    assert json.loads(env["JUPYTERHUB_OAUTH_ACCESS_SCOPES"]) == [shares.ACCESS_SCOPE]
    assert env["JUPYTERHUB_API_TOKEN"]["secretKeyRef"]["key"] \
        == f"hub.services.{shares.NAME}.apiToken"
    (mount,) = container["volumeMounts"]
    assert env["BACKSTRETCH_SHARES_DB"].startswith(mount["mountPath"] + "/")
    (port,) = values["hub"]["service"]["extraPorts"]
    assert port["port"] == port["targetPort"] == shares.PORT
    (ingress,) = values["hub"]["networkPolicy"]["ingress"]
    assert ingress["ports"] == [{"port": shares.PORT}]
