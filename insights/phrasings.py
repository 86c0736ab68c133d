"""Questions the assistant found no statement for, as draft entries of content/phrasings.yml for the editors.

For each question that was not found (or not understood), the passage search's closest statements, each as a
ready entry: a piece of the statement that only it holds (in both languages), and the visitor's words that the
statement lacks as the first `asks`. The editor keeps the entry of the statement that answers the question,
deletes the rest, completes the other language's words and moves it into content/phrasings.yml
(docs/content-editors.md, step 3).
"""
import json
from typing import Any, Dict, List

from actions.portfolio import get_store
from actions.portfolio.retrieval import STOPWORDS, content_language
from actions.portfolio.statements import DRAFT_PLACEHOLDER, LANGUAGES, folded_statements, unique_quote
from actions.portfolio.text import words

CANDIDATES = 3  # statements offered per question


def draft_phrasings(items: List[Dict[str, Any]], since: str, until: str) -> str:
    lines = [
        f"# Questions the assistant could not answer from a statement, {since} to {until}, with the statements the",
        "# search found closest (docs/content-editors.md, step 3). For each question: if one of the statements",
        "# answers it, keep that entry, delete the others, check that the two quotes are the same statement,",
        "# complete the words in both languages (words and short phrases, no question or cost words) and move the",
        "# entry into content/phrasings.yml; then make check-content. If none answers it, the content may lack",
        "# the fact (step 3) or the question is outside the partnerships (step 4).",
        "phrasings:",
    ]
    drafted, folded = 0, {lang: folded_statements(get_store().passages.passages(lang)) for lang in LANGUAGES}
    for item in items:
        if item.get("kind") != "fallback" or item.get("language") not in LANGUAGES:
            continue
        lines += ["", f"  # {json.dumps(item['text'], ensure_ascii=False)} ({item['language']}, asked "
                      f"{item['count']} time{'s' if item['count'] != 1 else ''})"]
        entries = _entries(item["text"], item["language"], folded)
        if not entries:
            lines.append("  # no statement shares a word with it")
        lines += entries
        drafted += bool(entries)
    if not drafted:
        lines[lines.index("phrasings:")] = "phrasings: []"
    return "\n".join(lines) + "\n"


def _entries(question: str, lang: str, folded: Dict[str, List[str]]) -> List[str]:
    index = get_store().passages
    lang = content_language(lang)
    other = "en" if lang == "sv" else "sv"
    statements, counterparts = index.passages(lang), index.passages(other)
    position = {passage: number for number, passage in enumerate(statements)}
    found: List[str] = []
    for rank, hit in enumerate(index.search(question, lang, limit=CANDIDATES), start=1):
        number = position[hit.passage]
        quotes = {lang: unique_quote(statements, folded[lang], number)}
        # the statements are built field by field in the same order in both languages
        same = len(counterparts) == len(statements) and counterparts[number].subject == hit.passage.subject
        quotes[other] = unique_quote(counterparts, folded[other], number) if same else None
        if not quotes[lang]:
            continue
        held = index.held_terms(hit.passage, lang)
        missing = [word for word in dict.fromkeys(words(question)) if not any(word in STOPWORDS[each]
                   for each in LANGUAGES) and not word.isdigit() and not set(index.query_terms(word, lang)) & held]
        found += [
            f"  # {rank}. {hit.passage.title}: {hit.passage.text}",
            f"  - passage: {{{lang}: {_quoted(quotes[lang])}, "
            f"{other}: {_quoted(quotes[other] or DRAFT_PLACEHOLDER)}}}",
            "    asks:",
            f"      {lang}: [{', '.join(missing or [DRAFT_PLACEHOLDER])}]",
            f"      {other}: [{DRAFT_PLACEHOLDER}]",
        ]
    return found


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
