"""Does a question ask what was done, or what someone said? The brochure reports projects that ran and results
they left, and quotes people: a visitor who asks about them writes in the past tense ("what was set up for young
people who stay home from school?") or asks what someone says ("… enligt rektorn"). The municipality's other
services are asked about in the present, often for oneself ("my teenager stays home from school, who can support
us?"). Grammar words only: the closed classes of pronouns, irregular past forms and reporting verbs, and the
regular past endings."""
import re
from typing import List

from actions.portfolio.retrieval import FUNCTION_WORDS

FIRST_PERSON_SINGULAR = {
    "en": {"i", "im", "ive", "id", "my", "me", "mine", "myself"},
    "sv": {"jag", "min", "mitt", "mina", "mig", "mej"},
}
IRREGULAR_PAST = {
    "en": {"was", "were", "did", "had", "began", "became", "brought", "built", "came", "chose", "drew", "felt",
           "found", "gave", "got", "grew", "held", "kept", "knew", "learnt", "led", "left", "made", "meant", "met",
           "paid", "ran", "said", "saw", "sent", "set", "spent", "spoke", "stood", "taught", "thought", "told", "took",
           "went", "won", "wrote", "been", "done", "gone", "given", "taken", "seen", "grown", "written", "chosen"},
    "sv": {"blev", "bar", "band", "bjöd", "bröt", "drev", "drog", "fann", "fanns", "fick", "for", "föll", "gav",
           "gick", "gjorde", "hade", "höll", "kom", "lät", "låg", "sa", "sade", "satt", "skrev", "slapp", "slog",
           "stod", "steg", "såg", "tog", "vann", "visste", "blivit", "funnits", "fått", "gett", "givit", "gjort",
           "gått", "haft", "hållit", "kommit", "sagt", "sett", "skrivit", "tagit", "varit", "vunnit",
           # the supines of the other common strong verbs ("har samarbetena lett till nån kurs?")
           "lett", "burit", "bjudit", "brutit", "bundit", "dragit", "drivit", "fallit", "gripit", "hunnit", "legat",
           "slagit", "stigit", "stått", "suttit"},
}
# Weak verbs: "started", "worked"; "startade", "byggde", "lärde", "hjälpte", "träffades", "har genomförts".
REGULAR_PAST_ENDINGS = {"en": ("ed",), "sv": ("ade", "dde", "gde", "rde", "lde", "kte", "pte", "ades", "des")}
# What someone said: "… enligt rektorn", "… says the school head", "how does the chair feel about …".
REPORTING = {
    "en": {"according", "says", "said", "say", "describe", "describes", "described", "feel", "feels", "felt", "think",
           "thinks", "thought"},
    "sv": {"enligt", "enl", "säger", "sa", "sade", "tycker", "tyckte", "anser", "ansåg", "beskriver", "beskrev", "menar"},
}
WAS_BEFORE = {"med", "det", "de", "dom", "ni", "han", "hon", "den"}  # pronouns, and "var med" (took part)
SHORTEST_REGULAR = 5  # "need", "used", "red", "bed" are not "-ed" forms
# The Swedish passive supine ("har startats", "har skapats", "har tagits fram"), by the shortest word it is read in:
# long words only, as "plats" and "mats" are nouns.
SUPINE_PASSIVE = {"ats": 7, "its": 6}


def asks_what_was_done_or_said(text: str, lang: str) -> bool:
    """Past tense, or what someone says, and not about the visitor themselves ("I applied for …, when will I hear
    back?")."""
    found = _words(text)
    if speaks_of_oneself(found, lang):
        return False
    return asks_what_someone_said(text, lang) or _was(found, lang) or any(
        word in IRREGULAR_PAST[lang]
        or len(word) >= SHORTEST_REGULAR and word.endswith(REGULAR_PAST_ENDINGS[lang])
        and _not_before_a_noun(found, i, lang)
        or lang == "sv" and any(word.endswith(ending) and len(word) >= shortest
                                for ending, shortest in SUPINE_PASSIVE.items())
        for i, word in enumerate(found))


def speaks_of_oneself(found: List[str], lang: str) -> bool:
    """A first-person singular pronoun: the visitor asks about their own matter ("min tonåring", "my preschool")."""
    return any(word in FIRST_PERSON_SINGULAR[lang] for word in found)


def _was(found: List[str], lang: str) -> bool:
    """Swedish "var" is "was" ("hur många var med", "var det med kosovo?") and "where" ("var ligger …"): "was" when
    a word follows that no question about where a place is puts next to it."""
    return lang == "sv" and any(word == "var" and following in WAS_BEFORE for word, following in zip(found, found[1:]))


def asks_what_someone_said(text: str, lang: str) -> bool:
    """"… enligt rektorn", "… says the school head", "how does the chair feel about …"."""
    return any(word in REPORTING[lang] for word in _words(text))


def _not_before_a_noun(found: List[str], i: int, lang: str) -> bool:
    """"subsidised jobs", "continued work": an English "-ed" word before a noun is an adjective; a verb ends the
    question or comes before a function word ("aimed at", "was created?")."""
    return lang != "en" or i == len(found) - 1 or found[i + 1] in FUNCTION_WORDS


def _words(text: str) -> List[str]:
    return re.findall(r"[^\W\d_]+", (text or "").lower().replace("'", "").replace("’", ""))
