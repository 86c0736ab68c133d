"""A person to turn to: the contact centre when the visitor asks for a human (or to complain), and offered after
two failed answers in a row. Either way the conversation is marked (slot `human_contact`) for the staff report."""
from typing import Any, Dict, Iterable, Text

from rasa_sdk import Action
from rasa_sdk.events import SlotSet

from actions.answering import ANSWERED_INTENT, record
from actions.routing import RoutedAction
from actions.turn import Turn

# A thumbs up/down (FEEDBACK_INTENT) between two questions does not break the row of failures.
from bot.outcomes import FAILED_RESPONSES, FEEDBACK_INTENT, HUMAN_CONTACT_SLOT


def previous_answer_failed(events: Iterable[Dict[str, Any]]) -> bool:
    """Whether the bot's answer to the visitor's previous message (before the current one) was a failed answer."""
    user_messages = 0
    for event in reversed(list(events)):
        if event.get("event") == "user":
            if ((event.get("parse_data") or {}).get("intent") or {}).get("name") == FEEDBACK_INTENT:
                continue
            user_messages += 1
            if user_messages > 1:
                return False  # the previous message got no answer at all
        elif event.get("event") == "bot" and user_messages == 1:
            if (event.get("metadata") or {}).get("utter_action") == "utter_feedback_thanks":
                continue
            return (event.get("metadata") or {}).get("utter_action") in FAILED_RESPONSES
    return False


def give_contact_centre(turn: Turn, response: str = "utter_human_contact") -> None:
    contact = turn.content.resources.contact
    turn.say(response, name=contact.name(turn.lang), phone=contact.phone,
             phone_international=contact.phone_international, email=contact.email, website=contact.website)
    turn.events.append(SlotSet(HUMAN_CONTACT_SLOT, True))


def offer_after_repeated_failure(turn: Turn, response: str) -> None:
    """Called for every answer (Turn.say): a second failed answer in a row also offers the contact centre."""
    if response in FAILED_RESPONSES and previous_answer_failed(turn.tracker.events):
        give_contact_centre(turn, "utter_human_contact_offer")


def human_contact(turn: Turn) -> None:
    give_contact_centre(turn)
    record(turn, ANSWERED_INTENT)


class ActionHumanContact(RoutedAction, Action):
    def name(self) -> Text:
        return "action_human_contact"
