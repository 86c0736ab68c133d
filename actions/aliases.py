"""Everyday aliases ("Teknikum", "förskolan", "Veab", "the chair"): words that name a partner, project or person
but are everyday words on vaxjo.se too. A question whose only sign of the domain is such an alias is answered only
by an answer about what the alias names, that holds enough of the rest of the question (actions/answering.py
decides when; docs/scope.md, third and eighth passes)."""
from functools import lru_cache
from typing import List, Optional, Set

from actions.portfolio.retrieval import content_language, own_words
from actions.scope import Signs, get_gate
from actions.turn import Turn


def answers_the_alias(turn: Turn, signs: Signs, answer: str, coverage: float = 0.0,
                      subjects: Optional[List[str]] = None) -> bool:
    """The answer is about what an alias of the question names, and holds `coverage` of the question's other
    words. An answer with a subject (`subjects`, else the ones the answer set) must be about the item or its
    project ("var ligger teknikum" is not answered by where Vushtrri lies); one without, must name it."""
    gate, lang = get_gate(), content_language(turn.lang)
    analyzer = gate.analyzers[lang]
    answer_terms = set(analyzer.terms(answer))
    subjects = [s for s in (answered_subjects(turn) if subjects is None else subjects) if s]
    named = set()
    for item_id in signs.alias_items:
        terms = gate.item_terms(item_id, lang)
        if any(_same_item(turn, item_id, subject) for subject in subjects) if subjects else terms & answer_terms:
            named |= terms
    if not named:
        return False
    # the question's other words, each as the passage search reads it (its compound parts, other forms of it)
    index, own = turn.store.passages, own_words(turn.text).split()
    rest = [set(index.query_terms(word, lang)) | set(analyzer.terms(word)) for word in own]
    rest = [terms for terms in rest if terms and not terms & (named | gate.host_terms[lang])]
    # they are about the aliased item when its statements use them ("vem höll föreläsningar för eleverna på
    # teknikum"), not only the one statement given
    about = answer_terms | set(index.query_terms(answer, lang)) | {
        term for item_id in signs.alias_items for term in _statement_terms(turn, item_id, lang)}
    return not rest or sum(bool(terms & about) for terms in rest) / len(rest) >= coverage


def _same_item(turn: Turn, item_id: str, subject: str) -> bool:
    """The item is the subject ("project:sekos-2"), or the person who speaks about it, or the project a person
    speaks about; a partner ("Sydafrika") is also its projects and the people who speak about them."""
    people, projects, subject_id = turn.content.people, turn.content.projects, subject.partition(":")[2]
    if item_id == subject_id or (item_id in people and people[item_id].about == subject_id) or (
            subject_id in people and people[subject_id].about == item_id):
        return True
    project_id = people[subject_id].about if subject_id in people else subject_id
    return item_id in turn.content.partners and project_id in projects and item_id in projects[project_id].partners


def answered_subjects(turn: Turn) -> List[str]:
    """The partners, projects or people the answer given so far is about (its `subject` slot events)."""
    return [str(e.get("value")) for e in turn.events if e.get("event") == "slot" and e.get("name") == "subject"]


def _statement_terms(turn: Turn, item_id: str, lang: str) -> Set[str]:
    return _terms_of_statements(turn.store.passages, get_gate(), item_id, lang)


@lru_cache(maxsize=None)
def _terms_of_statements(index, gate, item_id: str, lang: str) -> frozenset:
    """Every term of the statements about one partner, project or person."""
    analyzer = gate.analyzers[lang]
    return frozenset(term for passage in index.passages(lang) if passage.subject.endswith(f":{item_id}")
                     for term in [*analyzer.terms(passage.text), *index.query_terms(passage.text, lang)])


def aliased_projects(turn: Turn, signs: Signs) -> List[str]:
    """The projects the question names by an everyday alias only (no strong name of anything); a person named by
    their role ("vad säger förskolläraren om projektet") stands for the project they speak about."""
    if signs.names:
        return []
    content = turn.content
    about = [content.people[item].about if item in content.people else item for item in signs.alias_items]
    return sorted({item for item in about if item in content.projects})
