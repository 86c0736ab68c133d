"""Latency measurements over the REST channel: sequential, one long conversation, and locust runs."""
import csv
import statistics
import subprocess
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional

import requests

from scripts.bench.procs import VENV_BIN, base_env

WEBHOOK = "/webhooks/rest/webhook"


def percentile(values: List[float], pct: float) -> float:
    """Linear-interpolation percentile (as numpy's default), pct in 0..100."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def send(session: requests.Session, url: str, sender: str, message: str, silent: Optional[List[str]] = None) -> float:
    """One REST message; returns its latency in ms. A non-200 answer raises; an empty one is added to `silent`
    (the starter bot, e.g., says nothing to a "no" out of context)."""
    start = time.perf_counter()
    response = session.post(url + WEBHOOK, json={"sender": sender, "message": message}, timeout=60)
    elapsed = (time.perf_counter() - start) * 1000
    response.raise_for_status()
    if not response.json() and silent is not None:
        silent.append(message)
    return elapsed


def warm_up(url: str, messages: List[str], count: int = 5) -> None:
    with requests.Session() as session:
        sender = f"bench-warmup-{uuid.uuid4().hex[:8]}"
        for message in messages[:count]:
            send(session, url, sender, message)


def sequential(url: str, messages: List[str], per_sender: int = 5) -> Dict:
    """Every message in turn, one at a time; a new visitor every `per_sender` messages."""
    latencies, silent = [], []
    with requests.Session() as session:
        for index, message in enumerate(messages):
            if index % per_sender == 0:
                sender = f"bench-seq-{uuid.uuid4().hex[:12]}"
            latencies.append(send(session, url, sender, message, silent))
    return {"messages": len(latencies), "unanswered": len(silent), "p50_ms": percentile(latencies, 50),
            "p95_ms": percentile(latencies, 95), "mean_ms": statistics.fmean(latencies),
            "latencies_ms": [round(x, 2) for x in latencies]}


def long_conversation(url: str, messages: List[str], turns: int = 200, window: int = 10) -> Dict:
    """One visitor sending `turns` messages; median of the first `window` turns versus the last `window`."""
    sender = f"bench-long-{uuid.uuid4().hex[:12]}"
    latencies, silent = [], []
    with requests.Session() as session:
        for turn in range(turns):
            latencies.append(send(session, url, sender, messages[turn % len(messages)], silent))
    first, last = statistics.median(latencies[:window]), statistics.median(latencies[-window:])
    return {"turns": turns, "unanswered": len(silent), "window": window, "first_ms": first, "last_ms": last,
            "ratio": last / first, "latencies_ms": [round(x, 2) for x in latencies]}


def locust(url: str, messages_file: Path, users: int, seconds: int, csv_prefix: Path, log: Path) -> Dict:
    """A headless locust run (no think time) against `url`; requests/s and latency from its CSV summary."""
    cmd = [str(VENV_BIN / "locust"), "--headless", "--only-summary", "-u", str(users), "-r", str(users),
           "-t", f"{seconds}s", "--stop-timeout", "10", "--host", url, "-f", str(Path(__file__).with_name("locustfile.py")),
           "--csv", str(csv_prefix), "--loglevel", "WARNING"]
    with open(log, "w") as out:
        # Exit code 1 only means some requests failed; they are counted below.
        subprocess.run(cmd, env=base_env(BENCH_MESSAGES=str(messages_file)), stdout=out, stderr=subprocess.STDOUT,
                       timeout=seconds + 120)
    return parse_locust_csv(Path(f"{csv_prefix}_stats.csv"), users, seconds)


def parse_locust_csv(path: Path, users: int, seconds: int) -> Dict:
    with open(path, newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    row = rows.get("Aggregated") or rows.get(WEBHOOK)
    if row is None:
        raise RuntimeError(f"no summary row in {path}")
    return {"users": users, "seconds": seconds, "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]), "rps": float(row["Requests/s"]),
            "p50_ms": float(row["50%"]), "p95_ms": float(row["95%"])}
