"""Turns tracker events into conversations of turns: a visitor message and the bot's answers to it.

A conversation is a session of one sender (Rasa starts a new session after the idle time in
bot/domain/core.yml). Every visitor text is redacted here, before anything else sees it.
"""
import json
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

# Every turn's outcome is set by the answering action in the `turn_outcome` slot; a turn stored without one is told
# by its intent and the failed answers the actions give (bot/outcomes.py: one list for the actions and the report).
from bot.outcomes import (  # noqa: F401  HUMAN_CONTACT_SLOT and OUTCOMES for the rest of the report
    FEEDBACK_INTENT,
    HUMAN_CONTACT_SLOT,
    NOT_FOUND_RESPONSES,
    OUT_OF_SCOPE_RESPONSES,
    OUTCOME_SLOT,
    OUTCOMES,
)
from bot.privacy import redact
from insights.store import Event

FALLBACK_INTENTS = {"nlu_fallback"}
OUT_OF_SCOPE_INTENTS = {"out_of_scope"}


@dataclass
class Reply:
    text: str
    response: str  # the domain response it came from (utter_...), "" for free text
    timestamp: float


@dataclass
class Turn:
    text: str  # redacted
    intent: str
    timestamp: float
    language: str = "unknown"  # the conversation's `language` slot when the bot answered
    feedback: Optional[str] = None  # "up"/"down" for a feedback message
    replies: List[Reply] = field(default_factory=list)
    outcome_slot: Optional[str] = None  # the `turn_outcome` the answering action stored, if an action answered

    @property
    def outcome(self) -> str:
        """What became of the message (OUTCOMES); turns answered by a plain response, or stored before outcomes
        were recorded, are told by their intent and response."""
        if self.outcome_slot in OUTCOMES:
            return self.outcome_slot
        kind = self.unanswered
        if kind:
            return "out_of_scope" if kind == "out_of_scope" else "not_found"
        return "answered_intent"

    @property
    def is_feedback(self) -> bool:
        return self.intent == FEEDBACK_INTENT

    @property
    def responses(self) -> List[str]:
        return [reply.response for reply in self.replies]

    @property
    def unanswered(self) -> Optional[str]:
        """"out_of_scope" or "fallback" if the assistant could not answer this message, else None."""
        if self.is_feedback:
            return None
        if self.outcome_slot in ("out_of_scope", "not_found"):
            return "out_of_scope" if self.outcome_slot == "out_of_scope" else "fallback"
        if self.outcome_slot in OUTCOMES:
            return None
        if self.intent in OUT_OF_SCOPE_INTENTS or OUT_OF_SCOPE_RESPONSES & set(self.responses):
            return "out_of_scope"
        if self.intent in FALLBACK_INTENTS or NOT_FOUND_RESPONSES & set(self.responses):
            return "fallback"
        return None


@dataclass
class Conversation:
    sender_id: str
    turns: List[Turn] = field(default_factory=list)
    human_contact: bool = False  # the visitor was given the contact centre to reach a person

    @property
    def messages(self) -> List[Turn]:
        """The visitor's messages; thumbs up/down clicks are feedback, not messages."""
        return [turn for turn in self.turns if not turn.is_feedback]

    @property
    def language(self) -> str:
        """The language most of the visitor's messages were answered in (ties: the latest)."""
        counts: Dict[str, int] = {}
        for turn in self.messages:
            counts[turn.language] = counts.get(turn.language, 0) + 1
        if not counts:
            return "unknown"
        best = max(counts.values())
        return next(turn.language for turn in reversed(self.messages) if counts[turn.language] == best)


def feedback_value(event: Event) -> Optional[str]:
    """"up"/"down" from the feedback_value entity, or from the payload /feedback{"feedback_value": "down"} itself."""
    values = [entity.get("value") for entity in (event.data.get("parse_data") or {}).get("entities") or []
              if entity.get("entity") == "feedback_value"]
    payload = re.match(r"\s*/feedback\s*(\{.*\})\s*$", event.data.get("text") or "", re.DOTALL)
    if payload:  # the text normaliser can hide the payload from Rasa's payload parser; the text still has it
        try:
            values.append(json.loads(payload.group(1)).get("feedback_value"))
        except (ValueError, AttributeError):
            pass
    for value in values:
        if str(value or "").lower() in ("up", "down"):
            return str(value).lower()
    return None


def conversations(events: List[Event]) -> List[Conversation]:
    """Conversations with at least one visitor message, in order of their first message."""
    found: List[Conversation] = []
    sender, language = None, "unknown"
    current: Optional[Conversation] = None
    turn: Optional[Turn] = None

    def close_turn() -> None:
        if turn is not None and turn.language == "unknown":
            turn.language = language

    for event in events:
        if event.sender_id != sender:
            close_turn()
            sender, language, turn = event.sender_id, "unknown", None
            current = Conversation(sender)
            found.append(current)
        if event.type_name == "session_started":
            close_turn()
            turn = None
            current = Conversation(sender)
            found.append(current)
        elif event.type_name == "slot" and (event.action_name or event.data.get("name")) == HUMAN_CONTACT_SLOT:
            # after a message only: a new session repeats the carried-over slots before its first message
            current.human_contact = current.human_contact or (turn is not None and event.data.get("value") is True)
        elif event.type_name == "slot" and event.data.get("name") == OUTCOME_SLOT and turn is not None:
            turn.outcome_slot = event.data.get("value")
        elif event.type_name == "slot" and (event.action_name or event.data.get("name")) == "language":
            value = event.data.get("value")
            if value in ("sv", "en"):
                language = value
        elif event.type_name == "user":
            close_turn()
            intent = event.intent_name or ((event.data.get("parse_data") or {}).get("intent") or {}).get("name") or ""
            turn = Turn(redact(event.data.get("text") or ""), intent, event.timestamp)
            if intent == FEEDBACK_INTENT:
                turn.feedback = feedback_value(event)
            current.turns.append(turn)
        elif event.type_name == "bot" and turn is not None:
            if turn.language == "unknown" and language != "unknown":
                turn.language = language  # the language the answer was given in
            turn.replies.append(Reply(event.data.get("text") or "",
                                      (event.data.get("metadata") or {}).get("utter_action") or "", event.timestamp))
    close_turn()
    result = [conversation for conversation in found if conversation.messages]
    return sorted(result, key=lambda conversation: conversation.messages[0].timestamp)
