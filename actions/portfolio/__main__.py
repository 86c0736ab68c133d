"""Command line: `python -m actions.portfolio check` validates content/; `export-nlu` also writes NLU data."""
import sys
from pathlib import Path

from actions.portfolio import nlu_export
from actions.portfolio.loader import ContentError, content_dir, load_portfolio


def main(argv) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command not in ("check", "export-nlu"):
        print(f"usage: python -m actions.portfolio [check|export-nlu [TARGET]]  (got '{command}')", file=sys.stderr)
        return 2
    try:
        portfolio = load_portfolio()
    except ContentError as error:
        print(f"Content check failed in {content_dir()}:", file=sys.stderr)
        print("\n".join(f"  - {problem}" for problem in error.problems), file=sys.stderr)
        print("Fix the file named above and run the command again.", file=sys.stderr)
        return 1
    print(f"Content OK: {len(portfolio.partners)} partners, {len(portfolio.projects)} projects, "
          f"{len(portfolio.people)} people, {len(portfolio.results)} results.")
    if command == "export-nlu":
        target = Path(argv[2]) if len(argv) > 2 else nlu_export.GENERATED_FILE
        print(f"Wrote {nlu_export.write(portfolio, target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
