"""Starts the real servers the live tests talk to, each in a process group of its own, and counts the starts.

SERVER_STARTS_LOG (set by scripts/test.sh) is a file that gets one line per server started, so the run can say
how many it started; `started` holds this process's.
"""
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path
from typing import Callable, Dict, List, Optional

import requests

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "vaxjo.tar.gz"
started: List[str] = []


def count_start(kind: str, where: object) -> None:
    started.append(f"{kind} ({where})")
    if os.environ.get("SERVER_STARTS_LOG"):
        with open(os.environ["SERVER_STARTS_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{kind}\t{where}\n")


def start_group(command: List[str], log: Path, env: Dict[str, str], kind: str, cwd: Path = ROOT,
                append: bool = False) -> subprocess.Popen:
    """Starts a server in a new session (so it can be stopped or killed as a group), output to `log`."""
    count_start(kind, log.parent.name)
    with open(log, "a" if append else "w") as out:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def wait_until(ready: Callable[[], bool], process: subprocess.Popen, what: str, log: Path, timeout: float,
               interval: float = 0.3) -> None:
    """Polls `ready` until it is true; fails at once if the process stopped, with the end of its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped while starting: {log.read_text(errors='replace')[-3000:]}")
        try:
            if ready():
                return
        except requests.RequestException:
            pass
        time.sleep(interval)
    raise RuntimeError(f"{what} did not start within {timeout} s; see {log}")


def stop_group(process: Optional[subprocess.Popen], grace: float = 30) -> None:
    """SIGTERM to the process group, SIGKILL if it is still there after `grace` seconds."""
    if process and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=grace)


def answers(url: str) -> bool:
    return requests.get(url, timeout=2).ok


class RunningBot:
    """The Rasa server (and what scripts/serve.sh starts with it) on ports of its own: start() = launch() + ready()."""

    def __init__(self, rasa_port: int = 15005, action_port: int = 15055, log_dir: Path = ROOT / "var" / "log" / "test",
                 env: Optional[Dict[str, str]] = None):
        self.rasa_port, self.action_port, self.log_dir = rasa_port, action_port, log_dir
        self.env = dict(env or {})  # extra variables for scripts/serve.sh; they win over the ones set here
        self.url = f"http://localhost:{rasa_port}"
        self.process: Optional[subprocess.Popen] = None

    def launch(self) -> "RunningBot":
        model = Path(self.env.get("MODEL", MODEL))
        if not model.exists():
            raise RuntimeError(f"{model} is missing: run `make train` first")
        # Test conversations go to a SQLite file of their own, not the developer's var/data/conversations.db.
        env = {"TRACKER_SQLITE_PATH": str(self.log_dir / "conversations.db"), "DEMO_PORT": "0",
               **os.environ, "RASA_PORT": str(self.rasa_port), "ACTION_PORT": str(self.action_port),
               "LOG_DIR": str(self.log_dir), "MODEL": str(MODEL), **self.env}
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.process = start_group([str(ROOT / "scripts" / "serve.sh")], self.log_dir / "serve.log", env, "rasa")
        return self

    def ready(self, timeout: float = 240) -> "RunningBot":
        serve_log = self.log_dir / "serve.log"
        try:
            wait_until(lambda: answers(self.url) and "running" in serve_log.read_text(), self.process,
                       "the servers", serve_log, timeout)
        except RuntimeError:
            self.stop()
            raise
        return self

    def start(self, timeout: float = 240) -> "RunningBot":
        return self.launch().ready(timeout)

    def stop(self) -> None:
        stop_group(self.process)

    def kill(self, hard: bool = True) -> None:
        """Ends the servers at once: SIGKILL (kill -9) to every process of the group, no shutdown; or stop()."""
        if not hard:
            self.stop()
            return
        if self.process:  # also after serve.sh itself ended: its children may remain in the group
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=30)

    def send(self, sender: str, message: str, page_language: str = None) -> List[Dict]:
        """One REST message; `page_language` is sent as metadata, as the chat widget sends its page's language."""
        body = {"sender": sender, "message": message}
        if page_language:
            body["metadata"] = {"language": page_language}
        response = requests.post(f"{self.url}/webhooks/rest/webhook", json=body, timeout=30)
        response.raise_for_status()
        return response.json()

    def post(self, body=None, data: Optional[bytes] = None, timeout: float = 60, **kwargs) -> requests.Response:
        """A raw request to the REST channel, whatever its body."""
        return requests.post(f"{self.url}/webhooks/rest/webhook", json=body, data=data, timeout=timeout, **kwargs)

    def rasa_pid(self) -> int:
        from tests.persistence.processes import rasa_main_pid

        return rasa_main_pid(self.process.pid)

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.rasa_pid()}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) / 1024

    def alive(self) -> bool:
        try:
            return requests.get(self.url, timeout=5).ok
        except requests.RequestException:
            return False

    @staticmethod
    def new_sender() -> str:
        return f"test-{uuid.uuid4().hex[:12]}"
