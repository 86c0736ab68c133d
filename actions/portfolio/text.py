"""Text helpers shared by matching and formatting: folding for comparison, numbers and lists per language."""
import re
from typing import List, Optional

from bot.folding import fold, fold_char, words  # noqa: F401  the one folding, for the actions


def format_number(value: int, lang: str) -> str:
    """12 345 in Swedish (a non-breaking space groups thousands), 12,345 in English."""
    grouped = f"{value:,}"
    return grouped if lang == "en" else grouped.replace(",", "\u00a0")


def format_list(items: List[str], lang: str) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    conjunction = " and " if lang == "en" else " och "
    return ", ".join(items[:-1]) + conjunction + items[-1]


def format_period(start: int, end: int) -> str:
    return f"{start}\u2013{end}" if end != start else str(start)


def display_url(url: str) -> str:
    return re.sub(r"^https?://", "", url).rstrip("/")


# "mål 4", "goal number 7", "SDG 7", "global goal 4": the goal is read from the text (no entity is extracted).
GOAL = re.compile(r"(?:mal|goal|sdg)\s*(?:(?:number|nummer|nr|no)\.?\s*)?(1[0-7]|[1-9])\b")


def goal_number(text: str) -> Optional[int]:
    match = GOAL.search(fold(text))
    return int(match.group(1)) if match else None
