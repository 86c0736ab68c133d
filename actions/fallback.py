"""When the model is unsure or the question is off-topic: search the content, or say what the bot can do."""
from typing import Any, Dict, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.followups import followup_intent
from actions.portfolio.text import format_list
from actions.turn import HANDLERS, Turn, answers


@answers("nlu_fallback")
def search_content(turn: Turn) -> None:
    """Offers the best matching passage with its source rather than guessing an answer."""
    named = [(kind, entity_id) for kind in ("partner", "project", "person") for entity_id in turn.mentioned(kind)]
    if named and len(turn.text.split()) <= 3:  # "JB Marks?": a bare name continues the conversation
        turn.focus_on(*named[0])
        turn.intent = followup_intent(named[0][0], turn.tracker.get_slot("last_intent"))
        return HANDLERS[turn.intent](turn)
    subjects = [f"{kind}:{entity_id}" for kind, entity_id in named]
    passage = turn.store.search.best(turn.text, turn.lang, subjects=subjects) if subjects else None
    passage = passage or turn.store.search.best(turn.text, turn.lang)
    if passage:
        turn.say("utter_search_result", title=passage.title, passage=passage.text, source=passage.source)
    else:
        turn.say("utter_ask_rephrase")


@answers("out_of_scope")
def out_of_scope(turn: Turn) -> None:
    contact = turn.content.resources.contact
    turn.say("utter_out_of_scope", website=contact.website, email=contact.email, phone=contact.phone)


@answers("ask_capabilities")
def capabilities(turn: Turn) -> None:
    content, lang = turn.content, turn.lang
    turn.say("utter_capabilities",
             partners=format_list([f"{p.short_name} ({p.country(lang)})" for p in content.partners.values()], lang),
             projects=format_list([p.short_name(lang) for p in content.projects.values()], lang))


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
