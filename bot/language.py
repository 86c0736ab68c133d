"""Per-message language detection (Swedish/English) for the Växjö partnership assistant.

Pure Python (no Rasa): `detect_language` tells which language a user message is in,
`requested_language` spots an explicit request to switch language.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from typing import Iterable, List, Optional, Tuple

from bot.folding import fold, words

SV, EN = "sv", "en"

# Very common words that occur in only one of the two languages. Swedish words are
# listed with and without diacritics where the bare form is not also English
# ("för" -> "for" and "får" -> "far" are English words, so they appear only once).
SV_WORDS = frozenset("""
    och är ar det den detta dessa de dem dom hur många manga mycket vad va vem vems när nar
    var vart varför varfor vilka vilken vilket tack tackar hej hejsan hallå hejdå hejda
    tjena tja inte jag mig mej du dig ni vi oss om för med på pa till från fran av ett en som
    har hade här där dar sa så ska skall kan kunde vill får finns fanns också ocksa eller
    sedan sen nu alla allt lite mer mera några nagra något nagot någon nagon hos mellan efter
    svara svar svarar skriv skriva prata pratar tala talar svenska engelska svensk engelsk
    invånare invanare bor befolkning yta stor stort storlek areal kommun kommunen
    kommuner projekt projektet projekten resultat resultaten mål mal landet ligger
    började borjade startade berätta beratta berättar gjorde gör gor göra gora deltog
    ägde agde ansvarig ansvarade betalar betalade finansierar finansieras kostar
    kostnad hemsida webbplats länk lank kontakt kontakta hjälp hjalp snälla snalla bra
    sina sin sitt hans hennes deras ju väl bara inom mot utan eftersom kommer fick heter hette
    säga saga varje någonting nagonting egentligen
    nej ja jaha japp nä vet vilja behöver behover tycker säger sager sade
    första forsta andra tredje sista syfte syftet genomfördes genomfordes
    handlar betyder varit blev blir samarbete samarbetet partnerskap
""".split())

EN_WORDS = frozenset("""
    the and what whats who whom whose when where which why how many much is are was were
    am be been about thanks thank thx ty hello hi hey bye goodbye please pls plz english
    swedish people population inhabitants residents live lives living area size big large
    it its this that these those there they them their we us our you your me my of to
    with from on at also or but not no yes do does did done have has had can could
    would should will more some any all very now then than only again know want
    need help see give project projects results result goal goals country
    started began begin since website site contact cost costs pay pays paid funded
    funding owned own ran run responsible took part participants happened answer reply
    write speak talk switch purpose aim mean means say said first second third
    municipality municipalities partner partners partnership partnerships great good
    sure into because every here going around like tell yep yeah nope hiya
""".split())

# Words that say nothing about the language (acknowledgements, hesitations, laughter).
NEUTRAL_WORDS = frozenset("""
    ok okej okey okay k kk hmm hm hmmm mm mmm aha ah ahh oh oj eh ehm öh haha hahaha hehe
    lol xd wow jo nja vs etc
""".split())

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:se|com|org|net|nu|eu|za|io)\b\S*", re.I)
_EMAIL = re.compile(r"\S+@\S+")
_WORD = re.compile(r"[^\W\d_]+")  # runs of letters: drops digits, punctuation and emoji


@lru_cache(maxsize=1)
def _detector():
    # lingua, because it is built to be accurate on very short texts, unlike langdetect/fastText.
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.SWEDISH).build()


@lru_cache(maxsize=8)
def _names_pattern(names: Tuple[str, ...]) -> Optional[re.Pattern]:
    """Names in folded text ("Vaxjo" = "Växjö", "jb-marks" = "JB Marks"; spaces optional: "mis2")."""
    tokens = {tuple(words(name)) for name in names} - {()}
    parts = [r"\s*".join(map(re.escape, name)) for name in sorted(tokens, key=lambda t: -len(" ".join(t)))]
    if not parts:  # longest first: "JB Marks kommun" before "JB Marks"
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(parts) + r")(?![a-z0-9])")


def _without_names(text: str, names: Iterable[str]) -> str:
    pattern = _names_pattern(tuple(sorted({n for n in names if n and n.strip()})))
    if pattern is None:
        return text
    text = unicodedata.normalize("NFC", text)
    # fold() keeps every character in its place, so a name found in the folded text is blanked in the original.
    for match in reversed(list(pattern.finditer(fold(text)))):
        text = text[:match.start()] + " " + text[match.end():]
    return text


def _words(text: str, names: Iterable[str]) -> List[str]:
    text = _without_names(_EMAIL.sub(" ", _URL.sub(" ", text)), names)
    return [w for w in _WORD.findall(text.lower()) if w not in NEUTRAL_WORDS]


def detect_language(text: str, names: Iterable[str] = ()) -> Optional[str]:
    """Return "sv", "en", or None when the message gives too little evidence."""
    words = _words(text or "", names)
    if not words:
        return None
    sv = sum(w in SV_WORDS for w in words)
    en = sum(w in EN_WORDS for w in words)
    unknown = [w for w in words if w not in SV_WORDS and w not in EN_WORDS]

    confidences = _detector().compute_language_confidence_values(" ".join(words))
    p_sv = next(c.value for c in confidences if c.language.name == "SWEDISH")
    # lingua gets more say the more text it sees that the lexicon does not know; a lone
    # two-letter token ("vs") says little, a whole sentence of unknown words says a lot.
    weight = 0.5 + min(sum(map(len, unknown)), 24) / 16
    score = (sv - en) + weight * (2 * p_sv - 1)
    if abs(score) < 0.4:
        return None
    return SV if score > 0 else EN


GUESS_MIN_CONFIDENCE = 0.75


def guess_language(text: str) -> Optional[str]:
    """lingua's guess on the whole message, names included, for when nothing better is known.

    Only a clear guess counts: "citat malin lauber" stays unknown (and the bot's Swedish default holds)."""
    words = _words(text or "", ())
    if not words:
        return None
    best = _detector().compute_language_confidence_values(" ".join(words))[0]
    if best.value < GUESS_MIN_CONFIDENCE:
        return None
    return SV if best.language.name == "SWEDISH" else EN


# --- explicit requests to switch language -------------------------------------------

_LANGUAGE_WORDS = {"svenska": SV, "svensk": SV, "swedish": SV, "engelska": EN, "engelsk": EN, "english": EN}
_REQUEST_VERBS = frozenset("""
    svara svarar svar skriv skriva skriver prata pratar tala talar byt byta byter kör kor
    fortsätt fortsatt fortsätta fortsatta använd anvand använda anvanda förstår forstar
    answer reply respond write speak talk switch change continue understand read
""".split())
# Words allowed around the language word in a bare request such as "på engelska tack".
_FILLER = frozenset("""
    på pa i in to till on the an tack please pls plz snälla snalla kan du can you could
    would only bara instead istället istallet now nu igen again go vi we oss us och and
    gärna garna hellre rather ok okej yes ja no nej
""".split())
# "no" is left out: "no, in English please" is still a request for English.
_NEGATIONS = frozenset("not inte ej dont cant doesnt never aldrig".split())
# A sentence about someone else ("do they speak English in Vushtrri?") is not a request.
_OTHER_SUBJECTS = frozenset("they he she people them de dom han hon folk man".split())


def _language_word(word: str) -> Optional[str]:
    if word in _LANGUAGE_WORDS:
        return _LANGUAGE_WORDS[word]
    if len(word) >= 6:  # tolerate typos such as "engleska", "englsih", "svenksa"
        close = difflib.get_close_matches(word, _LANGUAGE_WORDS, n=1, cutoff=0.8)
        if close:
            return _LANGUAGE_WORDS[close[0]]
    return None


def requested_language(text: str) -> Optional[str]:
    """Return the language the user explicitly asks for ("svara på engelska" -> "en"), else None."""
    words = _WORD.findall(re.sub(r"n['’]t\b", " not", (text or "").lower()))
    asked = [lang for lang in map(_language_word, words) if lang]
    if len(set(asked)) != 1:
        return None
    rest = [w for w in words if not _language_word(w)]
    if set(rest) & _OTHER_SUBJECTS:
        return None
    if not (set(rest) & _REQUEST_VERBS or set(rest) <= _FILLER | _NEGATIONS):
        return None  # e.g. "what is ICLD in Swedish?" asks about a word, not for a language
    if set(rest) & _NEGATIONS:  # "I don't understand Swedish", "svara inte på engelska"
        return EN if asked[0] == SV else SV
    return asked[0]
