"""Every name of the partners, projects, people and the programme, from the typed content: the one list the
language detector, the NLU export, the matcher, the channels, the demo page and the tests read."""
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Tuple

from actions.portfolio.loader import content_dir, get_portfolio
from actions.portfolio.models import LANGUAGES, Portfolio
from bot.folding import fold

KINDS = ("partner", "project", "person")
# Names the brochure uses everywhere but that the content files never list on their own.
EXTRA_NAMES = ("Växjö", "ICLD", "Agenda 2030", "Teknikum", "Veab")


def aliases_by_kind(portfolio: Portfolio) -> Dict[str, Dict[str, List[str]]]:
    """Every name people use for each entity: {kind: {id: [names]}}."""
    found: Dict[str, Dict[str, List[str]]] = {kind: {} for kind in KINDS}
    for partner in portfolio.partners.values():
        found["partner"][partner.id] = [partner.name, partner.short_name, *partner.aliases.all()]
    for project in portfolio.projects.values():
        found["project"][project.id] = [
            project.title.sv, project.title.en, project.short_name.sv, project.short_name.en,
            *project.aliases.all(),
        ]
    for person in portfolio.people.values():
        found["person"][person.id] = [person.name, *person.aliases.all()]
    return found


def folded_names(portfolio: Portfolio) -> Dict[str, Dict[str, List[str]]]:
    """{kind: {id: [names as the NLU pipeline folds a message]}}; a name two entities share is left out.

    Only folded forms: the lookup tables match the text after bot/components/text_normalizer.py folded it, so a
    form with "å" or "-" could never match."""
    owners: Dict[str, set] = {}
    names = aliases_by_kind(portfolio)
    for kind, entities in names.items():
        for entity_id, aliases in entities.items():
            for alias in aliases:
                owners.setdefault(" ".join(fold(alias).split()), set()).add((kind, entity_id))
    result: Dict[str, Dict[str, List[str]]] = {kind: {} for kind in names}
    for form, owned_by in sorted(owners.items()):
        if len(owned_by) == 1 and form:
            kind, entity_id = next(iter(owned_by))
            result[kind].setdefault(entity_id, []).append(form)
    return result


def proper_names(portfolio: Portfolio, titles: bool = False) -> Tuple[str, ...]:
    """Names that say nothing about a message's language ("Vushtrri", "SEKOS 2", "Växjö kommun"), for the
    language detector. Project titles only with `titles`: a reply names them in either language."""
    programme, contact = portfolio.programme, portfolio.resources.contact
    names = {*EXTRA_NAMES, programme.funding.funder, *programme.aliases.all(),
             *(text(lang) for text in (programme.name, contact.name) for lang in LANGUAGES)}
    for partner in portfolio.partners.values():
        names.update((partner.name, partner.short_name, *partner.aliases.all()))
    for project in portfolio.projects.values():
        names.update((project.short_name.sv, project.short_name.en, *project.aliases.all()))
        if titles:
            names.update((project.title.sv, project.title.en))
    for person in portfolio.people.values():
        names.update((person.name, *person.aliases.all()))
    return tuple(sorted(names))


@dataclass(frozen=True)
class Names:
    by_kind: Dict[str, Dict[str, List[str]]]
    folded: Dict[str, Dict[str, List[str]]]
    proper: Tuple[str, ...]
    proper_with_titles: Tuple[str, ...]

    @classmethod
    def of(cls, portfolio: Portfolio) -> "Names":
        return cls(aliases_by_kind(portfolio), folded_names(portfolio), proper_names(portfolio),
                   proper_names(portfolio, titles=True))


@lru_cache(maxsize=None)
def _names_for(folder: str) -> Names:
    return Names.of(get_portfolio())


def get_names() -> Names:
    """The names of the content in use (VAXJO_CONTENT_DIR or content/), built once per process."""
    return _names_for(str(content_dir()))
