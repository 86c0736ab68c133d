"""Through the running bot (REST): a question the content cannot answer, that names something it knows, gets
"not found" with whom to ask and a button to what it named; the button's payload answers about it."""
import pytest

CASES = {
    "sv": ("vad gör växjö i kosovo", "Det hittar jag inte", "Komuna Vushtrri i Kosovo"),
    "en": ("what does vaxjo do in kosovo", "I can't find that", "Komuna Vushtrri in Kosovo"),
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_not_found_offers_a_button_to_what_the_question_named(bot, language):
    question, not_found, overview = CASES[language]
    sender = bot.new_sender()
    reply = bot.send(sender, question, page_language=language)
    assert reply and reply[0]["text"].startswith(not_found), reply
    buttons = [button for message in reply for button in message.get("buttons") or []]
    assert [button["title"] for button in buttons] == ["Vushtrri"], reply
    clicked = bot.send(sender, buttons[0]["payload"], page_language=language)
    assert overview in " ".join(message.get("text") or "" for message in clicked), clicked
