"""Chooses FallbackClassifier's threshold for the intent classifier of config.yml on a split of the TRAINING data,
never on the held-out sets (tests/nlu_holdout): `python scripts/tune_fallback.py`.

The training examples (data/nlu) are split 80/20, stratified by intent, seed 42. The pipeline is trained on the 80 %
with the fallback off, then each threshold is applied to the classifier's confidences on the 20 % as
FallbackClassifier applies it (top confidence below the threshold, or the top two closer than the ambiguity
threshold -> nlu_fallback). A fallback on an out_of_scope example counts as right (both get the "can't answer"
reply); on any other example as wrong. The threshold with the best weighted F1 wins (the higher one on a tie).
Writes results/fallback_tuning.json.
"""
import asyncio
import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

ROOT = Path(__file__).resolve().parents[1]
RASA = Path(sys.executable).parent / "rasa"
THRESHOLDS = [round(0.05 * step, 2) for step in range(1, 13)]


def _prediction(parsed: dict, threshold: float, ambiguity: float) -> str:
    ranking = parsed.get("intent_ranking") or [parsed["intent"]]
    top = ranking[0]["confidence"]
    second = ranking[1]["confidence"] if len(ranking) > 1 else 0.0
    if top < threshold or top - second < ambiguity:
        return "out_of_scope"  # nlu_fallback: answered like out_of_scope
    return ranking[0]["name"]


def main() -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    fallback = next(c for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    ambiguity = fallback.get("ambiguity_threshold", 0.1)
    data = load_data(str(ROOT / "data" / "nlu"))
    examples = data.intent_examples
    train, tune = train_test_split(examples, test_size=0.2, random_state=42,
                                   stratify=[example.get("intent") for example in examples])
    with tempfile.TemporaryDirectory() as work:
        split = TrainingData(training_examples=train, entity_synonyms=data.entity_synonyms,
                             regex_features=data.regex_features, lookup_tables=data.lookup_tables)
        (Path(work) / "nlu.yml").write_text(RasaYAMLWriter().dumps(split))
        nlu_config = copy.deepcopy(config)
        nlu_config["pipeline"] = [c for c in config["pipeline"] if c["name"] != "FallbackClassifier"]
        nlu_config.pop("policies", None)
        (Path(work) / "config.yml").write_text(yaml.safe_dump(nlu_config, allow_unicode=True))
        subprocess.run([str(RASA), "train", "nlu", "--config", f"{work}/config.yml", "--nlu", f"{work}/nlu.yml",
                        "--out", work, "--fixed-model-name", "tune"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        from rasa.core.agent import Agent

        agent = Agent.load(f"{work}/tune.tar.gz")
        parsed = [asyncio.run(agent.parse_message(example.get("text"))) for example in tune]
    expected = [example.get("intent") for example in tune]
    scores = {threshold: round(f1_score(expected, [_prediction(p, threshold, ambiguity) for p in parsed],
                                        average="weighted", zero_division=0), 4) for threshold in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda threshold: (scores[threshold], threshold))
    report = {"split": "data/nlu intent examples, 80/20 stratified by intent, seed 42; trained on the 80 %, "
                       "thresholds scored on the 20 %; tests/nlu_holdout not used",
              "train_examples": len(train), "tuning_examples": len(tune), "ambiguity_threshold": ambiguity,
              "weighted_f1_by_threshold": scores, "best_threshold": best}
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "fallback_tuning.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
