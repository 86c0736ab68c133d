"""The container image `vaxjo-assistant` (make image): what is in it, and that it answers.

Slow (pytest -m slow): starts the image's two commands, the action server and the Rasa server (SQLite profile),
in one network namespace, and asks a question through the REST channel. Needs `make image` first.
"""
import json
import os
import shlex
import socket
import subprocess
import time
import uuid

import pytest
import requests

from tests.servers import ROOT

pytestmark = pytest.mark.slow
IMAGE = os.environ.get("IMAGE", "localhost/vaxjo-assistant:latest")
START_TIMEOUT = 420  # loading the model on a busy 2-core machine


def _podman_options():
    """The options of deploy/image/podman-options.sh (runtime, resource limits), as lists."""
    script = f"source {shlex.quote(str(ROOT / 'deploy' / 'image' / 'podman-options.sh'))}; " \
             "printf '%s\\n' \"${PODMAN_GLOBAL_OPTIONS[*]}\" \"${PODMAN_RUN_OPTIONS[*]}\""
    lines = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout.splitlines()
    return lines[0].split(), lines[1].split()


GLOBAL, RUN = _podman_options()


def podman(*args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(["podman", *GLOBAL, *args], capture_output=True, text=True, timeout=timeout)
    if check:
        assert result.returncode == 0, f"podman {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def run_in_image(*command: str) -> str:
    return podman("run", "--rm", *RUN, "--network", "none", IMAGE, *command).stdout


@pytest.fixture(scope="module", autouse=True)
def image_exists():
    if subprocess.run(["podman", "image", "exists", IMAGE]).returncode != 0:
        pytest.fail(f"{IMAGE} is missing: run `make image`")


def test_configuration_non_root_two_commands_and_the_k8s_name():
    config = json.loads(podman("image", "inspect", IMAGE).stdout)[0]["Config"]
    assert config["User"] == "10001"
    assert config["WorkingDir"] == "/app"
    assert config["Entrypoint"] == ["vaxjo-assistant"] and config["Cmd"] == ["rasa"]
    assert {"5005/tcp", "5055/tcp"} <= set(config["ExposedPorts"])
    manifests = "".join(path.read_text() for path in (ROOT / "deploy" / "k8s").glob("*.yaml"))
    assert "image: vaxjo-assistant" in manifests and IMAGE.split("/")[-1].split(":")[0] == "vaxjo-assistant"


def test_runtime_dependencies_only_and_the_model_and_code_inside():
    script = """
import importlib.util, os, sys, platform
import rasa, rasa_sdk
print(platform.python_version(), rasa.__version__, rasa_sdk.__version__)
print(os.getuid(), os.access('/app/actions', os.W_OK), os.access('/app/var/data', os.W_OK))
print(*[name for name in ('pytest', 'ruff', 'playwright', 'locust') if importlib.util.find_spec(name)])
print(os.path.getsize('/app/models/vaxjo.tar.gz') > 1_000_000, sorted(os.listdir('/app')))
"""
    lines = run_in_image("python", "-c", script).splitlines()
    assert lines[0].startswith("3.10.") and " 3.6.21 " in lines[0] + " ", lines[0]
    assert lines[1] == "10001 False True", "non-root; code read-only; the SQLite folder writable"
    assert lines[2] == "", f"test/benchmark tools in the image: {lines[2]}"
    assert lines[3] == "True ['actions', 'bot', 'content', 'models', 'scripts', 'var']", lines[3]
    # The content the actions answer from is the one in this checkout.
    assert run_in_image("cat", "/app/content/resources.yml") == (ROOT / "content" / "resources.yml").read_text()


def test_the_image_answers_through_rest():
    # Two containers sharing one network namespace, as a Kubernetes pod would (a podman pod's infra
    # container cannot be given resource limits on every host, so the action server joins the Rasa one's).
    pod = f"vaxjo-image-test-{uuid.uuid4().hex[:8]}"
    with socket.socket() as probe:  # a free port on this machine for the Rasa server (others run test servers too)
        probe.bind(("127.0.0.1", 0))
        rest_port = probe.getsockname()[1]
    try:
        podman("run", "-d", *RUN, "--name", f"{pod}-rasa", "--publish", f"127.0.0.1:{rest_port}:5005", IMAGE, "rasa")
        podman("run", "-d", *RUN, "--name", f"{pod}-actions", "--network", f"container:{pod}-rasa", IMAGE, "actions")
        url = f"http://127.0.0.1:{rest_port}"
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            state = podman("inspect", "--format", "{{.State.Status}}", f"{pod}-rasa").stdout.strip()
            assert state == "running", podman("logs", f"{pod}-rasa", check=False).stdout[-3000:]
            try:
                if requests.get(url, timeout=3).ok:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "the Rasa server in the image did not start in time"
            time.sleep(3)
        reply = requests.post(f"{url}/webhooks/rest/webhook", timeout=60,
                              json={"sender": "image-test", "message": "Hur många bor i Vushtrri?"}).json()
        text = " ".join(message.get("text") or "" for message in reply)
        assert "Vushtrri" in text and any(c.isdigit() for c in text), reply  # answered by the action server
        logs = podman("logs", f"{pod}-rasa", check=False)
        assert "Traceback" not in logs.stdout + logs.stderr
        stored = podman("exec", f"{pod}-rasa", "python", "-c",
                        "import sqlite3; print(sqlite3.connect('/app/var/data/conversations.db')"
                        ".execute(\"select count(*) from events where sender_id='image-test'\").fetchone()[0])").stdout
        assert int(stored) > 0, "the conversation is stored in the SQLite profile's database"
    finally:
        for name in (f"{pod}-actions", f"{pod}-rasa"):
            podman("rm", "--force", "--time", "10", name, check=False, timeout=120)
