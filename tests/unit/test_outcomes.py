"""The actions and the staff report share one list of outcomes and failed answers (bot/outcomes.py), and every
answer on it is one the bot can give."""
from actions import answering, human_contact
from bot import outcomes
from insights.conversations import Reply, Turn


def test_every_failed_answer_is_a_response_of_the_domain(domain):
    given = set(domain["responses"]) | {"utter_default"}  # utter_default: Rasa's own fallback response
    assert outcomes.FAILED_RESPONSES <= given, outcomes.FAILED_RESPONSES - given
    assert {outcomes.OUTCOME_SLOT, outcomes.HUMAN_CONTACT_SLOT} <= set(domain["slots"])


def test_the_actions_and_the_report_read_the_same_lists():
    assert answering.OUTCOME_SLOT == outcomes.OUTCOME_SLOT and human_contact.FAILED_RESPONSES is outcomes.FAILED_RESPONSES
    assert [answering.ANSWERED_INTENT, answering.ANSWERED_PASSAGE, answering.CLARIFIED, answering.OUT_OF_SCOPE,
            answering.NOT_FOUND] == list(outcomes.OUTCOMES)


def _turn(response: str, outcome=None) -> Turn:
    return Turn(text="q", intent="ask_icld", timestamp=0.0, replies=[Reply("a", response, 0.0)], outcome_slot=outcome)


def test_a_turn_stored_without_an_outcome_is_failed_exactly_when_the_actions_count_it_failed():
    for response in outcomes.FAILED_RESPONSES:
        assert _turn(response).unanswered, response
        assert _turn(response).outcome in (outcomes.NOT_FOUND, outcomes.OUT_OF_SCOPE), response
    assert _turn("utter_out_of_scope").outcome == outcomes.OUT_OF_SCOPE
    assert _turn("utter_icld").unanswered is None and _turn("utter_icld").outcome == outcomes.ANSWERED_INTENT
    assert _turn("utter_not_found", outcomes.ANSWERED_PASSAGE).unanswered is None  # the stored outcome wins
