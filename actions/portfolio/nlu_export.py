"""Writes NLU lookup tables and synonyms from content/, so a name is written once and the model learns it."""
from pathlib import Path
from typing import List

from actions.portfolio.models import Portfolio
from actions.portfolio.names import folded_names

GENERATED_FILE = Path(__file__).resolve().parents[2] / "data" / "nlu" / "generated" / "entities.yml"
HEADER = "# Generated from content/ by `python -m actions.portfolio export-nlu`. Do not edit: edit content/.\n"


def _block(header: str, items: List[str]) -> str:
    lines = "".join(f"    - {item}\n" for item in items)
    return f"- {header}\n  examples: |\n{lines}"


def render(portfolio: Portfolio) -> str:
    blocks = []
    for kind, entities in folded_names(portfolio).items():
        all_names = sorted({name for names in entities.values() for name in names})
        blocks.append(_block(f"lookup: {kind}", all_names))
        for entity_id, names in entities.items():
            blocks.append(_block(f"synonym: {entity_id}", sorted(set(names) - {entity_id})))
    return HEADER + 'version: "3.1"\nnlu:\n' + "".join(blocks)


def write(portfolio: Portfolio, target: Path = GENERATED_FILE) -> Path:
    """Writes only when the text changes, so `make` retrains only when a name really changed."""
    text = render(portfolio)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target
