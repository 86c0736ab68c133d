"""The prose of docs/benchmarks.md: how each number is measured, and what limits a target when it is missed."""
from typing import Dict, Optional


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
            f"Training on two shared cores (load average {load} at the start): {biggest or 'see the training log'}. "
            "No neural component is left (logistic regression for intents, rules and memoisation for the dialogue); "
            "what remains is Rasa's own start of a training (validation, graph, TensorFlow import), the two "
            "count-vector featurizers over ~3,000 examples, the logistic regression itself (see its seconds above) and the "
            "language detector. The starter bot trains "
            f"DIET, TED and UnexpecTED for 100 epochs each, in {_get(results, 'starter', 'train_s'):.0f} s on the same machine."),
        "rss_mib": (
            "TensorFlow imported by Rasa in every `rasa run` process, times the Sanic workers."),
        "seq_p50": (
            f"Rasa's own per-message work: the starter bot needs {s_p50:.0f} ms at p50 in the same run with DIET and "
            "TED and no custom action. The Växjö bot's message, step by step in \"Where a message's time goes\" "
            "below: Rasa's graph runs NLU (language detection, text folding, regex, lexical and two count-vector "
            "featurisers, logistic regression), the language slots set inside Rasa's slot extraction "
            "(bot/patches.py), the rule and memoisation policies, one custom action in the server's process (the "
            "answer, given the tracker and the 22 KB domain serialised as rasa_sdk's executor expects), and the "
            "tracker loaded from and saved to SQLite. The REST round trip and Sanic add the rest."),
        "u10_rps": (
            "CPU-bound on two cores shared with the load generator and other work. `SANIC_WORKERS=auto` runs one "
            "Sanic worker per two cores, so one here: a second worker loads a second model (~750 MiB more, close to "
            "the 1.5 GB bar) and competes for the same two cores with locust, so it can only help with more cores. "
            "Each message still costs more CPU than the starter's (see the sequential latency)."),
        "turn_ratio": (
            "A turn replays at most the last 48 events of its session (bot/tracker_store.py: the state before "
            "them restored from a snapshot saved with every turn), so the tracker, the policies' state walk and the "
            "actions' serialised tracker stop growing after ~6 turns; turns 1-10 replay 5-48 events. What still "
            "grows is SQL on the events table (the latest `session_started` is found among all of the sender's rows)."),
    }


def profile_section(profile: Optional[Dict]) -> str:
    """results/profile.json (scripts/bench/steps.py) as a table of ms per message by step."""
    if not profile:
        return ""
    windows = [name for name in profile if isinstance(profile[name], dict)]
    lines = ["", "## Where a message's time goes", "",
             f"`python scripts/bench/steps.py` (in-process, cProfile; {profile.get('messages')} sequential messages "
             f"and one conversation of {profile.get('turns')} turns): ms per message, cumulative per step, so indented "
             "steps are part of the one above. cProfile's overhead inflates Python-heavy steps; compare the steps, "
             "not the totals with the REST latencies above.", "",
             "| step | " + " | ".join(name.replace("_", " ") for name in windows) + " |",
             "|---|" + "---:|" * len(windows)]
    steps = [key for key in profile[windows[0]] if key != "profiled_ms_median"] if windows else []
    for step in ["profiled_ms_median"] + steps:
        label = "median of the profiled messages (ms)" if step == "profiled_ms_median" else step
        lines.append(f"| {label} | " + " | ".join(f"{profile[name].get(step, float('nan')):.1f}" for name in windows) + " |")
    return "\n".join(lines)


def validation_note(results: Dict) -> str:
    """The Växjö bot's data validation, a step of its own before `make train` (not in its training time)."""
    seconds = _get(results, "vaxjo", "validate_s")
    return "" if seconds != seconds else (  # NaN: not measured (an older results.json)
        f"- **Data validation:** Växjö's `rasa data validate`, run before training as its own step (`make test`, "
        f"`make validate`): {seconds:.1f} s, not counted in its training time above; the starter's `rasa train` "
        "validates inside.")


def method(meta: Dict) -> str:
    return f"""- **Same run, same machine.** Both bots are trained, started and measured by one `make bench`; their
  measurement phases alternate (Växjö, starter, Växjö, ...) so that the machine's other load weighs on both alike.
  The machine has {meta.get('cores', '?')} cores shared with other work, so single numbers are noisy: compare the
  ratios, and run it again before trusting a small difference.
- **Bots.** Växjö: this project (`config.yml`, `bot/`, `data/`, `content/`) copied to `var/bench/vaxjo`, served by
  `scripts/serve.sh` (default profile: custom actions in the Rasa server's process, SQLite tracker store,
  `SANIC_WORKERS=auto`). Starter: the files of `rasa init --no-prompt` (its own training step left out; ours is
  timed instead), served by `rasa run`; its actions need no action server, and it keeps trackers in memory.
- **Training:** wall time of `rasa train` with a fresh output folder and an empty Rasa cache (for Växjö after
  `python -m actions.portfolio export-nlu` on the copy, and as `make train` runs it: `--skip-validation`, because
  `rasa data validate` is a step of its own before training in `make test`; that step is timed apart and shown
  below the table). The starter's `rasa train` validates its data itself. `models/vaxjo.tar.gz` is never touched.
- **Start-up:** from launching the servers (Växjö: `scripts/serve.sh`, i.e. content check and Rasa server;
  starter: `rasa run`) until `POST /webhooks/rest/webhook` answers.
- **Memory:** VmRSS from `/proc/<pid>/status` of the `rasa run` process (plus any children) after all the load.
- **Sequential:** {meta.get('sequential_messages', '?')} REST messages one after another after 5 warm-up messages;
  Växjö: questions from `tests/acceptance/cases/sv.yml` and `en.yml`, alternating languages; starter: its own
  intents ("hello", "I am sad", ...); a new sender every 5 messages.
- **Concurrent users:** locust {meta.get('locust', '')}, headless, {meta.get('locust_seconds', '?')} s per run,
  10 and then 50 users, all started at once, no think time (so requests/s is the server's capacity), a new sender
  every 10 messages. Locust rounds percentiles above 100 ms to two significant digits.
- **Turn 1 vs turn 200:** one sender sends {meta.get('turns', '?')} messages; median of the first 10 versus the last 10.
- **Ratios** are Växjö ÷ starter: above 1 means the Växjö bot takes longer (or serves more requests/s).
{_first_start(meta.get('first_start'))}"""


def _first_start(run: Dict) -> str:
    if not run:
        return "- **First start:** not measured (`python3 scripts/bench/first_start.py`)."
    return (f"- **First start** (`python3 scripts/bench/first_start.py`, run on its own beside this benchmark, commit "
            f"{str(run.get('commit', '?'))[:7]}, load average {_load(run.get('load_average_at_start'))}): a fresh clone and a "
            f"fresh virtualenv, `make run` until the first REST answer: {run.get('first_answer_s')} s (target ≤ 240 s); "
            f"of that, installing the runtime dependencies from pip's cache until {run.get('install_s')} s, content "
            f"export and training until {run.get('until_trained_s')} s, the rest the server's start. pip installs "
            "the ~170 packages of requirements.lock as listed (`--no-deps`, then `pip check`; TensorFlow among them: "
            "Rasa 3.6 imports it even without a neural component).")


def _load(values) -> str:
    return " ".join(f"{value:.1f}" for value in values) if isinstance(values, list) else "?"
