"""Calibrates the scope gate and the passage threshold on the TUNE split only (docs/scope.md).

    .venv/bin/python scripts/calibrate_scope.py            # table on stdout, results/scope_calibration.json

Each tune question is parsed by the trained model (models/vaxjo.tar.gz) and answered by the real actions, as the
rules pick them, in-process; a grid of thresholds is tried. The holdout split is never read here.
"""
import asyncio
import itertools
import json
import logging
import sys
from pathlib import Path
from typing import Any, Dict, List

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasa_sdk import Action, Tracker  # noqa: E402
from rasa_sdk.executor import CollectingDispatcher  # noqa: E402

import actions  # noqa: E402,F401  registers every action
from actions import answering, scope  # noqa: E402
from tests.scope.replies import holds_expected, states_a_fact  # noqa: E402

GATE_GRID = (0.5,)
PASSAGE_GRID = (1.6,)
NAMED_GRID = (1.0,)
# (INTENT_CONFIDENCE, SIGNED_INTENT_CONFIDENCE): the model's confidence an intent answer needs without / with
# signs of the domain. They depend on the classifier: logistic regression spreads its confidence wider than DIET.
INTENT_GRID = ((0.95, 0.7), (0.7, 0.4), (0.5, 0.5), (0.5, 0.3))


def rule_actions() -> Dict[str, str]:
    found = {}
    for path in sorted((ROOT / "data" / "rules").glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules") or []:
            steps = rule.get("steps") or []
            if len(steps) == 2 and "intent" in steps[0] and "action" in steps[1]:
                found[steps[0]["intent"]] = steps[1]["action"]
    return found


def custom_actions() -> Dict[str, Action]:
    found, pending = {}, list(Action.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        try:
            found[cls().name()] = cls()
        except (TypeError, NotImplementedError):  # helper bases that are not actions themselves
            continue
    return found


def render(domain: Dict[str, Any], message: Dict[str, Any], lang: str) -> Dict[str, str]:
    variations = domain["responses"].get(message.get("response") or "", [])
    chosen = next((v for v in variations if any(c.get("value") == lang for c in v.get("condition") or [])),
                  next((v for v in variations if not v.get("condition")), {"text": message.get("text") or ""}))
    text = chosen["text"]
    for key, value in message.items():
        text = text.replace("{" + key + "}", str(value))
    return {"text": text}


class Simulator:
    def __init__(self):
        from rasa.core.agent import Agent
        from rasa.shared.core.domain import Domain

        self.agent = Agent.load(str(ROOT / "models" / "vaxjo.tar.gz"))
        self.domain = Domain.load(str(ROOT / "bot" / "domain")).as_dict()
        self.rules, self.actions = rule_actions(), custom_actions()
        self.loop = asyncio.new_event_loop()
        self._parses: Dict[str, Dict] = {}

    def parse(self, text: str) -> Dict:
        if text not in self._parses:
            self._parses[text] = self.loop.run_until_complete(self.agent.parse_message(text))
        return self._parses[text]

    def reply(self, text: str, lang: str) -> List[Dict[str, str]]:
        parsed = dict(self.parse(text), text=text)  # the tracker holds the visitor's text, the parse the folded one
        action = self.rules.get(parsed["intent"]["name"], "action_search_content")
        if action.startswith("utter_"):
            return [render(self.domain, {"response": action}, lang)]
        tracker = Tracker("calibration", {"language": lang}, parsed, [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        self.actions[action].run(dispatcher, tracker, self.domain)
        return [render(self.domain, message, lang) for message in dispatcher.messages]


def tune_sets() -> Dict[str, Dict[str, List[Dict]]]:
    out_of_scope = yaml.safe_load((ROOT / "tests" / "scope" / "out_of_scope.yml").read_text(encoding="utf-8"))
    deep_path = ROOT / "tests" / "scope" / "deep_facts.yml"
    deep = yaml.safe_load(deep_path.read_text(encoding="utf-8")) if deep_path.exists() else {"questions": []}
    sets = {}
    for lang in ("sv", "en"):
        sets[lang] = {
            "out_of_scope": [q for q in out_of_scope[lang] if q["split"] == "tune"],
            "deep_facts": [q for q in deep.get("questions") or [] if q["lang"] == lang and q["split"] == "tune"],
        }
    return sets


def measure(simulator: Simulator, sets) -> Dict[str, Dict[str, Any]]:
    row = {}
    for lang, data in sets.items():
        false = [q["text"] for q in data["out_of_scope"] if states_a_fact(simulator.reply(q["text"], lang))]
        wrong = [q["text"] for q in data["deep_facts"] if not holds_expected(simulator.reply(q["text"], lang),
                                                                             q["expect"])]
        row[lang] = {"oos_false_answers": len(false), "oos_total": len(data["out_of_scope"]),
                     "deep_correct": len(data["deep_facts"]) - len(wrong), "deep_total": len(data["deep_facts"]),
                     "oos_false_examples": false[:10], "deep_wrong_examples": wrong[:15]}
    return row


def main() -> int:
    logging.disable(logging.INFO)  # Rasa logs every parse
    simulator, sets = Simulator(), tune_sets()
    table = []
    print("gate  passage  named  intent |  sv OOS false  sv deep correct |  en OOS false  en deep correct")
    for gate, passage, named, intent in itertools.product(GATE_GRID, PASSAGE_GRID, NAMED_GRID, INTENT_GRID):
        scope.GATE_THRESHOLD, answering.PASSAGE_THRESHOLD = gate, passage
        answering.NAMED_PASSAGE_THRESHOLD = named
        answering.INTENT_CONFIDENCE, answering.SIGNED_INTENT_CONFIDENCE = intent
        row = measure(simulator, sets)
        table.append({"gate_threshold": gate, "passage_threshold": passage, "named_passage_threshold": named,
                      "intent_confidence": intent, **row})
        cells = "  |  ".join(f"{r['oos_false_answers']:>3}/{r['oos_total']:<3}      {r['deep_correct']:>3}/"
                             f"{r['deep_total']:<3}     " for r in (row["sv"], row["en"]))
        print(f"{gate:4}  {passage:7}  {named:5}  {intent[0]}/{intent[1]} |  {cells}", flush=True)
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "scope_calibration.json").write_text(json.dumps(table, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
