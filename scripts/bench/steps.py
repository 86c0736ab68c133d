"""Where one message's time goes inside the Rasa server's work, measured in-process (no HTTP): the trained model,
the default profile's SQLite tracker store and in-process actions, cProfile over the benchmark's messages.

    python scripts/bench/steps.py [--messages 100] [--turns 200]

Writes results/profile.json: ms per message by step (sequential messages, a new sender every 5), and the same for
turns 1-10 and 191-200 of one long conversation. cProfile adds its own overhead: compare the steps, not the totals
with `make bench`'s REST latencies.
"""
import argparse
import asyncio
import cProfile
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot import patches  # noqa: E402

# Step name -> (file suffix, function name) whose cumulative time is the step's.
STEPS = {
    "whole message (processor.handle_message)": ("rasa/core/processor.py", "handle_message"),
    "NLU: parse (language detection, featurisers, classifier)": ("rasa/core/processor.py", "_parse_message_with_graph"),
    "  language detector": ("bot/components/language_detector.py", "process"),
    "  featurisers: count vectors": ("featurizers/sparse_featurizer/count_vectors_featurizer.py", "process"),
    "  featurisers: lexical-syntactic": ("featurizers/sparse_featurizer/lexical_syntactic_featurizer.py", "process"),
    "  featurisers: regex": ("featurizers/sparse_featurizer/regex_featurizer.py", "process"),
    "  logistic regression": ("classifiers/logistic_regression_classifier.py", "process"),
    "tracker load (tracker store retrieve)": ("bot/tracker_store.py", "retrieve"),
    "tracker save": ("bot/tracker_store.py", "save"),
    "policies (rules, memoisation)": ("rasa/core/processor.py", "_predict_next_with_tracker"),
    "custom actions in-process": ("bot/in_process_actions.py", "run"),
    "  tracker and domain serialised for the action": ("rasa/core/actions/action.py", "_action_call_format"),
    "  rasa_sdk executor (the action code)": ("rasa_sdk/executor.py", "run"),
    "  reply schema check": ("bot/patches.py", "validate_action_result"),
}


def step_ms(profile: cProfile.Profile, messages: int) -> Dict[str, float]:
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    found = {}
    for step, (suffix, function) in STEPS.items():
        total = sum(cumulative for (path, _, name), (_, _, _, cumulative, _) in stats.items()
                    if name == function and path.endswith(suffix))
        found[step] = round(total * 1000 / messages, 2)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--model", default=str(ROOT / "models" / "vaxjo.tar.gz"))
    args = parser.parse_args()
    patches.install()
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    from bot.tracker_store import VaxjoSQLTrackerStore
    from scripts.bench.messages import vaxjo_messages

    agent = Agent.load(args.model, action_endpoint=EndpointConfig(url="http://unused", actions_module="actions"))
    store = VaxjoSQLTrackerStore(db=str(Path(tempfile.mkdtemp()) / "profile.db"))
    store.domain = agent.domain
    agent.tracker_store = agent.processor.tracker_store = store
    loop = asyncio.new_event_loop()

    def run(texts: List[str], senders: List[str], windows: Dict[str, range]) -> Dict[str, Dict[str, float]]:
        """Every message; each window of message numbers profiled on its own."""
        profiles = {name: cProfile.Profile() for name in windows}
        latencies: Dict[str, List[float]] = {name: [] for name in windows}
        for number, (text, sender) in enumerate(zip(texts, senders)):
            window = next((name for name, numbers in windows.items() if number in numbers), None)
            started = time.perf_counter()
            if window:
                profiles[window].enable()
            loop.run_until_complete(agent.handle_text(text, sender_id=sender))
            if window:
                profiles[window].disable()
                latencies[window].append((time.perf_counter() - started) * 1000)
        return {name: {"profiled_ms_median": round(sorted(latencies[name])[len(latencies[name]) // 2], 1),
                       **step_ms(profiles[name], len(windows[name]))} for name in windows}

    texts = vaxjo_messages(max(args.messages, args.turns))
    run(texts[:5], ["warm-up"] * 5, {})
    result: Dict = {"messages": args.messages, "turns": args.turns}
    result.update(run(texts[:args.messages], [f"visitor-{n // 5}" for n in range(args.messages)],
                      {"sequential": range(args.messages)}))
    result.update(run(texts[:args.turns], ["long"] * args.turns,
                      {"turns_1_10": range(10), f"turns_{args.turns - 9}_{args.turns}": range(args.turns - 10, args.turns)}))
    out = ROOT / "results" / "profile.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
