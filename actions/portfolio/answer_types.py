"""What kind of answer a question asks for, and whether a statement can give it.

"hur länge samordnade familjeteamet stödet" matches four statements of the project about as well (they all say
"samordnat stöd"); only one of them says how long ("under två år"). A question that asks how long, how many or
when is answered first by the statements, among those that match it about as well, that hold a duration, a number
or a year. Patterns are on folded text (bot/folding.py), so "hur lange" and "nar" are asked as visitors type them.
"""
import re
from typing import Optional

from bot.folding import fold

_NUMBER_WORDS = {
    "sv": r"tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|tjugo|hundra|tusen",
    "en": r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand",
}
_ONE = {"sv": r"ett|en", "en": r"one|a"}
_TIME_UNITS = {"sv": r"ars?|manad(?:er)?|veck(?:a|or)|dag(?:ar)?", "en": r"years?|months?|weeks?|days?"}

# The kinds of answer, in the order they are tried: "how many years" asks for a duration, not a count.
_ASKS = {
    "duration": {"sv": r"\bhur (?:lange|lang tid)\b|\bunder hur lang\b|\bhur manga (?:ar|manader)\b",
                 "en": r"\bhow long\b|\bhow many (?:years|months)\b"},
    "count": {"sv": r"\bhur manga\b|\bantal(?:et)?\b", "en": r"\bhow many\b|\bnumber of\b"},
    # "när"/"when" asks a time at the start; further in it joins clauses ("vad skiljer sig när det gäller …")
    "year": {"sv": r"^\W*nar\b|\bsedan nar\b|\bvilket ar\b|\bvilka ar\b",
             "en": r"^\W*when\b|\bsince when\b|\bwhat year\b|\bwhich year\b"},
}
_HOLDS = {
    "duration": {lang: rf"\b(?:\d+|{_NUMBER_WORDS[lang]}|{_ONE[lang]}) (?:{_TIME_UNITS[lang]})\b"
                 for lang in ("sv", "en")},
    "count": {lang: rf"\d|\b(?:{_NUMBER_WORDS[lang]})\b" for lang in ("sv", "en")},
    # "Agenda 2030" and "Hållbara Växjö 2030" are names, not years something happened in
    "year": {lang: r"(?<!agenda )(?<!vaxjo )\b(?:19|20)\d\d\b" for lang in ("sv", "en")},
}
_ASK_PATTERNS = {kind: {lang: re.compile(p) for lang, p in by_lang.items()} for kind, by_lang in _ASKS.items()}
_HOLD_PATTERNS = {kind: {lang: re.compile(p) for lang, p in by_lang.items()} for kind, by_lang in _HOLDS.items()}


def asked_kind(question: str, lang: str) -> Optional[str]:
    """"duration", "count" or "year" when the question asks for one; None for any other question."""
    folded = fold(question)
    return next((kind for kind, by_lang in _ASK_PATTERNS.items() if by_lang[lang].search(folded)), None)


def holds_kind(statement: str, kind: str, lang: str) -> bool:
    return bool(_HOLD_PATTERNS[kind][lang].search(fold(statement)))
