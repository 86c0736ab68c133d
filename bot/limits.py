"""The longest message read (MAX_MESSAGE_CHARS, default 1000): the channels replace a longer one by
/message_too_long (bot/channels/cleaning.py) and the action answering it names the limit (actions/guard.py)."""
import os

DEFAULT_MAX_MESSAGE_CHARS = 1000


def max_message_chars() -> int:
    try:
        value = int(os.environ.get("MAX_MESSAGE_CHARS") or DEFAULT_MAX_MESSAGE_CHARS)
    except ValueError:
        return DEFAULT_MAX_MESSAGE_CHARS
    return value if value > 0 else DEFAULT_MAX_MESSAGE_CHARS
