"""The one place that decides a conversation's language (README, "How a question is answered", step 1).

Pure: no Rasa, no tracker. Every caller gathers the inputs and asks `decide`:
- the `language` slot after each user message (bot/patches.py, in Rasa's ActionExtractSlots);
- the language of the fault message when a turn fails (bot/channels/faults.py);
and `answer_language` turns the slot into the language an answer is written in (Turn.lang, the over-long-message
answer, the fault message). The NLU component only says what one message is in (`message_language`); a text too
long for NLU gets `long_text_language` as its page language (bot/channels/cleaning.py).

The policy:
1. a language the visitor asked for ("svara på engelska", "in English please") is preferred from then on;
2. a preferred language wins over everything; else the message's own language, when the detector is sure;
3. a message too short or ambiguous to tell ("ok", "JB Marks?") keeps the conversation's language;
4. while the conversation has no language yet: the page's language (the widget sends its <html lang>), else a
   weak guess of the message;
5. answers are in Swedish while nothing has decided.
"""
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Optional, Tuple

from bot.folding import words
from bot.language import detect_language, guess_language, requested_language

SV, EN = "sv", "en"
DEFAULT = SV
LANGUAGES = (SV, EN)
MESSAGE_ENTITY = "message_language"  # the NLU component's verdict on one message
GUESS_ENTITY = "message_language_guess"  # its weak guess, when it is not sure
SWITCH_INTENT, LANGUAGE_ENTITY = "switch_language", "language"  # e.g. a button /switch_language{"language": "en"}
LONG_TEXT_CHARS = 300  # a guess at an over-long text reads its beginning only
_NAMED = {"sv": ("svensk", "swedish", "svenska", "sve"), "en": ("engelsk", "english", "eng")}


@dataclass(frozen=True)
class Inputs:
    """What is known when a user message arrives."""
    requested: Optional[str] = None  # asked for in this message
    detected: Optional[str] = None  # the message's language, when the detector is sure
    guessed: Optional[str] = None  # a weak guess of the message's language
    page: Optional[str] = None  # the language of the page embedding the chat (message metadata)
    current: Optional[str] = None  # the `language` slot before this message
    preferred: Optional[str] = None  # the `preferred_language` slot before this message


@dataclass(frozen=True)
class Decision:
    language: Optional[str]  # the `language` slot after this message (None: still unknown)
    preferred: Optional[str]  # the `preferred_language` slot after this message


def decide(inputs: Inputs) -> Decision:
    preferred = _code(inputs.requested) or _code(inputs.preferred)
    current = _code(inputs.current)
    language = preferred or _code(inputs.detected)
    if not language and not current:
        language = _code(inputs.page) or _code(inputs.guessed)
    return Decision(language or current, preferred)


def answer_language(slot: Any) -> str:
    """The language an answer is written in: the conversation's, Swedish while it is unknown."""
    return _code(slot) or DEFAULT


def message_language(text: str, names: Iterable[str] = ()) -> Tuple[Optional[str], bool]:
    """What the NLU component tags one message with: (language, sure). An explicit request counts as sure."""
    sure = requested_language(text) or detect_language(text, names)
    if sure:
        return sure, True
    return guess_language(text), False


def long_text_language(text: str) -> Optional[str]:
    return guess_language(text[:LONG_TEXT_CHARS])


def inputs_from_message(message: Dict[str, Any], current: Any = None, preferred: Any = None) -> Inputs:
    """The inputs in a parsed user message ({"text", "intent", "entities", "metadata"}) and the two slots."""
    entities = message.get("entities") or []
    text = message.get("text") or ""
    requested = requested_language(text)
    if not requested and (message.get("intent") or {}).get("name") == SWITCH_INTENT:
        requested = next((_named(e.get("value")) for e in entities
                          if e.get("entity") == LANGUAGE_ENTITY and _named(e.get("value"))), None) \
            or _named_in_text(text)
    return Inputs(requested=requested, detected=_entity(entities, MESSAGE_ENTITY),
                  guessed=_entity(entities, GUESS_ENTITY), page=page_language(message.get("metadata")),
                  current=current, preferred=preferred)


def page_language(metadata: Any) -> Optional[str]:
    """The `language` a channel sent in a message's metadata ("en-GB" counts as "en")."""
    value = str((metadata or {}).get("language") or "").lower()[:2] if isinstance(metadata, dict) else ""
    return _code(value)


def _entity(entities: Iterable[Dict[str, Any]], name: str) -> Optional[str]:
    return next((e["value"] for e in entities if e.get("entity") == name and _code(e.get("value"))), None)


def _named(value: Any) -> Optional[str]:
    lowered = str(value or "").strip().lower()  # the stems have no å/ä/ö
    return next((code for code, stems in _NAMED.items() if any(lowered.startswith(s) for s in stems)), None)


def _named_in_text(text: str) -> Optional[str]:
    """A typed request the phrase rules do not know ("I'd prefer Swedish"; no entity is extracted from typed text):
    the language the message names last ("jag förstår inte svenska så bra, kan du ta engelska")."""
    named = [code for word in words(text) for code, stems in _NAMED.items()
             if any(word == stem or len(stem) > 3 and word.startswith(stem) for stem in stems)]
    return named[-1] if named else None


def _code(value: Any) -> Optional[str]:
    return value if value in LANGUAGES else None
