"""A standard Rasa socket.io client (python-socketio's AsyncClient, not our widget) talks to the bot:
session_request -> session_confirm, user_uttered -> bot_uttered, with session persistence on.

With session persistence Rasa answers into the room named after the session id; Rasa 3.6.21 joins that room
with python-socketio's enter_room without awaiting it, so with python-socketio >= 5.10 (a coroutine there) no
answer would ever arrive and these tests time out."""
import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Tuple

from tests.browser.conftest import RASA_PORT, stored_events
from tests.socket_client import SocketClient


def run(coroutine):
    """Runs the client in a thread of its own: Playwright's sync API keeps an event loop in this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def standard_client() -> SocketClient:
    return SocketClient(f"http://localhost:{RASA_PORT}")


def test_session_request_confirm_and_answers_with_session_persistence(bot):
    async def conversation() -> Tuple[str, List[Dict], List[Dict], List[Dict]]:
        client = standard_client()
        session = await client.start(None)  # the server makes a session id
        assert isinstance(session, str) and session
        swedish = await client.say(session, "Vilka internationella partnerskap har Växjö kommun?")
        listed = await client.say(session, "Which projects are there?")
        await client.sio.disconnect()

        again = standard_client()  # a new connection, e.g. after a reload: same session, same conversation
        assert await again.start(session) == session
        followup = await again.say(session, "the first one")
        await again.sio.disconnect()
        return session, swedish, listed, followup

    session, swedish, listed, followup = run(conversation())
    assert "JB Marks" in swedish[0]["text"] and "Vushtrri" in swedish[0]["text"]
    assert swedish[0]["metadata"] == {"language": "sv"}
    # Rasa's standard payload: text, and quick_replies with content_type/title/payload.
    with_buttons = [m for m in listed if m.get("quick_replies")]
    assert with_buttons, listed
    assert {"content_type", "title", "payload"} <= set(with_buttons[0]["quick_replies"][0])
    assert with_buttons[0]["metadata"] == {"language": "en"}
    assert "Family Team" in " ".join(m["text"] for m in followup), followup

    users = [e for e in stored_events(session) if e.get("event") == "user"]
    assert [e["text"] for e in users] == ["Vilka internationella partnerskap har Växjö kommun?",
                                          "Which projects are there?", "the first one"]
    assert {e["input_channel"] for e in users} == {"socketio"}


def test_custom_data_is_the_message_metadata(bot):
    async def conversation() -> List[Dict]:
        client = standard_client()
        session = await client.start(None)
        answers = await client.say(session, "JB Marks", customData={"language": "en"})
        await client.sio.disconnect()
        return answers

    answers = run(conversation())
    assert answers[0]["metadata"] == {"language": "en"} and "JB Marks" in answers[0]["text"]
