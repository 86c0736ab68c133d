"""Judges a reply by its text alone, as a visitor sees it: does it state a partnership fact, does it hold the
expected fact, does a quoted passage show its source. The patterns are built from the domain's own responses."""
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List

import yaml

from tests.conversation.acceptance import normalise

ROOT = Path(__file__).resolve().parents[2]
# Replies that state no partnership fact: refusals, "not found", smalltalk, contact details, questions back.
NO_FACT_RESPONSES = (
    "utter_out_of_scope", "utter_not_found", "utter_greet", "utter_goodbye", "utter_thank", "utter_acknowledge",
    "utter_bot_challenge", "utter_language_switched", "utter_feedback_thanks", "utter_contact",
    "utter_message_too_long", "utter_list_missing", "utter_list_out_of_range", "utter_which_project",
    "utter_capabilities", "utter_human_contact", "utter_human_contact_offer",
)
PASSAGE_RESPONSES = ("utter_passage_answer", "utter_passage_also")
SMALL_TALK_RESPONSES = ("utter_greet", "utter_goodbye", "utter_thank", "utter_acknowledge")


@lru_cache(maxsize=None)
def _responses() -> Dict[str, List[str]]:
    found: Dict[str, List[str]] = {}
    for path in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        for name, variations in ((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}).items():
            found.setdefault(name, []).extend(v["text"] for v in variations if v.get("text"))
    return found


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"{\w+}", template.strip())
    return re.compile(".*?".join(re.escape(part) for part in parts), re.DOTALL)


@lru_cache(maxsize=None)
def _patterns(names: tuple) -> List[re.Pattern]:
    return [_pattern(text) for name in names for text in _responses().get(name, [])]


def is_one_of(text: str, names: tuple) -> bool:
    return any(pattern.fullmatch(text.strip()) for pattern in _patterns(names))


def states_a_fact(messages: List[Dict]) -> bool:
    """True if any message of the reply is something other than a refusal, smalltalk or a question back."""
    texts = [m.get("text") or "" for m in messages]
    return any(text.strip() and not is_one_of(text, NO_FACT_RESPONSES) for text in texts)


def is_small_talk(messages: List[Dict]) -> bool:
    """True if the reply is a greeting, thanks, goodbye or "anything else?": no answer to a question."""
    texts = [m.get("text") or "" for m in messages]
    return any(is_one_of(text, SMALL_TALK_RESPONSES) for text in texts)


def passages_without_source(messages: List[Dict]) -> List[str]:
    """Passage answers whose source is missing (each must end with "Source: <url>" / "Källa: <url>")."""
    return [m.get("text") or "" for m in messages if is_one_of(m.get("text") or "", PASSAGE_RESPONSES)
            and not re.search(r"(Källa|Source): https?://\S+\s*$", m.get("text") or "")]


def holds_expected(messages: List[Dict], expect: List[str]) -> bool:
    """One of the expected alternatives is in the reply (case, spacing and å/ä/ö aside)."""
    reply = normalise("\n".join(m.get("text") or "" for m in messages))
    return any(normalise(str(piece)) in reply for piece in expect)
