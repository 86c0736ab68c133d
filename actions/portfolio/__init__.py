"""The portfolio content layer: typed, validated content from content/ and queries over it."""
from actions.portfolio.loader import ContentError, get_portfolio, load_portfolio  # noqa: F401
from actions.portfolio.store import ContentStore, get_store  # noqa: F401
