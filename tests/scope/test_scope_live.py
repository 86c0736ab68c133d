"""Where the knowledge ends, through the REST channel of the running bot, on the HOLDOUT splits only:
out-of-scope questions answered with a partnership fact <= 1% per language; deep-fact questions answered
correctly >= 90% per language, every passage answer with its source; every turn's outcome is stored.
Writes results/scope_<lang>.json (counts, failures, how each set was split). `bot` is the shared bot (tests/conftest.py)."""
import json
import os
import time
from pathlib import Path

import pytest
import yaml

from tests.scope.replies import holds_expected, passages_without_source, states_a_fact
from tests.servers import ROOT

DATA = Path(__file__).resolve().parent
RESULTS = ROOT / "results"
# The bars issue 9 sets. Not met yet with the logistic-regression model (docs/scope.md, "Not yet met"): a result
# between the bar and the regression guard is reported as an expected failure, one past the guard fails the run.
MAX_FALSE_ANSWER_RATE = 0.01
MIN_DEEP_FACT_ACCURACY = 0.90
FALSE_ANSWER_GUARD = 0.03  # measured 2026-12-01: sv 1.3 %, en 2.6 %
DEEP_FACT_GUARD = 0.65  # measured 2026-12-01: sv 69 %, en 69 %
SPLITS = {
    "out_of_scope": "tests/scope/out_of_scope.yml: per language and topic, items numbered 0, 1, 2 ... in file order; "
                    "item i is holdout when i % 5 is 0 or 2, else tune. Only holdout is asked here; tune chose the "
                    "thresholds (scripts/calibrate_scope.py, docs/scope.md).",
    "deep_facts": "tests/scope/deep_facts.yml: by brochure sentence number n; Swedish questions are holdout when "
                  "n % 5 is 0 or 2, English ones when n % 5 is 1 or 3, else tune. Only holdout is asked here.",
}
results = {"sv": {}, "en": {}}
senders = []


def _load(name):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _ask(bot, text, language):
    sender = bot.new_sender()
    senders.append(sender)
    return bot.send(sender, text, page_language=language)


def _write(language):
    RESULTS.mkdir(exist_ok=True)
    report = {"language": language, "split": SPLITS, **results[language]}
    (RESULTS / f"scope_{language}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                                                    encoding="utf-8")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_out_of_scope_holdout_gets_no_partnership_fact(bot, language):
    questions = [q for q in _load("out_of_scope.yml")[language] if q["split"] == "holdout"]
    assert len(questions) >= 100
    false_answers = []
    for question in questions:
        messages = _ask(bot, question["text"], language)
        if states_a_fact(messages):
            false_answers.append({"q": question["text"], "topic": question["topic"],
                                  "reply": " / ".join(m.get("text") or "" for m in messages)[:400]})
    rate = len(false_answers) / len(questions)
    results[language]["out_of_scope_holdout"] = {"questions": len(questions), "answered_with_a_fact": len(false_answers),
                                                 "rate": round(rate, 4), "failures": false_answers}
    _write(language)
    listing = "\n".join(f"  - {f['q']!r} -> {f['reply'][:200]!r}" for f in false_answers)
    print(f"\n{language}: {len(false_answers)}/{len(questions)} out-of-scope holdout questions got a partnership "
          f"fact ({rate:.1%})\n{listing}")
    assert rate <= FALSE_ANSWER_GUARD, listing
    if rate > MAX_FALSE_ANSWER_RATE:
        pytest.xfail(f"issue 9's bar not met: {rate:.1%} > {MAX_FALSE_ANSWER_RATE:.0%} answered with a fact")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_deep_fact_holdout_answered_with_source(bot, language):
    questions = [q for q in _load("deep_facts.yml")["questions"] if q["lang"] == language and q["split"] == "holdout"]
    assert len(questions) >= 30
    wrong, unsourced = [], []
    for question in questions:
        messages = _ask(bot, question["text"], language)
        reply = " / ".join(m.get("text") or "" for m in messages)
        if not holds_expected(messages, question["expect"]):
            wrong.append({"q": question["text"], "sentence": question["sentence"], "expect": question["expect"],
                          "reply": reply[:400]})
        unsourced += [{"q": question["text"], "reply": text[:400]} for text in passages_without_source(messages)]
    accuracy = 1 - len(wrong) / len(questions)
    results[language]["deep_facts_holdout"] = {"questions": len(questions), "correct": len(questions) - len(wrong),
                                               "accuracy": round(accuracy, 4), "failures": wrong,
                                               "passages_without_source": unsourced}
    _write(language)
    listing = "\n".join(f"  - {w['q']!r} expected one of {w['expect']}\n      reply: {w['reply'][:200]!r}" for w in wrong)
    print(f"\n{language}: {len(questions) - len(wrong)}/{len(questions)} deep-fact holdout questions answered "
          f"correctly ({accuracy:.1%})\n{listing}")
    assert not unsourced, unsourced
    assert accuracy >= DEEP_FACT_GUARD, listing
    if accuracy < MIN_DEEP_FACT_ACCURACY:
        pytest.xfail(f"issue 9's bar not met: {accuracy:.1%} < {MIN_DEEP_FACT_ACCURACY:.0%} answered correctly")


def test_every_turn_has_a_stored_outcome(bot):
    """The questions above, read back from the tracker store as `make report` reads it: every turn an action
    answered has its outcome stored; the others were answered by a plain response (greet, thank ...)."""
    if os.environ.get("BOT_URL"):
        pytest.skip("the store of servers started elsewhere is not known here")
    from insights.conversations import OUTCOMES, conversations
    from insights.store import load_events

    assert senders, "run with the tests above"
    now = time.time()
    events = load_events(f"sqlite:///{bot.log_dir / 'conversations.db'}", now - 86400, now + 60)
    asked = [c for c in conversations(events) if c.sender_id in set(senders)]
    assert len(asked) == len(senders)
    turns = [turn for conversation in asked for turn in conversation.messages]
    plain = _plain_response_intents()
    missing = [(turn.text, turn.intent) for turn in turns if turn.outcome_slot not in OUTCOMES]
    assert all(intent in plain for _, intent in missing), missing
    counts = {outcome: sum(turn.outcome == outcome for turn in turns) for outcome in OUTCOMES}
    print(f"\noutcomes of {len(turns)} turns, as the report counts them: {counts}")
    asked_out_of_scope = sum(r.get("out_of_scope_holdout", {}).get("questions", 0) for r in results.values())
    assert counts["out_of_scope"] + counts["not_found"] >= 0.9 * asked_out_of_scope
    assert counts["answered_passage"] > 0 and counts["answered_intent"] > 0


def _plain_response_intents():
    """Intents the rules answer with a response of the domain rather than an action."""
    found = set()
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules") or []:
            steps = rule.get("steps") or []
            if len(steps) == 2 and str(steps[1].get("action", "")).startswith("utter_"):
                found.add(steps[0].get("intent"))
    return found
