"""The model's second choice of fact question (actions/routing.py: better_answer): when it is unsure, the answer that
quotes the statement which fits the question better (docs/scope.md, eighth pass)."""
from typing import List, Optional

from actions.answering import unsay
from actions.statement_choice import SURE_OF_THE_QUESTION, answer_text
from actions.turn import Handler, Turn

OVERVIEWS = ("_overview",)


def rival_intent(turn: Turn) -> Optional[str]:
    """The model's second choice, when it is less than SURE_OF_THE_QUESTION of its first."""
    ranking = turn.tracker.latest_message.get("intent_ranking") or []
    if turn.confidence >= SURE_OF_THE_QUESTION or len(ranking) < 2 or turn.text.startswith("/"):
        return None
    others = [str(r.get("name") or "") for r in ranking if r.get("name") not in (turn.intent, "nlu_fallback")]
    rival = others[0] if others else ""
    return rival if rival.startswith("ask_") and not rival.endswith(OVERVIEWS) else None


def question_scores(turn: Turn) -> List[float]:
    """The passage search's score of every statement for the question (worked out once for both answers)."""
    index = turn.store.passages
    return index.scores(index.query_terms(turn.text, turn.lang), turn.lang)


def answer_fit(turn: Turn, handler: Handler, scores: List[float], intent: Optional[str] = None) -> Optional[float]:
    """How well the handler's answer fits the question: the best of `scores` (question_scores) among the statements
    the answer quotes (their visitors' words included); None when it quotes none. Nothing is said."""
    own_intent = turn.intent
    turn.intent = intent or own_intent
    try:
        handler(turn)
        answer = answer_text(turn)
    finally:
        unsay(turn)
        turn.intent = own_intent
    quoted = [score for passage, score in zip(turn.store.passages.passages(turn.lang), scores) if passage.text in answer]
    return max(quoted) if quoted else None
