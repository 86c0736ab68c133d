"""Personal data is redacted before it is stored or logged, on REST and socket.io; the rest is answered normally.
On the hardening server, whose action server writes a log of its own (actions.log) that must hold none either."""
import json

from tests.hardening.conftest import LOG_DIR
from tests.hardening.helpers import socket_conversation, stored_rows, text_of, vushtrri_population

QUESTION = "mitt personnummer är 19800101-1234, hur många bor i Vushtrri?"
SECRETS = ("19800101", "070-987 65 43", "0709876543", "hemlig.person@example.se", "hemlig.person", "4455667788990")


def _assert_nowhere(bot, sender, marker="[personnummer]"):
    rows = stored_rows(LOG_DIR / "conversations.db")
    mine = [row for row in rows if sender in [str(value) for value in row]]
    assert mine, f"nothing stored for {sender}"
    raw = "\n".join(repr(row) for row in rows)
    for secret in SECRETS:
        assert secret not in raw, f"{secret} is stored in the tracker store"
    users = [json.loads(row[-1]) for row in mine if '"event": "user"' in row[-1]]
    assert any(marker in json.dumps(event, ensure_ascii=False) for event in users), users
    logs = list(LOG_DIR.rglob("*.log"))
    assert {"rasa.log", "actions.log", "serve.log"} <= {log.name for log in logs}
    for log in logs:
        content = log.read_text(errors="replace")
        for secret in SECRETS:
            assert secret not in content, f"{secret} is in the log {log}"


def test_rest(bot_with_action_server):
    bot = bot_with_action_server
    sender = bot.new_sender()
    answer = text_of(bot.send(sender, QUESTION))
    assert vushtrri_population("sv") in answer, answer
    other = text_of(bot.send(sender, "ring mig på 070-987 65 43 eller 0709876543, mejla hemlig.person@example.se, "
                                     "kundnummer 4455667788990"))
    assert other
    _assert_nowhere(bot, sender)


def test_rest_metadata(bot_with_action_server):
    bot = bot_with_action_server
    sender = bot.new_sender()
    response = bot.post({"sender": sender, "message": "hur många bor i Vushtrri?",
                         "metadata": {"language": "sv", "note": "mejla hemlig.person@example.se"}})
    assert response.status_code == 200 and vushtrri_population("sv") in text_of(response.json())
    _assert_nowhere(bot, sender, marker="[e-post]")


def test_socketio(bot_with_action_server):
    bot = bot_with_action_server
    session, answers = socket_conversation(bot.url, [QUESTION, "ring 070-987 65 43, hemlig.person@example.se"],
                                           customData={"language": "sv"})
    assert vushtrri_population("sv") in text_of(answers[0]), answers[0]
    _assert_nowhere(bot, session)
