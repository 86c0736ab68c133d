"""Conversations whose follow-ups only come out right with their context, and checks on the stored events.

Each follow-up has `forbid`: what the bot says to the same words *without* context (an overview of the
partner, both partners, "which project do you mean?"), so a lost context fails the turn even where the
expected fact happens to appear in a context-free answer. test_*.py also check that claim against the bot.
"""
import json
from typing import Dict, List, Sequence, Tuple

from tests.conversation.acceptance import normalise, problems, reply_text

CONVERSATIONS: List[Dict] = [
    {"name": "sv population, other partner, area, country", "turns": [
        {"q": "hur många bor i jb marks?", "lang": "sv", "expect": ["250 000"]},
        {"q": "och i Vushtrri?", "lang": "sv", "expect": ["70 000"], "forbid": ["345", "2013"]},
        {"q": "hur stor är den till ytan?", "lang": "sv", "expect": ["345"], "forbid": ["6 398"]},
        {"q": "vilket land ligger den i", "lang": "sv", "expect": ["Kosovo"], "forbid": ["Sydafrika"]},
    ]},
    {"name": "sv project list, the first, follow-ups", "turns": [
        {"q": "vilka projekt finns med vushtrri?", "lang": "sv", "expect": ["SEKOS 2", "MIS 2"]},
        {"q": "det första", "lang": "sv", "expect": ["SEKOS 2"], "forbid": ["inte visat"]},
        {"q": "när genomfördes det?", "lang": "sv", "expect": ["2018", "2021"], "forbid": ["Vilket projekt menar"]},
        {"q": "vem ägde det?", "lang": "sv", "expect": ["Utbildningsförvaltningen"], "forbid": ["Vilket projekt menar"]},
    ]},
    {"name": "en population, other partner, area", "turns": [
        {"q": "how many people live in vushtrri?", "lang": "en", "expect": ["70,000"]},
        {"q": "what about JB Marks?", "lang": "en", "expect": ["250,000"], "forbid": ["6,398"]},
        {"q": "and how big is it?", "lang": "en", "expect": ["6,398"], "forbid": ["345"]},
    ]},
    {"name": "en project list, the first, follow-ups", "turns": [
        {"q": "which projects are there with Vushtrri?", "lang": "en", "expect": ["SEKOS 2", "MIS 2"]},
        {"q": "the first one", "lang": "en", "expect": ["SEKOS 2"], "forbid": ["haven't shown"]},
        {"q": "who owned it?", "lang": "en", "expect": ["Education Department"], "forbid": ["Which project do you mean"]},
        {"q": "when did it run?", "lang": "en", "expect": ["2018", "2021"], "forbid": ["Which project do you mean"]},
    ]},
    {"name": "sv, switch to English, English follow-ups", "turns": [
        {"q": "hur många bor i jb marks", "lang": "sv", "expect": ["250 000"]},
        {"q": "svara på engelska", "lang": "en", "expect_any": ["English", "engelska"]},
        {"q": "och i vushtrri?", "lang": "en", "expect": ["70,000"], "forbid": ["345", "2013"]},
        {"q": "how big is it?", "lang": "en", "expect": ["345"], "forbid": ["6,398"]},
    ]},
    {"name": "sv family team follow-ups", "turns": [
        {"q": "berätta om familjeteamet", "lang": "sv", "expect": ["Familjeteam"]},
        # "hur många familjer fick stöd?" needs no context: one project's statement says it (docs/scope.md, ninth pass)
        {"q": "hur många deltog?", "lang": "sv", "expect": ["41", "21"], "forbid": ["Vilket projekt menar"]},
        {"q": "vem var projektägare", "lang": "sv", "expect": ["Arbete och välfärd"], "forbid": ["Vilket projekt menar"]},
    ]},
]


def turn_problems(messages: List[Dict], turn: Dict) -> List[str]:
    """What is wrong with a reply: missing facts, wrong language (tests.conversation.acceptance), forbidden text."""
    reply = reply_text(messages)
    found = problems(reply, turn, turn["lang"])
    text = normalise(reply)
    present = [item for item in turn.get("forbid") or [] if normalise(item) in text]
    if present:
        found.append(f"says {present}, as it does without context")
    return found


def follow_ups() -> List[Dict]:
    return [turn for conversation in CONVERSATIONS for turn in conversation["turns"][1:] if turn.get("forbid")]


def assert_context_needed(send, new_sender) -> None:
    """Each follow-up, sent as the first message of a new conversation, must fail its check."""
    passing = [turn["q"] for turn in follow_ups() if not turn_problems(send(new_sender(), turn["q"]), turn)]
    assert not passing, f"these follow-ups pass without context, so they prove nothing: {passing}"


def assert_events_complete(events: Sequence[Dict], exchanges: Sequence[Tuple[str, List[Dict]]],
                           sessions: int = 1) -> None:
    """The stored events of one conversation hold every turn, in the order sent, with the replies given.

    events: the `data` of each stored event, in storage order (by id). exchanges: (message, reply messages).
    """
    kinds = [event["event"] for event in events]
    assert kinds[:3] == ["action", "session_started", "action"], f"does not start a session: {kinds[:5]}"
    assert kinds.count("session_started") == sessions, f"{kinds.count('session_started')} sessions, expected {sessions}"
    timestamps = [event["timestamp"] for event in events]
    assert timestamps == sorted(timestamps), "events are stored out of order"
    user_positions = [i for i, kind in enumerate(kinds) if kind == "user"]
    assert [events[i]["text"] for i in user_positions] == [message for message, _ in exchanges], \
        "the user messages stored differ from those sent (missing, duplicated or reordered)"
    ends = user_positions[1:] + [len(events)]
    for (message, reply), start, end in zip(exchanges, user_positions, ends):
        turn = events[start:end]
        bot_texts = [event.get("text") for event in turn if event["event"] == "bot"]
        assert bot_texts == [m.get("text") for m in reply], f"turn {message!r}: stored replies {bot_texts} != sent {reply}"
        last_action = [event for event in turn if event["event"] == "action"][-1]
        assert last_action["name"] == "action_listen", f"turn {message!r} is not complete: ends with {last_action}"


def load_events(rows) -> List[Dict]:
    return [json.loads(data) for (data,) in rows]
