"""Keeps the conversation's language, as bot/language_policy.py decides it."""
from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from bot.language_policy import decide, inputs_from_message


def _decision(tracker: Tracker):
    return decide(inputs_from_message(tracker.latest_message or {}, tracker.get_slot("language"),
                                      tracker.get_slot("preferred_language")))


class ValidateSlotMappings(ValidationAction):
    """Runs after every user message, before the answer is chosen, so the answer's language is already set."""

    def name(self) -> Text:
        return "action_validate_slot_mappings"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        return ["preferred_language", "language"]

    def extract_preferred_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: Dict[Text, Any]) -> Dict[Text, Any]:
        preferred = _decision(tracker).preferred
        return {"preferred_language": preferred} if preferred != tracker.get_slot("preferred_language") else {}

    def extract_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: Dict[Text, Any]) -> Dict[Text, Any]:
        language = _decision(tracker).language
        return {"language": language} if language != tracker.get_slot("language") else {}

    def validate_language(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"language": value}

    def validate_preferred_language(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"preferred_language": value}
