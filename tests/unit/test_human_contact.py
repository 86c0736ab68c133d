"""When a failed answer is the second in a row (actions/human_contact.py), on tracker events as Rasa sends them."""
from actions.human_contact import previous_answer_failed


def user(intent="nlu_fallback"):
    return {"event": "user", "text": "x", "parse_data": {"intent": {"name": intent}}}


def bot(response):
    return {"event": "bot", "text": "...", "metadata": {"utter_action": response}}


def test_a_failed_previous_answer_counts():
    assert previous_answer_failed([user(), bot("utter_not_found"), user()])
    assert previous_answer_failed([user(), bot("utter_out_of_scope"), user()])


def test_a_good_answer_or_no_answer_breaks_the_row():
    assert not previous_answer_failed([user(), bot("utter_not_found"), user("ask_project_list"),
                                       bot("utter_project_list"), user()])
    assert not previous_answer_failed([user()])
    assert not previous_answer_failed([user(), user()])


def test_feedback_between_two_failures_does_not_break_the_row():
    events = [user(), bot("utter_not_found"), user("feedback"), bot("utter_feedback_thanks"), user()]
    assert previous_answer_failed(events)
