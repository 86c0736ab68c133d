"""One guard for every input channel (REST: bot/channels/rest.py, socket.io: bot/channels/socketio.py).

Before a visitor's text becomes a Rasa UserMessage (and so before NLU, the tracker store and any log):

- the request is validated: a malformed one gets a 4xx on REST and is dropped on socket.io, never a 5xx;
- a text over MAX_MESSAGE_CHARS (env, default 1000) is replaced by the payload `/message_too_long`, which skips
  NLU (Rasa 3.6 grows to many GB of memory on one 100,000-character message) and is answered by
  `action_message_too_long` in the conversation's language; the over-long text itself is never stored;
- NUL and other control characters and lone surrogates are removed (PostgreSQL cannot store NUL);
- personal data (personnummer, phone numbers, e-mail addresses, long numbers) is redacted with
  bot.privacy.redact, in the text and in the metadata's strings.

After the turn: if a custom action failed (action server down, or slower than ACTION_TIMEOUT_SECONDS, default
10; after one failure the turn's later action calls fail at once) and the bot said nothing, the visitor gets the message of
bot/service_unavailable.yml in the conversation's language with the municipality's contact details from
content/resources.yml. Rasa 3.6 ignores a `timeout` in endpoints.yml (it waits 5 minutes for an action), so the
deadline is applied here, by wrapping RemoteAction.run (installed when this module is imported). docs/security.md.
"""
import asyncio
import contextvars
import json
import logging
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import yaml
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import UserMessage
from rasa.shared.exceptions import RasaException

from bot.privacy import redact

logger = logging.getLogger(__name__)

TOO_LONG_PAYLOAD = "/message_too_long"
MAX_SENDER_CHARS = 128
MAX_METADATA_CHARS = 2000
SERVICE_UNAVAILABLE_FILE = Path(__file__).resolve().parents[1] / "service_unavailable.yml"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def max_message_chars() -> int:
    return _positive_int("MAX_MESSAGE_CHARS", 1000)


def action_timeout_seconds() -> float:
    try:
        value = float(os.environ.get("ACTION_TIMEOUT_SECONDS") or 10)
    except ValueError:
        value = 10.0
    return value if value > 0 else 10.0


def _positive_int(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name) or default)
    except ValueError:
        return default
    return value if value > 0 else default


class InvalidPayload(ValueError):
    """A malformed request: REST answers 400 with this message, socket.io drops the event."""


# --- validating what a channel received ---------------------------------------------------------------------------
def _check_sender(sender: Any, required: bool) -> Optional[Text]:
    if sender is None and not required:
        return None
    if isinstance(sender, bool) or not isinstance(sender, (str, int)):
        raise InvalidPayload("'sender' must be a string")
    sender = _clean(str(sender)).strip()
    if not sender or len(sender) > MAX_SENDER_CHARS:
        raise InvalidPayload(f"'sender' must have 1 to {MAX_SENDER_CHARS} characters")
    return sender


def _check_text(text: Any) -> Text:
    if not isinstance(text, str):
        raise InvalidPayload("'message' must be a string")
    if not text.strip():
        raise InvalidPayload("'message' must not be empty")
    return text


def _check_metadata(metadata: Any) -> Optional[Dict[Text, Any]]:
    if metadata is None:
        return None
    if isinstance(metadata, str):  # Rasa's socket.io channel accepts metadata as a JSON string
        if len(metadata) > MAX_METADATA_CHARS:
            raise InvalidPayload(f"'metadata' must be at most {MAX_METADATA_CHARS} characters of JSON")
        try:
            metadata = json.loads(metadata)
        except ValueError:
            raise InvalidPayload("'metadata' is not valid JSON") from None
    if not isinstance(metadata, dict):
        raise InvalidPayload("'metadata' must be an object")
    try:
        size = len(json.dumps(metadata, ensure_ascii=False))
    except (TypeError, ValueError):
        raise InvalidPayload("'metadata' is not valid JSON") from None
    if size > MAX_METADATA_CHARS:
        raise InvalidPayload(f"'metadata' must be at most {MAX_METADATA_CHARS} characters of JSON")
    return metadata


def validate_rest(body: Any) -> Dict[Text, Any]:
    """The REST body {"sender", "message", "metadata"?}, checked; raises InvalidPayload."""
    if not isinstance(body, dict):
        raise InvalidPayload("the body must be a JSON object with 'sender' and 'message'")
    return {"sender": _check_sender(body.get("sender"), required=False), "message": _check_text(body.get("message")),
            "metadata": _check_metadata(body.get("metadata"))}


def validate_socketio(data: Any, metadata_key: Text, session_required: bool) -> Dict[Text, Any]:
    """A socket.io `user_uttered` payload, checked; raises InvalidPayload."""
    if not isinstance(data, dict):
        raise InvalidPayload("the payload must be an object with 'message'")
    checked = {"message": _check_text(data.get("message"))}
    if session_required or data.get("session_id") is not None:
        checked["session_id"] = _check_sender(data.get("session_id"), required=True)
    metadata = _check_metadata(data.get(metadata_key))
    if metadata is not None:
        checked[metadata_key] = metadata
    return checked


# --- cleaning the text before Rasa sees it --------------------------------------------------------------------------
def _clean(text: Text) -> Text:
    return _CONTROL.sub("", text)


def _clean_value(value: Any, depth: int = 0) -> Any:
    if isinstance(value, str):
        return redact(_clean(value))
    if depth > 5:
        return None
    if isinstance(value, dict):
        return {_clean(str(key)): _clean_value(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean_value(item, depth + 1) for item in value]
    return value


def _language_of_long_text(text: Text) -> Optional[Text]:
    try:
        from bot.language import guess_language

        return guess_language(text[:300])
    except Exception:  # a guess only: the conversation's language slot wins anyway
        return None


def prepare(message: UserMessage) -> UserMessage:
    """Replaces an over-long text by /message_too_long, and redacts personal data in the text and metadata."""
    text = message.text if isinstance(message.text, str) else ""
    metadata = _clean_value(message.metadata) if isinstance(message.metadata, dict) else None
    if len(text) > max_message_chars():
        language = _language_of_long_text(text)
        if language and not (metadata or {}).get("language"):
            # Used only while the conversation has no language yet (actions/language.py: page_language).
            metadata = {**(metadata or {}), "language": language}
        message.text = TOO_LONG_PAYLOAD
    else:
        message.text = redact(_clean(text))
    message.metadata = metadata
    return message


# --- faults: a deadline for the action server, a message when it fails ------------------------------------------
class _Turn:
    def __init__(self) -> None:
        self.action_failed = False


_TURN: "contextvars.ContextVar[Optional[_Turn]]" = contextvars.ContextVar("vaxjo_turn", default=None)


def install_action_deadline() -> None:
    """Makes every custom action call give up after ACTION_TIMEOUT_SECONDS, and, within a guarded turn, records a
    failed call and fails the turn's later calls at once: a hanging action server costs one timeout per turn, not
    one per action (Rasa calls action_validate_slot_mappings and then the answering action)."""
    if getattr(RemoteAction.run, "_vaxjo_deadline", False):
        return
    original = RemoteAction.run

    async def run(self, output_channel, nlg, tracker, domain):  # type: ignore[no-untyped-def]
        turn = _TURN.get()
        if turn is not None and turn.action_failed:
            raise RasaException(f"Skipped custom action '{self.name()}': the action server failed in this turn")
        timeout = action_timeout_seconds()
        try:
            return await asyncio.wait_for(original(self, output_channel, nlg, tracker, domain), timeout)
        except ActionExecutionRejection:
            raise
        except asyncio.TimeoutError:
            if turn is not None:
                turn.action_failed = True
            logger.error(f"The action server did not answer '{self.name()}' within {timeout:g} s.")
            raise RasaException(f"Custom action '{self.name()}' timed out") from None
        except Exception:
            if turn is not None:
                turn.action_failed = True
            raise

    run._vaxjo_deadline = True  # type: ignore[attr-defined]
    RemoteAction.run = run  # type: ignore[assignment]


install_action_deadline()


@lru_cache(maxsize=None)
def _service_unavailable_texts() -> Dict[Text, Text]:
    from actions.portfolio import get_portfolio  # the contact details live in content/resources.yml only

    texts = yaml.safe_load(SERVICE_UNAVAILABLE_FILE.read_text(encoding="utf-8"))
    contact = get_portfolio().resources.contact
    return {language: texts[language].format(name=contact.name(language), website=contact.website,
                                             email=contact.email, phone=contact.phone) for language in ("sv", "en")}


def service_unavailable_message(language: Text) -> Dict[Text, Any]:
    language = language if language in ("sv", "en") else "sv"
    return {"text": _service_unavailable_texts()[language], "metadata": {"language": language}}


def _find_agent() -> Any:
    from sanic import Sanic

    for name in (None, "rasa_server", "rasa_core_no_api"):
        try:
            app = Sanic.get_app(name) if name else Sanic.get_app()
            return app.ctx.agent
        except Exception:
            continue
    return None


async def conversation_language(agent: Any, sender_id: Text, metadata: Optional[Dict]) -> Text:
    """As actions/language.py decides it: asked-for language, this message's language, the conversation's,
    the page's; Swedish by default."""
    try:
        tracker = await agent.tracker_store.retrieve(sender_id) if agent is not None else None
    except Exception:
        tracker = None
    if tracker is not None:
        detected = [e.get("value") for e in (tracker.latest_message.parse_data or {}).get("entities") or []
                    if e.get("entity") == "message_language"]
        for value in [tracker.get_slot("preferred_language"), *detected, tracker.get_slot("language")]:
            if value in ("sv", "en"):
                return value
    page = str((metadata or {}).get("language") or "").lower()[:2]
    return page if page in ("sv", "en") else "sv"


async def handle(message: UserMessage, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                 agent: Any = None) -> None:
    """Cleans the message, lets Rasa answer it, and tells the visitor when a failure left them without an answer."""
    prepare(message)
    output = message.output_channel
    sent = []
    original_send = output.send_response

    async def counting_send(recipient_id: Text, response: Dict[Text, Any]) -> None:
        sent.append(1)
        await original_send(recipient_id, response)

    output.send_response = counting_send  # type: ignore[method-assign]
    turn = _Turn()
    token = _TURN.set(turn)
    failed = False
    try:
        await on_new_message(message)
    except Exception:  # logged without the visitor's text
        logger.exception(f"Handling a message of conversation {message.sender_id} failed.")
        failed = True
    finally:
        _TURN.reset(token)
        output.send_response = original_send  # type: ignore[method-assign]
    if (failed or turn.action_failed) and not sent:
        language = await conversation_language(agent or _find_agent(), message.sender_id, message.metadata)
        try:
            await output.send_response(message.sender_id, service_unavailable_message(language))
        except Exception:
            logger.exception("Sending the service-unavailable message failed.")


def protect_socketio(channel: Any) -> None:
    """Checks the raw socket.io events of a SocketIOInput before Rasa's own handlers see them: a malformed
    `user_uttered` or `session_request` is dropped (and logged without its content) instead of raising."""
    handlers = channel.sio.handlers.get(channel.namespace or "/", {})
    message_handler = handlers.get(channel.user_message_evt)
    session_handler = handlers.get("session_request")

    async def checked_message(sid: Text, *args: Any) -> None:
        try:
            data = validate_socketio(args[0] if len(args) == 1 else None, channel.metadata_key,
                                     channel.session_persistence)
        except InvalidPayload as problem:
            logger.warning(f"Dropped a malformed socket.io message from {sid}: {problem}")
            return
        await message_handler(sid, data)

    async def checked_session(sid: Text, *args: Any) -> None:
        data = args[0] if len(args) == 1 else None
        if data is not None and not isinstance(data, dict):
            logger.warning(f"Dropped a malformed socket.io session_request from {sid}")
            return
        session_id = (data or {}).get("session_id")
        try:
            session_id = _check_sender(session_id, required=False)
        except InvalidPayload as problem:
            logger.warning(f"Dropped a malformed socket.io session_request from {sid}: {problem}")
            return
        await session_handler(sid, {"session_id": session_id})

    if message_handler is not None:
        handlers[channel.user_message_evt] = checked_message
    if session_handler is not None:
        handlers["session_request"] = checked_session
