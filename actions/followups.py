"""Follow-ups: "och i Vushtrri?" asks the last question again about something else; "det första" picks from a list."""
import re
from typing import Optional, Text

from rasa_sdk import Action

from actions.answering import ANSWERED_INTENT, CLARIFIED, answer_from_passages, answer_in_scope, record
from actions.portfolio.retrieval import content_language, own_words
from actions.portfolio.text import fold
from actions.routing import RoutedAction, followup_intent, redirect, route
from actions.scope import NAME_FOLLOWUP, NAMES, get_gate
from actions.turn import Turn

ORDINALS = {
    1: "1 1a 1st forsta forst ettan en ett etta one first",
    2: "2 2a 2nd andra tvaan tva two second",
    3: "3 3e 3rd tredje trean tre three third",
    4: "4 4e 4th fjarde fyran fyra four fourth",
    5: "5 5e 5th femte femman fem five fifth",
    6: "6 6e 6th sjatte sexan sex six sixth",
    7: "7 7e 7th sjunde sjuan sju seven seventh",
    8: "8 8e 8th attonde attan atta eight eighth",
    9: "9 9e 9th nionde nian nio nine ninth",
    -1: "sista last final senaste",
}
WORD_TO_POSITION = {word: position for position, words in ORDINALS.items() for word in words.split()}


def ordinal_position(text: str) -> Optional[int]:
    for word in re.findall(r"[a-z0-9]+", fold(text)):
        if word in WORD_TO_POSITION:
            return WORD_TO_POSITION[word]
    return None


def answer_followup(turn: Turn) -> None:
    """The last question again, about the partner, project or person this message names; a question of its own
    that the model took for a name alone gets its passage."""
    if asks_a_question_of_its_own(turn):
        answer_from_passages(turn)
        return
    last_intent = turn.tracker.get_slot("last_intent")
    for kind in ("partner", "project", "person"):
        named = turn.mentioned(kind)
        if named:
            turn.focus_on(kind, named[0])
            turn.intent = followup_intent(kind, last_intent)
            answer_in_scope(turn, route(turn.intent).handler)
            return
    answer_from_passages(turn)


def asks_a_question_of_its_own(turn: Turn) -> bool:
    """Besides its names, the message uses a word no name follow-up is asked with: "hur nådde energiprojektet sina
    mål" asks how the goals were reached, where "och hur är det med energiprojektet?" asks the last question again."""
    gate, lang = get_gate(), content_language(turn.lang)
    followup_words = gate.intent_terms[lang].get(NAME_FOLLOWUP, set()) | gate.intent_terms[lang].get(NAMES, set())
    rest = own_words(" ".join(turn.store.matcher.words_besides_names(turn.text)))
    return any(term not in followup_words for term in gate.analyzers[lang].terms(rest))


def select_from_list(turn: Turn) -> None:
    """"det första": the item at that place in the list just shown, answered as the pending question."""
    items = turn.tracker.get_slot("listed_items") or []
    if not items:
        turn.say("utter_list_missing")
        record(turn, CLARIFIED)
        return
    position = ordinal_position(turn.text)
    if position is None or position > len(items):
        turn.say("utter_list_out_of_range", count=len(items))
        record(turn, CLARIFIED)
        return
    kind, _, item_id = items[position - 1 if position > 0 else -1].partition(":")
    pending = turn.tracker.get_slot("last_intent")
    if kind == "result":
        select_result(turn, item_id, pending)
    else:
        turn.focus_on(kind, item_id)
        # After "vilket projekt menar du?" the pending question is answered for the chosen item.
        keep = pending if pending and pending.startswith(f"ask_{kind}_") and pending != "ask_project_list" else None
        redirect(turn, keep or f"ask_{kind}_overview")
    record(turn, ANSWERED_INTENT)  # picking from the list just shown is a follow-up of this conversation


def select_result(turn: Turn, result_id: str, last_intent: Optional[str]) -> None:
    result = next((r for r in turn.content.results if r.id == result_id), None)
    if result is None:
        turn.say("utter_list_missing")
    elif result.project:
        turn.focus_on("project", result.project)
        redirect(turn, "ask_project_results")
    else:
        turn.say("utter_result_item", result=result.text(turn.lang).capitalize())


class ActionAnswerFollowup(RoutedAction, Action):
    def name(self) -> Text:
        return "action_answer_followup"


class ActionSelectFromList(RoutedAction, Action):
    def name(self) -> Text:
        return "action_select_from_list"
