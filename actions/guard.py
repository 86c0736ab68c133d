"""The answer to an over-long message: bot/channels/guard.py replaces it by the payload /message_too_long."""
import os
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.portfolio.text import format_number
from bot.language_policy import answer_language


def max_message_chars() -> int:
    """MAX_MESSAGE_CHARS as the channels read it (bot/channels/guard.py): default 1000."""
    try:
        value = int(os.environ.get("MAX_MESSAGE_CHARS") or 1000)
    except ValueError:
        return 1000
    return value if value > 0 else 1000


class ActionMessageTooLong(Action):
    def name(self) -> Text:
        return "action_message_too_long"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        limit = max_message_chars()
        language = answer_language(tracker.get_slot("language"))
        dispatcher.utter_message(response="utter_message_too_long", max_chars=format_number(limit, language))
        return []
