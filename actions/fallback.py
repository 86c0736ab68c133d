"""When no intent fits (the model is unsure) or the question seems off-topic: a passage of the content, or
"not found" with whom to ask, or "out of scope" (actions/answering.py decides); and what the assistant is and
can do."""
from typing import Optional, Text

from rasa_sdk import Action

from actions import answering
from actions.answering import (
    ANSWERED_INTENT,
    answer_from_passages,
    covers_question,
    record,
    say_out_of_scope,
    signs_of,
)
from actions.portfolio.retrieval import content_language
from actions.portfolio.text import format_list
from actions.routing import RoutedAction, answer, followup_intent, redirect, response_for, routes
from actions.scope import get_gate
from actions.statement_choice import best_passage, own_terms
from actions.turn import Handler, Turn

# At or above this the model's "are you a bot?" / "what can you do?" stands even when the message names a topic.
SURE_ABOUT_THE_ASSISTANT = 0.9
BARE_NAME_WORDS = 3
# Below this, "hej", "tack", "hej då" or "ok" that uses a word the assistant has never met is no small talk
# ("Måste takläggare ha behörighet?" was a goodbye at 0.53, "öppettider" an "ok" at 0.57).
SURE_SMALL_TALK = 0.7
TORN_BETWEEN = 0.5


def search_content(turn: Turn) -> None:
    """Quotes the passage that answers the question, rather than guessing an attribute answer."""
    named = [(kind, entity_id) for kind in ("partner", "project", "person") for entity_id in turn.mentioned(kind)]
    if named and is_bare_name(turn):
        turn.focus_on(*named[0])
        redirect(turn, followup_intent(named[0][0], turn.tracker.get_slot("last_intent")))
        record(turn, ANSWERED_INTENT)
        return
    if torn := torn_between_two_facts(turn):
        answer(turn, torn)  # the gate, and the better of the two answers (routing.better_answer)
        return
    answer_from_passages(turn)


def torn_between_two_facts(turn: Turn) -> Optional[str]:
    """The model's fallback for a tie ("vad sa Julia Ahlrot om energiprojektet": her role or her quote, 0.46 and 0.41)
    is no sign that nothing fits: when its two first choices are fact questions that together weigh TORN_BETWEEN,
    and the message names a partner, project or person, the question is its first choice."""
    if turn.intent != "nlu_fallback":
        return None
    ranking = [r for r in turn.tracker.latest_message.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
    table, pair = routes(), [str(r.get("name") or "") for r in ranking[:2]]
    if len(pair) < 2 or not all(name in table and table[name].gated for name in pair):
        return None
    weight = sum(float(r.get("confidence") or 0.0) for r in ranking[:2])
    return pair[0] if weight >= TORN_BETWEEN and signs_of(turn).names else None


def is_bare_name(turn: Turn) -> bool:
    """"JB Marks?", "och veab?": a name, alone, continues the conversation. "fjärrvärme veab pris" and "jobs at
    teknikum" ask about something else: a word the assistant lacks, or any word beside an everyday alias."""
    signs = signs_of(turn)
    if len(turn.text.split()) > BARE_NAME_WORDS or signs.unknown:
        return False
    if signs.names:
        return True
    alias_terms = set(get_gate().analyzers[content_language(turn.lang)].terms(" ".join(signs.aliases)))
    return not [term for term in own_terms(turn.text, turn.lang) if term not in alias_terms]


def out_of_scope(turn: Turn) -> None:
    signs = signs_of(turn)
    hit = best_passage(turn, signs)  # searched once, for the overrule and the answer
    # the model thought it off-topic; the signs, or a statement of the content that holds the question, say otherwise
    if signs.score >= answering.OVERRULE_OUT_OF_SCOPE or covers_question(turn, signs, hit):
        answer_from_passages(turn, signs, hit)
    else:
        say_out_of_scope(turn)


def about_the_assistant(answer: Handler) -> Handler:
    """A question about the assistant itself ("are you a bot?", "what can you do?") that names something of the
    partnerships, when the model is not sure of it, is a question about that thing: "vad är hemmasittare" is not
    "vad är du". A sure one ("are you the JB Marks bot?") gets the assistant's own answer: the AI disclosure is
    never traded for a fact."""
    def handler(turn: Turn) -> None:
        if turn.confidence < SURE_ABOUT_THE_ASSISTANT and names_a_topic(turn):
            search_content(turn)
            return
        answer(turn)
        record(turn, ANSWERED_INTENT)
    return handler


def names_a_topic(turn: Turn) -> bool:
    """A partner, project, person or a word of the content in the message; the programme's own names ("what can
    you tell me about the partnerships?") ask what the assistant knows."""
    signs, programme = signs_of(turn), turn.content.programme.id
    return bool(signs.vocabulary) or any(not name.endswith(f":{programme}") for name in signs.names) or any(
        item != programme for item in signs.alias_items)


def small_talk(turn: Turn) -> None:
    """A greeting, thanks, goodbye or "ok" gets its reply; a message the model is unsure of that uses a word the
    assistant has never met (in the content or the training examples) is a question about something else, and is
    answered as an off-topic one, and one that names a topic is a question about it ("provade de nya sätt att lära
    ut i sekos?" was a goodbye at 0.62)."""
    if turn.confidence < SURE_SMALL_TALK and signs_of(turn).unknown:
        out_of_scope(turn)
        return
    if turn.confidence < SURE_SMALL_TALK and names_a_topic(turn):
        search_content(turn)
        return
    turn.say(response_for(turn.intent))
    record(turn, ANSWERED_INTENT)


def bot_challenge(turn: Turn) -> None:
    turn.say("utter_bot_challenge")


def capabilities(turn: Turn) -> None:
    content, lang = turn.content, turn.lang
    turn.say("utter_capabilities",
             partners=format_list([f"{p.short_name} ({p.country(lang)})" for p in content.partners.values()], lang),
             projects=format_list([p.short_name(lang) for p in content.projects.values()], lang))


class ActionSearchContent(RoutedAction, Action):
    def name(self) -> Text:
        return "action_search_content"


class ActionOutOfScope(RoutedAction, Action):
    def name(self) -> Text:
        return "action_out_of_scope"


class ActionSmallTalk(RoutedAction, Action):
    def name(self) -> Text:
        return "action_small_talk"


class ActionAboutAssistant(RoutedAction, Action):
    def name(self) -> Text:
        return "action_about_assistant"
