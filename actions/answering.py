"""Who answers a turn: the intent's handler when the question is in scope, else a passage of the content, else
"not found" (with whom to ask) or "out of scope". Every turn's outcome is stored in the `turn_outcome` slot.

Order (docs/scope.md): an intent answer stays first where the question carries a sign of the partnership domain
(actions/scope.py) or follows up a conversation that has one; a passage answers what no intent covers, when it
scores PASSAGE_THRESHOLD or more; a question with no sign of the domain at all is out of scope.
"""
from functools import lru_cache
from typing import Dict, List, Optional, Set, Tuple

from rasa_sdk.events import SlotSet

from actions.aliases import aliased_projects, answers_the_alias
from actions.portfolio.answer_types import asked_kind, holds_kind
from actions.portfolio.retrieval import STOPWORDS, Hit, content_language, own_words, same_beginning
from actions.scope import VOCABULARY_WEIGHT, Signs, get_gate
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

# BM25 score a passage needs to be given as the answer (calibrated on the tune split: docs/scope.md), and the
# lower score that does when the question names the partner, project or person the passage is about.
PASSAGE_THRESHOLD = 1.6
NAMED_PASSAGE_THRESHOLD = 1.0
# A passage is added after an intent answer when it scores this much and answers words the intent answer leaves out.
SUPPLEMENT_THRESHOLD = 1.0
# Signs it takes to overrule the model when it calls a question off-topic (an everyday alias alone does not).
OVERRULE_OUT_OF_SCOPE = 1.0
# ... unless the signs reach GATE_THRESHOLD and the best passage holds this share of the question's words (at least
# COVERED_TERMS of them): "har växjö flest internationella åtaganden" is the brochure's own sentence, whatever the
# model thought of it.
OVERRULE_COVERAGE = 0.6
COVERED_TERMS = 2
# With no sign at all ("har växjö flest internationella åtaganden"), the passage must hold this much, this many:
# four of five words, so one word the statement lacks ("what", "enligt") does not make its question off-topic.
UNSIGNED_COVERAGE = 0.8
UNSIGNED_COVERED_TERMS = 3
# An attribute question the model is sure of, that names no project ("hur många familjemedlemmar fick hjälp?"), is
# answered by the statement that holds this share of its own words, and scores STANDS_OUT times the next statement,
# instead of "which project?" ("how many took part?" fits several statements about as well: 1.06 times).
CLARIFY_COVERAGE = 0.5
STANDS_OUT = 1.75
CANDIDATES = 10
COMPOUND_HEAD = 5  # the first part of a Swedish compound that may begin a project's name ("miljö")
# A question whose only sign is an everyday alias of a partner, project or person ("förskolan", "Veab", "South
# Africa") is answered only by an answer about what the alias names ("vad kostar förskolan per månad" is not a
# question about the programme's funding); a passage must also hold this share of the question's other words.
ALIAS_COVERAGE = 0.6
# A question with no sign of the domain is still answered by its intent when the model is at least this sure of a
# fact intent and every word of the question is one the content or its questions use ("Vilka projekt finns det?",
# not "How long should a firm have existed?"). The only setting
# that reads the intent model's confidence: re-tune it (scripts/calibrate_scope.py) when the classifier changes.
INTENT_CONFIDENCE = 0.6
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
        return confidence(turn) >= SIGNED_INTENT_CONFIDENCE
    return confidence(turn) >= INTENT_CONFIDENCE and not signs.unknown and turn.intent not in PLACE_FIGURE_INTENTS


def asks_about_something_else(turn: Turn, signs: Signs) -> bool:
    """A specific word the assistant lacks, that no content word is a form or a slip of ("admissions", "salary"):
    without a name of the domain, the question is about something the content does not cover."""
    index = turn.store.passages
    return not signs.names and any(not index.query_terms(term, turn.lang) for term in signs.foreign)


def confidence(turn: Turn) -> float:
    try:
        return float((turn.tracker.latest_message.get("intent") or {}).get("confidence") or 0.0)
    except (TypeError, ValueError):
        return 0.0


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
    if "utter_which_project" in said and (hit := _statement_that_answers(turn, signs)):
        answer_with_statement(turn, hit)  # "hur många familjemedlemmar fick hjälp": one project's statement says it
        return
    if "utter_which_project" in said and (named := _offered_project_the_question_names(turn)):
        unsay(turn)  # "vilket mål handlade miljöprojektet i vushtrri om": of Vushtrri's two projects, MIS 2
        turn.focus_on("project", named)
        handler(turn)
        said = [m.get("response") for m in turn.dispatcher.messages]
    if CLARIFYING_RESPONSES & set(said):
        record(turn, CLARIFIED)  # the visitor picks first; a passage now would answer a guess
        return
    # An answer that passes by what was asked: "… enligt Lauber" got the results list, "hur länge …?" a quote.
    for better_statement in (_words_of_the_person_the_answer_passes_by, _statement_with_the_kind_the_answer_lacks):
        if hit := better_statement(turn, signs):
            answer_with_statement(turn, hit)
            return
    record(turn, ANSWERED_INTENT)
    _supplement(turn, signs)


def _offered_project_the_question_names(turn: Turn) -> Optional[str]:
    """Of the projects "which project?" offers, the one whose own name words the question uses, whole or in part
    ("miljöprojektet i vushtrri": miljö(pedagogik); "the environmental project in vushtrri"; "the project ... for
    the families"), when only one does."""
    listed = next((e.get("value") for e in reversed(turn.events) if e.get("name") == "listed_items"), None) or []
    offered = [item.partition(":")[2] for item in listed if str(item).startswith("project:")]
    gate, lang, index = get_gate(), content_language(turn.lang), turn.store.passages

    def with_parts(terms: Set[str]) -> Set[str]:
        return terms | {part for term in terms for part in index.compound_parts(term, lang)}

    names = {pid: with_parts(set(gate.item_terms(pid, lang))) for pid in offered}
    shared = {term for pid in offered for term in names[pid] if sum(term in other for other in names.values()) > 1}
    asked = with_parts(set(own_terms(turn.text, turn.lang))) - gate.host_terms[lang]
    own = {pid: terms - shared for pid, terms in names.items()}
    named = [pid for pid in offered if any(_names_it(term, own[pid]) for term in asked)]
    return named[0] if len(named) == 1 else None


def _names_it(term: str, names: Set[str]) -> bool:
    """The term is a name word, another form of one, or the beginning of one ("miljö" of "miljöpedagogik")."""
    return term in names or any(same_beginning(term, name) or (len(term) >= COMPOUND_HEAD and name.startswith(term))
                                for name in names)


def _words_of_the_person_the_answer_passes_by(turn: Turn, signs: Signs) -> Optional[Hit]:
    """The question names a person ("enligt Lauber", "according to the Teknikum principal") and the intent's answer
    does not speak of them: the best statement about that person, when it scores enough."""
    people = [name for name in signs.names if name.startswith("person:")]
    people += [f"person:{item}" for item in signs.alias_items if item in turn.content.people]
    answer = answer_text(turn)
    people = [p for p in people if turn.content.people[p.partition(":")[2]].name not in answer]
    if not people:
        return None
    hits = turn.store.passages.search(turn.text, turn.lang, limit=CANDIDATES)
    about = [hit for hit in hits if hit.passage.subject in people and hit.score >= NAMED_PASSAGE_THRESHOLD]
    return _best_for_the_rest(turn, [hit for hit in about if hit.passage.subject == about[0].passage.subject]) \
        if about else None


def _statement_with_the_kind_the_answer_lacks(turn: Turn, signs: Signs) -> Optional[Hit]:
    """The question asks how long, how many or when, and the intent's answer holds no duration, number or year:
    the best statement that holds one (below)."""
    kind = asked_kind(turn.text, content_language(turn.lang))
    if not kind or holds_kind(answer_text(turn), kind, content_language(turn.lang)):
        return None
    return _best_holding(turn, signs, turn.store.passages.search(turn.text, turn.lang, limit=CANDIDATES), kind)


def _best_holding(turn: Turn, signs: Signs, hits: List[Hit], kind: str) -> Optional[Hit]:
    """Of the statements found, the best that holds the kind of answer asked: the best of all, or the best about
    what the question names (a project before its partner), when it scores enough to be given."""
    named = set(signs.names) | _subjects_of_people(turn, signs.names)
    named = {name for name in named if not name.startswith("partner:")} or named  # the energy project's end year
    return next((hit for rank, hit in enumerate(hits) if (rank == 0 or hit.passage.subject in named)
                 and holds_kind(hit.passage.text, kind, content_language(turn.lang))
                 and hit.score >= _threshold(hit, signs)), None)


def _statement_that_answers(turn: Turn, signs: Signs) -> Optional[Hit]:
    """The best passage, when it scores PASSAGE_THRESHOLD, stands out from the best one about anything else
    (STANDS_OUT times its score) and holds most of the question's own words: the statement that answers it,
    whichever project it is about. ("how many took part?" fits several projects' statements about as well, and
    still gets "which project?"; "how many children will test the method" fits two statements of one project.)"""
    hits = turn.store.passages.search(turn.text, turn.lang, limit=CANDIDATES)
    if not hits or hits[0].score < PASSAGE_THRESHOLD:
        return None
    rival = next((hit for hit in hits[1:] if hit.passage.subject != hits[0].passage.subject), None)
    index, lang = turn.store.passages, content_language(turn.lang)
    if _only_it_holds_a_rare_word(turn, signs, hits):
        return hits[0]
    if rival and hits[0].score < STANDS_OUT * rival.score:
        return None
    own = set(index.query_terms(own_words(turn.text), turn.lang)) - get_gate().host_terms[lang]
    covered = own & index.held_terms(hits[0].passage, turn.lang)
    return hits[0] if len(covered) >= COVERED_TERMS and len(covered) >= CLARIFY_COVERAGE * len(own) else None


def _only_it_holds_a_rare_word(turn: Turn, signs: Signs, hits: List[Hit]) -> bool:
    """A word of the question as rare as a sign gets ("studiekurs") is in the best statement and in no other."""
    index = turn.store.passages
    rare = {term for term, weight in signs.vocabulary.items() if weight >= VOCABULARY_WEIGHT}
    held = [rare & index.held_terms(hit.passage, turn.lang) for hit in hits]
    return bool(held[0]) and not any(held[0] & other for other in held[1:])


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
    if hit.score < _threshold(hit, signs) or asks_about_something_else(turn, signs):
        return False
    if not (in_scope_already or in_scope(turn, signs) or covers_question(turn, signs, hit)):
        return False
    return not weak_only(turn, signs) or answers_the_alias(turn, signs, hit.passage.searchable, ALIAS_COVERAGE,
                                                            [hit.passage.subject])


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
    of the domain at all it must hold nearly all of them, and more of them."""
    if not hit:
        return False
    covered, asked = _coverage(turn, hit)
    if signs.in_domain:
        return covered >= COVERED_TERMS and covered >= OVERRULE_COVERAGE * asked
    return covered >= UNSIGNED_COVERED_TERMS and covered >= UNSIGNED_COVERAGE * asked


def _coverage(turn: Turn, hit: Hit) -> Tuple[int, int]:
    """How many of the question's words the passage holds, of how many (every word counts, known or not)."""
    index, host, question = turn.store.passages, get_gate().host_terms[turn.lang], _question_words(turn.text)
    asked = set(index.query_terms(question, turn.lang)) - host
    every_word = set(index.analyzers[content_language(turn.lang)].terms(question)) - host
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


def answer_text(turn: Turn) -> str:
    return " ".join(_rendered(turn, message) for message in turn.dispatcher.messages)


def say_out_of_scope(turn: Turn) -> None:
    contact = turn.content.resources.contact
    turn.say("utter_out_of_scope", website=contact.website, email=contact.email, phone=contact.phone)
    record(turn, OUT_OF_SCOPE)


def best_passage(turn: Turn, signs: Signs) -> Optional[Hit]:
    """The best passage; when it scores too little to be given, the best one about what the question names, which
    needs less (a name of the domain is evidence of its own)."""
    hits = turn.store.passages.search(turn.text, turn.lang, limit=CANDIDATES)
    kind = asked_kind(turn.text, content_language(turn.lang))
    if kind and hits and not holds_kind(hits[0].passage.text, kind, content_language(turn.lang)) \
            and (holding := _best_holding(turn, signs, hits, kind)):
        return holding  # "for how long did the family teams coordinate …": the statement that says how long
    if not hits or hits[0].score >= _threshold(hits[0], signs):
        return _best_without_the_name(turn, signs, hits) if hits else None
    named = {name for name in signs.names} | _subjects_of_people(turn, signs.names)
    about_named = [hit for hit in hits if hit.passage.subject in named]
    return about_named[0] if about_named and about_named[0].score >= NAMED_PASSAGE_THRESHOLD else hits[0]


def _best_without_the_name(turn: Turn, signs: Signs, hits: List[Hit]) -> Hit:
    """Every statement about what the question names matches its name: among them, the one that best matches the
    rest of the question."""
    subject = hits[0].passage.subject
    if not subject or subject not in signs.names:
        return hits[0]
    return _best_for_the_rest(turn, [hit for hit in hits if hit.passage.subject == subject
                                     and hit.score >= _threshold(hit, signs)])


def _best_for_the_rest(turn: Turn, hits: List[Hit]) -> Hit:
    """Of statements about one subject, the one that best matches the question's words other than its names."""
    index, subject = turn.store.passages, hits[0].passage.subject
    name_terms = get_gate().item_terms(subject.partition(":")[2], content_language(turn.lang))
    rest = [term for term in index.query_terms(turn.text, turn.lang) if term not in name_terms]
    if not rest:
        return hits[0]
    scores = index.scores(rest, turn.lang)
    order = {p: i for i, p in enumerate(index.passages(turn.lang))}
    return max(hits, key=lambda hit: scores[order[hit.passage]])


def _threshold(hit: Hit, signs: Signs) -> float:
    return NAMED_PASSAGE_THRESHOLD if hit.passage.subject and hit.passage.subject in signs.names else PASSAGE_THRESHOLD


def _subjects_of_people(turn: Turn, names: List[str]) -> Set[str]:
    """A person named stands for the project they speak about too."""
    found = set()
    for name in names:
        kind, _, item_id = name.partition(":")
        person = turn.content.people.get(item_id) if kind == "person" else None
        if person and person.about in turn.content.projects:
            found.add(f"project:{person.about}")
    return found


def answer_with_statement(turn: Turn, hit: Hit) -> None:
    """Takes back the intent's answer and gives the statement instead."""
    unsay(turn)
    say_passage(turn, "utter_passage_answer", hit)
    record(turn, ANSWERED_PASSAGE)


def say_passage(turn: Turn, response: str, hit: Hit) -> None:
    passage = hit.passage
    turn.say(response, title=passage.title, passage=passage.text, source=passage.source)


def _supplement(turn: Turn, signs: Signs) -> None:
    """After an intent answer: the passage that answers what the question asked and the answer left out. Among
    the passages that score SUPPLEMENT_THRESHOLD for the whole question, the one that best matches the words of
    the question the answer lacks."""
    if turn.text.startswith("/"):  # a button's payload: the visitor chose an item and asked nothing in words
        return
    answer = answer_text(turn)
    index = turn.store.passages
    asked = index.query_terms(_question_words(turn.text), turn.lang)
    gate, lang = get_gate(), content_language(turn.lang)
    # the words people use to ask this intent's question ("bor", "invånare") are what its answer answers
    answered = set(index.query_terms(answer, turn.lang)) | gate.host_terms[lang] | \
        gate.intent_terms[lang].get(turn.intent, set())
    unanswered = [term for term in asked if term not in answered
                  and not any(same_beginning(term, known) for known in answered)]
    if not unanswered:
        return
    whole, left_out = index.scores(asked, turn.lang), index.scores(unanswered, turn.lang)
    found, about = index.passages(turn.lang), _named_subjects(turn, signs)
    ranked = sorted((i for i in range(len(found)) if whole[i] >= SUPPLEMENT_THRESHOLD and left_out[i] > 0
                     and found[i].text not in answer and (not about or found[i].subject in about)),
                    key=lambda i: -(left_out[i] + whole[i]))
    if ranked:
        say_passage(turn, "utter_passage_also", Hit(found[ranked[0]], whole[ranked[0]]))


def _question_words(text: str) -> str:
    """The question without the function words of either language (visitors mix them: "och i vushtrri?" in an
    English conversation asks nothing the answer left out)."""
    return " ".join(word for word in words(text) if word not in STOPWORDS["sv"] and word not in STOPWORDS["en"])


def _named_subjects(turn: Turn, signs: Signs) -> Set[str]:
    """What the question names, with the projects of a named partner or person: an added passage stays on it."""
    named = set(signs.names) | _subjects_of_people(turn, signs.names)
    for name in signs.names:
        kind, _, item_id = name.partition(":")
        if kind == "partner":
            named |= {f"project:{p.id}" for p in turn.content.projects.values() if item_id in p.partners}
        if kind == "project":
            named |= {f"person:{p.id}" for p in turn.content.people.values() if p.about == item_id}
        if kind == "programme":
            named.add("")  # the programme's passages have no subject of their own
    return named


def _rendered(turn: Turn, message: Dict) -> str:
    values = {key: value for key, value in message.items() if key not in ("response", "buttons")}
    return turn.render(message.get("response") or "", **values) if message.get("response") else \
        str(message.get("text") or "")


def own_terms(text: str, lang: str) -> List[str]:
    """The terms of the question's own words."""
    return get_gate().analyzers[content_language(lang)].terms(own_words(text))
