"""One guard for every input channel (REST: bot/channels/rest.py, socket.io: bot/channels/socketio.py), one module
per concern:

- bot/channels/validation.py: a malformed request gets a 400 on REST and is dropped on socket.io;
- bot/channels/cleaning.py: over-long texts, control characters and personal data, before Rasa sees the text;
- bot/channels/faults.py: a friendly message with contact details when a turn fails and the bot said nothing.

The patches of Rasa and python-socketio internals these rely on (the action deadline, the checked socket.io
handlers) live in bot/patches.py.
"""
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage

from bot.channels.cleaning import prepare
from bot.channels.faults import answer_or_apologise


async def handle(message: UserMessage, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                 agent: Any = None) -> None:
    """Cleans the message, lets Rasa answer it, and tells the visitor when a failure left them without an answer."""
    prepare(message)
    await answer_or_apologise(message, on_new_message, agent)
