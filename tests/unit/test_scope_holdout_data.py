"""The fresh issue-9 holdout sets (tests/scope/holdout_*.yml), written after calibration started by someone who did
not tune: big enough, in both languages, answers worded as content/ words them, and no question seen anywhere else
(not in training data, the NLU holdout, the acceptance cases or the older scope sets that the tuners have read)."""
from collections import Counter

import pytest
import yaml

from tests.unit.test_scope_data import (
    LANGUAGES,
    ROOT,
    _acceptance_questions,
    _load,
    comparable,
    expected_absent_from_content,
    nlu_examples,
    scope_set_fixture,
)

holdout_out_of_scope = scope_set_fixture("holdout_out_of_scope")
holdout_deep_facts = scope_set_fixture("holdout_deep_facts")


@pytest.fixture(scope="module")
def sentences():
    return _load("deep_facts.yml")["sentences"]


def _questions(holdout_out_of_scope, holdout_deep_facts):
    return ([item["text"] for lang in LANGUAGES for item in holdout_out_of_scope[lang]]
            + [item["text"] for item in holdout_deep_facts["questions"]])


def _seen_elsewhere():
    """Every question the tuners could have read or the model was trained on, compared as the older sets are."""
    seen = {comparable(m.get("text")) for pattern in ("data/nlu/**/*.yml", "tests/nlu_holdout/*.yml")
            for m in nlu_examples(pattern)}
    for path in sorted((ROOT / "tests" / "acceptance" / "cases").glob("*.yml")):
        seen |= {comparable(q) for q in _acceptance_questions(yaml.safe_load(path.read_text(encoding="utf-8")))}
    older_out_of_scope, older_deep_facts = _load("out_of_scope.yml"), _load("deep_facts.yml")
    seen |= {comparable(item["text"]) for lang in LANGUAGES for item in older_out_of_scope[lang]}
    seen |= {comparable(item["text"]) for item in older_deep_facts["questions"]}
    seen |= {comparable(sentence) for sentence in older_deep_facts["sentences"].values()}
    return seen


@pytest.mark.parametrize("lang", LANGUAGES)
def test_out_of_scope_holdout_is_large_varied_and_well_formed(holdout_out_of_scope, lang):
    items = holdout_out_of_scope[lang]
    assert len(items) >= 200
    malformed = [item for item in items
                 if set(item) != {"text", "topic"} or not str(item["text"]).strip() or not item["topic"]]
    assert malformed == []
    assert len({item["topic"] for item in items}) >= 40


def test_out_of_scope_holdout_covers_the_same_topics_in_both_languages(holdout_out_of_scope):
    assert {i["topic"] for i in holdout_out_of_scope["sv"]} == {i["topic"] for i in holdout_out_of_scope["en"]}


def test_no_holdout_question_is_asked_twice(holdout_out_of_scope, holdout_deep_facts):
    texts = Counter(comparable(text) for text in _questions(holdout_out_of_scope, holdout_deep_facts))
    assert [text for text, count in texts.items() if count > 1] == []


def test_no_holdout_question_was_seen_in_training_tuning_or_another_test_set(holdout_out_of_scope,
                                                                              holdout_deep_facts):
    seen = _seen_elsewhere()
    assert [text for text in _questions(holdout_out_of_scope, holdout_deep_facts) if comparable(text) in seen] == []


def test_deep_fact_holdout_asks_about_every_brochure_sentence_in_both_languages(holdout_deep_facts, sentences):
    asked = {(item["sentence"], item["lang"]) for item in holdout_deep_facts["questions"]}
    assert [(sid, lang) for sid in sentences for lang in LANGUAGES if (sid, lang) not in asked] == []
    assert {sid for sid, _ in asked} - set(sentences) == set()


def test_deep_fact_holdout_questions_are_well_formed(holdout_deep_facts):
    malformed = [item for item in holdout_deep_facts["questions"]
                 if set(item) != {"sentence", "lang", "text", "expect"} or item["lang"] not in LANGUAGES
                 or not str(item["text"]).strip() or not 1 <= len(item["expect"]) <= 3
                 or not all(isinstance(expected, str) and expected.strip() for expected in item["expect"])]
    assert malformed == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_expected_holdout_answer_is_worded_as_content_words_it(holdout_deep_facts, lang):
    assert expected_absent_from_content(holdout_deep_facts["questions"], lang) == []
