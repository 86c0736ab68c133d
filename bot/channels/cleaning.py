"""Cleaning a visitor's text before it becomes a Rasa UserMessage (so before NLU, the tracker store and any log).

- a text over MAX_MESSAGE_CHARS (env, default 1000) is replaced by the payload `/message_too_long`, which skips
  NLU (Rasa 3.6 grows to many GB of memory on one 100,000-character message) and is answered by
  `action_message_too_long` in the conversation's language; the over-long text itself is never stored;
- NUL and other control characters and lone surrogates are removed (PostgreSQL cannot store NUL);
- personal data (personnummer, phone numbers, e-mail addresses, long numbers) is redacted with
  bot.privacy.redact, in the text and in the metadata's strings.
"""
import re
from typing import Any, Optional, Text

from rasa.core.channels.channel import UserMessage

from bot.limits import max_message_chars  # noqa: F401  also read from here by the channels
from bot.privacy import redact

TOO_LONG_PAYLOAD = "/message_too_long"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def remove_control_characters(text: Text) -> Text:
    return _CONTROL.sub("", text)


def _clean_value(value: Any, depth: int = 0) -> Any:
    if isinstance(value, str):
        return redact(remove_control_characters(value))
    if depth > 5:
        return None
    if isinstance(value, dict):
        return {remove_control_characters(str(key)): _clean_value(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean_value(item, depth + 1) for item in value]
    return value


def _language_of_long_text(text: Text) -> Optional[Text]:
    try:
        from bot.language_policy import long_text_language

        return long_text_language(text)
    except Exception:  # a guess only: the conversation's language slot wins anyway
        return None


def prepare(message: UserMessage) -> UserMessage:
    """Replaces an over-long text by /message_too_long, and redacts personal data in the text and metadata."""
    text = message.text if isinstance(message.text, str) else ""
    metadata = _clean_value(message.metadata) if isinstance(message.metadata, dict) else None
    if len(text) > max_message_chars():
        language = _language_of_long_text(text)
        if language and not (metadata or {}).get("language"):
            # The page language: used only while the conversation has no language yet (bot/language_policy.py).
            metadata = {**(metadata or {}), "language": language}
        message.text = TOO_LONG_PAYLOAD
    else:
        message.text = redact(remove_control_characters(text))
    message.metadata = metadata
    return message
