"""`make bench`: trains, starts and loads the Växjö bot and a `rasa init` starter bot in one run, then writes
docs/benchmarks.md and docs/benchmarks.json. Everything runs on localhost, on ports of its own, and stops by itself.

    python scripts/bench/run.py [--seconds 30] [--reuse]   (--help for the rest)
"""
import argparse
import json
import os
import platform
import shutil
import sys
import time
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from typing import Dict

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.bench import measure, messages, notes, report  # noqa: E402
from scripts.bench.procs import VENV_BIN, Server, base_env, component_times, rss_mb, timed_run  # noqa: E402

# Variables of the developer's shell that would point serve.sh somewhere else than this benchmark's copy.
SERVE_ENV_DROP = ("ACTION_ENDPOINT_URL", "ENDPOINTS_FILE", "SANIC_WORKERS", "SESSION_EXPIRY_MINUTES", "VAXJO_PROFILE",
                  "VAXJO_CONTENT_DIR", "TRACKER_SQLITE_PATH", "START_ACTION_SERVER", "RASA_CORS")


def log(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


def train_vaxjo(work: Path) -> Dict:
    """Copies config.yml, bot/, data/, content/ and trains from scratch there (never touches models/)."""
    copy = work / "vaxjo"
    copy.mkdir(parents=True)
    shutil.copy2(ROOT / "config.yml", copy)
    ignore = shutil.ignore_patterns("__pycache__", "generated")
    for folder in ("bot", "data", "content"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=ignore)
    env = base_env(VAXJO_CONTENT_DIR=str(copy / "content"), RASA_CACHE_DIRECTORY=str(copy / ".rasa" / "cache"))
    export_s = timed_run([str(VENV_BIN / "python"), "-m", "actions.portfolio", "export-nlu",
                          str(copy / "data" / "nlu" / "generated" / "entities.yml")], ROOT, work / "export-nlu.log", env)
    # As `make train` runs it: the data are validated in a step of their own (timed apart, not in train_s)
    validate_s = timed_run([str(VENV_BIN / "rasa"), "data", "validate", "--config", "config.yml", "--domain",
                            "bot/domain", "--data", "data"], copy, work / "validate-vaxjo.log", env)
    train_s = timed_run([str(VENV_BIN / "python"), "-m", "bot.cli", "train", "--config", "config.yml", "--domain",
                         "bot/domain", "--data", "data", "--out", "models", "--fixed-model-name", "vaxjo",
                         "--skip-validation"], copy, work / "train-vaxjo.log", env)
    return {"export_nlu_s": export_s, "validate_s": validate_s, "train_s": train_s,
            "train_components_s": component_times(work / "train-vaxjo.log", time.time())}


def train_starter(work: Path) -> Dict:
    """What `rasa init --no-prompt --init-dir` writes (its own training step left out), then a timed `rasa train`."""
    copy = work / "starter"
    env = base_env(RASA_CACHE_DIRECTORY=str(copy / ".rasa" / "cache"))
    timed_run([str(VENV_BIN / "python"), "-c", "import sys; from rasa.cli.scaffold import create_initial_project; "
               "create_initial_project(sys.argv[1])", str(copy)], work, work / "init-starter.log", env)
    train_s = timed_run([str(VENV_BIN / "rasa"), "train", "--out", "models", "--fixed-model-name", "starter"],
                        copy, work / "train-starter.log", env)
    return {"train_s": train_s, "train_components_s": component_times(work / "train-starter.log", time.time())}


def vaxjo_server(work: Path, port: int, action_port: int) -> Server:
    env = base_env(RASA_PORT=str(port), ACTION_PORT=str(action_port), LOG_DIR=str(work / "logs-vaxjo"), DEMO_PORT="0",
                   MODEL=str(work / "vaxjo" / "models" / "vaxjo.tar.gz"), VAXJO_PROFILE="default",
                   TRACKER_SQLITE_PATH=str(work / "vaxjo-conversations.db"))
    for name in SERVE_ENV_DROP:
        if name not in ("VAXJO_PROFILE", "TRACKER_SQLITE_PATH"):
            env.pop(name, None)
    return Server("the Växjö bot (scripts/serve.sh)", [str(ROOT / "scripts" / "serve.sh")], ROOT, env, port,
                  work / "serve-vaxjo.log")


def starter_server(work: Path, port: int) -> Server:
    copy = work / "starter"
    cmd = [str(VENV_BIN / "rasa"), "run", "--model", "models/starter.tar.gz", "--port", str(port),
           "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"]
    return Server("the starter bot (rasa run)", cmd, copy, base_env(), port, work / "serve-starter.log")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=7505, help="Växjö Rasa server (default 7505)")
    parser.add_argument("--action-port", type=int, default=7555, help="Växjö action server (default 7555)")
    parser.add_argument("--starter-port", type=int, default=7605, help="starter Rasa server (default 7605)")
    parser.add_argument("--messages", type=int, default=200, help="sequential messages per bot (default 200)")
    parser.add_argument("--turns", type=int, default=200, help="turns of the long conversation (default 200)")
    parser.add_argument("--seconds", type=int, default=30, help="length of each locust run (default 30)")
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "bench", help="scratch folder (default var/bench)")
    parser.add_argument("--reuse", action="store_true", help="keep the models trained by the last run; no training times")
    parser.add_argument("--report-only", action="store_true", help="rewrite the docs from the last run's results.json")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="the table (JSON beside it)")
    args = parser.parse_args()

    work = args.work.resolve()
    if args.report_only:
        return write(json.loads((work / "results.json").read_text(encoding="utf-8")), args.out)
    results: Dict = {"meta": {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cores": os.cpu_count(),
                              "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg()),
                              "python": platform.python_version(), "rasa": version("rasa"), "locust": version("locust"),
                              "sequential_messages": args.messages, "turns": args.turns, "locust_seconds": args.seconds,
                              "reused_models": args.reuse},
                     "vaxjo": {}, "starter": {}}
    if not args.reuse and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)

    if not args.reuse:
        log("training the Växjö bot from scratch on a copy ...")
        results["vaxjo"].update(train_vaxjo(work))
        log(f"  {results['vaxjo']['train_s']:.1f} s; training the starter bot ...")
        results["starter"].update(train_starter(work))
        log(f"  {results['starter']['train_s']:.1f} s")
    (work / "vaxjo-conversations.db").unlink(missing_ok=True)

    bots = {"vaxjo": (vaxjo_server(work, args.port, args.action_port), messages.vaxjo_messages(args.messages)),
            "starter": (starter_server(work, args.starter_port), messages.starter_messages(args.messages))}
    try:
        for name, (server, _) in bots.items():
            log(f"starting {server.name} on port {server.port} ...")
            results[name]["startup_s"] = server.start()
            log(f"  answers after {results[name]['startup_s']:.1f} s")
        for name, (server, texts) in bots.items():
            measure.warm_up(server.url, texts)
        # Phases alternate between the bots so that the machine's other load weighs on both alike.
        for name, (server, texts) in bots.items():
            log(f"{name}: {len(texts)} sequential messages ...")
            results[name]["sequential"] = measure.sequential(server.url, texts)
        for name, (server, texts) in bots.items():
            log(f"{name}: one conversation of {args.turns} turns ...")
            results[name]["long"] = measure.long_conversation(server.url, texts, args.turns)
        for users in (10, 50):
            for name, (server, texts) in bots.items():
                log(f"{name}: locust, {users} users for {args.seconds} s ...")
                messages_file = messages.write_locust_input(work / f"locust-{name}.json", texts, per_sender=10)
                prefix = work / f"locust-{name}-{users}"
                results[name][f"users_{users}"] = measure.locust(server.url, messages_file, users, args.seconds,
                                                                 prefix, prefix.with_suffix(".log"))
        for name, (server, _) in bots.items():
            results[name]["rss_mib"] = round(rss_mb(server.rasa_server_pid()), 1)
            action_pid = server.action_server_pid()
            if action_pid:
                results[name]["action_server_rss_mib"] = round(rss_mb(action_pid), 1)
    finally:
        for server, _ in bots.values():
            server.stop()
        (work / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))  # also when a step failed
    results["meta"]["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    (work / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return write(results, args.out)


def write(results: Dict, out: Path) -> int:
    json_path = out.with_suffix(".json")
    first_start = ROOT / "results" / "first_start.json"  # scripts/bench/first_start.py, run on its own
    if first_start.exists():
        results["meta"]["first_start"] = json.loads(first_start.read_text())
    profile = ROOT / "results" / "profile.json"  # scripts/bench/steps.py, run on its own
    if profile.exists():
        results["profile_section"] = notes.profile_section(json.loads(profile.read_text()))
    method = "\n".join(filter(None, [notes.method(results["meta"]), notes.validation_note(results)]))
    report.write_report(results, out, json_path, notes.limits(results), method)
    log(f"wrote {out} and {json_path.name}")
    print(report.render_table(report.build_rows(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
