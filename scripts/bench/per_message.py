"""Per-message latency of one or more checkouts of this bot, side by side: `python -m scripts.bench.per_message
[--root DIR ...]`. Each checkout is served as `make run` serves it (scripts/serve.sh, default profile, its own
models/vaxjo.tar.gz and a fresh SQLite file), one at a time, in alternating rounds; each round sends the same
sequential REST messages (the acceptance questions of both languages, a new visitor every 5 messages). Prints the
median per checkout over all rounds and writes var/bench/per_message.json. Run it in a network namespace of its own
when other servers use the port."""
import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Dict, List

from scripts.bench.measure import percentile, sequential, warm_up
from scripts.bench.messages import vaxjo_messages
from scripts.bench.procs import ROOT, Server, base_env


def server(root: Path, port: int, work: Path, label: str) -> Server:
    env = base_env(PYTHONPATH=str(root), RASA_PORT=str(port), LOG_DIR=str(work / f"logs-{label}"), DEMO_PORT="0",
                   MODEL=str(root / "models" / "vaxjo.tar.gz"), VAXJO_PROFILE="default",
                   TRACKER_SQLITE_PATH=str(work / f"{label}-conversations.db"))
    (work / f"{label}-conversations.db").unlink(missing_ok=True)
    return Server(f"{label} ({root})", [str(root / "scripts" / "serve.sh")], root, env, port, work / f"serve-{label}.log")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, action="append", help="a checkout to measure (default: this one)")
    parser.add_argument("--messages", type=int, default=200, help="messages per round (default 200)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (default 2)")
    parser.add_argument("--port", type=int, default=7505)
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "bench")
    args = parser.parse_args()
    roots = [root.resolve() for root in (args.root or [ROOT])]
    args.work.mkdir(parents=True, exist_ok=True)
    messages = vaxjo_messages(args.messages)
    latencies: Dict[str, List[float]] = {str(root): [] for root in roots}
    for round_number in range(args.rounds):
        for index, root in enumerate(roots):
            running = server(root, args.port, args.work, f"checkout{index}")
            running.start()
            try:
                warm_up(running.url, messages)
                result = sequential(running.url, messages)
            finally:
                running.stop()
            latencies[str(root)] += result["latencies_ms"]
            print(f"round {round_number + 1}, {root}: p50 {result['p50_ms']:.1f} ms over {result['messages']} "
                  f"messages", flush=True)
    summary = {root: {"messages": len(values), "p50_ms": round(statistics.median(values), 1),
                      "p95_ms": round(percentile(values, 95), 1)} for root, values in latencies.items()}
    (args.work / "per_message.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    for root, figures in summary.items():
        print(f"{root}: median {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms over {figures['messages']} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
