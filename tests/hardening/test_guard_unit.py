"""bot/channels/ (guard, validation, cleaning, faults), bot/patches.py and actions/guard.py on their own, without servers."""
import asyncio
import socket
import time

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.guard import ActionMessageTooLong
from bot.channels import cleaning, guard, validation
from tests.hardening.conftest import HangingServer
from tests.hardening.helpers import contact


def _message(text, metadata=None):
    return cleaning.prepare(UserMessage(text, CollectingOutputChannel(), "s", metadata=metadata))


def test_personal_data_is_redacted_and_the_question_kept():
    message = _message("mitt personnummer är 19800101-1234, hur många bor i Vushtrri? mejla anna@example.se")
    assert "19800101" not in message.text and "anna@" not in message.text
    assert "hur många bor i Vushtrri?" in message.text


def test_an_over_long_message_becomes_the_payload_and_is_never_kept(monkeypatch):
    monkeypatch.setenv("MAX_MESSAGE_CHARS", "1000")
    assert _message("a" * 1000).text == "a" * 1000
    message = _message("Hur många bor i Vushtrri? " * 4000)
    assert message.text == cleaning.TOO_LONG_PAYLOAD
    english = _message("How many people live in Vushtrri and what projects are there with JB Marks? " * 50)
    assert english.text == cleaning.TOO_LONG_PAYLOAD and english.metadata == {"language": "en"}
    page = _message("x" * 5000, metadata={"language": "sv"})  # the page's language is kept
    assert page.metadata == {"language": "sv"}


def test_control_characters_and_lone_surrogates_are_removed():
    assert _message("hej\x00\x07 d\ud800å\ti\nVushtrri").text == "hej då\ti\nVushtrri"


def test_metadata_strings_are_redacted():
    message = _message("hej", metadata={"language": "sv", "note": "ring 070-123 45 67", "nested": [{"e": "a@b.se"}]})
    assert message.metadata == {"language": "sv", "note": "ring [telefon]", "nested": [{"e": "[e-post]"}]}


@pytest.mark.parametrize("body", [
    None, [], "hej", 5, {"sender": "a"}, {"message": 5}, {"message": ["hej"]}, {"message": "   "},
    {"message": "hej", "sender": {"id": 1}}, {"message": "hej", "sender": "x" * 500}, {"message": "hej", "sender": True},
    {"message": "hej", "metadata": [1]}, {"message": "hej", "metadata": "nope"},
    {"message": "hej", "metadata": {"k": "v" * 5000}},
])
def test_malformed_rest_bodies_are_rejected(body):
    with pytest.raises(validation.InvalidPayload):
        validation.validate_rest(body)


def test_valid_bodies_pass():
    assert validation.validate_rest({"sender": "a", "message": "hej"}) == {"sender": "a", "message": "hej", "metadata": None}
    assert validation.validate_rest({"sender": 12, "message": "hej", "metadata": {"language": "en"}})["sender"] == "12"
    checked = validation.validate_socketio({"message": "hej", "session_id": "abc", "customData": '{"language": "en"}'},
                                           "customData", session_required=True)
    assert checked == {"message": "hej", "session_id": "abc", "customData": {"language": "en"}}
    with pytest.raises(validation.InvalidPayload):
        validation.validate_socketio({"message": "hej"}, "customData", session_required=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_hanging_action_server_costs_one_timeout_per_turn_and_gets_the_fallback(monkeypatch):
    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "1")
    port = _free_port()
    server = HangingServer(port)
    action = RemoteAction("action_anything", EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
    collector = CollectingOutputChannel()
    failures = []

    async def on_new_message(message):  # like Rasa: two custom actions per turn, failures logged and swallowed
        for _ in range(2):
            try:
                await action.run(message.output_channel, None, DialogueStateTracker("s", []), Domain.empty())
            except RasaException as failure:
                failures.append(failure)

    started = time.monotonic()
    try:
        asyncio.run(guard.handle(UserMessage("hej", collector, "s"), on_new_message))
    finally:
        server.close()
    assert time.monotonic() - started < 2.5, "after one timeout, the turn's next call must fail at once"
    assert len(failures) == 2
    [answer] = collector.messages
    assert "Tyvärr" in answer["text"]  # (REST's collector drops a response's metadata)
    assert contact().phone in answer["text"] and contact().email in answer["text"]


def test_no_fallback_when_the_bot_answered_or_nothing_failed():
    collector = CollectingOutputChannel()

    async def answers(message):
        await message.output_channel.send_response(message.sender_id, {"text": "svar"})

    asyncio.run(guard.handle(UserMessage("hej", collector, "s"), answers))

    async def silent(message):
        return None

    asyncio.run(guard.handle(UserMessage("hej", collector, "s"), silent))
    assert [m["text"] for m in collector.messages] == ["svar"]


def test_an_exception_in_rasa_gets_the_english_fallback_for_an_english_page():
    collector = CollectingOutputChannel()

    async def broken(message):
        raise RuntimeError("tracker store down")

    asyncio.run(guard.handle(UserMessage("hello", collector, "s", metadata={"language": "en"}), broken))
    [answer] = collector.messages
    assert "Sorry" in answer["text"] and contact().website in answer["text"]


@pytest.mark.parametrize("language, limit, expected", [("sv", "1000", "1\u00a0000"), ("en", "1000", "1,000"),
                                                         ("en", "", "1,000"), ("sv", "500", "500")])
def test_the_too_long_action_fills_the_limit_in_the_conversations_language(monkeypatch, language, limit, expected):
    monkeypatch.setenv("MAX_MESSAGE_CHARS", limit)
    tracker = Tracker("s", {"language": language}, {}, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    ActionMessageTooLong().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_message_too_long"
    assert dispatcher.messages[0]["max_chars"] == expected
