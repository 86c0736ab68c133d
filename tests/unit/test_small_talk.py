"""Small talk and questions about the assistant (actions/fallback.py), with in-line trackers."""
import pytest

from actions.fallback import ActionAboutAssistant, ActionSmallTalk
from tests.unit.conftest import make_tracker, outcome, run_action


@pytest.mark.parametrize("language, question, intent, confidence", [
    ("sv", "Måste takläggare ha behörighet?", "goodbye", 0.53),  # issue 9's example: it got "Hej då"
    ("sv", "öppettider", "acknowledge", 0.57),
    ("en", "permit for a deck", "thank", 0.3),
    ("en", "kkkkkk", "acknowledge", 0.65),
])
def test_small_talk_the_model_is_unsure_of_with_a_word_never_met_is_out_of_scope(domain, language, question, intent,
                                                                                  confidence):
    tracker = _unsure(make_tracker(question, intent, language=language), confidence)
    _, slots, messages = run_action(ActionSmallTalk(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_out_of_scope"] and outcome(slots) == "out_of_scope"


@pytest.mark.parametrize("language, question, intent, confidence, response", [
    ("sv", "hej då", "goodbye", 0.5, "utter_goodbye"),  # words of the training examples
    ("sv", "tack så mycket", "thank", 0.6, "utter_thank"),
    ("en", "cheers", "thank", 0.73, "utter_thank"),  # a word never met, but the model is sure enough
    ("en", "hello there", "greet", 0.99, "utter_greet"),
])
def test_small_talk_gets_its_reply(domain, language, question, intent, confidence, response):
    tracker = _unsure(make_tracker(question, intent, language=language), confidence)
    _, slots, messages = run_action(ActionSmallTalk(), tracker, domain)
    assert [m["response"] for m in messages] == [response] and outcome(slots) == "answered_intent"


def _unsure(tracker, confidence=0.5):
    tracker.latest_message["intent"]["confidence"] = confidence
    return tracker


@pytest.mark.parametrize("question, intent, language, response, sure", [
    ("är du en robot", "bot_challenge", "sv", "utter_bot_challenge", False),
    ("vad kan du berätta om partnerskapen", "ask_capabilities", "sv", "utter_capabilities", False),
    ("what can you do", "ask_capabilities", "en", "utter_capabilities", False),
    ("are you the jb marks bot", "bot_challenge", "en", "utter_bot_challenge", True),  # the disclosure stands
])
def test_questions_about_the_assistant_get_its_answer(domain, question, intent, language, response, sure):
    tracker = make_tracker(question, intent, language=language)
    _, slots, messages = run_action(ActionAboutAssistant(), tracker if sure else _unsure(tracker), domain)
    assert messages[0]["response"] == response and outcome(slots) == "answered_intent", messages


@pytest.mark.parametrize("question, intent, language", [
    ("vad är hemmasittare", "bot_challenge", "sv"),  # "vad är du?" to the model, which is unsure
    ("what is dragons den", "ask_capabilities", "en"),
])
def test_a_question_that_names_a_topic_is_not_about_the_assistant(domain, question, intent, language):
    texts, slots, messages = run_action(ActionAboutAssistant(),
                                        _unsure(make_tracker(question, intent, language=language)), domain)
    assert messages[0]["response"] not in ("utter_bot_challenge", "utter_capabilities"), messages
    assert outcome(slots) in ("answered_passage", "not_found"), slots
    if question == "vad är hemmasittare":
        assert "hemmasittare" in texts[0] and outcome(slots) == "answered_passage", texts


@pytest.mark.parametrize("language, question, intent, confidence", [
    ("sv", "provade de nya sätt att lära ut i sekos?", "goodbye", 0.62),  # a question about SEKOS, not a goodbye
    ("en", "thanks, and what did the family team do", "thank", 0.55),
])
def test_small_talk_the_model_is_unsure_of_that_names_a_topic_is_a_question(domain, language, question, intent,
                                                                           confidence):
    tracker = _unsure(make_tracker(question, intent, language=language), confidence)
    _, slots, messages = run_action(ActionSmallTalk(), tracker, domain)
    assert messages and messages[0]["response"] in ("utter_passage_answer", "utter_not_found")
    assert outcome(slots) in ("answered_passage", "not_found")


def test_sure_small_talk_that_names_a_topic_keeps_its_reply(domain):
    tracker = _unsure(make_tracker("tack för svaret om sekos", "thank"), 0.9)
    _, _, messages = run_action(ActionSmallTalk(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_thank"]
