"""Trains the NLU pipeline of config.yml with each intent classifier variant and reports the held-out intent F1
(tests/nlu_holdout, never trained on) and the training time: `python scripts/compare_classifiers.py [VARIANT ...]`.
Writes results/classifier_comparison.json. The FallbackClassifier is left out here, so the numbers compare the
classifiers alone; its threshold is tuned separately on a split of the training data (scripts/tune_fallback.py).
"""
import asyncio
import copy
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[1]
RASA = Path(sys.executable).parent / "rasa"
CLASSIFIERS = {
    "diet-40-epochs-8000-char-ngrams": ({"name": "DIETClassifier", "epochs": 40}, 8000),
    "diet-20-epochs-3000-char-ngrams": ({"name": "DIETClassifier", "epochs": 20}, 3000),
    "logistic-regression-8000-char-ngrams": ({"name": "LogisticRegressionClassifier", "max_iter": 200}, 8000),
    "logistic-regression-3000-char-ngrams": ({"name": "LogisticRegressionClassifier", "max_iter": 200}, 3000),
    # Issue 12, training time: the solver and its stopping rule (lbfgs runs up to max_iter on these features)
    "logistic-regression-liblinear-8000-char-ngrams": (
        {"name": "LogisticRegressionClassifier", "max_iter": 200, "solver": "liblinear"}, 8000),
    "logistic-regression-lbfgs-tol-1e-3-8000-char-ngrams": (
        {"name": "LogisticRegressionClassifier", "max_iter": 100, "tol": 0.001}, 8000),
}
DIET_SETTINGS = {"random_seed": 42, "number_of_transformer_layers": 0, "entity_recognition": False,
                 "batch_size": [32, 128], "constrain_similarities": True}


def variant_config(classifier: dict, char_ngrams: int) -> dict:
    config = copy.deepcopy(yaml.safe_load((ROOT / "config.yml").read_text()))
    pipeline = []
    for component in config["pipeline"]:
        name = component["name"]
        if name in ("DIETClassifier", "LogisticRegressionClassifier"):
            component = {**classifier, **(DIET_SETTINGS if classifier["name"] == "DIETClassifier" else {})}
        elif name == "FallbackClassifier":
            continue
        elif name == "CountVectorsFeaturizer" and component.get("analyzer") == "char_wb":
            component = {**component, "max_features": char_ngrams}
        pipeline.append(component)
    config["pipeline"] = pipeline
    config.pop("policies", None)
    return config


def held_out_f1(model: Path) -> dict:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    scores = {}
    for language in ("sv", "en"):
        examples = load_data(str(ROOT / "tests" / "nlu_holdout" / f"{language}.yml")).intent_examples
        expected = [m.get("intent") for m in examples]
        predicted = [asyncio.run(agent.parse_message(m.get("text")))["intent"]["name"] for m in examples]
        scores[language] = round(f1_score(expected, predicted, average="weighted", zero_division=0), 4)
    return scores


def main(names) -> None:
    results_file = ROOT / "results" / "classifier_comparison.json"
    results = json.loads(results_file.read_text()) if results_file.exists() else {}
    for name in names or CLASSIFIERS:
        with tempfile.TemporaryDirectory() as work:
            config = Path(work) / "config.yml"
            config.write_text(yaml.safe_dump(variant_config(*CLASSIFIERS[name]), allow_unicode=True))
            started = time.monotonic()
            subprocess.run([str(RASA), "train", "nlu", "--config", str(config), "--nlu", "data/nlu", "--out", work,
                            "--fixed-model-name", "nlu"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            seconds = round(time.monotonic() - started, 1)
            results[name] = {"train_nlu_seconds": seconds, "held_out_intent_f1_weighted": held_out_f1(Path(work) / "nlu.tar.gz")}
        print(name, results[name], flush=True)
        results_file.parent.mkdir(exist_ok=True)
        results_file.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
