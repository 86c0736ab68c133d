"""Counting conversations given the contact centre (slot human_contact, set by actions/human_contact.py), on
hand-made events: once per conversation, and not again for the next session that carries the slot over."""
from tests.report.conftest import Events
from tests.report.conftest import report_of as _report


def _contact_given(events, sender):
    events.turn(sender, "kan jag prata med en människa", "request_human", "Ring kontaktcenter ...",
                "utter_human_contact", language="sv")
    events.slot(sender, "human_contact", True)


def test_each_conversation_given_the_contact_centre_counts_once():
    e = Events()
    e.session("a")
    _contact_given(e, "a")
    _contact_given(e, "a")  # asked twice in one conversation: one conversation
    e.session("a")  # later: Rasa carries the slot over into the new session before any message
    e.slot("a", "human_contact", True)
    e.user("a", "vilka projekt finns?", "ask_project_list", "sv")
    e.bot("a", "Fyra projekt", "utter_project_list")
    e.session("b")
    e.user("b", "hur kontaktar jag kommunen", "ask_contact", "sv")  # contact details, not a person
    e.bot("b", "Du når Växjö kommun ...", "utter_contact")
    e.session("c")
    _contact_given(e, "c")
    report = _report(e)
    assert report["totals"]["conversations"] == 4
    assert report["totals"]["human_contact"] == 2
