"""The counting rules on hand-made events (no servers): sessions, feedback targets, languages, periods."""
import json
from datetime import date, datetime, timezone

import sqlalchemy as sa

from insights.conversations import conversations
from insights.metrics import compute
from insights.store import Event, load_events

T0 = 1767258000.0  # 2026-01-01 09:00 UTC


class Events:
    def __init__(self):
        self.events, self.t = [], T0

    def _add(self, sender, type_name, **kwargs):
        self.t += 1
        at = kwargs.pop("at", None) or self.t
        self.events.append(Event(sender, type_name, at, data=kwargs.pop("data", {}), **kwargs))

    def user(self, sender, text, intent, language=None, entities=(), at=None):
        self._add(sender, "user", intent_name=intent, at=at,
                  data={"text": text, "parse_data": {"intent": {"name": intent}, "entities": list(entities)}})
        if language:
            self._add(sender, "slot", action_name="language", data={"name": "language", "value": language})

    def bot(self, sender, text, response):
        self._add(sender, "bot", data={"text": text, "metadata": {"utter_action": response}})

    def session(self, sender):
        self._add(sender, "session_started")


def _report(events, since=date(2026, 1, 1), until=date(2026, 1, 2)):
    return compute(conversations(events.events), since, until, timezone.utc)


def test_sessions_are_conversations_and_feedback_is_not_a_message():
    e = Events()
    e.session("a")
    e.user("a", "hej", "greet", "sv")
    e.bot("a", "Hej!", "utter_greet")
    e.session("a")  # the same visitor later: a new conversation
    e.user("a", "vilka projekt finns?", "ask_project_list", "sv")
    e.bot("a", "Fyra projekt", "utter_project_list")
    e.user("a", '/feedback{"feedback_value": "up"}', "feedback")
    e.bot("a", "Tack!", "utter_feedback_thanks")
    report = _report(e)
    assert report["totals"]["conversations"] == 2
    assert report["totals"]["messages"] == 2
    assert report["totals"]["feedback_up"] == 1
    assert report["median_conversation_length"] == 1
    assert report["per_day"] == [{"date": "2026-01-01", "conversations": 2, "messages": 2},
                                 {"date": "2026-01-02", "conversations": 0, "messages": 0}]


def test_thumbs_down_refers_to_the_last_answer_not_to_a_thanks_for_feedback():
    e = Events()
    e.user("b", "mitt nummer 070-123 45 67, när startade SEKOS 2?", "ask_project_period", "sv")
    e.bot("b", "Först ett svar", "utter_project_intro")
    e.bot("b", "SEKOS 2 pågick 2018–2021.", "utter_project_period")
    e.user("b", '/feedback{"feedback_value": "up"}', "feedback")
    e.bot("b", "Tack!", "utter_feedback_thanks")
    e.user("b", "tummen ner", "feedback", entities=[{"entity": "feedback_value", "value": "down"}])
    e.bot("b", "Tack!", "utter_feedback_thanks")
    down = _report(e)["negative_feedback"]
    assert down == [{"date": "2026-01-01", "language": "sv", "question": "mitt nummer [telefon], när startade SEKOS 2?",
                     "question_intent": "ask_project_period", "answer": "SEKOS 2 pågick 2018–2021.",
                     "answer_response": "utter_project_period"}]


def test_unanswered_by_intent_or_by_the_response_given():
    e = Events()
    e.user("c", "what is the meaning of life", "ask_icld", "en")
    e.bot("c", "I'm not quite sure what you mean, but ...", "utter_not_found")
    e.user("c", "mail me at a@b.se", "out_of_scope", "en")
    e.bot("c", "Sorry, I can only answer ...", "utter_out_of_scope")
    e.user("c", "What is the meaning of life?", "nlu_fallback", "en")
    e.bot("c", "Sorry, I didn't quite understand.", "utter_default")
    e.user("c", "what is ICLD", "ask_icld", "en")
    e.bot("c", "ICLD is ...", "utter_icld")
    report = _report(e)
    assert [(i["text"], i["kind"], i["count"]) for i in report["unanswered"]] == [
        ("what is the meaning of life", "fallback", 2), ("mail me at [e-post]", "out_of_scope", 1)]
    assert report["totals"]["fallback"] == 2 and report["totals"]["out_of_scope"] == 1


def test_conversation_language_is_the_language_most_messages_were_answered_in():
    e = Events()
    e.user("d", "hej", "greet", "sv")
    e.bot("d", "Hej!", "utter_greet")
    e.user("d", "in English please", "switch_language", "en")
    e.bot("d", "Sure", "utter_language_switched")
    e.user("d", "who pays?", "ask_funding")  # no slot change: still English
    e.bot("d", "Sida", "utter_funding")
    report = _report(e)
    assert report["languages"] == {"conversations": {"sv": 0, "en": 1}, "messages": {"sv": 1, "en": 2}}


def test_the_store_returns_only_the_events_of_the_period(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = sa.create_engine(url)
    e = Events()
    e.user("early", "hej", "greet", at=T0 - 86400)
    e.user("in", "hej", "greet", at=T0)
    e.user("late", "hej", "greet", at=T0 + 86400)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
                                   "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
                                   "action_name VARCHAR(255), data TEXT)"))
        for event in e.events:
            connection.execute(sa.text("INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, "
                                       "data) VALUES (:s, :t, :ts, :i, :a, :d)"),
                               {"s": event.sender_id, "t": event.type_name, "ts": event.timestamp,
                                "i": event.intent_name, "a": event.action_name, "d": json.dumps(event.data)})
    engine.dispose()
    start = datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp()
    loaded = load_events(url, start, start + 86400)
    assert {event.sender_id for event in loaded} == {"in"}
    assert loaded[0].data["text"] == "hej" and loaded[0].intent_name == "greet"
