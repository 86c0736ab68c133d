"""The one folding of text in this project, shared by the NLU pipeline (bot/components/text_normalizer.py), the
generated lookup tables (actions/portfolio/nlu_export.py), name matching (actions/portfolio/matching.py) and the
language detector (bot/language.py). Standard library only, so every side can import it cheaply."""
import re
import unicodedata
from typing import List

# Letters whose decomposition keeps no ASCII base ("æ" is not "a" + a mark) but that people type as one.
_BASE = {"æ": "a", "ø": "o", "œ": "o", "ð": "d", "þ": "t", "ł": "l", "đ": "d"}
# "vushtrri-samarbetet" and "JB-Marks" are two words to the tokenizer, as to a reader.
_WORD_SEPARATORS = "-/\u2010\u2011\u2012\u2013\u2014"
_WORD = re.compile(r"[a-z0-9]+")


def fold_char(char: str) -> str:
    """One character in, one character out, so entity offsets in the training data stay valid."""
    if char in _WORD_SEPARATORS:
        return " "
    lower = char.lower()
    if len(lower) != 1:  # "İ" lowers to two characters
        return char
    if lower in _BASE:
        return _BASE[lower]
    base = unicodedata.normalize("NFKD", lower)[0]
    return base if base.isascii() and base.isalnum() else lower  # "²" is "2", as in km2


def fold(text: str) -> str:
    """The one folding of the project: lowercase, no å/ä/ö or other marks, hyphens as spaces, so "Växjö", "vaxjo"
    and "VÄXJÖ" compare equal. The NLU pipeline (bot/components/text_normalizer.py) applies it to every message,
    the generated lookup tables are written in it, and the actions compare names in it."""
    return "".join(fold_char(char) for char in unicodedata.normalize("NFC", text or ""))


def words(text: str) -> List[str]:
    return _WORD.findall(fold(text))
