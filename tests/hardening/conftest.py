"""The hardening tests' own server, for what the shared bot (tests/conftest.py) cannot be: the real action server
started here, so a test can stop, hang and restart it (tests/hardening/test_faults.py), a short action timeout,
CORS for one origin and Rasa's HTTP API on with a token (tests/hardening/test_security.py). Ports 65005/65055, logs
and conversations in var/log/test-hardening. The over-long, malformed and fuzzed inputs go to the shared bot.

HARDENING_MODEL overrides the model (default models/vaxjo.tar.gz), e.g. a model trained with the domain additions
before they are in the main model.
"""
import os
import shutil
import socket
import sys
import tarfile
import threading
from pathlib import Path
from typing import List

import pytest

from tests.servers import MODEL, ROOT, RunningBot, answers, start_group, stop_group, wait_until

RASA_PORT, ACTION_PORT = 65005, 65055
LOG_DIR = ROOT / "var" / "log" / "test-hardening"
HARDENING_MODEL = Path(os.environ.get("HARDENING_MODEL") or MODEL)
ACTION_TIMEOUT = 6  # ACTION_TIMEOUT_SECONDS of the test server: a hanging action server costs at most this per turn
ALLOWED_ORIGIN = "https://www.example.org"
API_TOKEN = "hardening-test-token"


class ActionServer:
    """The real action server (`rasa run actions`), in a process group of its own."""

    def __init__(self, port: int, log: Path):
        self.port, self.log, self.process = port, log, None

    def launch(self) -> "ActionServer":
        env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"}
        self.process = start_group([str(Path(sys.executable).parent / "rasa"), "run", "actions", "--actions",
                                    "actions", "--port", str(self.port)], self.log, env, "action server", append=True)
        return self

    def ready(self, timeout: float = 90) -> None:
        wait_until(lambda: answers(f"http://localhost:{self.port}/health"), self.process, "the action server",
                   self.log, timeout)

    def start(self, timeout: float = 90) -> None:
        self.launch().ready(timeout)

    def stop(self) -> None:
        stop_group(self.process, grace=20)
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


def model_snapshot() -> Path:
    """A copy of the model, so a retraining meanwhile cannot change it between the servers' starts."""
    copy = LOG_DIR / "model.tar.gz"
    if not copy.exists():
        with tarfile.open(HARDENING_MODEL) as archive:
            archive.getmembers()  # complete, not being written
        shutil.copyfile(HARDENING_MODEL, copy)
    return copy


@pytest.fixture(scope="session")
def bot_with_action_server():
    if not HARDENING_MODEL.exists():
        pytest.fail(f"{HARDENING_MODEL} is missing")
    if LOG_DIR.exists():
        shutil.rmtree(LOG_DIR)  # the log and conversation checks must see this run only
    LOG_DIR.mkdir(parents=True)
    actions = ActionServer(ACTION_PORT, LOG_DIR / "actions.log").launch()  # both load at the same time
    running = HardeningBot(actions, rasa_port=RASA_PORT, action_port=ACTION_PORT, log_dir=LOG_DIR, env={
        "MODEL": str(model_snapshot()), "START_ACTION_SERVER": "0", "DEMO_PORT": "0",
        "ACTION_ENDPOINT_URL": f"http://localhost:{ACTION_PORT}/webhook",
        "TRACKER_SQLITE_PATH": str(LOG_DIR / "conversations.db"), "ACTION_TIMEOUT_SECONDS": str(ACTION_TIMEOUT),
        "RASA_CORS": ALLOWED_ORIGIN, "RASA_ENABLE_API": "1", "RASA_AUTH_TOKEN": API_TOKEN}).launch()
    try:
        actions.ready()
        yield running.ready()
    finally:
        running.stop()
        actions.stop()


@pytest.fixture
def healthy(bot_with_action_server):
    """The action server is running after the test, whatever the test did to it."""
    bot = bot_with_action_server
    yield bot
    if not bot.actions.running():
        bot.actions.start()
