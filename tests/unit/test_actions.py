"""Each action, run with in-line trackers in both languages, answers with the right facts in the right language."""
import pytest

from actions.fallback import ActionOutOfScope, ActionSearchContent
from actions.followups import ActionAnswerFollowup, ActionSelectFromList, ordinal_position
from actions.partners import ActionAnswerPartner
from actions.programme import ActionAnswerProgramme
from actions.projects import ActionAnswerProject
from tests.unit.conftest import entity, make_tracker, outcome, run_action

NBSP = "\u00a0"


@pytest.mark.parametrize("language, text, expected", [
    ("sv", "hur många bor i vushtrri", f"Vushtrri har 70{NBSP}000 invånare"),
    ("en", "how many people live in vushtrri", "Vushtrri has 70,000 inhabitants"),
    ("sv", "JB Marks yta", f"6{NBSP}398 km²"),
    ("en", "JB Marks area", "6,398 km²"),
])
def test_partner_figures_in_each_language(domain, language, text, expected):
    intent = "ask_partner_population" if "bor" in text or "live" in text else "ask_partner_area"
    texts, slots, _ = run_action(ActionAnswerPartner(), make_tracker(text, intent, language=language), domain)
    assert len(texts) == 1 and expected in texts[0]
    assert slots["subject"] in ("partner:vushtrri", "partner:jb-marks") and slots["last_intent"] == intent


def test_partner_answer_carries_the_partner_website(domain):
    texts, _, _ = run_action(ActionAnswerPartner(), make_tracker(
        "vilken webbplats har vushtrri", "ask_partner_website", [entity("partner", "vushtrri")]), domain)
    assert "https://kk.rks-gov.net/vushtrri" in texts[0]


def test_themes_are_listed_in_full(domain):
    texts, _, _ = run_action(ActionAnswerPartner(), make_tracker(
        "what themes have the vushtrri projects had", "ask_partner_themes", language="en"), domain)
    for theme in ("environment and waste management", "accessibility", "social entrepreneurship",
                  "environmental education", "daily activities", "the municipal assembly", "contact centre"):
        assert theme in texts[0]


def test_follow_up_uses_the_subject_of_the_conversation(domain):
    tracker = make_tracker("hur många bor där?", "ask_partner_population", subject="project:sekos-2")
    texts, _, _ = run_action(ActionAnswerPartner(), tracker, domain)
    assert f"70{NBSP}000" in texts[0]
    tracker = make_tracker("när genomfördes det?", "ask_project_period", subject="project:family-team")
    texts, _, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert "2017–2019" in texts[0]


def test_without_context_the_bot_asks_which_project_with_buttons(domain):
    texts, _, messages = run_action(ActionAnswerProject(), make_tracker("who owned it?", "ask_project_owner",
                                                                        language="en"), domain)
    assert texts == ["Which project do you mean?"]
    assert [b["payload"] for b in messages[0]["buttons"]][0] == '/ask_project_owner{"project": "family-team"}'


@pytest.mark.parametrize("language, expected", [
    ("sv", "Projektägare för Socialt entreprenörskap Kosovo (SEKOS 2) var Utbildningsförvaltningen"),
    ("en", "Social Entrepreneurship Kosovo (SEKOS 2) was owned by the Education Department"),
])
def test_project_owner(domain, language, expected):
    tracker = make_tracker("sekos ägare", "ask_project_owner", [entity("project", "sekos 2")], language=language)
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert expected in texts[0] and slots["subject"] == "project:sekos-2"


def test_project_list_for_one_partner_is_remembered_for_ordinals(domain):
    tracker = make_tracker("vilka projekt finns med vushtrri", "ask_project_list", [entity("partner", "vushtrri")])
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert "SEKOS 2" in texts[0] and "MIS 2" in texts[0] and "Familjeteamet" not in texts[0]
    assert "9 projekt" in texts[0]
    assert slots["listed_items"] == ["project:sekos-2", "project:mis-2"]
    tracker = make_tracker("det första", "select_from_list", [],  # the position is read from the text
                           listed_items=slots["listed_items"])
    texts, slots, _ = run_action(ActionSelectFromList(), tracker, domain)
    assert texts[0].startswith("Socialt entreprenörskap Kosovo (SEKOS 2)") and "2018–2021" in texts[0]
    assert slots["subject"] == "project:sekos-2"


def test_select_without_a_list_explains(domain):
    texts, _, _ = run_action(ActionSelectFromList(), make_tracker("the first one", "select_from_list",
                                                                  language="en"), domain)
    assert "haven't shown a list" in texts[0]


@pytest.mark.parametrize("text, position", [("det första", 1), ("the second one", 2), ("nummer 3", 3),
                                            ("den sista", -1), ("ok", None)])
def test_ordinals(text, position):
    assert ordinal_position(text) == position


def test_what_about_repeats_the_last_question_for_the_new_partner(domain):
    tracker = make_tracker("och i Vushtrri?", "inform_entity", [entity("partner", "Vushtrri")],
                           last_intent="ask_partner_population", subject="partner:jb-marks")
    texts, slots, _ = run_action(ActionAnswerFollowup(), tracker, domain)
    assert texts == [f"Vushtrri har 70{NBSP}000 invånare. Källa: https://kk.rks-gov.net/vushtrri"]
    tracker = make_tracker("what about JB Marks?", "inform_entity", language="en",
                           last_intent="ask_project_period", subject="project:sekos-2")
    texts, _, _ = run_action(ActionAnswerFollowup(), tracker, domain)
    assert "began in 2005" in texts[0]


@pytest.mark.parametrize("question, language, project", [
    ("hur nådde energiprojektet sina mål", "sv", "energiprojektet"),
    ("Vad bevakade Veab och JB Marks gemensamt inom energiprojektet?", "sv", "energiprojektet"),
    ("which families did the family team work with", "en", "the family team"),
])
def test_a_question_of_its_own_taken_for_a_name_alone_gets_a_passage(domain, question, language, project):
    tracker = make_tracker(question, "inform_entity", [entity("project", project)], language=language)
    _, slots, messages = run_action(ActionAnswerFollowup(), tracker, domain)
    assert [m["response"] for m in messages][:1] == ["utter_passage_answer"] and outcome(slots) == "answered_passage"


@pytest.mark.parametrize("question, language", [
    ("och hur är det med energiprojektet?", "sv"),
    ("same question for the energy project", "en"),
    ("ok what about the energy project", "en"),
])
def test_a_name_with_follow_up_words_asks_the_last_question_again(domain, question, language):
    tracker = make_tracker(question, "inform_entity", [entity("project", "energy")], language=language,
                           last_intent="ask_project_period", subject="project:family-team")
    texts, slots, messages = run_action(ActionAnswerFollowup(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_project_period"] and "2019" in texts[0]


@pytest.mark.parametrize("question, intent, language, response, expected", [
    ("Har SEKOS 2 fördjupat kontakten med universitetet i Växjö?", "ask_results_vaxjo", "sv",
     "utter_project_results", "Linnéuniversitetet"),
    ("What did Växjö Energi produce at home as part of the project?", "ask_results_vaxjo", "en",
     "utter_project_results", "strategic plan"),
    ("why was the family team started", "ask_programme_purpose", "en", "utter_project_purpose", "complex problems"),
    ("tell me about sekos", "ask_partnerships_overview", "en", "utter_project_overview", "2018"),
])
def test_a_programme_question_that_names_one_project_asks_about_it(domain, question, intent, language, response,
                                                                   expected):
    texts, _, messages = run_action(ActionAnswerProgramme(), make_tracker(question, intent, language=language), domain)
    assert messages[0]["response"] == response and expected in texts[0]


@pytest.mark.parametrize("question, intent, language, response", [
    ("What happened to the Family Team once the project with JB Marks came to an end?", "ask_partner_themes", "en",
     "utter_project_focus"),
    ("berätta om sekos i vushtrri", "ask_partner_overview", "sv", "utter_project_overview"),
    ("berätta om vushtrri", "ask_partner_overview", "sv", "utter_partner_overview"),
    ("what themes have the jb marks projects had", "ask_partner_themes", "en", "utter_partner_themes"),
])
def test_a_partner_question_that_names_one_project_asks_about_it(domain, question, intent, language, response):
    _, _, messages = run_action(ActionAnswerPartner(), make_tracker(question, intent, language=language), domain)
    assert messages[0]["response"] == response


@pytest.mark.parametrize("question, intent, language, response, expected", [
    ("who was sekos aimed at", "ask_project_purpose", "en", "utter_project_participants", "principals"),
    ("vem var sekos till för", "ask_project_focus", "sv", "utter_project_participants", "rektorer"),
    ("what was sekos aimed at", "ask_project_purpose", "en", "utter_project_purpose", "teaching methods"),
])
def test_who_a_project_was_for_is_its_participants_not_its_aim(domain, question, intent, language, response, expected):
    texts, _, messages = run_action(ActionAnswerProject(), make_tracker(
        question, intent, [entity("project", "sekos")], language=language), domain)
    assert messages[0]["response"] == response and expected in texts[0], texts


def test_a_programme_question_that_names_no_project_gets_the_programme_answer(domain):
    texts, _, messages = run_action(ActionAnswerProgramme(), make_tracker(
        "what has vaxjo gained from the partnerships", "ask_results_vaxjo", language="en"), domain)
    assert messages[0]["response"] == "utter_results_vaxjo"


@pytest.mark.parametrize("intent, language, expected", [
    ("ask_funding", "sv", "personalens arbetstid"),
    ("ask_funding", "en", "working time"),
    ("ask_core_values", "en", "equal partners, participation, transparency and accountability"),
    ("ask_contact", "sv", "0470-410 00"),
    ("ask_read_more", "en", "Politik och demokrati / Internationellt"),
    ("ask_read_more", "en", "Read more about municipal partnerships at https://icld.se"),
    ("ask_read_more", "sv", "Läs mer om kommunala partnerskap på https://icld.se"),
    ("ask_results_vaxjo", "sv", "Hållbara kliv"),
    ("ask_partnerships_overview", "en", "JB Marks Local Municipality in South Africa (since 2005)"),
    ("ask_agenda2030", "sv", "17 globala"),
])
def test_programme_answers(domain, intent, language, expected):
    texts, _, _ = run_action(ActionAnswerProgramme(), make_tracker("?", intent, language=language), domain)
    assert expected in texts[0]


def test_goal_question_names_the_project(domain):
    tracker = make_tracker("vilket projekt handlar om mål 4", "ask_agenda2030")  # no entity: the goal is in the text
    texts, _, _ = run_action(ActionAnswerProgramme(), tracker, domain)
    assert "Miljöpedagogik i förskolan (MIS 2)" in texts[0] and "god utbildning för alla" in texts[0]


def test_person_answer_has_name_role_and_quote(domain):
    tracker = make_tracker("what did the chair say", "ask_person", [entity("person", "the chair")], language="en")
    texts, _, _ = run_action(ActionAnswerProgramme(), tracker, domain)
    assert "Malin Lauber is Chair of the Municipal Executive Board" in texts[0] and "proud" in texts[0]


def test_out_of_scope_gives_the_municipality_s_contact(domain):
    texts, _, _ = run_action(ActionOutOfScope(), make_tracker("vad blir vädret", "out_of_scope"), domain)
    assert "info@vaxjo.se" in texts[0] and "0470-410 00" in texts[0] and "Tyvärr" in texts[0]


def test_unsure_question_offers_a_passage_with_its_source_or_says_where_to_go(domain):
    texts, _, _ = run_action(ActionSearchContent(), make_tracker("fanns det workshops om energitrender någon gång",
                                                                 "nlu_fallback"), domain)
    assert "workshops om energitrender" in texts[0] and "Källa: https://www.vaxjo.se" in texts[0]
    texts, _, _ = run_action(ActionSearchContent(), make_tracker("JB Marks?", "nlu_fallback",
                                                                 last_intent="ask_funding"), domain)
    assert texts[0].startswith("JB Marks: Samarbetet finansieras via ICLD")
    texts, _, messages = run_action(ActionSearchContent(), make_tracker("blorp zzz", "nlu_fallback",
                                                                        language="en"), domain)
    assert "www.vaxjo.se" in texts[0] and messages[0]["response"] == "utter_out_of_scope"


def test_unsure_question_naming_a_project_searches_that_project_first(domain):
    tracker = make_tracker("finns familjeteamet kvar idag eller var det bara ett projekt", "nlu_fallback")
    texts, _, _ = run_action(ActionSearchContent(), tracker, domain)
    assert "Familjeteam" in texts[0]
    assert "Källa: https://www.vaxjo.se" in texts[0]


def test_what_did_she_say_after_talking_about_a_person(domain):
    tracker = make_tracker("what did she say?", "ask_project_quote", language="en", subject="person:malin-lauber")
    texts, _, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert texts[0].startswith("Malin Lauber is Chair") and "proud" in texts[0]
