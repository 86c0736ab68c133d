"""Custom actions of the Växjö partnership assistant; they answer from the content layer in actions.portfolio."""
import sys

from actions.portfolio import ContentError, get_store

try:
    get_store()  # validate content/ when the action server starts, not at the first question
except ContentError as error:
    sys.stderr.write(f"The action server cannot start: {error}\nFix the file named above and start it again.\n")
    raise SystemExit(1)

from actions import (  # noqa: E402,F401  registers answers
    fallback,
    followups,
    human_contact,
    partners,
    programme,
    projects,
)
