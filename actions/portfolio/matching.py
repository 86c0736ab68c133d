"""Finds partners, projects and people named in free text, tolerating typos and missing å/ä/ö."""
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Dict, List, Optional, Tuple

from actions.portfolio.models import Portfolio
from actions.portfolio.names import aliases_by_kind
from actions.portfolio.text import words

FUZZY_MIN_LENGTH = 5  # short aliases ("mis", "jb") must match exactly or they match everything
FUZZY_RATIO = 0.86
FUZZY_RATIO_LONG = 0.8
# Swedish glues words together: "miljöpedagogikprojektet", "vushtrrisamarbetet", "sekosprojektet".
COMPOUND_ENDINGS = ("projektet", "projekten", "projekt", "samarbetet", "samarbete", "partnerskapet", "kommun",
                    "kommuns", "teamet", "s")


@dataclass(frozen=True)
class Mention:
    kind: str
    id: str
    position: int


class EntityMatcher:
    def __init__(self, portfolio: Portfolio, names: Optional[Dict[str, Dict[str, List[str]]]] = None,
                 fuzzy: bool = True):
        """`names` ({kind: {id: [names]}}) replaces the default: every name and alias in the content.
        Without `fuzzy` only exact words (and Swedish compounds) match: for everyday words, where a typo
        tolerance would find them in unrelated words."""
        self.fuzzy = fuzzy
        index: List[Tuple[Tuple[str, ...], str, str]] = []
        for kind, entities in (names if names is not None else aliases_by_kind(portfolio)).items():
            for entity_id, entity_names in entities.items():
                # Ids ("jb-marks", "mis-2") are names too, unless the caller chose the names.
                ids = [entity_id.replace("-", " ")] if names is None else []
                for name in {*entity_names, *ids}:
                    tokens = tuple(words(name))
                    if tokens:
                        index.append((tokens, kind, entity_id))
        # Longest names first, so "sekos 2" wins over "sekos" and "jb marks local municipality" over "jb marks".
        self._index = sorted(set(index), key=lambda entry: (-len(" ".join(entry[0])), entry))

    def find(self, text: str, kind: Optional[str] = None) -> List[Mention]:
        return self._scan(text, kind)[0]

    def words_besides_names(self, text: str) -> List[str]:
        """The message's words that are no part of a name ("nådde", "mål" in "hur nådde energiprojektet sina mål")."""
        _, tokens, taken = self._scan(text)
        return [token for token, name in zip(tokens, taken) if not name]

    def _scan(self, text: str, kind: Optional[str] = None) -> Tuple[List[Mention], List[str], List[bool]]:
        tokens = words(text)
        taken = [False] * len(tokens)
        mentions: List[Mention] = []
        for alias, alias_kind, entity_id in self._index:
            if kind and alias_kind != kind:
                continue
            size = len(alias)
            for start in range(len(tokens) - size + 1):
                if any(taken[start:start + size]):
                    continue
                if _same(alias, tokens[start:start + size], self.fuzzy):
                    taken[start:start + size] = [True] * size
                    mentions.append(Mention(alias_kind, entity_id, start))
        unique: Dict[Tuple[str, str], Mention] = {}
        for mention in sorted(mentions, key=lambda m: m.position):
            unique.setdefault((mention.kind, mention.id), mention)
        return list(unique.values()), tokens, taken

    def resolve(self, kind: str, value: str, known_ids) -> Optional[str]:
        """An entity value (an id from a synonym, or the words the visitor typed) as a content id."""
        if value in known_ids:
            return value
        mentions = self.find(value, kind)
        return mentions[0].id if mentions else None


def _same(alias: Tuple[str, ...], window: List[str], fuzzy: bool = True) -> bool:
    if tuple(window) == alias:
        return True
    rest = window[0][len(alias[0]):]
    if len(alias) == 1 and len(alias[0]) >= FUZZY_MIN_LENGTH and window[0].startswith(alias[0]) \
            and (rest in COMPOUND_ENDINGS or rest[:1] == "s" and rest[1:] in COMPOUND_ENDINGS):  # "energiplansprojektet"
        return True
    joined_alias, joined_window = " ".join(alias), " ".join(window)
    if not fuzzy or len(joined_alias) < FUZZY_MIN_LENGTH or alias[-1].isdigit() or window[-1].isdigit():
        return False
    # Cheap checks first: typos rarely change the first letter or the length by more than two.
    if joined_alias[0] != joined_window[0] or abs(len(joined_alias) - len(joined_window)) > 2:
        return False
    needed = FUZZY_RATIO_LONG if len(joined_alias) >= 7 else FUZZY_RATIO
    matcher = SequenceMatcher(None, joined_alias, joined_window)
    return matcher.quick_ratio() >= needed and matcher.ratio() >= needed
