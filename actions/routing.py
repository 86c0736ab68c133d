"""The one routing table: intent → the action the rules run (data/rules/) → the handler that answers → its response.

A handler that finds a question is really about another kind of thing hands it on with `redirect` (the target
intent's row answers), and a follow-up ("och i Vushtrri?", "det första", a bare name) asks the last question again
through `followup_intent` and the named counterparts below. tests/unit/test_routing.py checks that the rules run
exactly the actions this table names.

`gated` routes go through the scope gate (actions/answering.py: answer_in_scope); the others decide their outcome
themselves, or record `outcome`.
"""
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ANSWERED_INTENT, answer_in_scope, record
from actions.second_choice import answer_fit, question_scores, rival_intent
from actions.turn import Handler, Turn


@dataclass(frozen=True)
class Route:
    action: str  # what data/rules/ run for the intent (a custom action or a domain response)
    handler: Optional[Handler] = None  # None: the rule's action answers by itself
    response: Optional[str] = None  # the domain response the handler answers with, where one per intent
    gated: bool = False  # through the scope gate (actions/answering.py)
    outcome: Optional[str] = None  # recorded after an ungated handler that records none itself


# A follow-up about a thing of another kind asks the last question's counterpart for that kind.
PARTNER_COUNTERPARTS = {"ask_project_period": "ask_partner_start", "ask_project_partners": "ask_partner_country"}
PROJECT_COUNTERPARTS = {"ask_partner_start": "ask_project_period", "ask_partner_country": "ask_project_partners",
                        "ask_person": "ask_project_quote"}


@lru_cache(maxsize=1)
def routes() -> Dict[str, Route]:
    # Imported here: the handler modules import `redirect` from this module.
    from actions import fallback, followups, human_contact, partners, programme, projects

    def partner(response: str) -> Route:
        return Route("action_answer_partner", partners.answer_partner_fact, response, gated=True)

    def project(response: str) -> Route:
        return Route("action_answer_project", projects.answer_project_fact, response, gated=True)

    def about_programme(handler: Handler) -> Route:
        return Route("action_answer_programme", handler, gated=True)

    def small_talk(response: str) -> Route:
        return Route("action_small_talk", fallback.small_talk, response)

    return {
        "ask_partner_overview": partner("utter_partner_overview"),
        "ask_partner_population": partner("utter_partner_population"),
        "ask_partner_area": partner("utter_partner_area"),
        "ask_partner_country": partner("utter_partner_country"),
        "ask_partner_website": partner("utter_partner_website"),
        "ask_partner_start": partner("utter_partner_start"),
        "ask_partner_project_count": partner("utter_partner_project_count"),
        "ask_partner_themes": partner("utter_partner_themes"),
        "ask_project_list": Route("action_answer_project", projects.answer_project_list, gated=True),
        "ask_project_overview": project("utter_project_overview"),
        "ask_project_period": project("utter_project_period"),
        "ask_project_owner": project("utter_project_owner"),
        "ask_project_partners": project("utter_project_partners"),
        "ask_project_focus": project("utter_project_focus"),
        "ask_project_purpose": project("utter_project_purpose"),
        "ask_project_activities": project("utter_project_activities"),
        "ask_project_participants": project("utter_project_participants"),
        "ask_project_results": project("utter_project_results"),
        "ask_project_quote": project("utter_project_quote"),
        "ask_partnerships_overview": about_programme(programme.overview),
        "ask_programme_purpose": about_programme(programme.purpose),
        "ask_how_participants_meet": about_programme(programme.meeting),
        "ask_core_values": about_programme(programme.core_values),
        "ask_funding": about_programme(programme.funding),
        "ask_icld": about_programme(programme.icld),
        "ask_agenda2030": about_programme(programme.agenda2030),
        "ask_person": about_programme(programme.person),
        "ask_results_vaxjo": about_programme(programme.results),
        "ask_read_more": about_programme(programme.read_more),
        # How to reach the municipality is never out of scope.
        "ask_contact": Route("action_answer_programme", programme.contact, outcome=ANSWERED_INTENT),
        "ask_capabilities": Route("action_about_assistant", fallback.about_the_assistant(fallback.capabilities)),
        "bot_challenge": Route("action_about_assistant", fallback.about_the_assistant(fallback.bot_challenge)),
        "out_of_scope": Route("action_out_of_scope", fallback.out_of_scope),
        "nlu_fallback": Route("action_search_content", fallback.search_content),
        "request_human": Route("action_human_contact", human_contact.human_contact),
        "inform_entity": Route("action_answer_followup", followups.answer_followup),
        "select_from_list": Route("action_select_from_list", followups.select_from_list),
        "message_too_long": Route("action_message_too_long"),  # actions/guard.py
        "greet": small_talk("utter_greet"),
        "goodbye": small_talk("utter_goodbye"),
        "thank": small_talk("utter_thank"),
        "acknowledge": small_talk("utter_acknowledge"),
        "switch_language": Route("utter_language_switched"),
        "feedback": Route("utter_feedback_thanks"),
    }


def route(intent: str) -> Route:
    return routes()[intent]


def response_for(intent: str) -> str:
    """The response the table names for the intent (partner and project facts, small talk)."""
    response = route(intent).response
    if response is None:
        raise KeyError(f"the routing table names no response for {intent}")
    return response


def answer(turn: Turn, intent: Optional[str] = None) -> None:
    """Answers the turn as the table routes `intent` (default: the turn's intent), scope gate included."""
    chosen = route(intent or turn.intent)
    turn.intent = intent or turn.intent
    if chosen.gated:
        answer_in_scope(turn, better_answer(turn, chosen.handler))
        return
    chosen.handler(turn)
    if chosen.outcome:
        record(turn, chosen.outcome)


def better_answer(turn: Turn, handler: Handler) -> Handler:
    """When the model is unsure between two fact questions ("what was the main benefit of the family team": its aim
    or its results?), the one whose answer quotes the statement that fits the question better. Both are worked out
    only when the question is answered: one the scope gate refuses costs nothing."""
    rival = rival_intent(turn)
    if not rival or not routes().get(rival, Route("")).gated:
        return handler
    rival_handler, first_choice = routes()[rival].handler, turn.intent

    def the_better_one(turn: Turn) -> None:
        turn.intent = first_choice  # called again after "which project?" was taken back
        scores = question_scores(turn)
        mine, theirs = answer_fit(turn, handler, scores), answer_fit(turn, rival_handler, scores, rival)
        if mine is not None and theirs is not None and theirs > mine:
            turn.intent = rival
            rival_handler(turn)
            return
        handler(turn)
    return the_better_one


def redirect(turn: Turn, intent: str) -> None:
    """Hands the question on to another intent's handler (no second scope check: the turn is already in scope)."""
    turn.intent = intent
    route(intent).handler(turn)


def followup_intent(kind: str, last_intent: Optional[str]) -> str:
    """The last question, as it applies to a thing of this kind."""
    last = last_intent or ""
    if kind == "partner":
        if last.startswith("ask_partner_") or last in ("ask_funding", "ask_project_list"):
            return last
        return PARTNER_COUNTERPARTS.get(last, "ask_partner_overview")
    if kind == "project":
        if last.startswith("ask_project_") and last != "ask_project_list":
            return last
        return PROJECT_COUNTERPARTS.get(last, "ask_project_overview")
    return "ask_person"


class RoutedAction:  # not an Action itself: rasa_sdk registers every Action subclass it finds
    """An action that answers every intent the table routes to it; an intent routed elsewhere gets the action's
    first intent's answer (a rule or story predicting it for another intent)."""

    def name(self) -> Text:  # pragma: no cover - each subclass names itself
        raise NotImplementedError

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        turn = Turn(dispatcher, tracker, domain)
        mine = [intent for intent, each in routes().items() if each.action == self.name()]
        answer(turn, turn.intent if turn.intent in mine else mine[0])
        return turn.events
