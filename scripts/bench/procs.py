"""Starting, timing and stopping the servers under test (with the tests' process-group helpers,
tests/servers.py); training; resident memory from /proc."""
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Optional

import requests

from tests.servers import start_group, stop_group, wait_until

ROOT = Path(__file__).resolve().parents[2]
# The virtualenv of the Python running the benchmark (`make bench`: .venv, with requirements-bench.txt); rasa, its
# training and locust come from there. The Växjö bot itself is started by scripts/serve.sh (.venv).
VENV_BIN = Path(sys.executable).parent


def base_env(**extra: str) -> Dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false",
           "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "TF_CPP_MIN_LOG_LEVEL": "2"}
    env.update(extra)
    return env


def timed_run(cmd: List[str], cwd: Path, log: Path, env: Dict[str, str], timeout: float = 1800) -> float:
    """Runs a command to its end, output to `log`; returns its wall time in seconds, raises if it fails."""
    start = time.monotonic()
    with open(log, "w") as out:
        result = subprocess.run(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({result.returncode}); see {log}:\n{log.read_text()[-2000:]}")
    return elapsed


def component_times(log: Path, finished: float) -> Dict[str, float]:
    """Seconds per trained component, from the "Starting to train component" lines of a `rasa train` log
    (each lasts until the next one starts; the last until `finished`, a time.time())."""
    starts = []
    for line in log.read_text(errors="replace").splitlines():
        if "Starting to train component" in line:
            try:
                stamp = datetime.strptime(line[:19], "%Y-%m-%d %H:%M:%S").timestamp()
            except ValueError:
                continue
            starts.append((line.split("'")[1], stamp))
    times: Dict[str, float] = {}
    for index, (name, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else finished
        key = name if name not in times else f"{name} #{sum(1 for k in times if k.startswith(name)) + 1}"
        times[key] = round(end - start, 1)
    return times


class Server:
    """A group of processes (serve.sh, or one `rasa run`) started in its own session, stopped as a group."""

    def __init__(self, name: str, cmd: List[str], cwd: Path, env: Dict[str, str], port: int, log: Path):
        self.name, self.cmd, self.cwd, self.env, self.port, self.log = name, cmd, cwd, env, port, log
        self.url = f"http://localhost:{port}"
        self.process: Optional[subprocess.Popen] = None

    def start(self, timeout: float = 300) -> float:
        """Launches and returns the seconds until the REST webhook answers a message."""
        started = time.monotonic()
        self.process = start_group(self.cmd, self.log, self.env, self.name, cwd=self.cwd)
        try:
            wait_until(self._answers, self.process, self.name, self.log, timeout, interval=0.2)
        except RuntimeError:
            self.stop()
            raise
        return time.monotonic() - started

    def _answers(self) -> bool:
        return requests.post(f"{self.url}/webhooks/rest/webhook", json={"sender": "bench-startup", "message": "hello"},
                             timeout=30).ok

    def stop(self) -> None:
        stop_group(self.process)

    def rasa_server_pid(self) -> int:
        """The `rasa run` process serving the model (not the action server), in this server's process tree."""
        for pid in [self.process.pid] + descendants(self.process.pid):
            args = cmdline(pid)
            if "run" in args and "--model" in args and "actions" not in args[args.index("run") + 1:args.index("run") + 2]:
                return pid
        raise RuntimeError(f"no `rasa run --model` process under {self.name}")

    def action_server_pid(self) -> Optional[int]:
        for pid in [self.process.pid] + descendants(self.process.pid):
            args = cmdline(pid)
            if "run" in args and args[args.index("run") + 1:args.index("run") + 2] == ["actions"]:
                return pid
        return None


def cmdline(pid: int) -> List[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def descendants(pid: int) -> List[int]:
    children: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def rss_mb(pid: int) -> float:
    """VmRSS of `pid` plus all its descendants, in MiB (from /proc/<pid>/status)."""
    total_kb = 0
    for each in [pid] + descendants(pid):
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            pass
    return total_kb / 1024
