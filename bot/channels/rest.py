"""Rasa's REST channel behind bot/channels/guard.py: POST /webhooks/rest/webhook {"sender", "message", "metadata"?}.

Same URL, body and answers as the stock `rest:` channel (its name() is "rest"), plus: a malformed body gets a 400
with a short reason (the stock channel answers some with a 500), an over-long message gets a request for a shorter
question, personal data is redacted before Rasa sees the text, and a fault gets a friendly answer. Registered in
bot/credentials.yml as `bot.channels.rest.GuardedRestInput`. `?stream=true` works as in the stock channel.
"""
import inspect
import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.utils.endpoints import bool_arg
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import patches
from bot.channels import guard
from bot.channels.validation import InvalidPayload, validate_rest

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1_000_000  # as SANIC_REQUEST_MAX_SIZE in scripts/serve.sh; 100,000 characters of text fit


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        patches.require_installed()
        module = inspect.getmodule(self)
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", module.__name__ if module else None)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Any:
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.json({"error": f"the body must be at most {MAX_BODY_BYTES} bytes"}, status=413)
            try:
                body = request.json
            except Exception:
                return response.json({"error": "the body is not valid JSON"}, status=400)
            try:
                checked = validate_rest(body)
            except InvalidPayload as problem:
                return response.json({"error": str(problem)}, status=400)
            agent = getattr(request.app.ctx, "agent", None)

            async def guarded(message: UserMessage) -> None:
                await guard.handle(message, on_new_message, agent)

            sender, text, metadata = checked["sender"], checked["message"], checked["metadata"]
            if bool_arg(request, "stream", default=False):
                return response.stream(self.stream_response(guarded, text, sender, self.name(), metadata),
                                       content_type="text/event-stream")
            collector = CollectingOutputChannel()
            try:
                await guarded(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
            except CancelledError:
                logger.error(f"Answering a message of conversation {sender} was cancelled.")
            return response.json(collector.messages)

        return webhook
