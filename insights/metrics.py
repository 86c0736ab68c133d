"""The report's numbers, from conversations; the JSON file holds exactly what this returns."""
import re
import statistics
from collections import Counter
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Dict, List, Optional, Tuple

from insights.conversations import OUTCOMES, Conversation, Reply, Turn

LANGUAGES = ("sv", "en")


def day_of(timestamp: float, tz: tzinfo) -> str:
    return datetime.fromtimestamp(timestamp, tz).date().isoformat()


def _days(since: date, until: date) -> List[str]:
    return [(since + timedelta(days=n)).isoformat() for n in range((until - since).days + 1)]


def _language_split(values: List[str]) -> Dict[str, int]:
    counts = Counter(values)
    split = {language: counts.pop(language, 0) for language in LANGUAGES}
    split.update(sorted(counts.items()))  # "unknown" only if it happened
    return split


def _question_key(text: str) -> str:
    """Two messages are the same question if they differ only in case, spacing and end punctuation."""
    return re.sub(r"\s+", " ", text).strip().rstrip("?!.… ").casefold()


def unanswered(conversations: List[Conversation], tz: tzinfo) -> List[Dict[str, Any]]:
    """Fallback and out-of-scope questions, deduplicated per language, most asked first."""
    grouped: Dict[Tuple[str, str], Dict[str, Any]] = {}
    for conversation in conversations:
        for turn in conversation.messages:
            kind = turn.unanswered
            if not kind or not turn.text.strip():
                continue
            day = day_of(turn.timestamp, tz)
            item = grouped.setdefault((turn.language, _question_key(turn.text)), {
                "text": re.sub(r"\s+", " ", turn.text).strip(), "language": turn.language, "kind": kind,
                "intent": turn.intent, "count": 0, "first_seen": day, "last_seen": day})
            item["count"] += 1
            item["first_seen"], item["last_seen"] = min(item["first_seen"], day), max(item["last_seen"], day)
    return sorted(grouped.values(), key=lambda item: (-item["count"], item["language"], item["text"].casefold()))


def outcomes(conversations: List[Conversation]) -> Dict[str, Any]:
    """How many visitor messages ended in each outcome, and the questions of each (deduplicated, most asked first)."""
    counts = {outcome: 0 for outcome in OUTCOMES}
    grouped: Dict[str, Dict[Tuple[str, str], Dict[str, Any]]] = {outcome: {} for outcome in OUTCOMES}
    for conversation in conversations:
        for turn in conversation.messages:
            outcome = turn.outcome
            counts[outcome] = counts.get(outcome, 0) + 1
            if not turn.text.strip():
                continue
            item = grouped.setdefault(outcome, {}).setdefault((turn.language, _question_key(turn.text)), {
                "text": re.sub(r"\s+", " ", turn.text).strip(), "language": turn.language, "count": 0})
            item["count"] += 1
    questions = {outcome: sorted(items.values(), key=lambda i: (-i["count"], i["language"], i["text"].casefold()))
                 for outcome, items in grouped.items()}
    return {"counts": counts, "questions": questions}


def _answered_turn(history: List[Turn], before: int) -> Optional[Tuple[Turn, Reply]]:
    """The last bot message before turn `before` (not a thanks-for-feedback) and the turn it answered."""
    for turn in reversed(history[:before]):
        if turn.is_feedback or not turn.replies:
            continue
        return turn, turn.replies[-1]
    return None


def negative_feedback(conversations: List[Conversation], tz: tzinfo) -> List[Dict[str, Any]]:
    """Every thumbs down, with the answer it refers to and the question that led to that answer."""
    found: List[Tuple[float, Dict[str, Any]]] = []
    history: Dict[str, List[Turn]] = {}  # a sender's turns across sessions, in order
    for conversation in sorted(conversations, key=lambda c: c.turns[0].timestamp):
        turns = history.setdefault(conversation.sender_id, [])
        for turn in conversation.turns:
            turns.append(turn)
            if turn.feedback != "down":
                continue
            answered = _answered_turn(turns, len(turns) - 1)
            question, reply = answered if answered else (None, None)
            found.append((turn.timestamp, {
                "date": day_of(turn.timestamp, tz),
                "language": question.language if question else turn.language,
                "question": question.text if question else "",
                "question_intent": question.intent if question else "",
                "answer": reply.text if reply else "",
                "answer_response": reply.response if reply else "",
            }))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def compute(conversations: List[Conversation], since: date, until: date, tz: tzinfo) -> Dict[str, Any]:
    messages = [turn for conversation in conversations for turn in conversation.messages]
    feedback = Counter(turn.feedback or "other" for c in conversations for turn in c.turns if turn.is_feedback)
    per_day = {day: {"date": day, "conversations": 0, "messages": 0} for day in _days(since, until)}
    for conversation in conversations:
        first = day_of(conversation.messages[0].timestamp, tz)
        per_day.setdefault(first, {"date": first, "conversations": 0, "messages": 0})["conversations"] += 1
    for turn in messages:
        day = day_of(turn.timestamp, tz)
        per_day.setdefault(day, {"date": day, "conversations": 0, "messages": 0})["messages"] += 1
    intents = Counter(turn.intent or "(none)" for turn in messages)
    lost = unanswered(conversations, tz)
    negative = negative_feedback(conversations, tz)
    lengths = [len(conversation.messages) for conversation in conversations]
    kinds = Counter(turn.unanswered for turn in messages if turn.unanswered)
    return {
        "period": {"since": since.isoformat(), "until": until.isoformat(), "timezone": str(tz)},
        "empty": not conversations,
        "totals": {
            "conversations": len(conversations),
            "messages": len(messages),
            "bot_messages": sum(len(turn.replies) for c in conversations for turn in c.turns),
            "fallback": kinds.get("fallback", 0),
            "out_of_scope": kinds.get("out_of_scope", 0),
            "feedback_up": feedback.get("up", 0),
            "feedback_down": feedback.get("down", 0),
            "human_contact": sum(1 for conversation in conversations if conversation.human_contact),
        },
        "median_conversation_length": statistics.median(lengths) if lengths else 0,
        "per_day": [per_day[day] for day in sorted(per_day)],
        "languages": {
            "conversations": _language_split([conversation.language for conversation in conversations]),
            "messages": _language_split([turn.language for turn in messages]),
        },
        "top_intents": [{"intent": intent, "count": count}
                        for intent, count in sorted(intents.items(), key=lambda item: (-item[1], item[0]))],
        "unanswered": lost,
        "outcomes": outcomes(conversations),
        "negative_feedback": negative,
        "negative_feedback_by_response": [
            {"response": response, "count": count} for response, count in
            sorted(Counter(item["answer_response"] for item in negative).items(), key=lambda item: (-item[1], item[0]))],
    }
