"""The routing table (actions/routing.py) is the whole routing: the rules run the actions it names, every
response it names exists, and each custom action answers its intents with the table's handler and response."""
from pathlib import Path

import pytest
import yaml

from actions.fallback import ActionAboutAssistant
from actions.followups import ActionAnswerFollowup
from actions.partners import ActionAnswerPartner
from actions.programme import ActionAnswerProgramme
from actions.projects import ActionAnswerProject
from actions.routing import followup_intent, routes
from tests.unit.conftest import make_tracker, run_action

ROOT = Path(__file__).resolve().parents[2]


def rule_actions():
    found = {}
    for path in sorted((ROOT / "data" / "rules").glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            steps = rule["steps"]
            if len(steps) == 2 and "intent" in steps[0]:
                found[steps[0]["intent"]] = steps[1]["action"]
    return found


def test_the_rules_run_exactly_the_actions_the_table_names():
    assert rule_actions() == {intent: route.action for intent, route in routes().items()}


def test_every_named_response_and_action_is_in_the_domain(domain):
    for intent, route in routes().items():
        assert intent in domain["intents"]
        assert route.action in domain["actions"] or route.action in domain["responses"], route.action
        if route.response:
            assert route.response in domain["responses"], route.response
        if route.action.startswith("utter_"):
            assert route.handler is None


@pytest.mark.parametrize("action", [ActionAnswerPartner(), ActionAnswerProject(), ActionAnswerProgramme()])
def test_each_fact_intent_is_answered_with_the_table_s_response(domain, action):
    for intent, route in routes().items():
        if route.action != action.name() or not route.response:
            continue
        text = "berätta om vushtrri" if "partner" in intent else "berätta om familjeteamet"
        _, _, messages = run_action(action, make_tracker(text, intent, subject="project:family-team"
                                                         if "project" in intent else "partner:vushtrri"), domain)
        assert messages[0]["response"] == route.response, intent


def test_a_redirect_answers_with_the_target_intent_s_row(domain):
    # "när började det?" about a project: the partner-start question handed on to the project period
    _, slots, messages = run_action(ActionAnswerPartner(), make_tracker(
        "när började familjeteamet?", "ask_partner_start", subject="project:family-team"), domain)
    assert messages[0]["response"] == routes()["ask_project_period"].response
    assert slots["last_intent"] == "ask_project_period"


def test_an_intent_routed_elsewhere_gets_the_action_s_first_intent(domain):
    _, _, messages = run_action(ActionAnswerProgramme(), make_tracker("hej", "greet"), domain)
    assert messages[0]["response"] == "utter_partnerships_overview"
    texts, _, _ = run_action(ActionAboutAssistant(), make_tracker("vad kan du", "ask_capabilities"), domain)
    assert texts


# kind named in the follow-up | the last question | the question it asks again
COUNTERPARTS = """
partner  ask_project_period   ask_partner_start
partner  ask_funding          ask_funding
partner  ask_person           ask_partner_overview
project  ask_partner_country  ask_project_partners
project  ask_project_list     ask_project_overview
project  ask_person           ask_project_quote
person   ask_partner_area     ask_person
"""


@pytest.mark.parametrize("kind, last, expected", [line.split() for line in COUNTERPARTS.strip().splitlines()])
def test_follow_up_counterparts(kind, last, expected):
    assert followup_intent(kind, last) == expected


def test_a_follow_up_asks_the_last_question_about_the_new_partner(domain):
    _, slots, messages = run_action(ActionAnswerFollowup(), make_tracker(
        "och i vushtrri?", "inform_entity", last_intent="ask_partner_population", subject="partner:jb-marks"), domain)
    assert messages[0]["response"] == "utter_partner_population" and slots["subject"] == "partner:vushtrri"
