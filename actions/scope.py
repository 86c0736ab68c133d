"""The scope gate: does a message carry a sign of the partnership domain, or follow up a conversation that has one?

Signs come from content/ alone, so the gate knows questions nobody wrote down:
- names: the names of partners, projects, people and the programme (strong), and their other aliases (weak:
  "Teknikum", "förskolan", "Kosovo" are also everyday words on vaxjo.se);
- vocabulary: words of the content that are rare in general language (wordfreq's frequency lists, which ship inside
  the package), weighted by how rare they are. Common words, cost words, dates and counts weigh nothing.
A message with no sign may still be a follow-up ("när började det?") when the conversation has a subject and the
message brings no specific word of its own that the assistant does not know (a "foreign" word such as "bygglov").
"""
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import yaml

from actions.portfolio import get_store
from actions.portfolio.matching import EntityMatcher
from actions.portfolio.models import Portfolio
from actions.portfolio.retrieval import (
    FUNCTION_WORDS,
    LANGUAGES,
    Analyzer,
    content_language,
    general_frequency,
    indefinite_stem,
)
from actions.portfolio.store import ContentStore
from actions.portfolio.tense import speaks_of_oneself
from actions.portfolio.text import fold, goal_number, words

NLU_DIR = Path(__file__).resolve().parents[1] / "data" / "nlu"
# Weights of the signs; a message is in the domain when its signs weigh GATE_THRESHOLD or more (docs/scope.md).
NAME_WEIGHT = 1.0
ALIAS_WEIGHT = 0.5
VOCABULARY_WEIGHT = 0.5
GATE_THRESHOLD = 0.5
# A content word weighs VOCABULARY_WEIGHT at Zipf frequency RARE_ZIPF or below and nothing at COMMON_ZIPF or above.
# English frequency lists come from a much larger corpus, so the same rarity sits higher on its scale.
RARE_ZIPF = {"sv": 2.5, "en": 3.0}
COMMON_ZIPF = {"sv": 4.5, "en": 4.9}
# A word the content does not have, rarer than this, means the message is about something else ("bygglov").
FOREIGN_ZIPF = {"sv": 4.0, "en": 4.4}
FOREIGN_MIN_LENGTH = 4  # in stems
# A word as common as the words questions are built of ("även", "sitt": Zipf 6.2, 5.8) says nothing about what a
# question is about, whether or not the content uses it; the function word lists miss some.
FUNCTION_ZIPF = 5.5
COMPOUND_PART = 4  # shortest part of a compound word that counts
SHARED_BY = 2  # a word in the names of more items than this ("project") names none of them
NAMES = "names"  # the names marked in the training examples, apart from each intent's own words
# An alias compounded with or followed by a word for "project" names the project.
PROJECT_WORDS = ("projekt", "projektet", "projekten", "project", "projects")
ABOUT_WORDS = {"om", "kring", "about", "on"}  # "projektet om utsatta familjer", "the project about …"
NAME_FOLLOWUP = "inform_entity"  # "och i Vushtrri?": a name, and the words that ask the last question about it


@dataclass
class Signs:
    names: List[str] = field(default_factory=list)  # "project:family-team" ... named by a strong name
    aliases: List[str] = field(default_factory=list)  # named only by a weak alias
    alias_items: List[str] = field(default_factory=list)  # the content id each alias names, in the same order
    vocabulary: Dict[str, float] = field(default_factory=dict)  # content term -> weight
    foreign: List[str] = field(default_factory=list)  # specific words the assistant does not know
    unknown: List[str] = field(default_factory=list)  # every word neither the content nor its questions use

    @property
    def score(self) -> float:
        return (NAME_WEIGHT * len(self.names) + ALIAS_WEIGHT * len(self.aliases)
                + sum(self.vocabulary.values()))

    @property
    def in_domain(self) -> bool:
        return self.score >= GATE_THRESHOLD


def strong_names(portfolio: Portfolio) -> Dict[str, Dict[str, List[str]]]:
    """The proper names: what the brochure calls each partner, project, person and the programme itself, and the
    aliases that are a short name's own word ("sekos" of "SEKOS 2", "vushtrria" of "Vushtrri")."""
    programme = portfolio.programme
    return {
        "partner": {p.id: [p.name, p.short_name, *_short_forms(p.aliases.all(), [p.short_name])]
                    for p in portfolio.partners.values()},
        "project": {p.id: [p.title.sv, p.title.en, p.short_name.sv, p.short_name.en,
                           *_titles_without_short_name([p.title.sv, p.title.en]),
                           *_short_forms(p.aliases.all(), [p.short_name.sv, p.short_name.en])]
                    for p in portfolio.projects.values()},
        "person": {p.id: [p.name, *_rare_surnames(p.aliases.all(), p.name)] for p in portfolio.people.values()},
        "programme": {programme.id: [programme.name.sv, programme.name.en, programme.funding.funder,
                                     *(a for a in programme.aliases.all() if len(a.split()) > 1)]},
    }


def _called_a_project(tokens: List[str], start: int, alias: List[str], lang: str) -> bool:
    """A project's everyday alias that the visitor calls a project names it: "miljöpedagogikprojektet", "the
    environmental education project", "förskoleprojektet" ("miljöpedagogik" and "förskolan" alone are also
    services of the municipality), unless the visitor speaks of their own."""
    if speaks_of_oneself(tokens, lang):
        return False  # "förskoleprojektet i min by": a project of the visitor's own
    last = tokens[start + len(alias) - 1] if start + len(alias) - 1 < len(tokens) else ""
    following = tokens[start + len(alias)] if start + len(alias) < len(tokens) else ""
    before = tokens[max(0, start - 2):start]
    about = len(before) == 2 and before[0].endswith(PROJECT_WORDS) and before[1] in ABOUT_WORDS
    return last.endswith(PROJECT_WORDS) or following in PROJECT_WORDS or about


def _titles_without_short_name(titles: List[str]) -> List[str]:
    """A title without the short name it ends in ("Miljöpedagogik i förskolan" of "Miljöpedagogik i förskolan
    (MIS 2)") is still the project's official name."""
    return [stripped for title in titles if (stripped := re.sub(r"\s*\([^)]*\)\s*$", "", title)) != title]


def _rare_surnames(aliases: List[str], name: str) -> List[str]:
    """A person's one-word alias that is a word of their name and rare in general language ("Lauber", "Ahlrot"):
    as specific as the whole name. A common surname ("Nilsson", "Sandberg") can be anyone on vaxjo.se."""
    return [alias for alias in _short_forms(aliases, [name])
            if max(general_frequency(lang).get(stem, 0.0) for lang in LANGUAGES
                   for stem in Analyzer(lang).terms(alias) or [""]) < min(RARE_ZIPF.values())]


def _short_forms(aliases: List[str], short_names: List[str]) -> List[str]:
    own_words = {word for name in short_names for word in words(name) if not word.isdigit()}
    return [alias for alias in aliases if len(words(alias)) == 1 and any(
        words(alias)[0] == word or min(len(word), len(words(alias)[0])) > COMPOUND_PART
        and (words(alias)[0].startswith(word) or word.startswith(words(alias)[0])) for word in own_words)]


def weak_names(portfolio: Portfolio) -> Dict[str, Dict[str, List[str]]]:
    """Every other alias, each its own entry ("veab" and "vätgas" are two signs of the energy project):
    words people use for an item that can also mean something else ("Teknikum", "förskolan", "Kosovo")."""
    items = [*portfolio.partners.values(), *portfolio.projects.values(), *portfolio.people.values(),
             portfolio.programme]
    return {"alias": {f"{item.id}|{alias}": [alias] for item in items for alias in item.aliases.all()}}


def _alias_forms(alias: str, analyzer: Analyzer) -> Set[str]:
    """The stems an alias is found by. Swedish aliases are often definite ("förskolan"), a form Snowball keeps whole;
    its indefinite form's stem ("förskol") finds "förskola" and "förskolorna" too."""
    forms = set(analyzer.terms(alias))
    if fold(alias).endswith("an"):
        forms.add(indefinite_stem(fold(alias), analyzer))
    return forms - {""}


def _surface_words(text: str) -> List[str]:
    return re.findall(r"[^\W\d_]+", (text or "").lower())


class ScopeGate:
    def __init__(self, store: ContentStore, nlu_dir: Path = NLU_DIR):
        portfolio = store.portfolio
        self._strong_names = strong_names(portfolio)
        self.goals = {goal.number for goal in portfolio.programme.agenda2030.goals} | {
            project.sdg_goal for project in portfolio.projects.values() if project.sdg_goal}
        self.strong = EntityMatcher(portfolio, self._strong_names)
        self._projects = set(portfolio.projects)
        self.weak = EntityMatcher(portfolio, weak_names(portfolio), fuzzy=False)
        self._aliases: Dict[str, List[str]] = {}
        for key in weak_names(portfolio)["alias"]:
            item_id, _, alias = key.partition("|")
            self._aliases.setdefault(item_id, []).append(alias)
        # One-word aliases by their stem too, so inflected forms count ("veabs", "teknikums").
        self._alias_stems: Dict[str, Dict[str, Tuple[str, str]]] = {}
        for lang in LANGUAGES:
            analyzer = Analyzer(lang)
            self._alias_stems[lang] = {
                term: (item_id, alias) for item_id, aliases in self._aliases.items() for alias in aliases
                if len(analyzer.terms(alias)) == 1 and len(words(alias)) == 1 for term in _alias_forms(alias, analyzer)}
        self.analyzers = {lang: Analyzer(lang) for lang in LANGUAGES}
        self._passages = store.passages
        host = {fold(word) for lang in LANGUAGES for word in _surface_words(portfolio.resources.contact.name(lang))}
        self.weights: Dict[str, Dict[str, float]] = {}
        self.known: Dict[str, Set[str]] = {}
        self.host_terms: Dict[str, Set[str]] = {}  # the site owner's name ("växjö", "kommun"): no sign of anything
        self.intent_terms: Dict[str, Dict[str, Set[str]]] = {}  # lang -> fact intent -> words of its questions
        for lang in LANGUAGES:
            analyzer, general = self.analyzers[lang], general_frequency(lang)
            found = store.passages.passages(lang)  # the statements as the passage index has them, built once
            statements = " ".join(f"{p.text} {p.title}" for p in found)
            content_terms = set(analyzer.terms(statements + " " + " ".join(p.names for p in found)))
            host_terms = self.host_terms[lang] = set(analyzer.stem(sorted(host)))
            self.weights[lang] = {term: weight for term in content_terms - host_terms
                                  if (weight := _rarity(general.get(term, 0.0), lang)) > 0}
            self.intent_terms[lang] = _question_terms_by_intent(nlu_dir / lang, analyzer)
            self.known[lang] = content_terms | {term for terms in self.intent_terms[lang].values() for term in terms}

    def signs(self, text: str, lang: str) -> Signs:
        lang = content_language(lang)
        analyzer, general = self.analyzers[lang], general_frequency(lang)
        found = Signs()
        found.names = [f"{m.kind}:{m.id}" for m in self.strong.find(text)]
        goal = goal_number(text)
        if goal in self.goals:  # an Agenda 2030 goal the content speaks of ("mål 4"), weak as an alias is
            found.vocabulary[f"goal {goal}"] = ALIAS_WEIGHT
        tokens, weak = words(text), self.weak.find(text)
        for mention in weak:
            item_id, _, alias = mention.id.partition("|")
            if item_id in self._projects and _called_a_project(tokens, mention.position, words(alias), lang) \
                    and f"project:{item_id}" not in found.names:
                found.names.append(f"project:{item_id}")
        named = " ".join(n.partition(":")[2] for n in found.names)
        for mention in weak:
            item_id, _, alias = mention.id.partition("|")
            if not any(name.endswith(f":{item_id}") for name in found.names):
                found.aliases.append(alias)
                found.alias_items.append(item_id)
        for term in analyzer.terms(text):
            item_id, alias = self._alias_stems[lang].get(term, ("", ""))
            if item_id and item_id not in found.alias_items and not any(
                    name.endswith(f":{item_id}") for name in found.names):
                found.aliases.append(alias)
                found.alias_items.append(item_id)
        # A name's words count once, as the name.
        covered = set(analyzer.terms(" ".join(found.aliases) + " " + named.replace("-", " ")))
        for name in found.names:
            covered.update(analyzer.terms(" ".join(self._names_of(name))))
        for word, term in analyzer.words_and_terms(text):
            if term not in self.known[lang] and (slip := self._passages.slip_of(word, lang)):
                term = slip  # "bätre" is "bättre" mistyped, no word the assistant lacks
            indefinite = indefinite_stem(term, analyzer) if term not in self.known[lang] else ""
            if indefinite and indefinite in self.known[lang]:
                term = indefinite  # "resultatet": "resultat"
            term = term if term in self.known[lang] else self._compound_head(term, lang) or term
            if term in covered:
                continue
            if term in self.weights[lang]:
                found.vocabulary[term] = self.weights[lang][term]
            elif term not in self.known[lang] and not self._known_compound(term, lang) \
                    and general.get(term, 0.0) < FUNCTION_ZIPF and len(term) > 1:  # "e.g." is no word
                found.unknown.append(term)
                if len(term) >= FOREIGN_MIN_LENGTH and general.get(term, 0.0) < FOREIGN_ZIPF[lang]:
                    found.foreign.append(term)
        return found

    def _compound_head(self, term: str, lang: str) -> str:
        """Swedish glues words: "partnerskapsprojekten" is "partnerskap" + "projekten". The longest first part
        that the content knows (a linking s dropped), when the rest is a word the content knows too."""
        for heads, tail in self._compound_splits(term, lang):
            weighed = [part for part in heads if part in self.weights[lang]]
            if weighed and tail in self.known[lang]:
                return weighed[0]
        return ""

    def _known_compound(self, term: str, lang: str) -> bool:
        """A Swedish compound of two words the assistant knows ("miljöprojektet": "miljö" + "projektet") is no
        word it lacks, though neither part is rare enough to be a sign."""
        known = self.known[lang]
        return lang == "sv" and any(tail in known and any(part in known for part in heads)
                                    for heads, tail in self._compound_splits(term, lang))

    def _compound_splits(self, term: str, lang: str) -> Iterator[Tuple[List[str], str]]:
        """Each way to cut a word in two, longest first part first: the first part's stems (with and without a
        linking s) and the last part's stem."""
        analyzer = self.analyzers[lang]
        for cut in range(len(term) - COMPOUND_PART, COMPOUND_PART - 1, -1):
            head, tail = term[:cut], term[cut:]
            heads = sorted({head, head[:-1]}) if head.endswith("s") else [head]
            yield analyzer.stem(heads), analyzer.stem([tail])[0]

    def item_terms(self, item_id: str, lang: str) -> frozenset:
        """The terms of every name and alias of one partner, project, person or the programme that are its own: not
        the words names are built of ("the", "in"), nor those many items' names share ("project", "projektet")."""
        return self._own_name_terms(item_id, content_language(lang))

    @lru_cache(maxsize=None)
    def _own_name_terms(self, item_id: str, lang: str) -> frozenset:
        return frozenset(self._item_terms(item_id, lang)) - self._shared_name_terms(lang)

    def _item_terms(self, item_id: str, lang: str) -> List[str]:
        analyzer = self.analyzers[lang]
        names = [name for by_id in self._strong_names.values() for name in by_id.get(item_id, [])]
        names += self._aliases.get(item_id, [])
        return [term for term in analyzer.terms(" ".join(word for name in names for word in words(name)
                                                          if word not in FUNCTION_WORDS))
                if term not in self.host_terms[lang]]

    @lru_cache(maxsize=None)
    def _shared_name_terms(self, lang: str) -> frozenset:
        items = {item_id for by_id in self._strong_names.values() for item_id in by_id} | set(self._aliases)
        seen: Dict[str, int] = {}
        for item_id in items:
            for term in set(self._item_terms(item_id, lang)):
                seen[term] = seen.get(term, 0) + 1
        return frozenset(term for term, count in seen.items() if count > SHARED_BY)

    def _names_of(self, key: str) -> List[str]:
        kind, _, item_id = key.partition(":")
        return self._strong_names.get(kind, {}).get(item_id, [])


def _rarity(zipf: float, lang: str) -> float:
    """VOCABULARY_WEIGHT for a word rare in general language, falling to nothing for a common one."""
    span = COMMON_ZIPF[lang] - RARE_ZIPF[lang]
    return VOCABULARY_WEIGHT * min(1.0, max(0.0, (COMMON_ZIPF[lang] - zipf) / span))


def _question_terms_by_intent(folder: Path, analyzer: Analyzer) -> Dict[str, Set[str]]:
    """Words of the training examples of each question the assistant answers ("financed", "började"): known to
    the assistant, so they do not make a follow-up foreign, and the words an intent's answer need not repeat.
    The names the examples mark ("vad var [Draknästet](project)") are under NAMES, not the intent's: a name is
    what a question is about, not what it asks. Optional: none if data/ is not deployed."""
    terms: Dict[str, Set[str]] = {NAMES: set()}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            intent = str(block.get("intent", ""))
            if intent.startswith("ask_") or intent == NAME_FOLLOWUP:
                examples = block.get("examples") or ""
                terms[NAMES].update(analyzer.terms(" ".join(re.findall(r"\[([^\]]*)\]\(", examples))))
                terms.setdefault(intent, set()).update(analyzer.terms(re.sub(r"\[[^\]]*\]\([^)]*\)", " ", examples)))
    return terms


@lru_cache(maxsize=None)
def _gate_for(store_id: int) -> ScopeGate:
    return ScopeGate(get_store())


def get_gate() -> ScopeGate:
    return _gate_for(id(get_store()))


def conversation_subject(tracker) -> Tuple[str, ...]:
    """What the conversation is about so far (the `subject` slot set by earlier answers), if anything."""
    subject = tracker.get_slot("subject")
    return (subject,) if subject else ()
