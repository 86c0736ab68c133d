"""The scope gate and the passage retrieval, and the actions that use them, with in-line trackers."""
import pytest

from actions.answering import OUTCOME_SLOT, OVERRULE_OUT_OF_SCOPE
from actions.fallback import ActionAboutAssistant, ActionOutOfScope, ActionSearchContent
from actions.partners import ActionAnswerPartner
from actions.portfolio import get_store
from actions.programme import ActionAnswerProgramme
from actions.projects import ActionAnswerProject
from actions.scope import get_gate
from tests.unit.conftest import make_tracker, run_action


@pytest.fixture(scope="module")
def gate():
    return get_gate()


@pytest.fixture(scope="module")
def passages():
    return get_store().passages


# --- retrieval -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language, question, expected", [
    ("sv", "vilka lärare föreläste på teknikum", "Lärare från Linnéuniversitetet föreläste på Teknikum"),
    ("en", "Is Veab involved in hydrogen?", "two hydrogen projects"),
    ("sv", "fick familjerna en väg in i kommunen", "en enda väg in"),
    ("en", "who led the workshops on energy trends", "workshops on energy trends"),
])
def test_the_passage_holding_the_fact_ranks_first(passages, language, question, expected):
    best = passages.best(question, language)
    assert best and expected in best.passage.text, best
    assert best.passage.source.startswith("https://")


def test_every_statement_of_the_content_is_a_passage(passages):
    content = get_store().portfolio
    texts = " ".join(p.text for p in passages.passages("sv"))
    for project in content.projects.values():
        assert project.results.sv.split(".")[0] in texts
    for person in content.people.values():
        assert person.quote.sv.split(".")[0] in texts
    assert content.programme.give_and_take.sv in texts


@pytest.mark.parametrize("language, question, expected, source", [
    ("sv", "vilka kärnvärden har icld-projekten", "jämlika parter, delaktighet, transparens och ansvarsutkrävande",
     "https://icld.se"),
    ("en", "where can I read more about municipal partnerships in general", "https://icld.se", "https://icld.se"),
    ("en", "what is the email address for the partnerships", "info@vaxjo.se", "https://www.vaxjo.se"),
    ("sv", "vilken befattning har julia ahlrot", "chef för strategi och omvärldsrelationer", "https://www.vaxjo.se"),
])
def test_core_values_roles_and_contact_are_passages_too(passages, language, question, expected, source):
    """Statements of content/ outside the running text (ICLD's core values, people's roles, where to read more, the
    contact details) are found like any other, with their own source."""
    best = passages.best(question, language)
    assert best and expected in best.passage.text, best
    assert best.passage.source == source


@pytest.mark.parametrize("language, question, expected", [
    ("sv", "lever familjeteamet vidare", "permanent i förvaltningen"),
    ("en", "was the family team kept", "permanent part"),
])
def test_visitors_words_from_content_phrasings_find_the_statement(passages, language, question, expected):
    """content/phrasings.yml: words the statement lacks ("lever vidare", "kept") find it, and are never quoted."""
    best = passages.best(question, language)
    assert best and expected in best.passage.text, best
    assert "vidare" not in best.passage.text and "kept" not in best.passage.text
    without = [hit.passage.text for hit in passages.search(question.replace("lever", "").replace("vidare", "")
                                                          .replace("kept", ""), language, limit=1)]
    assert expected not in " ".join(without), "the phrasing's words made the difference"


def test_a_question_with_no_word_of_the_content_finds_nothing(passages):
    assert passages.search("xyzzy plugh", "en") == []


# --- the gate ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language, question", [
    ("sv", "Vad gjorde Familjeteamet?"),
    ("en", "who took part in SEKOS 2"),
    ("sv", "hur finansieras samarbetet med JB Marks"),
    ("en", "Is Veab involved in hydrogen?"),  # two everyday aliases together
])
def test_a_sign_of_the_domain_lets_the_question_in(gate, language, question):
    assert gate.signs(question, language).in_domain


@pytest.mark.parametrize("language, question", [
    ("sv", "Vad kostar det 2019?"),  # cost words, years and counts are no sign
    ("en", "how much does it cost, 250 or 300?"),
    ("sv", "hur når jag växjö kommun"),  # the site's owner is no sign: every question on vaxjo.se is about it
])
def test_no_sign_is_not_the_domain(gate, language, question):
    signs = gate.signs(question, language)
    assert signs.score == 0 and not signs.in_domain


@pytest.mark.parametrize("language, question", [
    ("sv", "när har teknikum öppet hus"),
    ("en", "what does preschool cost"),
])
def test_one_everyday_alias_alone_does_not_overrule_the_model(gate, language, question):
    signs = gate.signs(question, language)
    assert not signs.names and 0 < signs.score < OVERRULE_OUT_OF_SCOPE


def test_an_agenda_2030_goal_the_content_speaks_of_is_a_weak_sign(gate):
    """"mål 4" is a goal of the content (MIS 2); "goal 12" is not; and "mål 4" alone does not overrule the model."""
    signs = gate.signs("vilket projekt handlade om mål 4", "sv")
    assert signs.in_domain and signs.score < OVERRULE_OUT_OF_SCOPE
    assert not gate.signs("which project was about goal 12", "en").in_domain


def test_a_compound_counts_by_the_content_word_it_starts_with(gate):
    signs = gate.signs("vem bestämmer vad partnerskapsprojekten handlar om", "sv")
    assert "partnerskap" in signs.vocabulary and not signs.foreign


def test_a_compound_of_two_known_words_is_not_a_word_the_assistant_lacks(gate, domain):
    """"miljöprojektet" is "miljö" + "projektet": neither is a sign, but the question is not about something else."""
    signs = gate.signs("hur många barn var med i miljöprojektet", "sv")
    assert not signs.unknown and not signs.foreign, signs
    tracker = make_tracker("hur många barn var med i miljöprojektet", "ask_project_participants")
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert _outcome(slots) != "out_of_scope" and "Tyvärr" not in texts[0], texts
    assert [term for term in gate.signs("hur når jag en bygglovshandläggare", "sv").foreign if term.startswith("bygglov")]


def test_a_specific_word_the_content_lacks_is_foreign(gate):
    assert "bygglov" in gate.signs("vad kostar bygglov", "sv").foreign
    assert not gate.signs("när började det", "sv").foreign


# --- the actions ------------------------------------------------------------------------------------------
def _outcome(slots):
    return slots.get(OUTCOME_SLOT)


def test_a_fact_intent_without_a_sign_is_out_of_scope(domain):
    texts, slots, _ = run_action(ActionAnswerProgramme(), make_tracker("Vad kostar bygglov?", "ask_funding"), domain)
    assert len(texts) == 1 and "Tyvärr kan jag bara svara" in texts[0] and "info@vaxjo.se" in texts[0]
    assert "ICLD" not in texts[0] and _outcome(slots) == "out_of_scope"
    texts, slots, _ = run_action(ActionAnswerPartner(), make_tracker(
        "How long should a firm have existed before applying?", "ask_partner_start", language="en"), domain)
    assert "2005" not in " ".join(texts) and _outcome(slots) in ("out_of_scope", "not_found")


def test_a_follow_up_in_a_conversation_with_a_subject_is_answered(domain):
    tracker = make_tracker("när började det?", "ask_project_period", subject="project:family-team")
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert "2017" in texts[0] and _outcome(slots) == "answered_intent"


def test_a_question_no_intent_covers_is_answered_with_the_passage_and_its_source(domain):
    tracker = make_tracker("Vilket universitet samarbetar Teknikum med?", "nlu_fallback")
    texts, slots, messages = run_action(ActionSearchContent(), tracker, domain)
    assert "Linnéuniversitetet" in texts[0] and texts[0].rstrip().endswith("Källa: https://www.vaxjo.se")
    assert messages[0]["response"] == "utter_passage_answer" and _outcome(slots) == "answered_passage"


def test_an_intent_answer_gets_the_passage_that_answers_what_it_left_out(domain):
    tracker = make_tracker("Is Veab involved in hydrogen projects now?", "ask_project_results", language="en")
    texts, slots, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert messages[0]["response"] == "utter_project_results" and _outcome(slots) == "answered_intent"
    assert "two hydrogen projects" in " ".join(texts)


def test_a_sign_without_an_answer_is_not_found_with_whom_to_ask(domain):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker("när har teknikum öppet hus", "nlu_fallback"),
                                 domain)
    assert "Det hittar jag inte" in texts[0] and "0470-410 00" in texts[0] and _outcome(slots) == "not_found"


def test_not_found_offers_what_the_question_named(domain):
    """"what does växjö do in kosovo" is not answered by one statement; one click reads about Vushtrri."""
    texts, slots, messages = run_action(ActionSearchContent(), make_tracker(
        "what does vaxjo do in kosovo", "nlu_fallback", language="en"), domain)
    assert _outcome(slots) == "not_found" and texts[0].startswith("I can't find that"), texts
    assert messages[0]["buttons"] == [{"title": "Vushtrri", "payload": '/ask_partner_overview{"partner": "vushtrri"}'}]
    _, _, messages = run_action(ActionSearchContent(), make_tracker("när har teknikum öppet hus", "nlu_fallback"),
                                domain)
    assert [button["title"] for button in messages[0]["buttons"]] == ["SEKOS 2"], messages
    _, _, messages = run_action(ActionSearchContent(), make_tracker("blorp zzz", "nlu_fallback"), domain)
    assert not messages[0].get("buttons"), messages  # out of scope: nothing of the partnerships to offer


def test_nonsense_and_chit_chat_are_out_of_scope_in_the_visitors_language(domain):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker("blorp zzz", "nlu_fallback", language="en"),
                                 domain)
    assert texts[0].startswith("Sorry, I can only answer") and _outcome(slots) == "out_of_scope"
    texts, _, _ = run_action(ActionOutOfScope(), make_tracker("vem vann melodifestivalen", "out_of_scope"), domain)
    assert texts[0].startswith("Tyvärr kan jag bara svara")


def test_the_best_statement_wins_over_a_weaker_one_about_what_the_question_names(domain):
    """Naming JB Marks does not make a JB Marks fact box a better answer than the sentence that holds the fact."""
    tracker = make_tracker("which global goal did the JB Marks energy project focus on", "nlu_fallback",
                           language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert _outcome(slots) == "answered_passage" and "Goal 7" in texts[0], texts


def test_off_topic_by_the_model_but_naming_a_project_is_searched(domain):
    tracker = make_tracker("vad var det bästa med familjeteamet", "out_of_scope")
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert _outcome(slots) in ("answered_passage", "not_found") and "Tyvärr" not in texts[0]


def test_off_topic_by_the_model_but_held_by_one_statement_is_answered_with_it(domain):
    """Weak signs alone do not overrule the model, but a statement holding most of the question's words does."""
    tracker = make_tracker("samarbetar teknikum med någon utbildning på linnéuniversitetet", "out_of_scope")
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert _outcome(slots) == "answered_passage" and "Linnéuniversitetet" in texts[0], texts
    tracker = make_tracker("finns det en internationell skola i växjö", "out_of_scope")
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert _outcome(slots) == "out_of_scope", texts


def _unsure(tracker, confidence=0.5):
    tracker.latest_message["intent"]["confidence"] = confidence
    return tracker


@pytest.mark.parametrize("question, intent, language, response, sure", [
    ("är du en robot", "bot_challenge", "sv", "utter_bot_challenge", False),
    ("vad kan du berätta om partnerskapen", "ask_capabilities", "sv", "utter_capabilities", False),
    ("what can you do", "ask_capabilities", "en", "utter_capabilities", False),
    ("are you the jb marks bot", "bot_challenge", "en", "utter_bot_challenge", True),  # the disclosure stands
])
def test_questions_about_the_assistant_get_its_answer(domain, question, intent, language, response, sure):
    tracker = make_tracker(question, intent, language=language)
    _, slots, messages = run_action(ActionAboutAssistant(), tracker if sure else _unsure(tracker), domain)
    assert messages[0]["response"] == response and _outcome(slots) == "answered_intent", messages


@pytest.mark.parametrize("question, intent, language", [
    ("vad är hemmasittare", "bot_challenge", "sv"),  # "vad är du?" to the model, which is unsure
    ("what is dragons den", "ask_capabilities", "en"),
])
def test_a_question_that_names_a_topic_is_not_about_the_assistant(domain, question, intent, language):
    texts, slots, messages = run_action(ActionAboutAssistant(),
                                        _unsure(make_tracker(question, intent, language=language)), domain)
    assert messages[0]["response"] not in ("utter_bot_challenge", "utter_capabilities"), messages
    assert _outcome(slots) in ("answered_passage", "not_found"), slots
    if question == "vad är hemmasittare":
        assert "hemmasittare" in texts[0] and _outcome(slots) == "answered_passage", texts


def test_a_button_choice_gets_no_added_passage(domain):
    """A suggestion button sends a payload, not a question: the answer about the chosen item stands alone."""
    tracker = make_tracker('/ask_project_overview{"project": "family-team"}', "ask_project_overview", language="en",
                           entities=[{"entity": "project", "value": "family-team"}])
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert len(texts) == 1 and "Family Team" in texts[0] and _outcome(slots) == "answered_intent", texts


def test_swedish_answer_leads_with_the_swedish_project_name(domain):
    tracker = make_tracker("när genomfördes familjeteamet", "ask_project_period")
    texts, _, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert texts[0].startswith("Familjeteamet (New coordination structure to support vulnerable families)")
    tracker = make_tracker("when did the family team run", "ask_project_period", language="en")
    texts, _, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert texts[0].startswith("New coordination structure to support vulnerable families (Family Team)")


# --- issue 9, second pass: inflections, compounds, everyday aliases -------------------------------------------
def test_other_forms_of_a_word_and_swedish_compounds_find_the_passage(passages):
    assert "forel" in passages.query_terms("föreläsningar", "sv")  # "föreläste" in the content
    assert {"vatg", "projek"} <= set(passages.compound_parts("vatgasprojek", "sv"))
    best = passages.best("vem har hållit föreläsningar på teknikum", "sv")
    assert "Linnéuniversitetet föreläste på Teknikum" in best.passage.text


def test_a_word_typed_with_one_slip_finds_the_content_word(passages):
    """Visitors type fast: one letter left out, added, changed or two swapped still finds the word."""
    families = passages.query_terms("families", "en")
    assert passages.query_terms("famlies", "en") == families == passages.query_terms("faimlies", "en")
    assert passages.query_terms("hemasittare", "sv") == passages.query_terms("hemmasittare", "sv") != []
    assert passages.query_terms("entrepenörskap", "sv") == passages.query_terms("entreprenörskap", "sv")
    assert passages.query_terms("fmly", "en") == []  # too short to tell which word was meant
    # a common word is a word of its own, not a slip: "contract" is not "contact", "vänder" not "länder"
    assert passages.query_terms("contract", "en") == [] and passages.query_terms("vänder", "sv") == []
    best = passages.best("how many vulnerable famlies got coordinated suport", "en")
    assert "41 vulnerable families" in best.passage.text, best


def test_an_alias_counts_in_its_inflected_form(gate):
    signs = gate.signs("mot vilket år blickar veabs strategiska arbete", "sv")
    assert signs.aliases == ["veab"] and signs.alias_items == ["energy-plan"]


@pytest.mark.parametrize("language, question, intent", [
    ("sv", "vad kostar förskolan per månad", "ask_funding"),
    ("en", "how much does district heating cost from Veab", "ask_funding"),
])
def test_an_everyday_alias_does_not_make_an_answer_about_something_else(domain, language, question, intent):
    texts, slots, _ = run_action(ActionAnswerProgramme(), make_tracker(question, intent, language=language), domain)
    assert "ICLD" not in " ".join(texts) and _outcome(slots) in ("out_of_scope", "not_found")


def test_an_everyday_alias_still_gets_the_answer_about_what_it_names(domain):
    texts, slots, _ = run_action(ActionAnswerProject(), make_tracker("när pågick projektet med veab",
                                                                     "ask_project_period"), domain)
    assert "2019" in " ".join(texts) and _outcome(slots) == "answered_intent"


def test_a_passage_for_a_lone_alias_must_hold_the_rest_of_the_question(domain):
    tracker = make_tracker("do I need vaccines to travel to South Africa", "nlu_fallback", language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert _outcome(slots) in ("out_of_scope", "not_found") and "Source:" not in " ".join(texts)


def test_which_project_is_not_asked_when_an_alias_names_one(domain):
    tracker = make_tracker("vilka workshops gick veabs folk på i projektet", "ask_project_activities")
    texts, slots, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert "utter_which_project" not in [m["response"] for m in messages]
    assert "energitrender" in " ".join(texts) and _outcome(slots) == "answered_intent"


def test_the_added_passage_answers_what_the_intent_answer_left_out(domain):
    tracker = make_tracker("hur många barn ska testa metoden i MIS 2", "ask_project_focus")
    texts, _, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert messages[-1]["response"] == "utter_passage_also" and "500 barn" in texts[-1]


@pytest.mark.parametrize("question, intent, language, slots, response", [
    # the other language's function words ask nothing the answer left out
    ("och i vushtrri?", "inform_entity", "en", {"last_intent": "ask_partner_population",
                                                 "subject": "partner:jb-marks"}, "utter_partner_population"),
    # nor does the site owner's own name
    ("Vilka internationella partnerskap har Växjö kommun?", "ask_partnerships_overview", "sv", {},
     "utter_partnerships_overview"),
])
def test_no_passage_is_added_when_the_answer_covers_the_question(domain, question, intent, language, slots, response):
    from actions.followups import ActionAnswerFollowup

    action = ActionAnswerFollowup() if intent == "inform_entity" else ActionAnswerProgramme()
    _, _, messages = run_action(action, make_tracker(question, intent, language=language, **slots), domain)
    assert [m["response"] for m in messages] == [response]


# --- eighth pass (docs/scope.md) ---------------------------------------------------------------------------------
def test_a_person_named_by_their_role_stands_for_their_project(domain):
    tracker = make_tracker("vad säger förskolläraren om projektet", "ask_project_quote")
    texts, slots, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert "utter_which_project" not in [m["response"] for m in messages]
    assert "Britta Carlsnäs" in " ".join(texts) and _outcome(slots) == "answered_intent"


@pytest.mark.parametrize("language, question, intent, expected", [
    ("sv", "hur manga familjemedlemmar fick hjalp i vaxjo", "ask_project_participants", "96 familjemedlemmar"),
    ("en", "how many family members got help in vaxjo", "ask_project_participants", "96 family members"),
])
def test_the_statement_that_answers_comes_before_asking_which_project(domain, language, question, intent, expected):
    texts, slots, messages = run_action(ActionAnswerProject(), make_tracker(question, intent, language=language),
                                        domain)
    assert messages[0]["response"] == "utter_passage_answer" and expected in texts[0]
    assert _outcome(slots) == "answered_passage"


@pytest.mark.parametrize("language, question, intent", [
    ("sv", "hur många deltog?", "ask_project_participants"),
    ("en", "how many took part?", "ask_project_participants"),  # several statements fit about as well
    ("en", "what were the results?", "ask_project_results"),  # "were" is no word of the question's own
])
def test_which_project_is_still_asked_when_no_statement_holds_the_question(domain, language, question, intent):
    _, slots, messages = run_action(ActionAnswerProject(), make_tracker(question, intent, language=language), domain)
    assert messages[0]["response"] == "utter_which_project" and _outcome(slots) == "clarified"


@pytest.mark.parametrize("language, question, expected", [
    ("sv", "vem höll föreläsningar för eleverna på teknikum", "Linnéuniversitetet"),
    ("en", "what does veab have now after the project", "strategic plan"),
])
def test_a_lone_alias_gets_the_passage_when_the_rest_of_the_question_is_about_what_it_names(
        domain, language, question, expected):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker(question, "nlu_fallback", language=language),
                                 domain)
    assert expected in texts[0] and _outcome(slots) == "answered_passage"


def test_the_site_owners_name_is_not_what_a_lone_alias_question_is_about(domain):
    tracker = make_tracker("what does preschool cost per month in Växjö", "nlu_fallback", language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert _outcome(slots) in ("out_of_scope", "not_found") and "Source:" not in " ".join(texts)


@pytest.mark.parametrize("language, question", [("sv", "fjärrvärme veab pris"), ("en", "veab district heating")])
def test_a_short_message_with_an_alias_and_a_word_the_assistant_lacks_is_no_bare_name(domain, language, question):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker(question, "nlu_fallback", language=language),
                                 domain)
    assert _outcome(slots) in ("out_of_scope", "not_found") and "2019" not in " ".join(texts)


def test_a_bare_alias_still_continues_the_conversation(domain):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker("och veab?", "nlu_fallback"), domain)
    assert "2019" in " ".join(texts) and _outcome(slots) == "answered_intent"


def test_a_swedish_definite_alias_is_found_in_its_other_forms(gate):
    for question in ("vad byggde förskolorna i växjö", "vad gör en förskola i projektet"):
        assert gate.signs(question, "sv").alias_items == ["mis-2"], question


def _ranked(text, ranking, language="sv"):
    """A tracker whose model ranked the intents so (name, confidence), first first."""
    from rasa_sdk import Tracker
    return Tracker("unit-test", {"language": language}, {
        "text": text, "intent": {"name": ranking[0][0], "confidence": ranking[0][1]}, "entities": [],
        "intent_ranking": [{"name": name, "confidence": value} for name, value in ranking]},
        [], False, None, {}, "action_listen")


@pytest.mark.parametrize("language, question", [
    ("sv", "finns familjeteamet kvar idag eller var det bara ett projekt"),
    ("en", "does the family team still exist or was it just a project"),
])
def test_an_unsure_model_gets_the_answer_of_its_second_choice_when_that_fits_the_question_better(
        domain, language, question):
    tracker = _ranked(question, [("ask_project_overview", 0.6), ("ask_project_results", 0.2)], language)
    texts, slots, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert messages[0]["response"] == "utter_project_results" and _outcome(slots) == "answered_intent"
    assert ("permanent" in texts[0]) and len(messages) == len(texts)


def test_a_sure_model_is_not_second_guessed(domain):
    tracker = _ranked("finns familjeteamet kvar idag eller var det bara ett projekt",
                      [("ask_project_overview", 0.95), ("ask_project_results", 0.03)])
    _, _, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert messages[0]["response"] == "utter_project_overview"


def test_the_second_choice_is_not_taken_when_it_fits_worse(domain):
    tracker = _ranked("vad var syftet med familjeteamet", [("ask_project_purpose", 0.5), ("ask_project_results", 0.3)])
    _, _, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert messages[0]["response"] == "utter_project_purpose"


@pytest.mark.parametrize("question, expected", [
    ("vad var syftet med familjeteamet", "Att ta fram, pröva och utvärdera"),  # "syftet": the visitors' "syfte"
    ("vad blev nätverket i förskoleprojektet", "lokalt nätverk"),
])
def test_a_swedish_definite_form_finds_the_word(passages, question, expected):
    assert expected in passages.search(question, "sv", limit=1)[0].passage.text


def test_an_items_own_name_words_leave_out_what_names_are_built_of(gate):
    terms = gate.item_terms("mis-2", "en")
    assert {"preschool", "mis"} & terms or "miljopedagogik" in terms
    assert not {"the", "in", "project", "projektet"} & terms


@pytest.mark.parametrize("language, question", [("sv", "var ligger teknikum"), ("en", "where is teknikum located")])
def test_an_alias_is_not_answered_by_a_fact_about_something_else(domain, language, question):
    texts, slots, _ = run_action(ActionAnswerPartner(), make_tracker(question, "ask_partner_country",
                                                                     language=language), domain)
    assert "Kosovo" not in " ".join(texts) and _outcome(slots) in ("out_of_scope", "not_found")


@pytest.mark.parametrize("language, question, action, intent", [
    ("en", "linnaeus university admissions", ActionOutOfScope(), "out_of_scope"),
    ("en", "chair of the municipal executive board salary", ActionAnswerProgramme(), "ask_person"),
    ("sv", "teknikum antagning", ActionSearchContent(), "nlu_fallback"),
])
def test_a_specific_word_the_content_lacks_keeps_a_weak_sign_from_answering(domain, language, question, action,
                                                                             intent):
    texts, slots, _ = run_action(action, make_tracker(question, intent, language=language), domain)
    assert _outcome(slots) in ("out_of_scope", "not_found"), texts
    assert not any(word in " ".join(texts) for word in ("Source:", "Källa:", "Malin Lauber", "2018"))


def test_an_alias_beside_another_word_is_no_bare_name(domain):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker("jobs at teknikum", "nlu_fallback",
                                                                     language="en"), domain)
    assert "2018" not in " ".join(texts) and _outcome(slots) != "answered_intent"


def test_a_swedish_definite_form_of_a_content_word_is_no_word_the_assistant_lacks(gate):
    for word in ("nätverket", "arbetssättet"):
        assert gate.signs(f"hur gick det med {word}", "sv").unknown == [], word


@pytest.mark.parametrize("language, question", [
    ("sv", "hur många barn går i förskola i växjö"),
    ("sv", "eleverna på teknikum får gratis lunch"),
    ("en", "how much hydrogen does vaxjo produce"),
])
def test_a_lone_alias_with_half_the_rest_of_the_question_elsewhere_gets_no_passage(domain, language, question):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker(question, "nlu_fallback", language=language),
                                 domain)
    assert _outcome(slots) in ("out_of_scope", "not_found"), texts


def test_a_lone_alias_question_is_read_as_the_search_reads_it(domain):
    # "miljömetoden" is "miljö" + "metod": the question's words are the MIS 2 statements' own
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker(
        "vilka fick testa den nya miljömetoden i förskolan", "nlu_fallback"), domain)
    assert "500 barn" in texts[0] and _outcome(slots) == "answered_passage"


def test_who_with_nobody_named_is_not_answered_with_the_chair_when_her_words_miss_the_question(domain):
    texts, slots, _ = run_action(ActionAnswerProgramme(), make_tracker(
        "vem hjälper personer med extratjänst att hitta jobb", "ask_person"), domain)
    assert "Malin Lauber" not in " ".join(texts) and _outcome(slots) != "answered_intent"


def test_who_with_nobody_named_still_gets_the_chair_on_the_partnerships(domain):
    texts, slots, _ = run_action(ActionAnswerProgramme(), make_tracker(
        "vad säger politikerna om partnerskapen", "ask_person"), domain)
    assert "Malin Lauber" in " ".join(texts) and _outcome(slots) == "answered_intent"


def test_who_with_nobody_named_gets_the_statement_that_answers_it(domain):
    # "julia" alone is no name the assistant knows, but the gate let the question in and one statement holds it
    tracker = make_tracker("what did julia say about problems in different countries", "ask_person", language="en")
    texts, slots, messages = run_action(ActionAnswerProgramme(), tracker, domain)
    assert messages[0]["response"] == "utter_passage_answer" and "scale" in texts[0]
    assert "Malin Lauber" not in texts[0] and _outcome(slots) == "answered_passage"
