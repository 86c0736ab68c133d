"""Keeps the conversation's language: the message's own language, unless the visitor asked for one."""
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.portfolio.text import words
from bot.language import requested_language

LANGUAGE_NAMES = {"en": ("engelsk", "english", "eng"), "sv": ("svensk", "swedish", "svenska", "sve")}


def asked_for_language(tracker: Tracker) -> Optional[str]:
    """A language the visitor explicitly asked for in this message ("svara på engelska")."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    asked = requested_language(text)
    if asked:
        return asked
    if (message.get("intent") or {}).get("name") == "switch_language":
        # The model heard a request ("I'd prefer Swedish") the phrase rules do not know: the language it names
        # last ("jag förstår inte svenska så bra, kan du ta engelska").
        named = [code for word in words(text) for code, stems in LANGUAGE_NAMES.items()
                 if any(word == stem or len(stem) > 3 and word.startswith(stem) for stem in stems)]
        return named[-1] if named else None
    return None


def detected_language(tracker: Tracker, entity_name: str = "message_language") -> Optional[str]:
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == entity_name and entity.get("value") in ("sv", "en"):
            return entity["value"]
    return None


def page_language(tracker: Tracker) -> Optional[str]:
    """The `language` a channel sent in the message's metadata (the widget sends the page's <html lang>)."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    value = str(metadata.get("language") or "").lower()[:2]
    return value if value in ("sv", "en") else None


class ValidateSlotMappings(ValidationAction):
    """Runs after every user message, before the answer is chosen, so the answer's language is already set."""

    def name(self) -> Text:
        return "action_validate_slot_mappings"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        return ["preferred_language", "language"]

    def extract_preferred_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: Dict[Text, Any]) -> Dict[Text, Any]:
        asked = asked_for_language(tracker)
        return {"preferred_language": asked} if asked else {}

    def extract_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: Dict[Text, Any]) -> Dict[Text, Any]:
        # A language asked for sticks; otherwise follow the message, and short messages keep the current one.
        language = tracker.get_slot("preferred_language") or detected_language(tracker)
        if not language and not tracker.get_slot("language"):
            # Nothing certain yet: the language of the page embedding the chat, else a weak guess.
            language = page_language(tracker) or detected_language(tracker, "message_language_guess")
        return {"language": language} if language and language != tracker.get_slot("language") else {}

    def validate_language(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"language": value}

    def validate_preferred_language(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"preferred_language": value}
