"""What every answering action needs about the current turn: language, intent, named things, and saying it."""
from typing import Any, Callable, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.portfolio import ContentStore, get_store
from bot.language_policy import answer_language

KIND_SLOT = "subject"


class Turn:
    def __init__(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any],
                 store: Optional[ContentStore] = None, intent: Optional[str] = None):
        self.dispatcher, self.tracker, self.domain = dispatcher, tracker, domain
        self.store = store or get_store()
        self.content = self.store.portfolio
        self.lang = answer_language(tracker.get_slot("language"))
        self.intent = intent or (tracker.latest_message.get("intent") or {}).get("name") or ""
        self.text = tracker.latest_message.get("text") or ""
        self.events: List[Dict[str, Any]] = []
        self._focus: Optional[Tuple[str, str]] = None

    @property
    def confidence(self) -> float:
        """How sure the model is of the message's intent."""
        try:
            return float((self.tracker.latest_message.get("intent") or {}).get("confidence") or 0.0)
        except (TypeError, ValueError):
            return 0.0

    def focus_on(self, kind: str, entity_id: str) -> None:
        """Answer about this item (picked from a list or named in a follow-up), whatever the text says."""
        self._focus = (kind, entity_id)

    # --- what the visitor named -------------------------------------------------------------
    def mentioned(self, kind: str) -> List[str]:
        """Content ids of the partners/projects/people named in this message, in the order named."""
        if self._focus:
            return [self._focus[1]] if self._focus[0] == kind else []
        known = self.store.known_ids(kind)
        found: List[str] = []
        for entity in self.tracker.latest_message.get("entities") or []:
            if entity.get("entity") == kind and entity.get("value") is not None:
                entity_id = self.store.matcher.resolve(kind, str(entity["value"]), known)
                if entity_id and entity_id not in found:
                    found.append(entity_id)
        if not found:  # the model missed it (typo, new alias): look in the text itself
            found = [mention.id for mention in self.store.matcher.find(self.text, kind)]
        return found

    # --- conversation context ------------------------------------------------------------
    def subject(self) -> Optional[Tuple[str, str]]:
        """The partner, project or person the conversation is about, as (kind, id)."""
        kind, _, entity_id = (self.tracker.get_slot(KIND_SLOT) or "").partition(":")
        if kind in ("partner", "project", "person") and entity_id in self.store.known_ids(kind):
            return kind, entity_id
        return None

    def remember(self, kind: str, entity_id: str, intent: Optional[str] = None) -> None:
        self.events.append(SlotSet(KIND_SLOT, f"{kind}:{entity_id}"))
        if intent:
            self.events.append(SlotSet("last_intent", intent))

    def remember_intent(self, intent: str) -> None:
        self.events.append(SlotSet("last_intent", intent))

    def remember_list(self, items: List[str]) -> None:
        self.events.append(SlotSet("listed_items", items))

    # --- saying it ------------------------------------------------------------------------
    def say(self, response: str, buttons: Optional[List[Dict[str, str]]] = None, **values: Any) -> None:
        self.dispatcher.utter_message(response=response, buttons=buttons or [], **values)
        from actions.human_contact import offer_after_repeated_failure  # here: that module builds on Turn
        offer_after_repeated_failure(self, response)

    def render(self, response: str, **values: Any) -> str:
        """A domain response as text, for building list items; the wording stays in the domain."""
        variations = (self.domain.get("responses") or {}).get(response) or []
        chosen = _variation_for(variations, self.lang)
        text = chosen.get("text", "") if chosen else ""
        for key, value in values.items():
            text = text.replace("{" + key + "}", str(value))
        return text


def _variation_for(variations: List[Dict[str, Any]], lang: str) -> Optional[Dict[str, Any]]:
    default = None
    for variation in variations:
        conditions = variation.get("condition") or []
        if not conditions:
            default = default or variation
        elif all(c.get("name") == "language" and c.get("value") == lang for c in conditions):
            return variation
    return default


Handler = Callable[[Turn], None]  # answers one turn; actions/routing.py says which handler answers which intent
