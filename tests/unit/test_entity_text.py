"""List positions, goals and languages are read from the visitor's text, as in production (the pipeline extracts
no such entities): every phrasing the training data once annotated is understood from its text alone."""
import re
from pathlib import Path

import pytest
import yaml

from actions.followups import ActionSelectFromList, ordinal_position
from actions.programme import ActionAnswerProgramme, goal_number
from bot.language_policy import inputs_from_message
from tests.unit.conftest import make_tracker, run_action

MENTIONS = yaml.safe_load((Path(__file__).parent / "data" / "entity_mentions.yml").read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parents[2]


def _ids(kind):
    return [case["text"] for case in MENTIONS[kind]]


@pytest.mark.parametrize("case", MENTIONS["ordinal"], ids=_ids("ordinal"))
def test_list_position_from_the_text(case):
    assert ordinal_position(case["text"]) == case["value"]


@pytest.mark.parametrize("case", MENTIONS["sdg_goal"], ids=_ids("sdg_goal"))
def test_goal_from_the_text(case):
    assert goal_number(case["text"]) == case["value"]


def asked_for_language(text: str, intent: str):
    return inputs_from_message({"text": text, "intent": {"name": intent}, "entities": []}).requested


@pytest.mark.parametrize("case", MENTIONS["language"], ids=_ids("language"))
def test_asked_for_language_from_the_text(case):
    assert asked_for_language(case["text"], case["intent"]) == case["value"]


@pytest.mark.parametrize("text", ["vad är agenda 2030", "hur många mål finns det", "what is goal 20", "mål 2030"])
def test_no_goal(text):
    assert goal_number(text) is None


def test_a_language_word_is_not_a_request_outside_switch_language():
    assert asked_for_language("vad heter sverige på engelska", "out_of_scope") is None
    assert asked_for_language("I'd prefer Swedish", "switch_language") == "sv"
    assert asked_for_language("sverige", "switch_language") is None


def test_the_last_item_and_a_goal_answer_through_the_actions(domain):
    tracker = make_tracker("the last one", "select_from_list", language="en",
                           listed_items=["project:sekos-2", "project:mis-2"])
    texts, slots, _ = run_action(ActionSelectFromList(), tracker, domain)
    assert slots["subject"] == "project:mis-2"
    texts, _, _ = run_action(ActionAnswerProgramme(), make_tracker("which project relates to goal number 4",
                                                                   "ask_agenda2030", language="en"), domain)
    assert "MIS 2" in texts[0]


def test_no_training_example_annotates_an_entity_nothing_extracts():
    # partner/project/person: the lookup tables (RegexEntityExtractor) of data/nlu/generated; feedback_value: Rasa
    # reads it from the widget's payload /feedback{"feedback_value": "up"} (a typed "thumbs up" carries none).
    extracted = {"partner", "project", "person", "feedback_value"}
    for path in (ROOT / "data" / "nlu").rglob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            for line in (block.get("examples") or "").splitlines():
                for name in re.findall(r"\]\((\w+)\)|\"entity\": *\"(\w+)\"", line):
                    assert set(name) - {""} <= extracted, (path.name, line)
