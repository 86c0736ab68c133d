"""Writes NLU lookup tables and synonyms from content/, so a name is written once and the model learns it."""
from pathlib import Path
from typing import Dict, List

from actions.portfolio.matching import aliases_by_kind
from actions.portfolio.models import Portfolio
from actions.portfolio.text import fold

GENERATED_FILE = Path(__file__).resolve().parents[2] / "data" / "nlu" / "generated" / "entities.yml"
HEADER = "# Generated from content/ by `python -m actions.portfolio export-nlu`. Do not edit: edit content/.\n"


def entity_names(portfolio: Portfolio) -> Dict[str, Dict[str, List[str]]]:
    """{kind: {id: [names as the NLU pipeline folds a message]}}; names shared by two entities are left out.

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


def _block(header: str, items: List[str]) -> str:
    lines = "".join(f"    - {item}\n" for item in items)
    return f"- {header}\n  examples: |\n{lines}"


def render(portfolio: Portfolio) -> str:
    blocks = []
    for kind, entities in entity_names(portfolio).items():
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
