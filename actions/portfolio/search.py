"""Searches the content's passages in one language, for questions the NLU model was unsure about."""
import math
from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional

from actions.portfolio.models import Portfolio
from actions.portfolio.text import fold, words

STEM = 6  # comparing word starts treats "invånare"/"invånarna" and "project"/"projects" alike
STOPWORDS = set(fold(word) for word in (
    "och i att det som en på är av för med till den har de inte om ett han hon var jag vi du ni "
    "vad vem hur när var vilka vilken vilket kan finns fanns man så eller sin sina sitt där här "
    "the a an and of to in is are was were for on with what who how when where which that this it "
    "do does did can you me about there their they be by from as at or mycket många manga lite "
    "bra ska skulle får gör göra much many get tell berätta".split()
))


@dataclass(frozen=True)
class Passage:
    title: str
    text: str
    source: str
    subject: str = ""  # "project:mis-2", "partner:vushtrri", "person:..." or "" for the programme


def _stems(text: str) -> List[str]:
    return [word[:STEM] for word in words(text) if word not in STOPWORDS and len(word) > 1]


def passages(portfolio: Portfolio, lang: str) -> List[Passage]:
    programme, contact = portfolio.programme, portfolio.resources.contact
    found = [
        Passage(programme.name(lang), " ".join(field(lang) for field in (
            programme.history, programme.basis, programme.purpose, programme.give_and_take,
            programme.project_character, programme.meeting)), contact.website),
        Passage(programme.funding.funder_name(lang), programme.funding.description(lang), programme.funding.website),
        Passage("Agenda 2030", programme.agenda2030.description(lang), contact.website),
    ]
    for partner in portfolio.partners.values():
        themes = ", ".join(theme(lang) for theme in partner.themes)
        found.append(Passage(partner.name, f"{partner.country(lang)}. {themes}. {partner.funding(lang)}",
                             partner.website, f"partner:{partner.id}"))
    for project in portfolio.projects.values():
        for field in (project.purpose, project.activities, project.participants, project.results):
            found.append(Passage(project.title(lang), field(lang), contact.website, f"project:{project.id}"))
    for person in portfolio.people.values():
        found.append(Passage(f"{person.name}, {person.role(lang)}", person.quote(lang), contact.website,
                             f"person:{person.id}"))
    results = "; ".join(result.text(lang) for result in portfolio.results)
    found.append(Passage(programme.name(lang), results, contact.website))
    return found


class ContentSearch:
    def __init__(self, portfolio: Portfolio):
        self._passages: Dict[str, List[Passage]] = {}
        self._stems: Dict[str, List[Counter]] = {}
        self._idf: Dict[str, Dict[str, float]] = {}
        for lang in ("sv", "en"):
            found = passages(portfolio, lang)
            bags = [Counter(_stems(f"{p.title} {p.text}")) for p in found]
            document_frequency = Counter(stem for bag in bags for stem in bag)
            self._passages[lang], self._stems[lang] = found, bags
            self._idf[lang] = {s: math.log(1 + len(bags) / df) for s, df in document_frequency.items()}

    def best(self, query: str, lang: str, min_score: float = 1.5, subjects=()) -> Optional[Passage]:
        """The passage sharing the most informative words with the query, if any shares enough.

        With `subjects`, only passages about those (e.g. the project the question names) compete."""
        lang = "en" if lang == "en" else "sv"
        query_stems = set(_stems(query))
        if not query_stems:
            return None
        idf = self._idf[lang]
        scores = [sum(idf.get(stem, 0.0) for stem in query_stems if stem in bag)
                  if not subjects or passage.subject in subjects else 0.0
                  for passage, bag in zip(self._passages[lang], self._stems[lang])]
        best_index = max(range(len(scores)), key=scores.__getitem__)
        return self._passages[lang][best_index] if scores[best_index] >= min_score else None
