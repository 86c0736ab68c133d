"""Calibrates the scope gate and the passage thresholds on the TUNE sets only (docs/scope.md).

    .venv/bin/python scripts/calibrate_scope.py            # table on stdout, results/scope_calibration.json
    .venv/bin/python scripts/calibrate_scope.py --chosen   # the settings in the code only
    .venv/bin/python scripts/calibrate_scope.py --diagnose # the chosen settings' wrong deep facts, counted by kind
    .venv/bin/python scripts/calibrate_scope.py --probes   # the chosen settings on tests/scope/probes/ (below)

Each tune question (tests/scope/out_of_scope.yml, tests/scope/deep_facts.yml) and each single-question acceptance
case is parsed by the trained model (models/vaxjo.tar.gz) and answered in-process by the real actions, as the
rules pick them; a grid of settings is tried. The tune sets are halved into `fit` (whose failures are listed in
results/scope_calibration_failures.json, to be read) and `dev` (counted only, to estimate how a change
generalises). The held-out sets (tests/scope/holdout_*.yml) are never read here.
`--probes` answers the questions of tests/scope/probes/, typed as visitors type while looking for failures one by
one (docs/scope.md, eighth pass; read, so fit data too): `deep_<lang>.txt` lines are "question || a piece the right
answer holds", `later_<lang>.txt` the same, written after that pass's fixes to check them once, `fresh_<lang>.txt` the same,
written at the start of the ninth pass in another visitor's style (short staff queries, full questions),
`helper_<lang>.txt`, `sentences_<lang>.txt` and `pairs_<lang>.txt` the same, written for the eleventh pass by
helpers who read only the brochure and content/ (visitors' styles; one question per brochure sentence, as the
held-out set is built; two per sentence, a resident's and a journalist's); `sentences2_<lang>.txt` one more
question per sentence, written the same way at the start of the twelfth pass and halved: counting from 1, its
even-numbered questions are fit (printed), its odd-numbered dev (counted only); `sentences3_<lang>.txt` the same,
written and halved so at the start of the fourteenth pass;
`near_<lang>.txt` lines are questions vaxjo.se gets near the partnerships' topics, which must get no partnership
fact (and `near2_sv.txt`, 200 more hard negatives written at the start of the fourteenth pass, counted with them).
Prints the counts and the failures.
Parses are cached in var/cache/ per model file, so a rerun after a code change takes about a minute.
"""
import asyncio
import hashlib
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
from actions import answering, statement_choice  # noqa: E402
from tests.conversation.acceptance import problems  # noqa: E402
from tests.quiet_logs import quiet_rasa_parse_logs  # noqa: E402
from tests.scope.replies import holds_expected, states_a_fact  # noqa: E402

MODEL = ROOT / "models" / "vaxjo.tar.gz"
CACHE = ROOT / "var" / "cache"
DEV = " dev"  # a probe half that is counted only, never printed
HALVED_PROBES = ("sentences2", "sentences3", "sentences4")  # probe sets with a dev half (below)
CANDIDATE_RANKS = 20  # how deep --diagnose looks for the statement that holds the fact
# Each setting: module, constant, values tried (the first is the one in the code; the rest one at a time).
GRID = {
    "PASSAGE_THRESHOLD": (statement_choice, (statement_choice.PASSAGE_THRESHOLD, 1.2, 1.4, 2.0)),
    "NAMED_PASSAGE_THRESHOLD": (statement_choice, (statement_choice.NAMED_PASSAGE_THRESHOLD, 0.7, 1.3)),
    "SUPPLEMENT_THRESHOLD": (answering, (answering.SUPPLEMENT_THRESHOLD, 0.7, 1.5)),
    "ALIAS_COVERAGE": (answering, (answering.ALIAS_COVERAGE, 0.0, 0.3, 0.75)),
    "INTENT_CONFIDENCE": (answering, (answering.INTENT_CONFIDENCE, 0.5, 0.7, 0.8)),
    "SIGNED_INTENT_CONFIDENCE": (answering, (answering.SIGNED_INTENT_CONFIDENCE, 0.5)),
    "OVERRULE_COVERAGE": (answering, (answering.OVERRULE_COVERAGE, 0.4, 0.5, 0.75, 1.01)),
    "UNSIGNED_COVERAGE": (answering, (answering.UNSIGNED_COVERAGE, 0.75, 0.85, 0.9, 1.0)),
}


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
        from rasa.shared.core.domain import Domain

        self.agent = None
        self.domain = Domain.load(str(ROOT / "bot" / "domain")).as_dict()
        self.rules, self.actions = rule_actions(), custom_actions()
        self.last_outcome = ""
        self.loop = asyncio.new_event_loop()
        stat = MODEL.stat()
        key = hashlib.sha1(f"{stat.st_size}-{stat.st_mtime_ns}".encode()).hexdigest()[:12]
        self._cache_path = CACHE / f"scope_parses_{key}.json"
        self._parses: Dict[str, Dict] = (json.loads(self._cache_path.read_text(encoding="utf-8"))
                                         if self._cache_path.exists() else {})

    def parse(self, text: str) -> Dict:
        if "intent_ranking" not in self._parses.get(text, {}):  # older caches lack the ranking
            if self.agent is None:
                from rasa.core.agent import Agent

                self.agent = Agent.load(str(MODEL))
            parsed = self.loop.run_until_complete(self.agent.parse_message(text))
            self._parses[text] = {key: parsed.get(key) for key in ("intent", "intent_ranking", "entities", "text")}
        return self._parses[text]

    def save(self) -> None:
        CACHE.mkdir(parents=True, exist_ok=True)
        self._cache_path.write_text(json.dumps(self._parses, ensure_ascii=False), encoding="utf-8")

    def reply(self, text: str, lang: str) -> List[Dict[str, str]]:
        parsed = dict(self.parse(text), text=text)  # the tracker holds the visitor's text, the parse the folded one
        action = self.rules.get(parsed["intent"]["name"], "action_search_content")
        if action.startswith("utter_"):
            return [render(self.domain, {"response": action}, lang)]
        tracker = Tracker("calibration", {"language": lang}, parsed, [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        events = self.actions[action].run(dispatcher, tracker, self.domain) or []
        self.last_outcome = next((e.get("value") for e in reversed(events) if e.get("name") == answering.OUTCOME_SLOT),
                                 "")
        return [render(self.domain, message, lang) for message in dispatcher.messages]


def _fit_topic_item(index: int) -> bool:
    return index % 5 not in (0, 2)


def _fit_sentence(sentence: str, lang: str) -> bool:
    number = int(sentence.lstrip("s"))
    return number % 5 not in ((0, 2) if lang == "sv" else (1, 3))


def tune_sets() -> Dict[str, Dict[str, Dict[str, List[Dict]]]]:
    """{lang: {"fit"|"dev": {"out_of_scope": [...], "deep_facts": [...], "acceptance": [...]}}}."""
    out_of_scope = yaml.safe_load((ROOT / "tests" / "scope" / "out_of_scope.yml").read_text(encoding="utf-8"))
    deep = yaml.safe_load((ROOT / "tests" / "scope" / "deep_facts.yml").read_text(encoding="utf-8"))
    sets: Dict[str, Dict[str, Dict[str, List[Dict]]]] = {}
    for lang in ("sv", "en"):
        halves = {half: {"out_of_scope": [], "deep_facts": [], "acceptance": []} for half in ("fit", "dev")}
        seen: Dict[str, int] = {}
        for item in out_of_scope[lang]:
            index = seen[item["topic"]] = seen.get(item["topic"], -1) + 1
            halves["fit" if _fit_topic_item(index) else "dev"]["out_of_scope"].append(item)
        for item in deep["questions"]:
            if item["lang"] == lang:
                halves["fit" if _fit_sentence(item["sentence"], lang) else "dev"]["deep_facts"].append(item)
        cases = yaml.safe_load((ROOT / "tests" / "acceptance" / "cases" / f"{lang}.yml").read_text(encoding="utf-8"))
        halves["fit"]["acceptance"] = cases["cases"]  # a regression check, all of it
        sets[lang] = halves
    return sets


def measure(simulator: Simulator, sets) -> Dict[str, Dict[str, Any]]:
    row: Dict[str, Dict[str, Any]] = {}
    for lang, halves in sets.items():
        for half, data in halves.items():
            false = [{"q": q["text"], "reply": _text(reply)} for q in data["out_of_scope"]
                     if states_a_fact(reply := simulator.reply(q["text"], lang))]
            wrong = [{"q": q["text"], "expect": q["expect"], "reply": _text(reply)} for q in data["deep_facts"]
                     if not holds_expected(reply := simulator.reply(q["text"], lang), q["expect"])]
            failed = [{"q": c["q"], "problems": found, "reply": _text(reply)} for c in data["acceptance"]
                      if (found := problems(_text(reply := simulator.reply(c["q"], lang)), c, lang))]
            row[f"{lang}-{half}"] = {
                "oos_false": len(false), "oos_total": len(data["out_of_scope"]),
                "deep_correct": len(data["deep_facts"]) - len(wrong), "deep_total": len(data["deep_facts"]),
                "acceptance_passed": len(data["acceptance"]) - len(failed), "acceptance_total": len(data["acceptance"]),
                **({"oos_false_examples": false, "deep_wrong_examples": wrong, "acceptance_failed": failed}
                   if half == "fit" else {}),
            }
    return row


def _text(messages: List[Dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def settings_to_try(chosen_only: bool) -> List[Dict[str, float]]:
    chosen = {name: values[0] for name, (_, values) in GRID.items()}
    tried = [chosen]
    if not chosen_only:
        tried += [dict(chosen, **{name: value}) for name, (_, values) in GRID.items() for value in values[1:]]
    return tried


def diagnose(simulator: Simulator, sets) -> None:
    """For each half, the wrong deep-fact answers counted by the turn's outcome and by where the statement that holds
    the fact ranks in the passage search (counts only, so the dev half stays an estimate): a wrong statement ranked
    first asks for better gating, a right one ranked low for better retrieval."""
    from actions.portfolio import get_store
    from bot.folding import fold

    index = get_store().passages
    for lang, halves in sets.items():
        for half, data in halves.items():
            kinds: Dict[str, int] = {}
            for q in data["deep_facts"]:
                if holds_expected(simulator.reply(q["text"], lang), q["expect"]):
                    continue
                hits = index.search(q["text"], lang, limit=CANDIDATE_RANKS)
                rank = next((str(i + 1) for i, hit in enumerate(hits)
                             if any(fold(e) in fold(hit.passage.text) for e in q["expect"])), "none")
                key = f"{simulator.last_outcome or 'utter'} / rank {rank if rank in ('1', 'none') else '2+'}"
                kinds[key] = kinds.get(key, 0) + 1
            print(f"{lang}-{half}: {len(data['deep_facts']) - sum(kinds.values())}/{len(data['deep_facts'])} right; "
                  f"wrong by outcome / rank of the right statement: {dict(sorted(kinds.items()))}")


def probes(simulator: Simulator) -> None:
    folder = ROOT / "tests" / "scope" / "probes"
    for lang in ("sv", "en"):
        counts, failures = [], []
        for kind in ("deep", "later", "fresh", "helper", "sentences", "pairs", "sentences2", "sentences3", "sentences4"):
            lines = [line.strip() for line in (folder / f"{kind}_{lang}.txt").read_text(encoding="utf-8").splitlines()]
            asked = [line.partition(" || ") for line in lines if line and not line.startswith("#")]
            for half, part in _probe_halves(kind, asked).items():
                wrong = [q for q, _, expect in part if not holds_expected(simulator.reply(q, lang), [expect])]
                counts.append(f"{kind}{half} {len(part) - len(wrong)}/{len(part)} right")
                failures += [f"  wrong: {question}" for question in wrong if half != DEV]
        near = [line.strip() for name in (f"near_{lang}.txt", f"near2_{lang}.txt") if (folder / name).exists()
                for line in (folder / name).read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
        false = [q for q in near if states_a_fact(simulator.reply(q, lang))]
        print(f"{lang}: {', '.join(counts)}, near {len(false)}/{len(near)} with a fact")
        print("\n".join(failures + [f"  fact:  {question}" for question in false]))


def _probe_halves(kind: str, asked: List) -> Dict[str, List]:
    """The twelfth pass's sentence set is halved like the tune sets: counting from 1, its odd-numbered questions are
    counted only (dev)."""
    if kind not in HALVED_PROBES:
        return {"": asked}
    return {" fit": asked[1::2], DEV: asked[0::2]}


def main(argv: List[str]) -> int:
    logging.disable(logging.INFO)  # Rasa logs every parse, through logging and through structlog
    quiet_rasa_parse_logs(logging.WARNING)
    simulator, sets = Simulator(), tune_sets()
    if "--diagnose" in argv:
        diagnose(simulator, sets)
        simulator.save()
        return 0
    if "--probes" in argv:
        probes(simulator)
        simulator.save()
        return 0
    table, failures = [], {}
    print("setting                                  | sv OOS false  deep   accept. (fit / dev)"
          " | en OOS false  deep   accept. (fit / dev)")
    for settings in settings_to_try("--chosen" in argv):
        for name, value in settings.items():
            setattr(GRID[name][0], name, value)
        answering._signs.cache_clear()
        row = measure(simulator, sets)
        simulator.save()
        label = ", ".join(f"{name.lower()}={value}" for name, value in settings.items())
        table.append({"settings": settings, **{key: {k: v for k, v in cell.items() if not k.endswith(
            ("_examples", "_failed"))} for key, cell in row.items()}})
        failures.setdefault(label, {key: {k: v for k, v in cell.items() if k.endswith(("_examples", "_failed"))}
                                    for key, cell in row.items() if key.endswith("fit")})
        cells = " | ".join(
            f"{row[f'{lang}-fit']['oos_false']:>2}/{row[f'{lang}-fit']['oos_total']} {row[f'{lang}-dev']['oos_false']:>2}/"
            f"{row[f'{lang}-dev']['oos_total']}  {row[f'{lang}-fit']['deep_correct']:>2}/{row[f'{lang}-fit']['deep_total']}"
            f" {row[f'{lang}-dev']['deep_correct']:>2}/{row[f'{lang}-dev']['deep_total']}  "
            f"{row[f'{lang}-fit']['acceptance_passed']}/{row[f'{lang}-fit']['acceptance_total']}"
            for lang in ("sv", "en"))
        print(f"{label:78} | {cells}", flush=True)
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "scope_calibration.json").write_text(json.dumps(table, ensure_ascii=False, indent=1))
    (ROOT / "results" / "scope_calibration_failures.json").write_text(
        json.dumps(failures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
