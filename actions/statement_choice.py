"""Which statement of the content answers a question: the best passage for a question no intent covers, and the
statements that take the place of an intent's answer when it passes by what was asked ("… enligt Lauber", "hur
länge …?") or would ask "which project?" though one statement answers (docs/scope.md, eighth to twelfth passes).
actions/answering.py decides whether a question is answered at all."""
import re
from typing import Dict, List, Optional, Set

from actions.portfolio.answer_types import asked_kind, holds_kind
from actions.portfolio.retrieval import Hit, content_language, own_words, same_beginning
from actions.portfolio.statements import LABELS
from actions.portfolio.tense import asks_what_someone_said
from actions.scope import VOCABULARY_WEIGHT, Signs, get_gate
from actions.turn import Turn

# BM25 score a passage needs to be given as the answer (calibrated on the tune split: docs/scope.md), and the
# lower score that does when the question names the partner, project or person the passage is about.
PASSAGE_THRESHOLD = 1.6
NAMED_PASSAGE_THRESHOLD = 1.0
# A statement holds enough of a question when it holds this many of its words (and the share the caller asks).
COVERED_TERMS = 2
# An attribute question the model is sure of, that names no project ("hur många familjemedlemmar fick hjälp?"), is
# answered by the statement that holds this share of its own words, and scores STANDS_OUT times the next statement,
# instead of "which project?" ("how many took part?" fits several statements about as well: 1.06 times).
CLARIFY_COVERAGE = 0.5
STANDS_OUT = 1.75
CANDIDATES = 10
COMPOUND_HEAD = 5  # the first part of a Swedish compound that may begin a project's name ("miljö")
# Below this, the model's second choice of fact question is answered instead, when its answer quotes a statement that
# fits the question better (actions/second_choice.py), and an answer may be followed by the statement the question
# fits best (actions/answering.py: _supplement).
SURE_OF_THE_QUESTION = 0.8
# A person named only by an everyday alias gets their words in place of an answer the model is this sure of only
# when the question asks what someone says.
SURE_OF_ANOTHER_QUESTION = 0.9


def offered_project_the_question_names(turn: Turn) -> Optional[str]:
    """Of the projects "which project?" offers, the one whose own name words the question uses, whole or in part
    ("miljöprojektet i vushtrri": miljö(pedagogik); "the environmental project in vushtrri"; "the project ... for
    the families"), when only one does."""
    listed = next((e.get("value") for e in reversed(turn.events) if e.get("name") == "listed_items"), None) or []
    offered = [item.partition(":")[2] for item in listed if str(item).startswith("project:")]
    gate, lang, index = get_gate(), content_language(turn.lang), turn.store.passages

    def with_parts(terms: Set[str]) -> Set[str]:
        return terms | {part for term in terms for part in index.compound_parts(term, lang)}

    names = {pid: with_parts(set(gate.item_terms(pid, lang))) for pid in offered}
    shared = {term for pid in offered for term in names[pid] if sum(term in other for other in names.values()) > 1}
    asked = with_parts(set(own_terms(turn.text, turn.lang))) - gate.host_terms[lang]
    own = {pid: terms - shared for pid, terms in names.items()}
    named = [pid for pid in offered if any(_names_it(term, own[pid]) for term in asked)]
    return named[0] if len(named) == 1 else None


def _names_it(term: str, names: Set[str]) -> bool:
    """The term is a name word, another form of one, or the beginning of one ("miljö" of "miljöpedagogik")."""
    return term in names or any(same_beginning(term, name) or (len(term) >= COMPOUND_HEAD and name.startswith(term))
                                for name in names)


def words_of_the_person_the_answer_passes_by(turn: Turn, signs: Signs) -> Optional[Hit]:
    """The question names a person ("enligt Lauber", "according to the Teknikum principal") and the intent's answer
    does not speak of them: the best statement about that person, when it scores enough."""
    people = [name for name in signs.names if name.startswith("person:")]
    said = asks_what_someone_said(turn.text, content_language(turn.lang))
    if turn.confidence < SURE_OF_ANOTHER_QUESTION or said:
        # an everyday alias may be a plain word ("the principal objective"): a sure model asked something else
        people += [f"person:{item}" for item in signs.alias_items if item in turn.content.people]
    answer = answer_text(turn)
    people = [p for p in people if turn.content.people[p.partition(":")[2]].name not in answer]
    if not people:
        return None
    hits = turn.store.passages.search(turn.text, turn.lang, limit=CANDIDATES)
    about = [hit for hit in hits if hit.passage.subject in people and hit.score >= NAMED_PASSAGE_THRESHOLD]
    if said:  # "… according to Veab's head of strategy?" repeats her title: her words
        about = _words_not_title(about)
    return _best_for_the_rest(turn, [hit for hit in about if hit.passage.subject == about[0].passage.subject]) \
        if about else None


def meaning_of_the_goal_the_answer_names(turn: Turn) -> Optional[Hit]:
    """The question asks about a goal ("vad står mål 4 för, det som förskoleprojektet kopplas till?") and the answer
    names an Agenda 2030 goal of the content by its number only: the statement that says what the goal is."""
    lang, index, answer = content_language(turn.lang), turn.store.passages, answer_text(turn)
    goal_word, analyzer = LABELS[lang]["goal"], get_gate().analyzers[lang]
    if not set(analyzer.terms(goal_word)) & set(analyzer.terms(turn.text)):
        return None
    for passage in index.passages(turn.lang):
        if passage.goal and re.search(rf"\b{goal_word}\s+{passage.goal}\b", answer, re.IGNORECASE) \
                and passage.text not in answer:
            return Hit(passage, 0.0)
    return None


def statement_with_the_kind_the_answer_lacks(turn: Turn, signs: Signs) -> Optional[Hit]:
    """The question asks how long, how many or when, and the intent's answer holds no duration, number or year:
    the best statement that holds one (below). Or the answer is a partner's ("the partnership with Vushtrri began in
    2013") and the question names one of its projects too ("when did the kosovo preschool thing start?"): that
    project's statement holding the kind asked."""
    kind, lang = asked_kind(turn.text, content_language(turn.lang)), content_language(turn.lang)
    if not kind:
        return None
    lacks_it = not holds_kind(answer_text(turn), kind, lang)
    projects = {name for name in signs.names if name.startswith("project:")} | {
        f"project:{item}" for item in signs.alias_items if item in turn.content.projects}
    if not lacks_it and not (turn.intent.startswith("ask_partner_") and projects):
        return None  # searched only when a statement may take the answer's place
    hits = turn.store.passages.search(turn.text, turn.lang, limit=CANDIDATES)
    if lacks_it:
        return _best_holding(turn, signs, hits, kind)
    return next((hit for hit in hits if hit.passage.subject in projects and holds_kind(hit.passage.text, kind, lang)
                 and hit.score >= NAMED_PASSAGE_THRESHOLD), None)


def _best_holding(turn: Turn, signs: Signs, hits: List[Hit], kind: str) -> Optional[Hit]:
    """Of the statements found, the best that holds the kind of answer asked: the best of all, or the best about
    what the question names (a project before its partner), when it scores enough to be given."""
    named = set(signs.names) | subjects_of_people(turn, signs.names)
    named = {name for name in named if not name.startswith("partner:")} or named  # the energy project's end year
    return next((hit for rank, hit in enumerate(hits) if (rank == 0 or hit.passage.subject in named)
                 and holds_kind(hit.passage.text, kind, content_language(turn.lang))
                 and hit.score >= threshold(hit, signs)), None)


def statement_that_answers(turn: Turn, signs: Signs) -> Optional[Hit]:
    """The best passage, when it scores PASSAGE_THRESHOLD, stands out from the best one about anything else
    (STANDS_OUT times its score) and holds most of the question's own words: the statement that answers it,
    whichever project it is about. ("how many took part?" fits several projects' statements about as well, and
    still gets "which project?"; "how many children will test the method" fits two statements of one project.)"""
    hits = turn.store.passages.search(turn.text, turn.lang, limit=CANDIDATES)
    if not hits or hits[0].score < PASSAGE_THRESHOLD:
        return None
    rival = next((hit for hit in hits[1:] if hit.passage.subject != hits[0].passage.subject), None)
    index, lang = turn.store.passages, content_language(turn.lang)
    if _only_it_holds_a_rare_word(turn, signs, hits):
        return hits[0]
    if rival and hits[0].score < STANDS_OUT * rival.score:
        return None
    own = set(index.query_terms(own_words(turn.text), turn.lang)) - get_gate().host_terms[lang]
    covered = own & index.held_terms(hits[0].passage, turn.lang)
    return hits[0] if len(covered) >= COVERED_TERMS and len(covered) >= CLARIFY_COVERAGE * len(own) else None


def _only_it_holds_a_rare_word(turn: Turn, signs: Signs, hits: List[Hit]) -> bool:
    """A word of the question as rare as a sign gets ("studiekurs") is in the best statement and in no other."""
    index = turn.store.passages
    rare = {term for term, weight in signs.vocabulary.items() if weight >= VOCABULARY_WEIGHT}
    held = [rare & index.held_terms(hit.passage, turn.lang) for hit in hits]
    return bool(held[0]) and not any(held[0] & other for other in held[1:])


def best_passage(turn: Turn, signs: Signs) -> Optional[Hit]:
    """The best passage (below), and a person's words rather than their title when the question asks what they
    say ("How does the Åby preschool teacher describe taking part?" matches her title word for word)."""
    hit = _best_passage(turn, signs)
    if hit and hit.passage.is_role and asks_what_someone_said(turn.text, content_language(turn.lang)):
        hits = turn.store.passages.search(turn.text, turn.lang, limit=CANDIDATES)
        theirs = [other for other in hits if other.passage.subject == hit.passage.subject
                  and other.score >= NAMED_PASSAGE_THRESHOLD]
        return _words_not_title(theirs)[0] if theirs else hit
    return hit


def _words_not_title(hits: List[Hit]) -> List[Hit]:
    """A person's statements without their title, when they have any: a question about what they say may match
    the title word for word."""
    return [hit for hit in hits if not hit.passage.is_role] or hits


def _best_passage(turn: Turn, signs: Signs) -> Optional[Hit]:
    """The best passage; when it scores too little to be given, the best one about what the question names, which
    needs less (a name of the domain is evidence of its own)."""
    hits = turn.store.passages.search(turn.text, turn.lang, limit=CANDIDATES)
    kind = asked_kind(turn.text, content_language(turn.lang))
    if kind and hits and not holds_kind(hits[0].passage.text, kind, content_language(turn.lang)) \
            and (holding := _best_holding(turn, signs, hits, kind)):
        return holding  # "for how long did the family teams coordinate …": the statement that says how long
    people = [name for name in signs.names if name.startswith("person:")]
    if hits and people and hits[0].passage.subject not in people:
        theirs = [hit for hit in hits if hit.passage.subject in people and hit.score >= NAMED_PASSAGE_THRESHOLD]
        if theirs:
            return _best_for_the_rest(turn, [hit for hit in theirs if hit.passage.subject == theirs[0].passage.subject])
    if not hits or hits[0].score >= threshold(hits[0], signs):
        return _best_without_the_name(turn, signs, hits) if hits else None
    named = {name for name in signs.names} | subjects_of_people(turn, signs.names)
    about_named = [hit for hit in hits if hit.passage.subject in named]
    return about_named[0] if about_named and about_named[0].score >= NAMED_PASSAGE_THRESHOLD else hits[0]


def _best_without_the_name(turn: Turn, signs: Signs, hits: List[Hit]) -> Hit:
    """Every statement about what the question names matches its name: among them, the one that best matches the
    rest of the question."""
    subject = hits[0].passage.subject
    if not subject or subject not in signs.names:
        return hits[0]
    return _best_for_the_rest(turn, [hit for hit in hits if hit.passage.subject == subject
                                     and hit.score >= threshold(hit, signs)])


def _best_for_the_rest(turn: Turn, hits: List[Hit]) -> Hit:
    """Of statements about one subject, the one that best matches the question's words other than its names."""
    index, subject = turn.store.passages, hits[0].passage.subject
    name_terms = get_gate().item_terms(subject.partition(":")[2], content_language(turn.lang))
    rest = [term for term in index.query_terms(turn.text, turn.lang) if term not in name_terms]
    if not rest:
        return hits[0]
    scores = index.scores(rest, turn.lang)
    order = {p: i for i, p in enumerate(index.passages(turn.lang))}
    return max(hits, key=lambda hit: scores[order[hit.passage]])


def threshold(hit: Hit, signs: Signs) -> float:
    return NAMED_PASSAGE_THRESHOLD if hit.passage.subject and hit.passage.subject in signs.names else PASSAGE_THRESHOLD


def subjects_of_people(turn: Turn, names: List[str]) -> Set[str]:
    """A person named stands for the project they speak about too."""
    found = set()
    for name in names:
        kind, _, item_id = name.partition(":")
        person = turn.content.people.get(item_id) if kind == "person" else None
        if person and person.about in turn.content.projects:
            found.add(f"project:{person.about}")
    return found


def answer_text(turn: Turn) -> str:
    return " ".join(_rendered(turn, message) for message in turn.dispatcher.messages)


def _rendered(turn: Turn, message: Dict) -> str:
    values = {key: value for key, value in message.items() if key not in ("response", "buttons")}
    return turn.render(message.get("response") or "", **values) if message.get("response") else \
        str(message.get("text") or "")


def own_terms(text: str, lang: str) -> List[str]:
    """The terms of the question's own words."""
    return get_gate().analyzers[content_language(lang)].terms(own_words(text))
