"""The first start on a fresh machine: a fresh clone of this repository's HEAD and a fresh virtualenv, then `make run`
until the first REST answer. pip's wheel cache is used as on any machine that installed Python packages before.

    python3 scripts/bench/first_start.py [--port 18005] [--keep]

Prints the phases (install, content export + training, server start, first answer) and writes them to
results/first_start.json; docs/benchmarks.md quotes them. Needs only Python's standard library (no venv yet).
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKS = {"install_done": "Training the model", "trained": "Starting the Rasa server"}


def first_answer(port: int) -> bool:
    body = json.dumps({"sender": "first-start", "message": "hej"}).encode()
    request = urllib.request.Request(f"http://localhost:{port}/webhooks/rest/webhook", body,
                                     {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return bool(json.loads(response.read()))
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=18005)
    parser.add_argument("--demo-port", type=int, default=18080)
    parser.add_argument("--timeout", type=float, default=1200)
    parser.add_argument("--keep", action="store_true", help="keep the clone (its path is printed)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vaxjo-first-start-"))
    clone = work / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True, text=True).stdout.strip()
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(RASA_PORT=str(args.port), DEMO_PORT=str(args.demo_port), ACTION_PORT=str(args.port + 50))
    log_path = work / "make-run.log"
    load_at_start = os.getloadavg()
    started = time.monotonic()
    with open(log_path, "w") as log:
        process = subprocess.Popen(["make", "run"], cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    phases, answered = {}, None
    try:
        while time.monotonic() - started < args.timeout and process.poll() is None:
            output = log_path.read_text(errors="replace")
            for phase, mark in MARKS.items():
                if mark in output and phase not in phases:
                    phases[phase] = round(time.monotonic() - started, 1)
            if "trained" in phases and first_answer(args.port):
                answered = round(time.monotonic() - started, 1)
                break
            time.sleep(0.5)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    result = {"commit": commit, "cores": os.cpu_count(), "load_average_at_start": load_at_start,
              "install_s": phases.get("install_done"), "until_trained_s": phases.get("trained"),
              "first_answer_s": answered, "log": str(log_path)}
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "first_start.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    if not args.keep:
        subprocess.run(["rm", "-rf", str(clone)])
    sys.exit(0 if answered else 1)


if __name__ == "__main__":
    main()
