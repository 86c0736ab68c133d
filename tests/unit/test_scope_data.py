"""The issue-9 tune sets (out-of-scope questions, deep brochure facts) are big enough, all marked `tune`, never
trained on, and ask about every brochure sentence in both languages with answers content/ can give. They were
written and read by the team that tunes, so none of them is held out: the held-out sets are
tests/scope/holdout_*.yml, checked by tests/unit/test_scope_holdout_data.py."""
from collections import Counter
from pathlib import Path

import pytest
import yaml

from actions.portfolio.text import fold, format_number
from tests.unit.test_training_data import _examples as nlu_examples
from tests.unit.test_training_data import _key as comparable

ROOT = Path(__file__).resolve().parents[2]
SCOPE = ROOT / "tests" / "scope"
LANGUAGES = ("sv", "en")
SPLITS = {"tune"}  # every item: see the header of each file


def _load(name):
    return yaml.safe_load((SCOPE / name).read_text(encoding="utf-8"))


def scope_set_fixture(name):
    """A module fixture named `name` holding tests/scope/<name>.yml (the tune and the held-out files alike)."""
    return pytest.fixture(scope="module", name=name)(lambda: _load(f"{name}.yml"))


out_of_scope, deep_facts = scope_set_fixture("out_of_scope"), scope_set_fixture("deep_facts")


def _normalised(text: str) -> str:
    """How a reply is compared with `expect` (as tests/conversation/acceptance.py does)."""
    return " ".join(fold(text.replace("\u00a0", " ")).split())


def _acceptance_questions(node):
    if isinstance(node, dict):
        yield from ([node["q"]] if "q" in node else [])
        node = list(node.values())
    if isinstance(node, list):
        for value in node:
            yield from _acceptance_questions(value)


def _content_text(node, lang, found):
    """Every string content/ states in `lang` (plus names, links and numbers as the bot prints them)."""
    if isinstance(node, dict):
        for field, value in node.items():
            if field not in LANGUAGES or field == lang:
                _content_text(value, lang, found)
    elif isinstance(node, list):
        for value in node:
            _content_text(value, lang, found)
    elif isinstance(node, int) and not isinstance(node, bool):
        found.extend([str(node), format_number(node, lang)])
    elif isinstance(node, str):
        found.append(node)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_out_of_scope_set_is_large_and_complete(out_of_scope, lang):
    items = out_of_scope[lang]
    assert len(items) >= 300
    assert all(set(item) == {"text", "topic", "split"} and item["text"].strip() and item["split"] in SPLITS
               for item in items), [item for item in items if item.get("split") not in SPLITS]
    assert len({item["topic"] for item in items}) >= 40
    texts = Counter(comparable(item["text"]) for item in items)
    assert [text for text, count in texts.items() if count > 1] == []


def test_both_languages_cover_the_same_topics(out_of_scope):
    assert {i["topic"] for i in out_of_scope["sv"]} == {i["topic"] for i in out_of_scope["en"]}


def test_no_test_question_is_a_training_example_or_another_test_case(out_of_scope, deep_facts):
    questions = [item["text"] for lang in LANGUAGES for item in out_of_scope[lang]]
    questions += [item["text"] for item in deep_facts["questions"]]
    elsewhere = {comparable(m.get("text")) for m in nlu_examples("data/nlu/**/*.yml")}
    elsewhere |= {comparable(m.get("text")) for m in nlu_examples("tests/nlu_holdout/*.yml")}
    for path in sorted((ROOT / "tests" / "acceptance" / "cases").glob("*.yml")):
        elsewhere |= {comparable(q) for q in _acceptance_questions(yaml.safe_load(path.read_text(encoding="utf-8")))}
    assert [text for text in questions if comparable(text) in elsewhere] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_out_of_scope_training_examples_are_only_out_of_scope(lang):
    added = nlu_examples(f"data/nlu/{lang}/out_of_scope_services.yml")
    assert 150 <= len(added) <= 250
    assert {m.get("intent") for m in added} == {"out_of_scope"}
    other_intents = {comparable(m.get("text")) for m in nlu_examples("data/nlu/**/*.yml")
                     if m.get("intent") != "out_of_scope"}
    assert [m.get("text") for m in added if comparable(m.get("text")) in other_intents] == []


def test_every_brochure_sentence_is_asked_in_both_languages(deep_facts):
    sentences = deep_facts["sentences"]
    assert len(sentences) >= 80
    asked = {(item["sentence"], item["lang"]) for item in deep_facts["questions"]}
    assert [(sid, lang) for sid in sentences for lang in LANGUAGES if (sid, lang) not in asked] == []
    assert {sid for sid, _ in asked} <= set(sentences)
    missing = deep_facts["missing_from_content"] or []
    assert all(entry["sentence"] in sentences and entry["fact"] for entry in missing)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_deep_fact_questions_are_complete_and_tune(deep_facts, lang):
    items = [item for item in deep_facts["questions"] if item["lang"] == lang]
    assert all(set(item) == {"sentence", "lang", "text", "expect", "split"} and item["text"].strip()
               and item["split"] in SPLITS and 1 <= len(item["expect"]) <= 3 and all(item["expect"])
               for item in items)


def expected_absent_from_content(questions, lang):
    """The expected answers of a deep-fact set that content/ does not word so (the visitors' words of
    content/phrasings.yml are never said, so they do not count)."""
    found = []
    for path in sorted((ROOT / "content").rglob("*.yml")):
        if path.name != "phrasings.yml":
            _content_text(yaml.safe_load(path.read_text(encoding="utf-8")), lang, found)
    content = _normalised("\n".join(found))
    return [(item["sentence"], expected) for item in questions if item["lang"] == lang
            for expected in item["expect"] if _normalised(expected) not in content]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_expected_answer_is_worded_as_content_words_it(deep_facts, lang):
    assert expected_absent_from_content(deep_facts["questions"], lang) == []
