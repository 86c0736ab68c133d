"""Who answers a turn: the intent's handler when the question is in scope, else a passage of the content, else
"not found" (with whom to ask) or "out of scope". Every turn's outcome is stored in the `turn_outcome` slot.

Order (docs/scope.md): an intent answer stays first where the question carries a sign of the partnership domain
(actions/scope.py) or follows up a conversation that has one; a passage answers what no intent covers, when it
scores PASSAGE_THRESHOLD or more; a question with no sign of the domain at all is out of scope.
"""
from functools import lru_cache
from typing import Dict, List, Optional, Set, Tuple

from rasa_sdk.events import SlotSet

from actions.aliases import aliased_projects, answered_subjects, answers_the_alias
from actions.portfolio.retrieval import STOPWORDS, Hit, content_language, everyday_filler, same_beginning
from actions.portfolio.statements import Passage
from actions.portfolio.tense import asks_what_was_done_or_said
from actions.scope import NAME_FOLLOWUP, Signs, get_gate
from actions.statement_choice import (
    COMPOUND_HEAD,
    COVERED_TERMS,
    PASSAGE_THRESHOLD,
    SURE_OF_THE_QUESTION,
    answer_text,
    best_passage,
    meaning_of_the_goal_the_answer_names,
    offered_project_the_question_names,
    statement_that_answers,
    statement_with_the_kind_the_answer_lacks,
    subjects_of_people,
    threshold,
    words_of_the_person_the_answer_passes_by,
)
from actions.turn import Handler, Turn
from bot.folding import words
from bot.outcomes import (  # noqa: F401  the outcomes, for the actions that record them
    ANSWERED_INTENT,
    ANSWERED_PASSAGE,
    CLARIFIED,
    NOT_FOUND,
    OUT_OF_SCOPE,
    OUTCOME_SLOT,
)

# A passage is added after an intent answer when it scores this much and answers words the intent answer leaves out.
SUPPLEMENT_THRESHOLD = 1.0
# Signs it takes to overrule the model when it calls a question off-topic (an everyday alias alone does not).
OVERRULE_OUT_OF_SCOPE = 1.0
# ... unless the signs reach GATE_THRESHOLD and the best passage holds this share of the question's words (at least
# COVERED_TERMS of them, actions/statement_choice.py): "har växjö flest internationella åtaganden" is the brochure's
# own sentence, whatever the model thought of it.
OVERRULE_COVERAGE = 0.6
# With no sign at all ("har växjö flest internationella åtaganden"), the passage must hold this much, this many:
# four of five words, so one word the statement lacks ("what", "enligt") does not make its question off-topic.
UNSIGNED_COVERAGE = 0.8
UNSIGNED_COVERED_TERMS = 3
# ... unless it asks what was done or said (actions/portfolio/tense.py), as questions about the projects and quotes
# do and questions about the municipality's services seldom do: then four of ten words will do ("What was set up in
# Växjö to help young people who stay at home instead of going to school?"), or both words of a two-word question
# ("Vad slapp familjerna?").
PAST_COVERAGE = 0.4
# A word the content lacks ("globe", "sixth graders") does not turn away a statement that holds this share of a
# question about what was done or said, and three words of it ("How does the chair feel about the city's engagement
# around the globe?"); UNSIGNED_COVERAGE of any other. No out-of-scope tune question or near-domain probe gets a
# fact down to 0.3.
FOREIGN_PAST_COVERAGE = 0.5
# A question whose only sign is an everyday alias of a partner, project or person ("förskolan", "Veab", "South
# Africa") is answered only by an answer about what the alias names ("vad kostar förskolan per månad" is not a
# question about the programme's funding); a passage must also hold this share of the question's other words
# (PAST_COVERAGE when the question asks what was done or said).
ALIAS_COVERAGE = 0.6
# A question with no sign of the domain is still answered by its intent when the model is at least this sure of a
# fact intent and every word of the question is one the content or its questions use ("Vilka projekt finns det?",
# not "How long should a firm have existed?"). The only setting
# that reads the intent model's confidence: re-tune it (scripts/calibrate_scope.py) when the classifier changes.
INTENT_CONFIDENCE = 0.6
# ... and a question about what was done or said (actions/portfolio/tense.py) may use this many words the assistant
# has never met ("has any of this changed how vaxjo helps families that are struggling?"): no out-of-scope tune
# question or near-domain probe gets a fact with any number of them, as none the model is sure of asks in the past.
PAST_UNKNOWN_WORDS = 2
# With signs of the domain but no name of it ("vad bygger partnerskapen på?"), the model needs this much.
SIGNED_INTENT_CONFIDENCE = 0.6
# Responses that ask the visitor to choose rather than answer.
NAMED_BUTTONS = 3  # at most this many "read about X" buttons under a "not found"
CLARIFYING_RESPONSES = {"utter_which_project", "utter_list_out_of_range", "utter_list_missing"}
# Figures about a place need the place: without a sign of the domain, "how many people live in Växjö?" must not
# get every partner's population (the model's confidence alone is not enough for these intents).
PLACE_FIGURE_INTENTS = {"ask_partner_population", "ask_partner_area", "ask_partner_country", "ask_partner_website",
                        "ask_partner_start"}


def record(turn: Turn, outcome: str) -> None:
    turn.events = [e for e in turn.events if not (e.get("event") == "slot" and e.get("name") == OUTCOME_SLOT)]
    turn.events.append(SlotSet(OUTCOME_SLOT, outcome))


def signs_of(turn: Turn) -> Signs:
    return _signs(turn.text, turn.lang)


@lru_cache(maxsize=2048)
def _signs(text: str, lang: str) -> Signs:
    return get_gate().signs(text, lang)


def is_followup(turn: Turn, signs: Signs) -> bool:
    """No sign of its own, but the conversation has a subject and the message brings no word the assistant lacks."""
    has_context = bool(turn.tracker.get_slot("subject") or turn.tracker.get_slot("listed_items"))
    return has_context and not signs.foreign


def in_scope(turn: Turn, signs: Signs, intent_question: bool = False) -> bool:
    """A passage needs signs of the domain; an intent answer needs a name of the domain, or signs and a sure
    model, or a sure model and only words the assistant knows; a follow-up needs the conversation's subject."""
    if is_followup(turn, signs) or signs.names:
        return True
    if asks_about_something_else(turn, signs):
        return False
    if not intent_question:
        return signs.in_domain
    if signs.in_domain:
        return turn.confidence >= SIGNED_INTENT_CONFIDENCE
    unknown_allowed = PAST_UNKNOWN_WORDS if asks_what_was_done_or_said(turn.text, content_language(turn.lang)) else 0
    return turn.confidence >= INTENT_CONFIDENCE and len(signs.unknown) <= unknown_allowed \
        and turn.intent not in PLACE_FIGURE_INTENTS


def asks_about_something_else(turn: Turn, signs: Signs) -> bool:
    """A specific word the assistant lacks, that no content word is a form or a slip of ("admissions", "salary"):
    without a name of the domain, the question is about something the content does not cover."""
    index = turn.store.passages
    return not signs.names and any(not index.query_terms(term, turn.lang) for term in signs.foreign)


def answer_in_scope(turn: Turn, handler: Handler) -> None:
    """An attribute question: its intent's answer if the question is about the partnerships, else a passage."""
    signs = signs_of(turn)
    if not in_scope(turn, signs, intent_question=True):
        answer_from_passages(turn, signs)
        return
    handler(turn)
    said = [m.get("response") for m in turn.dispatcher.messages]
    aliased = aliased_projects(turn, signs)
    if "utter_which_project" in said and len(aliased) == 1:  # "vilka workshops gick veabs folk på": that project
        unsay(turn)
        turn.focus_on("project", aliased[0])
        handler(turn)
        said = [m.get("response") for m in turn.dispatcher.messages]
    if weak_only(turn, signs) and not CLARIFYING_RESPONSES & set(said) \
            and not answers_the_alias(turn, signs, answer_text(turn)):
        unsay(turn)
        answer_from_passages(turn, signs)
        return
    if _a_guess_of_who(turn, signs):
        unsay(turn)  # the question is in scope (the gate let it in); its statement, not the chair's words
        answer_from_passages(turn, signs, in_scope_already=True)
        return
    if "utter_which_project" in said and (hit := statement_that_answers(turn, signs)):
        answer_with_statement(turn, hit)  # "hur många familjemedlemmar fick hjälp": one project's statement says it
        return
    if "utter_which_project" in said and (named := offered_project_the_question_names(turn)):
        unsay(turn)  # "vilket mål handlade miljöprojektet i vushtrri om": of Vushtrri's two projects, MIS 2
        turn.focus_on("project", named)
        handler(turn)
        said = [m.get("response") for m in turn.dispatcher.messages]
    if CLARIFYING_RESPONSES & set(said):
        record(turn, CLARIFIED)  # the visitor picks first; a passage now would answer a guess
        return
    # An answer that passes by what was asked: "… enligt Lauber" got the results list, "hur länge …?" a quote.
    for better_statement in (words_of_the_person_the_answer_passes_by, statement_with_the_kind_the_answer_lacks):
        if hit := better_statement(turn, signs):
            answer_with_statement(turn, hit)
            return
    record(turn, ANSWERED_INTENT)
    if meaning := meaning_of_the_goal_the_answer_names(turn):
        say_passage(turn, "utter_passage_also", meaning)
        return
    _supplement(turn, signs)


def answer_from_passages(turn: Turn, signs: Optional[Signs] = None, hit: Optional[Hit] = None,
                         in_scope_already: bool = False) -> None:
    """No intent fits: the best passage of the content (`hit`, when the caller has searched already), or "not
    found", or "out of scope"."""
    signs = signs or signs_of(turn)
    hit = hit or best_passage(turn, signs)
    if hit and passage_may_answer(turn, signs, hit, in_scope_already):
        say_passage(turn, "utter_passage_answer", hit)
        record(turn, ANSWERED_PASSAGE)
    elif signs.score > 0 or is_followup(turn, signs):
        contact = turn.content.resources.contact
        turn.say("utter_not_found", buttons=_what_it_names(turn, signs), website=contact.website,
                 email=contact.email, phone=contact.phone)
        record(turn, NOT_FOUND)
    else:
        say_out_of_scope(turn)


def passage_may_answer(turn: Turn, signs: Signs, hit: Hit, in_scope_already: bool = False) -> bool:
    """It scores enough; the question is about the partnerships or the passage holds it; a question whose only
    sign is an everyday alias is about what the passage is about; and nothing in it asks about something else."""
    if hit.score < threshold(hit, signs):
        return False
    if asks_about_something_else(turn, signs) and not _holds_nearly_all(turn, hit):
        return False
    if not (in_scope_already or in_scope(turn, signs) or covers_question(turn, signs, hit)):
        return False
    coverage = PAST_COVERAGE if asks_what_was_done_or_said(turn.text, content_language(turn.lang)) else ALIAS_COVERAGE
    return not weak_only(turn, signs) or answers_the_alias(turn, signs, hit.passage.searchable, coverage,
                                                            [hit.passage.subject])


def _holds_nearly_all(turn: Turn, hit: Hit) -> bool:
    covered, asked = _coverage(turn, hit)
    done_or_said = asks_what_was_done_or_said(turn.text, content_language(turn.lang))
    return covered >= UNSIGNED_COVERED_TERMS and covered >= (
        FOREIGN_PAST_COVERAGE if done_or_said else UNSIGNED_COVERAGE) * asked


def _what_it_names(turn: Turn, signs: Signs) -> List[Dict[str, str]]:
    """Buttons to what the question named, when it cannot be answered: "what does växjö do in kosovo" was not
    found, but the visitor can read about Vushtrri with one click."""
    content, buttons = turn.content, []
    for key in dict.fromkeys([*signs.names, *(f"item:{item}" for item in signs.alias_items)]):
        item_id = key.partition(":")[2]
        if item_id in content.partners:
            title, payload = content.partners[item_id].short_name, f'/ask_partner_overview{{"partner": "{item_id}"}}'
        elif item_id in content.projects:
            title = content.projects[item_id].short_name(turn.lang)
            payload = f'/ask_project_overview{{"project": "{item_id}"}}'
        elif item_id in content.people:
            title, payload = content.people[item_id].name, f'/ask_person{{"person": "{item_id}"}}'
        else:
            continue
        if all(button["payload"] != payload for button in buttons):
            buttons.append({"title": title, "payload": payload})
    return buttons[:NAMED_BUTTONS]


def covers_question(turn: Turn, signs: Signs, hit: Optional[Hit]) -> bool:
    """The passage holds most of the question's words: the question asks what that statement says. With no sign
    of the domain at all it must hold nearly all of them, and more of them; a question about what was done or said
    needs less."""
    if not hit:
        return False
    covered, asked = _coverage(turn, hit)
    done_or_said = asks_what_was_done_or_said(turn.text, content_language(turn.lang))
    if signs.in_domain:
        return covered >= COVERED_TERMS and covered >= (PAST_COVERAGE if done_or_said else OVERRULE_COVERAGE) * asked
    if done_or_said:
        return covered >= min(UNSIGNED_COVERED_TERMS, asked) >= COVERED_TERMS and covered >= PAST_COVERAGE * asked
    return covered >= UNSIGNED_COVERED_TERMS and covered >= UNSIGNED_COVERAGE * asked


def _coverage(turn: Turn, hit: Hit) -> Tuple[int, int]:
    """How many of the question's words the passage holds, of how many (every word counts, known or not, but a
    common Swedish word the content lacks: retrieval.everyday_filler)."""
    index, host, question = turn.store.passages, get_gate().host_terms[turn.lang], _question_words(turn.text)
    asked = set(index.query_terms(question, turn.lang)) - host
    lang = content_language(turn.lang)
    every_word = {term for term in set(index.analyzers[lang].terms(question)) - host
                  if term in asked or not everyday_filler(term, lang)}
    covered = asked & index.held_terms(hit.passage, turn.lang)
    return len(covered), max(len(asked), len(every_word))


def weak_only(turn: Turn, signs: Signs) -> bool:
    """The question's only signs of the domain are everyday aliases of partners, projects or people (the
    programme's own aliases, "partnerskapen", name the whole domain), too weak to overrule the model."""
    programme = turn.content.programme.id
    return any(item != programme for item in signs.alias_items) and not signs.names \
        and signs.score < OVERRULE_OUT_OF_SCOPE and not is_followup(turn, signs)


def _a_guess_of_who(turn: Turn, signs: Signs) -> bool:
    """"Who ..." with nobody named gets the chair's words; when the question's own content words ("vem hjälper
    personer med extratjänst") are not in them, that is a guess."""
    if turn.intent != "ask_person" or signs.names or signs.aliases or is_followup(turn, signs) \
            or turn.mentioned("person") or turn.mentioned("project"):  # "what did julia say": the model's names
        return False
    index = turn.store.passages
    answer = set(index.query_terms(answer_text(turn), turn.lang))
    asked = [term for term in signs.vocabulary if not term.startswith("goal ")]
    return bool(asked) and not any(term in answer or set(index.query_terms(term, turn.lang)) & answer
                                   for term in asked)


def unsay(turn: Turn) -> None:
    """Takes back the answer the handler gave (nothing has been sent yet)."""
    turn.dispatcher.messages.clear()
    turn.events.clear()


def say_out_of_scope(turn: Turn) -> None:
    contact = turn.content.resources.contact
    turn.say("utter_out_of_scope", website=contact.website, email=contact.email, phone=contact.phone)
    record(turn, OUT_OF_SCOPE)


def answer_with_statement(turn: Turn, hit: Hit) -> None:
    """Takes back the intent's answer and gives the statement instead."""
    unsay(turn)
    say_passage(turn, "utter_passage_answer", hit)
    record(turn, ANSWERED_PASSAGE)


def say_passage(turn: Turn, response: str, hit: Hit) -> None:
    passage = hit.passage
    turn.say(response, title=passage.title, passage=passage.quoted, source=passage.source)


def _supplement(turn: Turn, signs: Signs) -> None:
    """After an intent answer: the passage that answers what the question asked and the answer left out. Among
    the passages that score SUPPLEMENT_THRESHOLD for the whole question and hold a word of it the answer lacks, the
    one that best matches the whole question (ranking by the words left out first found a statement that repeats
    them but answers something else: "film … about social entrepreneurship" got SEKOS 2's aim, not the film).
    When none does and the model was unsure of the question, the statement the whole question fits best, if it
    scores enough to be an answer of its own and says something the answer does not: the model may have taken the
    question for another fact of the right project ("vad var det bästa med familjeteamet för familjerna" got the
    aim; its words are the intent's, so none looked left out, and the one way in was not said)."""
    if turn.text.startswith("/"):  # a button's payload: the visitor chose an item and asked nothing in words
        return
    answer = answer_text(turn)
    index = turn.store.passages
    asked = index.query_terms(_question_words(turn.text), turn.lang)
    gate, lang = get_gate(), content_language(turn.lang)
    # the words people use to ask this intent's question ("bor", "invånare") are what its answer answers, and a
    # follow-up's own words ("same question for …") ask nothing new
    followup = (turn.tracker.latest_message.get("intent") or {}).get("name") == NAME_FOLLOWUP
    in_the_answer = set(index.query_terms(answer, turn.lang)) | gate.host_terms[lang]
    answered = in_the_answer | gate.intent_terms[lang].get(turn.intent, set()) | \
        (gate.intent_terms[lang][NAME_FOLLOWUP] if followup else set())
    unanswered, unsure = _left_out(asked, answered), turn.confidence < SURE_OF_THE_QUESTION
    if not unanswered and not unsure:
        return
    whole, left_out = index.scores(asked, turn.lang), index.scores(unanswered, turn.lang)
    found, about = index.passages(turn.lang), _named_subjects(turn, signs)
    about_the_programme = not answered_subjects(turn)
    on_topic = sorted((i for i in range(len(found)) if not about or found[i].subject in about
                       or not found[i].subject and about_the_programme), key=lambda i: -whole[i])
    best = next((i for i in on_topic if whole[i] >= SUPPLEMENT_THRESHOLD and left_out[i] > 0
                 and found[i].text not in answer), None)
    if best is None and unsure and on_topic and whole[on_topic[0]] >= PASSAGE_THRESHOLD \
            and not _says_nothing_new(turn, found[on_topic[0]], answer, in_the_answer):
        best = on_topic[0]
    if best is not None:
        say_passage(turn, "utter_passage_also", Hit(found[best], whole[best]))


def _says_nothing_new(turn: Turn, passage: Passage, answer: str, in_the_answer: Set[str]) -> bool:
    """The answer quotes the statement, or says every word of it in its own way (a partner's fact box after its
    overview, a person's title after their words)."""
    index = turn.store.passages
    new = _left_out(index.query_terms(passage.text, turn.lang), in_the_answer)
    return passage.text in answer or all(any(len(known) >= COMPOUND_HEAD and term.startswith(known)
                                             for known in in_the_answer) for term in new)  # "partn": "partnerskap"


def _left_out(asked: List[str], answered: Set[str]) -> List[str]:
    """The asked terms that are not answered, nor another form of an answered one."""
    return [term for term in asked if term not in answered and not any(same_beginning(term, known) for known in answered)]


def _question_words(text: str) -> str:
    """The question without the function words of either language (visitors mix them: "och i vushtrri?" in an
    English conversation asks nothing the answer left out)."""
    return " ".join(word for word in words(text) if word not in STOPWORDS["sv"] and word not in STOPWORDS["en"])


def _named_subjects(turn: Turn, signs: Signs) -> Set[str]:
    """What the question names, with the projects of a named partner or person: an added passage stays on it."""
    named = set(signs.names) | subjects_of_people(turn, signs.names)
    for name in signs.names:
        kind, _, item_id = name.partition(":")
        if kind == "partner":
            named |= {f"project:{p.id}" for p in turn.content.projects.values() if item_id in p.partners}
        if kind == "project":
            named |= {f"person:{p.id}" for p in turn.content.people.values() if p.about == item_id}
        if kind == "programme":
            named.add("")  # the programme's passages have no subject of their own
    return named
