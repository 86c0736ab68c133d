"""Everyday aliases ("teknikum", "förskolan", "the chair"): what a question whose only sign is one gets
(actions/aliases.py, actions/answering.py, actions/fallback.py; docs/scope.md, eighth pass)."""
import pytest

from actions.fallback import ActionOutOfScope, ActionSearchContent
from actions.partners import ActionAnswerPartner
from actions.programme import ActionAnswerProgramme
from actions.projects import ActionAnswerProject
from tests.unit.conftest import make_tracker, outcome, run_action


@pytest.mark.parametrize("language, question, expected", [
    ("sv", "vem höll föreläsningar för eleverna på teknikum", "Linnéuniversitetet"),
    ("en", "what does veab have now after the project", "strategic plan"),
])
def test_a_lone_alias_gets_the_passage_when_the_rest_of_the_question_is_about_what_it_names(
        domain, language, question, expected):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker(question, "nlu_fallback", language=language),
                                 domain)
    assert expected in texts[0] and outcome(slots) == "answered_passage"


def test_the_site_owners_name_is_not_what_a_lone_alias_question_is_about(domain):
    tracker = make_tracker("what does preschool cost per month in Växjö", "nlu_fallback", language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert outcome(slots) in ("out_of_scope", "not_found") and "Source:" not in " ".join(texts)


@pytest.mark.parametrize("language, question", [("sv", "fjärrvärme veab pris"), ("en", "veab district heating")])
def test_a_short_message_with_an_alias_and_a_word_the_assistant_lacks_is_no_bare_name(domain, language, question):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker(question, "nlu_fallback", language=language),
                                 domain)
    assert outcome(slots) in ("out_of_scope", "not_found") and "2019" not in " ".join(texts)


def test_a_bare_alias_still_continues_the_conversation(domain):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker("och veab?", "nlu_fallback"), domain)
    assert "2019" in " ".join(texts) and outcome(slots) == "answered_intent"


def test_a_swedish_definite_alias_is_found_in_its_other_forms(gate):
    for question in ("vad byggde förskolorna i växjö", "vad gör en förskola i projektet"):
        assert gate.signs(question, "sv").alias_items == ["mis-2"], question


def test_an_items_own_name_words_leave_out_what_names_are_built_of(gate):
    terms = gate.item_terms("mis-2", "en")
    assert {"preschool", "mis"} & terms or "miljopedagogik" in terms
    assert not {"the", "in", "project", "projektet"} & terms


@pytest.mark.parametrize("language, question", [("sv", "var ligger teknikum"), ("en", "where is teknikum located")])
def test_an_alias_is_not_answered_by_a_fact_about_something_else(domain, language, question):
    texts, slots, _ = run_action(ActionAnswerPartner(), make_tracker(question, "ask_partner_country",
                                                                     language=language), domain)
    assert "Kosovo" not in " ".join(texts) and outcome(slots) in ("out_of_scope", "not_found")


@pytest.mark.parametrize("language, question, action, intent", [
    ("en", "linnaeus university admissions", ActionOutOfScope(), "out_of_scope"),
    ("en", "chair of the municipal executive board salary", ActionAnswerProgramme(), "ask_person"),
    ("sv", "teknikum antagning", ActionSearchContent(), "nlu_fallback"),
])
def test_a_specific_word_the_content_lacks_keeps_a_weak_sign_from_answering(domain, language, question, action,
                                                                             intent):
    texts, slots, _ = run_action(action, make_tracker(question, intent, language=language), domain)
    assert outcome(slots) in ("out_of_scope", "not_found"), texts
    assert not any(word in " ".join(texts) for word in ("Source:", "Källa:", "Malin Lauber", "2018"))


def test_an_alias_beside_another_word_is_no_bare_name(domain):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker("jobs at teknikum", "nlu_fallback",
                                                                     language="en"), domain)
    assert "2018" not in " ".join(texts) and outcome(slots) != "answered_intent"


@pytest.mark.parametrize("language, question", [
    ("sv", "hur många barn går i förskola i växjö"),
    ("sv", "eleverna på teknikum får gratis lunch"),
    ("en", "how much hydrogen does vaxjo produce"),
])
def test_a_lone_alias_with_half_the_rest_of_the_question_elsewhere_gets_no_passage(domain, language, question):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker(question, "nlu_fallback", language=language),
                                 domain)
    assert outcome(slots) in ("out_of_scope", "not_found"), texts


def test_a_lone_alias_question_is_read_as_the_search_reads_it(domain):
    # "miljömetoden" is "miljö" + "metod": the question's words are the MIS 2 statements' own
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker(
        "vilka fick testa den nya miljömetoden i förskolan", "nlu_fallback"), domain)
    assert "500 barn" in texts[0] and outcome(slots) == "answered_passage"


def test_an_alias_counts_in_its_inflected_form(gate):
    signs = gate.signs("mot vilket år blickar veabs strategiska arbete", "sv")
    assert signs.aliases == ["veab"] and signs.alias_items == ["energy-plan"]


@pytest.mark.parametrize("language, question, intent", [
    ("sv", "vad kostar förskolan per månad", "ask_funding"),
    ("en", "how much does district heating cost from Veab", "ask_funding"),
])
def test_an_everyday_alias_does_not_make_an_answer_about_something_else(domain, language, question, intent):
    texts, slots, _ = run_action(ActionAnswerProgramme(), make_tracker(question, intent, language=language), domain)
    assert "ICLD" not in " ".join(texts) and outcome(slots) in ("out_of_scope", "not_found")


def test_an_everyday_alias_still_gets_the_answer_about_what_it_names(domain):
    texts, slots, _ = run_action(ActionAnswerProject(), make_tracker("när pågick projektet med veab",
                                                                     "ask_project_period"), domain)
    assert "2019" in " ".join(texts) and outcome(slots) == "answered_intent"


def test_a_passage_for_a_lone_alias_must_hold_the_rest_of_the_question(domain):
    tracker = make_tracker("do I need vaccines to travel to South Africa", "nlu_fallback", language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert outcome(slots) in ("out_of_scope", "not_found") and "Source:" not in " ".join(texts)


def test_a_partners_everyday_alias_is_answered_by_a_statement_about_its_project(domain):
    """"south africa" names JB Marks; Julia Ahlrot's words about the energy project (a JB Marks project) are about
    it too."""
    tracker = make_tracker("are south africa's energy problems totally different from ours?", "nlu_fallback",
                           language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "opportunities and challenges" in texts[0], texts
