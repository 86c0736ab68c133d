"""Held-out NLU evaluation per language (never trained on): intent F1 is reported and must stay above a floor."""
import json
from collections import Counter
from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[2]
F1_FLOOR = 0.85


@pytest.mark.parametrize("language", ["sv", "en"])
def test_intent_f1_on_held_out_examples(parse, language):
    examples = [m for m in load_data(str(ROOT / "tests" / "nlu_holdout" / f"{language}.yml")).intent_examples]
    assert len(examples) >= 200
    expected = [m.get("intent") for m in examples]
    predicted = [parse(m.get("text"))["intent"]["name"] for m in examples]
    f1 = f1_score(expected, predicted, average="weighted", zero_division=0)
    confusions = Counter((e, p) for e, p in zip(expected, predicted) if e != p)
    report = {"language": language, "examples": len(examples), "intent_f1_weighted": round(f1, 4),
              "accuracy": round(sum(e == p for e, p in zip(expected, predicted)) / len(examples), 4),
              "top_confusions": [f"{e} -> {p}: {n}" for (e, p), n in confusions.most_common(15)]}
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / f"nlu_holdout_{language}.json").write_text(json.dumps(report, indent=2))
    print(f"\n{language}: intent F1 {f1:.3f} on {len(examples)} held-out examples; "
          f"top confusions: {report['top_confusions'][:8]}")
    assert f1 >= F1_FLOOR, report
