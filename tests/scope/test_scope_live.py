"""Where the knowledge ends, through the REST channel of the running bot, on the HELD-OUT sets only
(tests/scope/holdout_out_of_scope.yml, tests/scope/holdout_deep_facts.yml): out-of-scope questions answered with
a partnership fact <= 1% per language; deep-fact questions answered correctly >= 90% per language, every passage
answer with its source; every turn's outcome is stored. The tune sets (out_of_scope.yml, deep_facts.yml) are
never asked here: they chose the settings (scripts/calibrate_scope.py).
Writes results/scope_<lang>.json (counts, failures, how each set was split). `bot` is the shared bot (tests/conftest.py)."""
import json
import os
import time
from pathlib import Path

import pytest
import yaml

from tests.scope.replies import holds_expected, is_small_talk, passages_without_source, states_a_fact
from tests.servers import ROOT

DATA = Path(__file__).resolve().parent
RESULTS = ROOT / "results"
# The bars issue 9 sets: a result that meets one passes; between the bar and the regression guard it is reported as
# an expected failure (docs/scope.md, "Not yet met"); past the guard it fails the run.
# Measured 2026-12-06 on the fresh held-out sets: false answers sv 0.3 %, en 0.7 %; deep facts sv 79 %, en 84 %.
MAX_FALSE_ANSWER_RATE = 0.01
MIN_DEEP_FACT_ACCURACY = 0.90
FALSE_ANSWER_GUARD = 0.03
DEEP_FACT_GUARD = 0.65
OUT_OF_SCOPE_HOLDOUT = "holdout_out_of_scope.yml"
DEEP_FACTS_HOLDOUT = "holdout_deep_facts.yml"
SPLITS = {
    "out_of_scope": "Asked here: tests/scope/holdout_out_of_scope.yml, every item held out: written by a different "
                    "person after calibration had started, never read by whoever tuned the gate. "
                    "tests/scope/out_of_scope.yml is the tune (calibration) set, written and read by the team: it "
                    "chose the settings (scripts/calibrate_scope.py, docs/scope.md) and is never asked here.",
    "deep_facts": "Asked here: tests/scope/holdout_deep_facts.yml, every question held out: written by a different "
                  "person after calibration had started, never read by whoever tuned the retrieval; same brochure "
                  "sentence ids as the tune set. tests/scope/deep_facts.yml is the tune (calibration) set, written and "
                  "read by the team: it chose the settings and is never asked here.",
}
# The held-out questions and the bot's failures on them stay out of the test log, which whoever tunes reads: they
# are in results/scope_<lang>.json, for a reviewer who does not tune the gate.
HIDDEN = "the failures are in results/scope_<lang>.json (not to be read by whoever tunes the gate)"
results = {"sv": {}, "en": {}}
senders = []


def _load(name):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _absent(name):
    """A held-out file is written apart from the team that tunes and merged separately: until then, a clear skip
    (before any server starts)."""
    return pytest.mark.skipif(not (DATA / name).exists(), reason=(
        f"tests/scope/{name} is absent: the held-out set is written by someone who never tunes the gate, and has "
        f"not been merged into this branch yet"))


def _ask(bot, text, language):
    sender = bot.new_sender()
    senders.append(sender)
    return bot.send(sender, text, page_language=language)


def _write(language):
    RESULTS.mkdir(exist_ok=True)
    report = {"language": language, "split": SPLITS, **results[language]}
    (RESULTS / f"scope_{language}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                                                    encoding="utf-8")


@_absent(OUT_OF_SCOPE_HOLDOUT)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_out_of_scope_holdout_gets_no_partnership_fact(bot, language):
    questions = _load(OUT_OF_SCOPE_HOLDOUT)[language]
    assert len(questions) >= 200
    false_answers, small_talk = [], []
    for question in questions:
        messages = _ask(bot, question["text"], language)
        reply = {"q": question["text"], "topic": question["topic"],
                 "reply": " / ".join(m.get("text") or "" for m in messages)[:400]}
        if states_a_fact(messages):
            false_answers.append(reply)
        elif is_small_talk(messages):  # no fact, but no "I only know about the partnerships" either
            small_talk.append(reply)
    rate = len(false_answers) / len(questions)
    results[language]["out_of_scope_holdout"] = {"questions": len(questions), "answered_with_a_fact": len(false_answers),
                                                 "rate": round(rate, 4), "failures": false_answers,
                                                 "answered_as_small_talk": len(small_talk), "small_talk": small_talk}
    _write(language)
    print(f"\n{language}: {len(false_answers)}/{len(questions)} out-of-scope holdout questions got a partnership "
          f"fact ({rate:.1%}), {len(small_talk)} a small-talk reply; {HIDDEN}")
    assert rate <= FALSE_ANSWER_GUARD, f"{rate:.1%} answered with a fact; {HIDDEN}"
    if rate > MAX_FALSE_ANSWER_RATE:
        pytest.xfail(f"issue 9's bar not met: {rate:.1%} > {MAX_FALSE_ANSWER_RATE:.0%} answered with a fact")


@_absent(DEEP_FACTS_HOLDOUT)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_deep_fact_holdout_answered_with_source(bot, language):
    questions = [q for q in _load(DEEP_FACTS_HOLDOUT)["questions"] if q["lang"] == language]
    assert len(questions) >= 80
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
    print(f"\n{language}: {len(questions) - len(wrong)}/{len(questions)} deep-fact holdout questions answered "
          f"correctly ({accuracy:.1%}); {HIDDEN}")
    assert not unsourced, f"{len(unsourced)} passage answers without a source; {HIDDEN}"
    assert accuracy >= DEEP_FACT_GUARD, f"{accuracy:.1%} answered correctly; {HIDDEN}"
    if accuracy < MIN_DEEP_FACT_ACCURACY:
        pytest.xfail(f"issue 9's bar not met: {accuracy:.1%} < {MIN_DEEP_FACT_ACCURACY:.0%} answered correctly")


@pytest.mark.skipif(not any((DATA / name).exists() for name in (OUT_OF_SCOPE_HOLDOUT, DEEP_FACTS_HOLDOUT)),
                    reason="no held-out set in tests/scope/ yet, so no turn to read back")
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
