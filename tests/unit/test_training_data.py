"""The held-out NLU examples are never trained on, and every intent has examples in both languages."""
from pathlib import Path

from rasa.shared.core.constants import DEFAULT_INTENTS
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.training_data.loading import load_data

from actions.portfolio.text import fold

ROOT = Path(__file__).resolve().parents[2]


def _examples(pattern):
    return [m for path in sorted(ROOT.glob(pattern)) for m in load_data(str(path)).intent_examples]


def _key(text):
    return " ".join(fold(text).replace("?", " ").replace("!", " ").replace(".", " ").split())


def test_held_out_examples_are_not_in_training_data():
    trained = {_key(m.get("text")) for m in _examples("data/nlu/*/*.yml")}
    leaked = [m.get("text") for m in _examples("tests/nlu_holdout/*.yml") if _key(m.get("text")) in trained]
    assert not leaked


def test_every_intent_has_training_and_held_out_examples_in_both_languages():
    intents = set(Domain.load(str(ROOT / "bot" / "domain")).intents) - set(DEFAULT_INTENTS) - {"feedback", "message_too_long"}
    for language in ("sv", "en"):
        trained = {m.get("intent") for m in _examples(f"data/nlu/{language}/*.yml")}
        held_out = {m.get("intent") for m in _examples(f"tests/nlu_holdout/{language}.yml")}
        assert intents - trained == set(), (language, intents - trained)
        assert intents - held_out == set(), (language, intents - held_out)
