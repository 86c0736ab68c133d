"""Input limits before NLU on REST and socket.io: over-long messages get a friendly answer in the conversation's
language, malformed requests a 4xx, and a 100,000-character message does not grow the server's memory."""
import asyncio

import pytest

from tests.hardening.helpers import SocketClient, text_of, vushtrri_population

SV_TOO_LONG, EN_TOO_LONG = "för lång", "too long"


def test_an_over_long_rest_message_gets_a_request_for_a_shorter_question_in_swedish(bot):
    sender = bot.new_sender()
    assert vushtrri_population("sv") in text_of(bot.send(sender, "hur många bor i Vushtrri?"))
    answer = text_of(bot.send(sender, "Hur många bor i Vushtrri? " * 100))
    assert SV_TOO_LONG in answer and "1 000" in answer, answer
    assert vushtrri_population("sv") in text_of(bot.send(sender, "hur många bor i Vushtrri?"))


def test_an_over_long_rest_message_gets_an_english_answer_in_an_english_conversation(bot):
    sender = bot.new_sender()
    assert vushtrri_population("en") in text_of(bot.send(sender, "how many people live in Vushtrri?"))
    answer = text_of(bot.send(sender, "x" * 100_000))
    assert EN_TOO_LONG in answer and "1,000" in answer, answer


def test_a_first_over_long_message_is_answered_in_its_own_language(bot):
    answer = text_of(bot.send(bot.new_sender(), "How many people live in Vushtrri, and which projects are there? " * 30))
    assert EN_TOO_LONG in answer, answer


def test_the_limit_is_inclusive(bot):
    answer = text_of(bot.send(bot.new_sender(), ("hur många bor i Vushtrri? " + "a" * 1000)[:1000]))
    assert SV_TOO_LONG not in answer


@pytest.mark.parametrize("body", [
    [], "hej", 5, None, {"sender": "a"}, {"sender": "a", "message": 5}, {"sender": "a", "message": None},
    {"sender": "a", "message": {"text": "hej"}}, {"sender": "a", "message": ""}, {"sender": ["a"], "message": "hej"},
    {"sender": "a" * 1000, "message": "hej"}, {"sender": "a", "message": "hej", "metadata": [1, 2]},
    {"sender": "a", "message": "hej", "metadata": {"x": "y" * 10_000}},
])
def test_malformed_json_bodies_get_400(bot, body):
    response = bot.post(body)
    assert response.status_code == 400, (body, response.status_code, response.text[:300])
    assert "error" in response.json()


@pytest.mark.parametrize("data, status", [(b"{not json", 400), (b"\xff\xfe\x00garbage", 400), (b"", 400),
                                          (b'{"sender": "a", "message": "' + b"a" * 1_200_000 + b'"}', 413)])
def test_broken_bodies_get_4xx(bot, data, status):
    response = bot.post(data=data, headers={"Content-Type": "application/json"})
    assert response.status_code == status, (data[:40], response.status_code, response.text[:300])


def test_a_body_over_the_server_limit_is_refused(bot):
    response = bot.post(data=b"a" * 3_000_000, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500


def test_100000_character_messages_do_not_grow_the_memory(bot):
    sender = bot.new_sender()
    bot.send(sender, "hej")
    before = bot.rss_mb()
    for _ in range(5):
        answer = text_of(bot.send(sender, "Vushtrri " * 11_111))
        assert SV_TOO_LONG in answer or EN_TOO_LONG in answer
    grown = bot.rss_mb() - before
    assert grown < 50, f"the Rasa server grew by {grown:.0f} MB"
    assert bot.alive()


def test_socketio_over_long_and_malformed_messages(bot):
    async def run():
        client = SocketClient(bot.url, transports=["websocket"])
        session = await client.start()
        try:
            first = await client.say(session, "how many people live in Vushtrri?")
            # Malformed events are dropped: no answer, no crash.
            for payload in (None, "hej", [1, 2], {"message": 5, "session_id": session}, {"message": "hej"},
                            {"message": "hej", "session_id": {"a": 1}}, {"message": "", "session_id": session},
                            {"message": "hej", "session_id": session, "customData": "{broken"},
                            {"message": "hej", "session_id": session, "customData": [1]}):
                await client.sio.emit("user_uttered", payload)
            await client.sio.emit("session_request", "not a dict")
            await client.sio.emit("session_request", {"session_id": ["x"]})
            await asyncio.sleep(2)
            assert client.events.empty(), await client.events.get()
            too_long = await client.say(session, "x" * 100_000)
            again = await client.say(session, "how many people live in Vushtrri?")
            return first, too_long, again
        finally:
            await client.close()

    first, too_long, again = asyncio.run(run())
    assert vushtrri_population("en") in text_of(first)
    assert EN_TOO_LONG in text_of(too_long) and too_long[0]["metadata"] == {"language": "en"}
    assert vushtrri_population("en") in text_of(again)
