"""The content layer the actions use: the validated portfolio plus name matching and passage retrieval, built once."""
from functools import lru_cache

from actions.portfolio.loader import content_dir, get_portfolio
from actions.portfolio.matching import EntityMatcher
from actions.portfolio.retrieval import PassageIndex


class ContentStore:
    def __init__(self, portfolio):
        self.portfolio = portfolio
        self.matcher = EntityMatcher(portfolio)
        self.passages = PassageIndex(portfolio)

    def known_ids(self, kind: str):
        return {"partner": self.portfolio.partners, "project": self.portfolio.projects,
                "person": self.portfolio.people}[kind]


@lru_cache(maxsize=None)
def _store_for(folder: str) -> ContentStore:
    return ContentStore(get_portfolio())


def get_store() -> ContentStore:
    return _store_for(str(content_dir()))
