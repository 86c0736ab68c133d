"""Ranked passage retrieval over every statement in content/: BM25 (bm25s) with Snowball stemming, per language.

The passages are the content's statements (actions/portfolio/statements.py), so an answer can quote exactly the
statement that holds the fact, with where it comes from.
"""
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_EN_PLUS, STOPWORDS_SWEDISH
from wordfreq import get_frequency_dict

from actions.portfolio.answer_types import asked_kind, holds_kind
from actions.portfolio.models import Portfolio
from actions.portfolio.statements import LANGUAGES, Passage, passages
from actions.portfolio.text import fold, words

STEMMERS = {"sv": "swedish", "en": "english"}
# Swedish function words the list bm25s ships lacks (it has "sina" but not "sitt"): a question's "ska" matched "den
# nya metoden ska testas" before what it asked about.
MORE_SWEDISH_STOPWORDS = ("ska", "skall", "även", "sitt", "bara", "också")
STOPWORDS = {"sv": {fold(word) for word in [*STOPWORDS_SWEDISH, *MORE_SWEDISH_STOPWORDS]},
             "en": {fold(word) for word in STOPWORDS_EN}}
# The words questions are built of in either language ("what", "does", "have", "vad", "har"): NLTK's lists, the same
# size in both. A question's own words are the rest. (The passage search keeps its shorter English list: its scores
# are calibrated on it.)
FUNCTION_WORDS = frozenset(fold(word) for word in [*STOPWORDS_SWEDISH, *MORE_SWEDISH_STOPWORDS, *STOPWORDS_EN_PLUS])
# Swedish glues words together ("vätgasprojekt"): a term also counts as its two parts when both are terms of the
# content at least this long. A query term the content lacks is matched to content terms that share its first
# PREFIX_SHARE of letters, at least PREFIX_MIN ("föreläsningar" / "föreläste"), the closest PREFIX_TERMS of them.
COMPOUND_PART = 4
PREFIX_MIN = 6
PREFIX_SHARE = 0.75
PREFIX_TERMS = 2
BEGINNINGS_KEPT = 20_000
# A word the content lacks counts against a statement's coverage of a question unless it is this common in general
# language (everyday_filler, below): Swedish only, measured on the tune sets and near-domain probes (docs/scope.md,
# fourteenth pass).
COMMON_LACKING_ZIPF = {"sv": 4.0, "en": float("inf")}
# A statement that holds the kind of answer asked ("how long": a duration) comes first among those scoring this
# share of the best score or more.
KIND_MARGIN = 0.9
TYPO_MIN = 5  # shorter words are too often another word one keystroke away
TYPO_MAX_ZIPF = 3.0  # a word this common in general language is a word of its own, not a slip ("contract")
MIN_FREQUENCY = 1e-7  # rarer words than Zipf 2 all weigh the same, so the frequency lists are cut there
NO_TERM = "_"  # the visitors'-words field of a statement that has none (bm25s indexes no empty document)
@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float


class Analyzer:
    """Text to index terms: folded words, stopwords out, Snowball stems (folded first, as the NLU pipeline folds)."""

    def __init__(self, lang: str):
        self.lang = lang
        self._stemmer = Stemmer.Stemmer(STEMMERS[lang])

    def terms(self, text: str) -> List[str]:
        return [term for _, term in self.words_and_terms(text)]

    def words_and_terms(self, text: str) -> List[Tuple[str, str]]:
        """Each word kept (the folded word as typed: a typo is looked up by it), with its term."""
        kept = [word for word in words(text) if word not in STOPWORDS[self.lang] and not word.isdigit()]
        return list(zip(kept, self._stemmer.stemWords(kept)))

    def stem(self, folded_words: List[str]) -> List[str]:
        return self._stemmer.stemWords(folded_words)


class PassageIndex:
    """One BM25 index per language, built once from the content when the action server starts."""

    def __init__(self, portfolio: Portfolio):
        self.analyzers = {lang: Analyzer(lang) for lang in LANGUAGES}
        self._passages: Dict[str, List[Passage]] = {}
        self._indexes: Dict[str, bm25s.BM25] = {}
        self._asks: Dict[str, bm25s.BM25] = {}
        self._vocab: Dict[str, set] = {}
        self._terms: Dict[str, set] = {}
        self._surface: Dict[str, Dict[str, str]] = {}  # folded word of the content -> its term
        self._beginnings: Dict[Tuple[str, str], List[str]] = {}
        self._held: Dict[str, Dict[Passage, frozenset]] = {}
        for lang in LANGUAGES:
            found = passages(portfolio, lang)
            analyzer = self.analyzers[lang]
            # The subject's names count once per passage, the statement as it stands.
            corpus = [analyzer.terms(p.text) + sorted(set(analyzer.terms(p.names))) for p in found]
            self._terms[lang] = {term for terms in corpus for term in terms}
            surface = sorted({word for p in found for word in words(p.searchable)
                              if not word.isdigit()})
            self._surface[lang] = dict(zip(surface, analyzer.stem(surface)))
            if lang == "sv":
                corpus = [terms + [part for term in terms for part in self.compound_parts(term, lang)]
                          + [tail for term in terms if (tail := self._compound_tail(term, lang))]
                          for terms in corpus]
            index = bm25s.BM25()
            index.index(corpus, show_progress=False)
            self._passages[lang], self._indexes[lang] = found, index
            # The visitors' words (content/phrasings.yml) are a field of their own: they add to a statement's score
            # without making it longer, so a statement ranks for its own words as it did without them.
            asks = [sorted(set(analyzer.terms(p.asks)) - set(terms)) or [NO_TERM] for p, terms in zip(found, corpus)]
            self._asks[lang] = bm25s.BM25()
            self._asks[lang].index(asks, show_progress=False)
            self._vocab[lang] = set(index.vocab_dict) | (set(self._asks[lang].vocab_dict) - {NO_TERM})
            self._held[lang] = {p: frozenset(self.query_terms(p.searchable, lang)) for p in found}

    def compound_parts(self, term: str, lang: str) -> List[str]:
        """The two content terms a Swedish compound is made of ("vatgasprojekt" -> "vatgas", "projekt"), if any;
        a linking s is dropped ("familjeteamsprojekt")."""
        known = self._terms[content_language(lang)]
        if lang != "sv":
            return []
        stem = self.analyzers["sv"].stem
        for cut in range(len(term) - COMPOUND_PART, COMPOUND_PART - 1, -1):
            head, tail = term[:cut], term[cut:]
            heads = [head, head[:-1]] if head.endswith("s") and len(head) > COMPOUND_PART else [head]
            tail_stem = stem([tail])[0]
            for candidate in heads:
                head_stem = stem([candidate])[0]
                if head_stem in known and tail_stem in known and len(tail_stem) >= COMPOUND_PART:
                    return [head_stem, tail_stem]
        return []

    def _compound_tail(self, term: str, lang: str) -> str:
        """The longest content term a Swedish compound of the content ends in ("affarsplan" -> "plan")."""
        known = self._terms[lang]
        for cut in range(COMPOUND_PART, len(term) - COMPOUND_PART + 1):
            tail = term[cut:]
            if tail in known and tail != term:
                return tail
        return ""

    def query_terms(self, query: str, lang: str) -> List[str]:
        """The query's terms as the index knows them: a term the content lacks becomes its compound parts or
        the content terms that start as it does."""
        lang = content_language(lang)
        analyzer, vocab, found = self.analyzers[lang], self._vocab[lang], []
        kept = [word for word in words(query) if word not in STOPWORDS[lang] and not word.isdigit()]
        for word, term in zip(kept, analyzer.stem(kept)):
            if term in vocab:
                found.append(term)
                continue
            parts = [part for part in self.compound_parts(term, lang) if part in vocab]
            indefinite = indefinite_stem(word, analyzer)
            found.extend(parts or ([indefinite] if indefinite and indefinite in vocab
                                   else self._same_beginning(word, lang)))
        return found

    def _same_beginning(self, word: str, lang: str) -> List[str]:
        """Content terms whose words start as this word does: stems of other forms of it (a walk over the whole
        vocabulary, so each word's answer is kept)."""
        if len(word) < PREFIX_MIN:
            return []
        if (word, lang) not in self._beginnings:
            if len(self._beginnings) >= BEGINNINGS_KEPT:  # visitors' words are endless: the memory is not
                self._beginnings.clear()
            self._beginnings[(word, lang)] = self._walk_beginnings(word, lang)
        return self._beginnings[(word, lang)]

    def _walk_beginnings(self, word: str, lang: str) -> List[str]:
        scored = {}
        for known, term in self._surface[lang].items():
            if same_beginning(word, known):
                shared = _shared_prefix(word, known)
                scored[term] = min(scored.get(term, (0, 0)), (-shared, abs(len(known) - len(word))))
        if not scored:
            slip = self.slip_of(word, lang)
            return [slip] if slip else []
        return [term for term, _ in sorted(scored.items(), key=lambda item: item[1])[:PREFIX_TERMS]]

    def slip_of(self, word: str, lang: str) -> str:
        """A typo ("famlies", "hemasittare", "bätre"): the content term one keystroke away, when exactly one is."""
        lang = content_language(lang)
        if len(word) < TYPO_MIN or word in common_words(lang):
            return ""
        typos = {term for known, term in self._surface[lang].items() if len(known) >= TYPO_MIN
                 and one_edit_apart(word, known)}
        return typos.pop() if len(typos) == 1 else ""

    def held_terms(self, passage: Passage, lang: str) -> frozenset:
        """The passage's searchable terms as query_terms() gives them, worked out once when the index is built."""
        return self._held[content_language(lang)][passage]

    def passages(self, lang: str) -> List[Passage]:
        return self._passages[content_language(lang)]

    def search(self, query: str, lang: str, limit: int = 3) -> List[Hit]:
        """The best passages for the query, best first; empty when no term of the query is in the content."""
        lang = content_language(lang)
        known = self.query_terms(query, lang)
        if not known:
            return []
        scores = self._scores(known, lang)
        ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
        kind = asked_kind(query, lang)
        if kind and scores[ranked[0]] > 0:  # of the statements that match about as well, one that can answer first
            close = [i for i in ranked if scores[i] >= KIND_MARGIN * scores[ranked[0]]]
            ranked = sorted(close, key=lambda i: not holds_kind(self._passages[lang][i].text, kind, lang)) \
                + ranked[len(close):]
        return [Hit(self._passages[lang][i], float(scores[i])) for i in ranked[:limit] if scores[i] > 0]

    def scores(self, terms: List[str], lang: str) -> List[float]:
        """BM25 score of every passage (in passages() order) for terms as query_terms() gives them."""
        lang = content_language(lang)
        known = [term for term in terms if term in self._vocab[lang]]
        if not known:
            return [0.0] * len(self._passages[lang])
        return [float(score) for score in self._scores(known, lang)]

    def _scores(self, terms: List[str], lang: str) -> np.ndarray:
        """The statement's own score plus its visitors' words' score, for terms the content knows."""
        total = np.zeros(len(self._passages[lang]))
        for index in (self._indexes[lang], self._asks[lang]):
            known = [term for term in terms if term in index.vocab_dict and term != NO_TERM]
            if known:
                total += index.get_scores(known)
        return total

    def best(self, query: str, lang: str) -> Optional[Hit]:
        hits = self.search(query, lang, limit=1)
        return hits[0] if hits else None


def indefinite_stem(word: str, analyzer: Analyzer) -> str:
    """Snowball's Swedish stemmer keeps two definite endings: "syftet" is not "syfte", "förskolan" not "förskola".
    The stem of the word without its last letter, for such a word; "" for any other."""
    if analyzer.lang != "sv" or not word.endswith(("et", "an")) or len(word) < COMPOUND_PART + 2:
        return ""
    return analyzer.stem([word[:-1]])[0]


def everyday_filler(term: str, lang: str) -> bool:
    """A term this common in general Swedish ("sidor", "egen", "massa") says nothing against a statement's
    coverage of a question when the content lacks it: "vinner båda sidor på samarbetet". English questions about
    other services are made of common words ("who won the ice hockey world championship"), so there every word
    counts."""
    return general_frequency(lang).get(term, 0.0) >= COMMON_LACKING_ZIPF[content_language(lang)]


def general_frequency(lang: str) -> Dict[str, float]:
    """Zipf frequency of each stem in general language: its most frequent word form ("förskolan" for "forskol")."""
    return _frequencies(lang)[0]


def common_words(lang: str) -> frozenset:
    """Folded words at least TYPO_MAX_ZIPF common in general language ("vander" for "vänder"): words of their own."""
    return _frequencies(lang)[1]


@lru_cache(maxsize=None)
def _frequencies(lang: str) -> Tuple[Dict[str, float], frozenset]:
    """wordfreq's list for the language (it ships inside the package), by stem and its common words, read once."""
    analyzer = Analyzer(lang)
    by_stem: Dict[str, float] = {}
    common = [(fold(word), math.log10(frequency) + 9) for word, frequency in get_frequency_dict(lang).items()
              if frequency >= MIN_FREQUENCY]
    for stem, (_, zipf) in zip(analyzer.stem([word for word, _ in common]), common):
        by_stem[stem] = max(zipf, by_stem.get(stem, 0.0))
    return by_stem, frozenset(word for word, zipf in common if zipf >= TYPO_MAX_ZIPF)


def one_edit_apart(first: str, second: str) -> bool:
    """One letter added, left out, changed, or two neighbours swapped (Damerau), and nothing else."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    start = _shared_prefix(first, second)
    if len(first) < len(second):
        return first[start:] == second[start + 1:]
    rest_first, rest_second = first[start + 1:], second[start + 1:]
    if rest_first == rest_second:
        return True
    return first[start + 1:start + 2] == second[start:start + 1] and second[start + 1:start + 2] == \
        first[start:start + 1] and first[start + 2:] == second[start + 2:]


def same_beginning(first: str, second: str) -> bool:
    """Two forms of one word, as far as a stemmer that misses some inflections can tell ("internationellt",
    "internationella")."""
    shared = _shared_prefix(first, second)
    return shared >= PREFIX_MIN and shared >= PREFIX_SHARE * min(len(first), len(second))


def _shared_prefix(first: str, second: str) -> int:
    size = 0
    for a, b in zip(first, second):
        if a != b:
            break
        size += 1
    return size


def content_language(lang: str) -> str:
    """The content's language for a conversation's: English, or else Swedish (the brochure's own)."""
    return "en" if lang == "en" else "sv"


def own_words(text: str) -> str:
    """The question without the words every question is built of."""
    return " ".join(word for word in words(text) if word not in FUNCTION_WORDS)
