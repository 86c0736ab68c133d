"""When no intent fits (the model is unsure) or the question seems off-topic: a passage of the content, or
"not found" with whom to ask, or "out of scope" (actions/answering.py decides); and what the bot can do."""
from typing import Any, Dict, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import answering
from actions.answering import ANSWERED_INTENT, answer_from_passages, record, say_out_of_scope, signs_of
from actions.followups import followup_intent
from actions.portfolio.text import format_list
from actions.turn import HANDLERS, Turn, answers


@answers("nlu_fallback")
def search_content(turn: Turn) -> None:
    """Quotes the passage that answers the question, rather than guessing an attribute answer."""
    named = [(kind, entity_id) for kind in ("partner", "project", "person") for entity_id in turn.mentioned(kind)]
    if named and len(turn.text.split()) <= 3:  # "JB Marks?": a bare name continues the conversation
        turn.focus_on(*named[0])
        turn.intent = followup_intent(named[0][0], turn.tracker.get_slot("last_intent"))
        HANDLERS[turn.intent](turn)
        record(turn, ANSWERED_INTENT)
        return
    answer_from_passages(turn)


@answers("out_of_scope")
def out_of_scope(turn: Turn) -> None:
    signs = signs_of(turn)
    if signs.score >= answering.OVERRULE_OUT_OF_SCOPE:  # the model thought it off-topic; the signs say otherwise
        answer_from_passages(turn, signs)
    else:
        say_out_of_scope(turn)


@answers("ask_capabilities")
def capabilities(turn: Turn) -> None:
    content, lang = turn.content, turn.lang
    turn.say("utter_capabilities",
             partners=format_list([f"{p.short_name} ({p.country(lang)})" for p in content.partners.values()], lang),
             projects=format_list([p.short_name(lang) for p in content.projects.values()], lang))
    record(turn, ANSWERED_INTENT)


class _RunsHandler:  # not an Action itself: rasa_sdk registers every Action subclass it finds
    handler = None

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        turn = Turn(dispatcher, tracker, domain)
        type(self).handler(turn)
        return turn.events


class ActionSearchContent(_RunsHandler, Action):
    handler = search_content

    def name(self) -> Text:
        return "action_search_content"


class ActionOutOfScope(_RunsHandler, Action):
    handler = out_of_scope

    def name(self) -> Text:
        return "action_out_of_scope"


class ActionCapabilities(_RunsHandler, Action):
    handler = capabilities

    def name(self) -> Text:
        return "action_capabilities"
