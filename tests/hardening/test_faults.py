"""The action server down or hanging: a friendly answer in the conversation's language with the municipality's
contact details (from content/resources.yml), the Rasa server stays up, and it recovers by itself."""
import time

from tests.hardening.conftest import ACTION_PORT, ACTION_TIMEOUT, HangingServer
from tests.hardening.helpers import contact, socket_conversation, text_of, vushtrri_population


def _assert_fallback(answer: str, language: str) -> None:
    assert ("Tyvärr" if language == "sv" else "Sorry") in answer, answer
    for detail in (contact().phone, contact().email, contact().website):
        assert detail in answer, (detail, answer)


def test_action_server_down_then_back(healthy):
    bot = healthy
    swedish, english = bot.new_sender(), bot.new_sender()
    assert vushtrri_population("sv") in text_of(bot.send(swedish, "hur många bor i Vushtrri?"))
    assert vushtrri_population("en") in text_of(bot.send(english, "how many people live in Vushtrri?"))

    bot.actions.stop()
    _assert_fallback(text_of(bot.send(swedish, "hur stor är JB Marks?")), "sv")
    _assert_fallback(text_of(bot.send(english, "and how big is JB Marks?")), "en")
    _assert_fallback(text_of(bot.send(bot.new_sender(), "hur många bor i Vushtrri?")), "sv")
    _assert_fallback(text_of(bot.send(bot.new_sender(), "how many people live in Vushtrri?")), "en")
    _, [over_socket] = socket_conversation(bot.url, ["how many people live in Vushtrri?"])
    _assert_fallback(text_of(over_socket), "en")
    assert over_socket[0]["metadata"] == {"language": "en"}
    assert bot.alive()

    bot.actions.start()
    assert vushtrri_population("sv") in text_of(bot.send(swedish, "hur många bor i Vushtrri?"))
    assert vushtrri_population("en") in text_of(bot.send(english, "how many people live in Vushtrri?"))


def test_hanging_action_server_answers_within_the_deadline_then_recovers(healthy):
    bot = healthy
    sender = bot.new_sender()
    assert vushtrri_population("en") in text_of(bot.send(sender, "how many people live in Vushtrri?"))
    bot.actions.stop()
    hanging = HangingServer(ACTION_PORT)
    try:
        started = time.monotonic()
        answer = text_of(bot.send(sender, "and how many live in JB Marks?"))
        elapsed = time.monotonic() - started
        _assert_fallback(answer, "en")
        assert elapsed < ACTION_TIMEOUT + 4, f"the fallback took {elapsed:.1f} s (deadline {ACTION_TIMEOUT} s)"
        assert bot.alive()
    finally:
        hanging.close()
    bot.actions.start()
    assert vushtrri_population("en") in text_of(bot.send(sender, "how many people live in Vushtrri?"))
