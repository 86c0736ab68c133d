"""Starts the real action server and Rasa server once for a test session, on ports of their own."""
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional

import requests

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "vaxjo.tar.gz"


class RunningBot:
    def __init__(self, rasa_port: int = 15005, action_port: int = 15055, log_dir: Path = ROOT / "var" / "log" / "test",
                 env: Optional[Dict[str, str]] = None):
        self.rasa_port, self.action_port, self.log_dir = rasa_port, action_port, log_dir
        self.env = dict(env or {})  # extra variables for scripts/serve.sh; they win over the ones set here
        self.url = f"http://localhost:{rasa_port}"
        self.process = None

    def start(self, timeout: float = 240) -> "RunningBot":
        model = Path(self.env.get("MODEL", MODEL))
        if not model.exists():
            raise RuntimeError(f"{model} is missing: run `make train` first")
        # Test conversations go to a SQLite file of their own, not the developer's var/data/conversations.db.
        env = {"TRACKER_SQLITE_PATH": str(self.log_dir / "conversations.db"), "DEMO_PORT": "0",
               **os.environ, "RASA_PORT": str(self.rasa_port), "ACTION_PORT": str(self.action_port),
               "LOG_DIR": str(self.log_dir), "MODEL": str(MODEL), **self.env}
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen([str(ROOT / "scripts" / "serve.sh")], cwd=ROOT, env=env,
                                        stdout=open(self.log_dir / "serve.log", "w"), stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the servers stopped while starting: {(self.log_dir / 'serve.log').read_text()[-3000:]}")
            try:
                if requests.get(self.url, timeout=2).ok and "running" in (self.log_dir / "serve.log").read_text():
                    return self
            except requests.RequestException:
                pass
            time.sleep(1)
        self.stop()
        raise RuntimeError(f"the servers did not start within {timeout} s; see {self.log_dir}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

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

    @staticmethod
    def new_sender() -> str:
        return f"test-{uuid.uuid4().hex[:12]}"
