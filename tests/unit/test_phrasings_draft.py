"""Draft entries of content/phrasings.yml for the questions that were not found (insights/phrasings.py), built
from the real content and passage search, and check-content refusing a draft left incomplete."""
import yaml

from actions.portfolio import get_portfolio, get_store
from actions.portfolio.models import Phrasing, Phrasings
from actions.portfolio.statements import DRAFT_PLACEHOLDER, phrasing_problems
from bot.folding import fold
from insights.phrasings import draft_phrasings


def _item(text, language, kind="fallback", count=1):
    return {"text": text, "language": language, "kind": kind, "count": count}


def test_a_question_not_found_gets_entries_for_the_closest_statements():
    question = "fick familjerna en enda portal till kommunen"  # "portal": a word no statement uses
    text = draft_phrasings([_item(question, "sv", count=2)], "2026-11-01", "2026-11-30")
    drafts = Phrasings(**yaml.safe_load(text)).phrasings
    assert '"fick familjerna en enda portal till kommunen" (sv, asked 2 times)' in text
    assert 1 <= len(drafts) <= 3
    statements = {lang: [fold(p.text) for p in get_store().passages.passages(lang)] for lang in ("sv", "en")}
    quoted = []
    for draft in drafts:
        # each quote is in exactly one statement of its language, and both quote the same statement
        held = {lang: [i for i, s in enumerate(statements[lang]) if fold(draft.passage(lang)) in s]
                for lang in ("sv", "en")}
        assert len(held["sv"]) == 1 and held["sv"] == held["en"], (draft, held)
        assert "portal" in draft.asks("sv") and draft.asks("en") == [DRAFT_PLACEHOLDER]
        quoted.append(held["sv"][0])
    assert "en enda vag in" in statements["sv"][quoted[0]]  # the statement that answers it comes first


def test_only_questions_not_found_are_drafted():
    text = draft_phrasings([_item("vad kostar bygglov", "sv", kind="out_of_scope"), _item("blorf gnarp", "en")],
                           "2026-11-01", "2026-11-30")
    assert "bygglov" not in text and '"blorf gnarp" (en, asked 1 time)' in text
    assert "no statement shares a word with it" in text
    assert yaml.safe_load(text) == {"phrasings": []}


def test_check_content_refuses_a_draft_left_incomplete():
    portfolio = get_portfolio()
    draft = Phrasing(passage={"sv": "Den enda vägen in", "en": "The single way in"},
                     asks={"sv": ["ingång"], "en": [DRAFT_PLACEHOLDER]})
    problems = phrasing_problems(portfolio.copy(update={"phrasings": [*portfolio.phrasings, draft]}))
    assert len(problems) == 1 and "still says TODO" in problems[0] and ".en'" in problems[0], problems
    done = Phrasing(passage={"sv": "Den enda vägen in", "en": "The single way in"},
                    asks={"sv": ["ingång"], "en": ["entrance"]})
    assert phrasing_problems(portfolio.copy(update={"phrasings": [*portfolio.phrasings, done]})) == []
