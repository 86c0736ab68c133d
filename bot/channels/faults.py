"""When a turn fails, the visitor still gets an answer.

If a custom action failed (action server down, or slower than ACTION_TIMEOUT_SECONDS, default 10; after one failure
the turn's later action calls fail at once: bot/patches.py) or Rasa raised, and the bot said nothing, the visitor
gets the message of bot/service_unavailable.yml in the conversation's language with the municipality's contact
details from content/resources.yml. docs/security.md.
"""
import contextvars
import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import yaml
from rasa.core.channels.channel import UserMessage

from bot.language_policy import answer_language, decide, inputs_from_message

logger = logging.getLogger(__name__)

SERVICE_UNAVAILABLE_FILE = Path(__file__).resolve().parents[1] / "service_unavailable.yml"


def action_timeout_seconds() -> float:
    try:
        value = float(os.environ.get("ACTION_TIMEOUT_SECONDS") or 10)
    except ValueError:
        value = 10.0
    return value if value > 0 else 10.0


class TurnState:
    def __init__(self) -> None:
        self.action_failed = False


_TURN: "contextvars.ContextVar[Optional[TurnState]]" = contextvars.ContextVar("vaxjo_turn", default=None)


def current_turn() -> Optional[TurnState]:
    """The state of the guarded turn being answered, if any (the action deadline in bot/patches.py records here)."""
    return _TURN.get()


@lru_cache(maxsize=None)
def _service_unavailable_texts() -> Dict[Text, Text]:
    from actions.portfolio import get_portfolio  # the contact details live in content/resources.yml only

    texts = yaml.safe_load(SERVICE_UNAVAILABLE_FILE.read_text(encoding="utf-8"))
    contact = get_portfolio().resources.contact
    return {language: texts[language].format(name=contact.name(language), website=contact.website,
                                             email=contact.email, phone=contact.phone) for language in ("sv", "en")}


def service_unavailable_message(language: Text) -> Dict[Text, Any]:
    language = answer_language(language)
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
    """The language bot/language_policy.py gives the conversation's last stored message, with this message's page
    language; Swedish by default."""
    try:
        tracker = await agent.tracker_store.retrieve(sender_id) if agent is not None else None
    except Exception:
        tracker = None
    message: Dict[Text, Any] = {"metadata": metadata}
    current = preferred = None
    if tracker is not None:
        message = {**(tracker.latest_message.parse_data or {}), "metadata": metadata}
        current, preferred = tracker.get_slot("language"), tracker.get_slot("preferred_language")
    return answer_language(decide(inputs_from_message(message, current, preferred)).language)


async def answer_or_apologise(message: UserMessage, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                              agent: Any = None) -> None:
    """Lets Rasa answer the message, and tells the visitor when a failure left them without an answer."""
    output = message.output_channel
    sent = []
    original_send = output.send_response

    async def counting_send(recipient_id: Text, response: Dict[Text, Any]) -> None:
        sent.append(1)
        await original_send(recipient_id, response)

    output.send_response = counting_send  # type: ignore[method-assign]
    turn = TurnState()
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
