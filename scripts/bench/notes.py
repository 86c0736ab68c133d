"""The prose of docs/benchmarks.md: how each number is measured, and what limits a target when it is missed."""
from typing import Dict


def _get(results: Dict, bot: str, *keys: str, default: float = float("nan")) -> float:
    value = results.get(bot, {})
    for key in keys:
        value = value.get(key, {}) if isinstance(value, dict) else {}
    return value if isinstance(value, (int, float)) else default


def limits(results: Dict) -> Dict[str, str]:
    """By metric key (scripts/bench/report.py); docs/benchmarks.md prints one only for a missed target."""
    parts = results.get("vaxjo", {}).get("train_components_s", {})
    biggest = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in sorted(parts.items(), key=lambda x: -x[1])[:3])
    load = results.get("meta", {}).get("load_before", "?")
    s_p50 = _get(results, "starter", "sequential", "p50_ms")
    return {
        "train_s": (
            f"Neural training on two shared cores (load average {load} at the start): {biggest or 'see the training log'}. "
            "DIET (40 epochs over ~3,000 Swedish and English examples with 8,000 character n-gram features) and "
            "TED (30 epochs) are nearly all of it; the featurizers and rule/memoization policies take seconds. The "
            "starter bot, with Rasa's default 100 epochs on much less data, takes "
            f"{_get(results, 'starter', 'train_s'):.0f} s on the same machine."),
        "rss_mib": (
            "TensorFlow and the loaded DIET and TED graphs in the single `rasa run` process; memory grows little with "
            "load because trackers live in SQLite, not in the process."),
        "seq_p50": (
            f"Rasa's own per-message work: the starter bot, which has no action server, no SQLite tracker store and no "
            f"custom NLU components, needs {s_p50:.0f} ms at p50 in the same run. On top of that the Växjö bot detects "
            "the language (lingua), folds the text, runs two count-vector featurizers and DIET, predicts with three "
            "policies, calls the action server twice over HTTP (`action_validate_slot_mappings` and the answer, each "
            "with the serialized tracker) and loads and saves the tracker in SQLite. On two shared cores every step is "
            "slowed by the machine's other load."),
        "u10_rps": (
            "One Sanic worker per Rasa server (the default profile keeps one; several need the Redis lock store of the "
            "scale-out profile) and two cores shared with the load generator, the action server and other work: "
            "throughput is CPU-bound, and the Växjö bot spends more CPU per message than the starter (action server "
            "round trips, SQLite, a larger NLU pipeline), so it cannot serve more messages per second on the same cores."),
        "turn_ratio": (
            "Rasa replays a conversation's whole tracker on every message: the SQL tracker store loads every event of "
            "the current session (one long session here: about 8 events per turn), the tracker is rebuilt from them, "
            "featurized for the policies and sent to the action server twice. The cost grows linearly with the turns "
            "of a session; `session_expiration_time` (60 min) ends a session only after idle time."),
    }


def method(meta: Dict) -> str:
    return f"""- **Same run, same machine.** Both bots are trained, started and measured by one `make bench`; their
  measurement phases alternate (Växjö, starter, Växjö, ...) so that the machine's other load weighs on both alike.
  The machine has {meta.get('cores', '?')} cores shared with other work, so single numbers are noisy: compare the
  ratios, and run it again before trusting a small difference.
- **Bots.** Växjö: this project (`config.yml`, `bot/`, `data/`, `content/`) copied to `var/bench/vaxjo`, served by
  `scripts/serve.sh` (action server in the loop, SQLite tracker store of the default profile). Starter: the files of
  `rasa init --no-prompt` (its own training step left out; ours is timed instead), served by `rasa run`; its
  actions need no action server, and it keeps trackers in memory (Rasa's default).
- **Training:** wall time of `rasa train` with a fresh output folder and an empty Rasa cache (for Växjö after
  `python -m actions.portfolio export-nlu` on the copy). `models/vaxjo.tar.gz` is never touched.
- **Start-up:** from launching the servers (Växjö: `scripts/serve.sh`, i.e. content check, action server, Rasa
  server; starter: `rasa run`) until `POST /webhooks/rest/webhook` answers.
- **Memory:** VmRSS from `/proc/<pid>/status` of the `rasa run` process (plus any children) after all the load.
- **Sequential:** {meta.get('sequential_messages', '?')} REST messages one after another after 5 warm-up messages;
  Växjö: questions from `tests/acceptance/cases/sv.yml` and `en.yml`, alternating languages; starter: its own
  intents ("hello", "I am sad", ...); a new sender every 5 messages.
- **Concurrent users:** locust {meta.get('locust', '')}, headless, {meta.get('locust_seconds', '?')} s per run,
  10 and then 50 users, all started at once, no think time (so requests/s is the server's capacity), a new sender
  every 10 messages. Locust rounds percentiles above 100 ms to two significant digits.
- **Turn 1 vs turn 200:** one sender sends {meta.get('turns', '?')} messages; median of the first 10 versus the last 10.
- **Ratios** are Växjö ÷ starter: above 1 means the Växjö bot takes longer (or serves more requests/s)."""
