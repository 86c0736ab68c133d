"""Payloads ("/intent{...}", sent by buttons and the chat widget's feedback) reach Rasa's RegexMessageHandler
as sent, so their intent and entities (e.g. feedback_value) are kept."""
from rasa.shared.nlu.training_data.message import Message

from bot.components.text_normalizer import TextNormalizer


def test_payloads_are_not_folded_but_text_is():
    payload = Message(data={"text": '/feedback{"feedback_value": "up"}'})
    text = Message(data={"text": "Vilka projekt/partnerskap finns?"})
    TextNormalizer().process([payload, text])
    assert payload.get("text") == '/feedback{"feedback_value": "up"}'
    assert text.get("text") == "vilka projekt partnerskap finns?"
