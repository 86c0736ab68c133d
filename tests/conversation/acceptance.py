"""Checks a bot reply against an acceptance case: the expected facts, and the reply's language."""
import re
from typing import Dict, List, Optional

from actions.portfolio.names import get_names
from actions.portfolio.text import fold
from bot.language import detect_language

# Project titles are proper names too (the brochure's titles are English even in a Swedish answer).
_NAMES = get_names().proper_with_titles


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text.replace("\u00a0", " "))).strip()


def reply_text(messages: List[Dict]) -> str:
    parts = []
    for message in messages:
        parts.append(message.get("text") or "")
        parts.extend(button.get("title", "") for button in message.get("buttons") or [])
    return "\n".join(part for part in parts if part)


def problems(reply: str, case: Dict, language: str) -> List[str]:
    found: List[str] = []
    text = normalise(reply)
    missing = [fact for fact in case.get("expect") or [] if normalise(str(fact)) not in text]
    if missing:
        found.append(f"missing {missing}")
    any_of = case.get("expect_any") or []
    if any_of and not any(normalise(str(fact)) in text for fact in any_of):
        found.append(f"none of {any_of}")
    detected: Optional[str] = detect_language(reply, _NAMES)
    if not reply.strip():
        found.append("no reply")
    elif detected and detected != language:
        found.append(f"reply in {detected}, expected {language}")
    return found
