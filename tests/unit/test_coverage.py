"""How much of a question a statement must hold to answer it when the model or the signs say little: a question
with no sign or a weak one, a word the content lacks, and questions about what was done or said (actions/answering.py:
covers_question, passage_may_answer; actions/portfolio/tense.py; docs/scope.md, tenth and twelfth passes)."""
import pytest

from actions.fallback import ActionOutOfScope, ActionSearchContent
from actions.programme import ActionAnswerProgramme
from tests.unit.conftest import make_tracker, outcome, run_action


def test_off_topic_by_the_model_but_held_by_one_statement_is_answered_with_it(domain):
    """Weak signs alone do not overrule the model, but a statement holding most of the question's words does."""
    tracker = make_tracker("samarbetar teknikum med någon utbildning på linnéuniversitetet", "out_of_scope")
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "Linnéuniversitetet" in texts[0], texts
    tracker = make_tracker("finns det en internationell skola i växjö", "out_of_scope")
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert outcome(slots) == "out_of_scope", texts


@pytest.mark.parametrize("language, question, expected", [
    ("en", "what is the team for people in extra jobs", "multi-skilled team"),
    ("sv", "vad är bäst fortbildning för lärare enligt rektorn", "bästa fortbildning"),
])
def test_a_statement_holding_every_content_word_of_an_unsigned_question_answers_it(domain, language, question,
                                                                                   expected):
    """No sign at all, but one statement holds all four of its words: one word more ("what", "enligt") does not
    make it off-topic."""
    tracker = make_tracker(question, "out_of_scope", language=language)
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert outcome(slots) == "answered_passage" and expected in texts[0], texts


@pytest.mark.parametrize("language, question, expected", [
    ("en", "What was set up in Växjö to help young people who stay at home instead of going to school?", "field team"),
    ("sv", "Vad slapp familjerna?", "Per Sandberg"),
])
def test_an_unsigned_question_about_what_was_done_needs_less_of_its_words_held(domain, language, question, expected):
    """No sign of the domain, and the statement holds half of the words (or both of two): in the past tense, asking
    what was done, that is a question about the projects."""
    tracker = make_tracker(question, "out_of_scope", language=language)
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert outcome(slots) == "answered_passage" and expected in texts[0], texts


@pytest.mark.parametrize("language, question", [
    ("en", "my teenager stays home from school, who can support us"),
    ("en", "what is there to help young people who stay at home instead of going to school"),
    ("sv", "vad slipper familjer"),
])
def test_the_same_words_in_the_present_or_for_oneself_stay_out_of_scope(domain, language, question):
    tracker = make_tracker(question, "out_of_scope", language=language)
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert outcome(slots) == "out_of_scope", texts


def test_a_word_the_content_lacks_does_not_turn_away_a_statement_holding_nearly_all_the_question(domain):
    """"hänvisar" is no word of the content, but the statement holds five of the question's six words: the verb
    does not make it a question about something else."""
    question = "Vilken webbplats hänvisar Växjö kommun till för mer information om kommunala partnerskap?"
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker(question, "nlu_fallback"), domain)
    assert outcome(slots) == "answered_passage" and "icld.se" in texts[0], texts


def test_a_word_the_content_lacks_still_turns_away_a_statement_holding_less(domain):
    """The chair's role holds three of four words of "… salary": the salary is something else."""
    tracker = make_tracker("chair of the municipal executive board salary", "nlu_fallback", language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert outcome(slots) in ("not_found", "out_of_scope"), texts


def test_a_question_with_a_weak_sign_about_what_was_done_needs_less_of_its_words_held(domain, gate):
    """"Teknikum" is an everyday alias (a weak sign); the statement holds three of the question's seven words, and
    the question asks what was done."""
    question = "what did the teknikum students hear about from the university teachers"
    assert gate.signs(question, "en").aliases == ["teknikum"]
    texts, slots, _ = run_action(ActionOutOfScope(), make_tracker(question, "out_of_scope", language="en"), domain)
    assert outcome(slots) == "answered_passage" and "Linnaeus University" in texts[0], texts


def test_a_question_whose_sign_is_an_alias_about_what_was_done_needs_less_of_its_other_words_held(domain):
    """"Teknikum" names SEKOS 2 as an everyday alias; of "topics", "university", "lecturers" and "cover" the
    statement about the lectures holds two, which is enough for a question about what was done."""
    tracker = make_tracker("What topics did the university lecturers cover at Teknikum?", "nlu_fallback",
                           language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "social enterprise" in texts[0], texts


@pytest.mark.parametrize("question, sure_answer", [
    ("has any of this changed how vaxjo helps families that are struggling?", True),  # asks what was done
    ("how does vaxjo help families that are struggling?", False),  # the same words, about the service now
])
def test_a_question_about_what_was_done_may_use_a_word_never_met(domain, question, sure_answer):
    tracker = make_tracker(question, "ask_results_vaxjo", language="en")
    tracker.latest_message["intent"]["confidence"] = 0.95
    _, slots, messages = run_action(ActionAnswerProgramme(), tracker, domain)
    assert (messages[0]["response"] == "utter_results_vaxjo") == sure_answer
    assert (outcome(slots) == "answered_intent") == sure_answer


@pytest.mark.parametrize("question, answered", [
    # "globe" is a word the content lacks; the question asks what someone said, and the statement holds 7 of 12
    ("How does the chair of the executive board feel about the city's engagement around the globe?", True),
    ("the chair of the executive board and the city's engagement around the globe", False),
])
def test_a_word_the_content_lacks_turns_away_less_of_a_question_about_what_was_said(domain, question, answered):
    tracker = make_tracker(question, "nlu_fallback", language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert (outcome(slots) == "answered_passage" and "immensely proud" in texts[0]) == answered, texts


@pytest.mark.parametrize("language, question, answered", [
    ("sv", "vinner båda sidor på samarbetet", True),  # "sidor": a common Swedish word the content lacks
    ("en", "who won the ice hockey world championship", False),  # English questions elsewhere use common words
])
def test_a_common_swedish_word_the_content_lacks_does_not_count_against_coverage(domain, language, question,
                                                                                 answered):
    tracker = make_tracker(question, "out_of_scope", language=language)
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert (outcome(slots) == "answered_passage") == answered, texts
    if answered:
        assert "givande och tagande" in texts[0], texts
