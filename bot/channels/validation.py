"""Validating what a channel received, before anything else reads it: a malformed request gets a 400 on REST and is
dropped on socket.io (bot/patches.py wraps socket.io's handlers with these checks), never a 5xx."""
import json
from typing import Any, Dict, Optional, Text

from bot.channels.cleaning import remove_control_characters

MAX_SENDER_CHARS = 128
MAX_METADATA_CHARS = 2000


class InvalidPayload(ValueError):
    """A malformed request: REST answers 400 with this message, socket.io drops the event."""


def check_sender(sender: Any, required: bool) -> Optional[Text]:
    if sender is None and not required:
        return None
    if isinstance(sender, bool) or not isinstance(sender, (str, int)):
        raise InvalidPayload("'sender' must be a string")
    sender = remove_control_characters(str(sender)).strip()
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
    return {"sender": check_sender(body.get("sender"), required=False), "message": _check_text(body.get("message")),
            "metadata": _check_metadata(body.get("metadata"))}


def validate_socketio(data: Any, metadata_key: Text, session_required: bool) -> Dict[Text, Any]:
    """A socket.io `user_uttered` payload, checked; raises InvalidPayload."""
    if not isinstance(data, dict):
        raise InvalidPayload("the payload must be an object with 'message'")
    checked = {"message": _check_text(data.get("message"))}
    if session_required or data.get("session_id") is not None:
        checked["session_id"] = check_sender(data.get("session_id"), required=True)
    metadata = _check_metadata(data.get(metadata_key))
    if metadata is not None:
        checked[metadata_key] = metadata
    return checked


def validate_session_request(data: Any) -> Dict[Text, Any]:
    """A socket.io `session_request` payload ({"session_id"?}), checked; raises InvalidPayload."""
    if data is not None and not isinstance(data, dict):
        raise InvalidPayload("the payload must be an object")
    return {"session_id": check_sender((data or {}).get("session_id"), required=False)}
