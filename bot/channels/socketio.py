"""Rasa's socket.io channel, plus each answer's response `metadata` (its language) on every `bot_uttered`.

The stock SocketIOOutput drops a response's metadata. The chat widget needs `metadata.language` to mark each
answer with the right `lang` attribute, so a screen reader reads an English answer on a Swedish page in English.
Everything else is Rasa's: the event names (`session_request`/`session_confirm`, `user_uttered`/`bot_uttered`),
the payload shape (`text`, `quick_replies`, `attachment`, ...) and session persistence, so standard Rasa socket.io
clients keep working; they just see one more key. Registered in bot/credentials.yml as
`bot.channels.socketio.SocketIOWithMetadataInput`.
"""
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot import patches
from bot.channels import guard


class SocketIOWithMetadataOutput(SocketIOOutput):
    """Adds the response's `metadata` (e.g. {"language": "en"}) to each message it emits for that response."""

    def __init__(self, sio: Any, bot_message_evt: Text) -> None:
        super().__init__(sio, bot_message_evt)
        self._metadata: Dict[Text, Any] = {}

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        # One response can become several emits (paragraphs, buttons): each carries the response's metadata.
        # Responses of one turn are sent one after the other, so the attribute never mixes two of them.
        metadata = message.get("metadata")
        self._metadata = dict(metadata) if isinstance(metadata, dict) else {}
        try:
            await super().send_response(recipient_id, message)
        finally:
            self._metadata = {}

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        if self._metadata and isinstance(response, dict):
            response = {**response, "metadata": self._metadata}
        await super()._send_message(socket_id, response)


class SocketIOWithMetadataInput(SocketIOInput):
    """Rasa's socket.io input channel, answering through SocketIOWithMetadataOutput."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def get_output_channel(self) -> Optional[OutputChannel]:
        if self.sio is None:
            return super().get_output_channel()
        return SocketIOWithMetadataOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        patches.require_installed()
        async def answer_with_metadata(message: UserMessage) -> Any:
            # The stock handler builds a stock SocketIOOutput for each message; swap in ours.
            message.output_channel = SocketIOWithMetadataOutput(self.sio, self.bot_message_evt)
            return await guard.handle(message, on_new_message)  # limits, redaction, faults: bot/channels/guard.py

        blueprint = super().blueprint(answer_with_metadata)
        patches.check_socketio_events(self)  # malformed events are dropped before Rasa's handlers see them
        return blueprint
