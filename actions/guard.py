"""The answer to an over-long message: bot/channels/guard.py replaces it by the payload /message_too_long."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.portfolio.text import format_number
from bot.language_policy import answer_language
from bot.limits import max_message_chars


class ActionMessageTooLong(Action):
    def name(self) -> Text:
        return "action_message_too_long"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        limit = max_message_chars()
        language = answer_language(tracker.get_slot("language"))
        dispatcher.utter_message(response="utter_message_too_long", max_chars=format_number(limit, language))
        return []
