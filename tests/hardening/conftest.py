"""Servers for the hardening tests: the real action server (started here, so a test can stop and restart it) and
the Rasa server through scripts/serve.sh (START_ACTION_SERVER=0), on ports 65005/65055, logs in var/log/test-hardening.

HARDENING_MODEL overrides the model (default models/vaxjo.tar.gz), e.g. a model trained with the domain additions
before they are in the main model.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional

import pytest
import requests

from tests.persistence.processes import rasa_server_processes
from tests.servers import MODEL, ROOT, RunningBot

RASA_PORT, ACTION_PORT = 65005, 65055
LOG_DIR = ROOT / "var" / "log" / "test-hardening"
HARDENING_MODEL = Path(os.environ.get("HARDENING_MODEL") or MODEL)
ACTION_TIMEOUT = 6  # ACTION_TIMEOUT_SECONDS of the test server: a hanging action server costs at most this per turn
ALLOWED_ORIGIN = "https://www.example.org"


class ActionServer:
    """The real action server (`rasa run actions`), in a process group of its own."""

    def __init__(self, port: int, log: Path):
        self.port, self.log, self.process = port, log, None

    def start(self, timeout: float = 90) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"}
        self.process = subprocess.Popen([str(Path(sys.executable).parent / "rasa"), "run", "actions", "--actions",
                                         "actions", "--port", str(self.port)], cwd=ROOT, env=env,
                                        stdout=open(self.log, "a"), stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the action server stopped: {self.log.read_text()[-2000:]}")
            try:
                if requests.get(f"http://localhost:{self.port}/health", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the action server did not start within {timeout} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)
        self.process = None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


class HangingServer:
    """Accepts connections on a port and never answers: an action server that hangs."""

    def __init__(self, port: int):
        self.socket = socket.socket()
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", port))
        self.socket.listen(64)
        self.connections: List[socket.socket] = []
        self.stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        self.socket.settimeout(0.2)
        while not self.stopped.is_set():
            try:
                connection, _ = self.socket.accept()
                self.connections.append(connection)
            except OSError:
                continue

    def close(self) -> None:
        self.stopped.set()
        for connection in self.connections:
            connection.close()
        self.socket.close()


class HardeningBot(RunningBot):
    def __init__(self, actions: ActionServer, **kwargs):
        super().__init__(**kwargs)
        self.actions = actions

    def post(self, body=None, data: Optional[bytes] = None, timeout: float = 60, **kwargs) -> requests.Response:
        return requests.post(f"{self.url}/webhooks/rest/webhook", json=body, data=data, timeout=timeout, **kwargs)

    def rasa_pid(self) -> int:
        processes = rasa_server_processes(self.process.pid)
        main = [pid for pid, ppid, _ in processes if ppid not in {p[0] for p in processes}]
        assert main, f"no Rasa server process in group {self.process.pid}"
        return main[0]

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.rasa_pid()}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) / 1024

    def alive(self) -> bool:
        try:
            return requests.get(self.url, timeout=5).ok
        except requests.RequestException:
            return False


def model_snapshot() -> Path:
    """A copy of the model, so a retraining meanwhile cannot change it between the servers' starts."""
    copy = LOG_DIR / "model.tar.gz"
    if not copy.exists():
        with tarfile.open(HARDENING_MODEL) as archive:
            archive.getmembers()  # complete, not being written
        shutil.copyfile(HARDENING_MODEL, copy)
    return copy


def start_bot(port: int, actions: ActionServer, log_dir: Path, env: Dict[str, str]) -> HardeningBot:
    bot = HardeningBot(actions, rasa_port=port, action_port=actions.port, log_dir=log_dir, env={
        "MODEL": str(model_snapshot()), "START_ACTION_SERVER": "0", "DEMO_PORT": "0",
        "ACTION_ENDPOINT_URL": f"http://localhost:{actions.port}/webhook",
        "TRACKER_SQLITE_PATH": str(log_dir / "conversations.db"), **env})
    return bot.start()


@pytest.fixture(scope="session")
def action_server():
    if LOG_DIR.exists():
        shutil.rmtree(LOG_DIR)  # the log and conversation checks must see this run only
    LOG_DIR.mkdir(parents=True)
    server = ActionServer(ACTION_PORT, LOG_DIR / "actions.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def bot(action_server):
    if not HARDENING_MODEL.exists():
        pytest.fail(f"{HARDENING_MODEL} is missing")
    running = start_bot(RASA_PORT, action_server, LOG_DIR, {
        "ACTION_TIMEOUT_SECONDS": str(ACTION_TIMEOUT), "RASA_CORS": ALLOWED_ORIGIN, "MAX_MESSAGE_CHARS": "1000"})
    yield running
    running.stop()


@pytest.fixture
def healthy(bot):
    """The action server is running after the test, whatever the test did to it."""
    yield bot
    if not bot.actions.running():
        bot.actions.start()
