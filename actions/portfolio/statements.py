"""The content's statements, one passage each: every sentence of content/ (purposes, activities, results, quotes,
the programme text, fact boxes ...) with its title, source and subject, and the visitors' words for it
(content/phrasings.yml). Built once per language; the passage search (retrieval.py) indexes them."""
import re
from dataclasses import dataclass, replace
from typing import Dict, Iterable, List, Optional

from actions.portfolio.models import Portfolio
from actions.portfolio.text import fold, format_list, format_number, format_period, words

LANGUAGES = ("sv", "en")
DRAFT_PLACEHOLDER = "TODO"  # what a drafted phrasing (insights/phrasings.py) says where the editor must write
# Sentence ends; "FN:s", "t.ex." and decimal numbers carry no space after the dot, so they stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"'–-])")


@dataclass(frozen=True)
class Passage:
    text: str  # one statement, quoted as it stands in content/
    title: str  # what it is about: a project's name, a person and role, the programme ...
    source: str  # where the visitor can read it (a URL)
    subject: str = ""  # "project:mis-2", "partner:vushtrri", "person:..." or "" for the programme
    names: str = ""  # the subject's names, indexed with the passage so "familjeteamet" finds its sentences
    asks: str = ""  # visitors' words for what it says (content/phrasings.yml), indexed with it, never quoted
    paragraph: str = ""  # the whole text it is a sentence of (a quote, a project's results), when that has more
    is_role: bool = False  # "Julia Ahlrot: Head of Strategy …": who a person is, not what they say
    goal: int = 0  # the Agenda 2030 goal whose meaning it gives ("Agenda 2030, Goal 4: good education for all.")

    @property
    def quoted(self) -> str:
        """What the visitor is shown: the paragraph the statement is a sentence of, as the content has it. A
        sentence alone may not say what it speaks of ("Today it plays a key role …"), or cut a person's words short;
        the paragraphs are short (at most about 100 words)."""
        return self.paragraph or self.text

    @property
    def searchable(self) -> str:
        """Everything a question may match it by: the statement, its subject's names, the visitors' words."""
        return f"{self.text} {self.names} {self.asks}"


def sentences(text: str) -> List[str]:
    return [part.strip() for part in _SENTENCE_END.split(text or "") if part.strip()]


def passages(portfolio: Portfolio, lang: str) -> List[Passage]:
    """Every statement of the content in one language, with its title and source."""
    programme, contact = portfolio.programme, portfolio.resources.contact
    found: List[Passage] = []

    def add(texts: Iterable[str], title: str, source: str, subject: str = "", names: str = "") -> None:
        for text in texts:
            parts = sentences(text)
            paragraph = text.strip() if len(parts) > 1 else ""
            found.extend(Passage(sentence, title, source, subject, names, paragraph=paragraph) for sentence in parts)

    programme_names = " ".join([programme.name(lang), *programme.aliases.all()])
    add([field(lang) for field in (programme.history, programme.basis, programme.purpose, programme.give_and_take,
                                   programme.project_character, programme.meeting, programme.agenda2030.description)],
        programme.name(lang), contact.website, names=programme_names)
    funding = programme.funding
    add([funding.description(lang)], funding.funder_name(lang), funding.website, names=programme_names)
    values = format_list([value(lang) for value in programme.core_values], lang)
    add([f"{LABELS[lang]['core_values'].format(funder=funding.funder)} {values}."], funding.funder_name(lang),
        funding.website, names=programme_names)
    for goal in programme.agenda2030.goals:
        found.append(Passage(f"Agenda 2030, {LABELS[lang]['goal']} {goal.number}: {goal.description(lang)}.",
                             "Agenda 2030", contact.website, names=programme_names, goal=goal.number))
    for partner in portfolio.partners.values():
        names = " ".join([partner.name, *partner.aliases.all()])
        themes = ", ".join(theme(lang) for theme in partner.themes)
        add([f"{partner.name} ({partner.country(lang)}): {partner.project_count} {partner.project_count_label(lang)}, "
             f"{themes}.", partner.funding(lang), _fact_box(partner, lang)],
            partner.name, partner.website, f"partner:{partner.id}", names)
    for project in portfolio.projects.values():
        names = " ".join([project.title(lang), project.short_name(lang), *project.aliases.all()])
        labels = LABELS[lang]
        short, title = project.short_name(lang), project.title(lang)
        name = title if fold(short) in fold(title) else f"{short} ({title})"
        box = (f"{name}: {format_period(project.period.start, project.period.end)}, "
               f"{labels['owner']} {project.owner(lang)}, {labels['focus']} {project.focus(lang)}.")
        add([box, project.purpose(lang), project.activities(lang), project.participants(lang), project.results(lang)],
            project.short_name(lang), contact.website, f"project:{project.id}", names)
    for person in portfolio.people.values():
        names = " ".join([person.name, person.role(lang), *person.aliases.all()])
        about = portfolio.projects.get(person.about)
        if about:
            names += " " + " ".join([about.short_name(lang), *about.aliases.all()])
        title = f"{person.name}, {person.role(lang)}"
        found.append(Passage(f"{person.name}: {person.role(lang)}.", title, contact.website, f"person:{person.id}",
                             names, is_role=True))
        add([person.quote(lang)], title, contact.website, f"person:{person.id}", names)
    for result in portfolio.results:
        subject = f"project:{result.project}" if result.project else ""
        text = result.text(lang)
        add([text[0].upper() + text[1:] + "."], programme.name(lang), contact.website, subject, programme_names)
    film, read_more = portfolio.resources.film, portfolio.resources.read_more
    add([f"{film.title(lang)[0].upper()}{film.title(lang)[1:]}: {film.where(lang)}."], programme.name(lang), film.url)
    add([f"{read_more.title(lang)[0].upper()}{read_more.title(lang)[1:]}: {read_more.url}"], programme.name(lang),
        read_more.url, names=programme_names)
    add([f"{contact.name(lang)}: {contact.website}, {contact.email}, {LABELS[lang]['phone']} {contact.phone}"],
        contact.name(lang), contact.website, names=programme_names)
    return _with_asks(found, portfolio, lang)


def folded_statements(found: List[Passage]) -> List[str]:
    """Each passage's words, folded and spaced as _quoting compares them (worked out once per list: folding is
    the costly part)."""
    return [" ".join(words(passage.text)) for passage in found]


def _quoting(folded: List[str], quote: str) -> List[int]:
    """The passages (as folded_statements gives them) that hold the quoted piece (case, å/ä/ö and spacing aside)."""
    wanted = " ".join(words(quote))
    return [i for i, text in enumerate(folded) if wanted in text]


def unique_quote(found: List[Passage], folded: List[str], index: int, min_words: int = 4) -> Optional[str]:
    """The shortest beginning of one passage's statement (at least `min_words` words) that no other statement
    holds, as content/phrasings.yml quotes a statement; None if even the whole of it is elsewhere too. `folded`
    is the list's statements as folded_statements() gives them, worked out once by the caller."""
    tokens = found[index].text.split()
    for size in range(min(min_words, len(tokens)), len(tokens) + 1):
        quote = " ".join(tokens[:size]).rstrip(",:;")
        if _quoting(folded, quote) == [index]:
            return quote
    return None


def _with_asks(found: List[Passage], portfolio: Portfolio, lang: str) -> List[Passage]:
    asks: Dict[int, List[str]] = {}
    folded = folded_statements(found)
    for phrasing in portfolio.phrasings:
        for i in _quoting(folded, phrasing.passage(lang)):
            asks.setdefault(i, []).extend(phrasing.asks(lang))
    return [replace(passage, asks=" ".join(asks[i])) if i in asks else passage for i, passage in enumerate(found)]


def phrasing_problems(portfolio: Portfolio) -> List[str]:
    """Each phrasing must quote exactly one statement in each language, or its words would go nowhere; a draft
    from the report (insights/phrasings.py) must be completed first."""
    problems, statements = [], {lang: folded_statements(passages(portfolio, lang)) for lang in LANGUAGES}
    for number, phrasing in enumerate(portfolio.phrasings):
        for lang in LANGUAGES:
            quote = phrasing.passage(lang)
            if DRAFT_PLACEHOLDER in [quote, *phrasing.asks(lang)]:
                problems.append(f"content/phrasings.yml: field 'phrasings.{number}.{lang}': still says "
                                f"{DRAFT_PLACEHOLDER}: write the {lang} quote and words, or delete the entry")
                continue
            matches = len(_quoting(statements[lang], quote))
            if matches != 1:
                problems.append(f"content/phrasings.yml: field 'phrasings.{number}.passage.{lang}': "
                                f"'{quote}' is in {matches} statements of the content, not exactly one")
    return problems


# The few words that join a fact box's figures into a statement; the figures themselves come from content/.
LABELS = {
    "sv": {"goal": "mål", "owner": "projektägare", "focus": "fokus", "since": "partnerskap sedan",
           "inhabitants": "invånare", "area": "km²", "core_values": "Projekten bygger på {funder}:s kärnvärden:",
           "phone": "telefon"},
    "en": {"goal": "Goal", "owner": "owner", "focus": "focus", "since": "partnership since",
           "inhabitants": "inhabitants", "area": "km²", "core_values": "The projects build on {funder}'s core values:",
           "phone": "phone"},
}


def _fact_box(partner, lang: str) -> str:
    labels = LABELS[lang]
    figures = format_list([f"{format_number(partner.population, lang)} {labels['inhabitants']}",
                           f"{format_number(partner.area_km2, lang)} {labels['area']}"], lang)
    return f"{partner.name}: {labels['since']} {partner.start_year}, {figures}, {partner.website}."
