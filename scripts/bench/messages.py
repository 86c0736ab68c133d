"""The REST messages the benchmark sends: our visitors' questions (both languages) and the starter bot's."""
import json
from pathlib import Path
from typing import Dict, List

import yaml

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "acceptance" / "cases"
# What a `rasa init` bot understands (its data/nlu.yml intents: greet, mood, bot challenge, goodbye ...).
STARTER_MESSAGES = [
    "hello", "I am sad", "yes", "I am great", "are you a bot?", "no", "good morning", "I am very sad",
    "of course", "bye", "hi there", "I feel unhappy", "not really", "perfect", "am I talking to a human?",
    "good evening", "so sad", "indeed", "amazing", "see you later",
]


def vaxjo_messages(count: int = 200) -> List[str]:
    """`count` questions from tests/acceptance/cases/{sv,en}.yml, spread over each file, alternating languages."""
    by_language = []
    for name in ("sv", "en"):
        questions = [case["q"] for case in yaml.safe_load((CASES / f"{name}.yml").read_text(encoding="utf-8"))["cases"]]
        per_language = max(1, count // 2)  # spread evenly over the file, which is ordered by topic
        by_language.append([questions[int(i * len(questions) / per_language) % len(questions)] for i in range(per_language)])
    mixed = [question for pair in zip(*by_language) for question in pair]
    return (mixed * (count // max(1, len(mixed)) + 1))[:count]


def starter_messages(count: int = 200) -> List[str]:
    return (STARTER_MESSAGES * (count // len(STARTER_MESSAGES) + 1))[:count]


def write_locust_input(path: Path, messages: List[str], per_sender: int) -> Path:
    """The file the locustfile reads (BENCH_MESSAGES): the messages and how many one sender sends."""
    data: Dict = {"messages": messages, "per_sender": per_sender}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
