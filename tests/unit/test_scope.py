"""The scope gate and the passage retrieval, and the actions that use them, with in-line trackers."""
import pytest

from actions.answering import OVERRULE_OUT_OF_SCOPE
from actions.fallback import ActionOutOfScope, ActionSearchContent
from actions.partners import ActionAnswerPartner
from actions.programme import ActionAnswerProgramme
from actions.projects import ActionAnswerProject
from tests.unit.conftest import entity, make_tracker, outcome, run_action


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


@pytest.mark.parametrize("language, question, person", [
    ("en", "According to Lauber, how does Växjö compare with other municipalities", "person:malin-lauber"),
    ("sv", "vad tycker ahlrot om energiplanen", "person:julia-ahlrot"),
])
def test_a_rare_surname_names_its_person(gate, language, question, person):
    """"Lauber" is as specific as "Malin Lauber"; "Nilsson" is a common surname and stays an everyday alias."""
    assert person in gate.signs(question, language).names
    common = gate.signs("vad sa nilsson", "sv")
    assert not common.names and common.aliases == ["nilsson"]


def test_a_question_naming_a_person_by_surname_gets_their_words(domain):
    tracker = make_tracker("How did Carlsnäs experience taking part as a municipal employee?", "nlu_fallback",
                           language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "great privilege" in texts[0], texts


def test_an_agenda_2030_goal_the_content_speaks_of_is_a_weak_sign(gate):
    """"mål 4" is a goal of the content (MIS 2); "goal 12" is not; and "mål 4" alone does not overrule the model."""
    signs = gate.signs("vilket projekt handlade om mål 4", "sv")
    assert signs.in_domain and signs.score < OVERRULE_OUT_OF_SCOPE
    assert not gate.signs("which project was about goal 12", "en").in_domain


def test_a_compound_counts_by_the_content_word_it_starts_with(gate):
    signs = gate.signs("vem ledde energitrendworkshopen", "sv")
    assert "energitrend" in signs.vocabulary and not signs.foreign


@pytest.mark.parametrize("language, question", [
    ("sv", "på vilka sätt möts deltagarna i partnerskapsprojekten"),
    ("en", "which website tells more about municipal partnerships"),
])
def test_the_domains_own_word_in_any_form_is_a_sign(gate, language, question):
    """"partnerskap", "partnerships": the programme's everyday aliases (content/programme.yml), in any form."""
    signs = gate.signs(question, language)
    assert signs.alias_items == ["programme"] and signs.in_domain, signs


def test_a_compound_of_two_known_words_is_not_a_word_the_assistant_lacks(gate, domain):
    """"miljöprojektet" is "miljö" + "projektet": neither is a sign, but the question is not about something else."""
    signs = gate.signs("hur många barn var med i miljöprojektet", "sv")
    assert not signs.unknown and not signs.foreign, signs
    tracker = make_tracker("hur många barn var med i miljöprojektet", "ask_project_participants")
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert outcome(slots) != "out_of_scope" and "Tyvärr" not in texts[0], texts
    assert [term for term in gate.signs("hur når jag en bygglovshandläggare", "sv").foreign if term.startswith("bygglov")]


def test_a_word_as_common_as_a_function_word_is_no_word_the_assistant_lacks(gate, domain):
    """"även" and "sitt" are in no function word list the gate has, yet say nothing about the topic; "malmö" does."""
    assert not gate.signs("deltar man bara via resor eller även på nätet", "sv").unknown
    assert not gate.signs("hur betalar växjö för sitt deltagande", "sv").unknown
    assert gate.signs("hur kommer man till malmö från växjö", "sv").unknown
    # nor is a single letter ("e.g."), a piece of an abbreviation, a word at all
    assert not gate.signs("what results has vaxjo got, e.g. for young people", "en").unknown
    tracker = make_tracker("deltar man bara via resor eller även på nätet", "ask_how_participants_meet")
    texts, slots, _ = run_action(ActionAnswerProgramme(), tracker, domain)
    assert outcome(slots) == "answered_intent" and "digitala" in texts[0], texts


def test_a_typo_of_a_content_word_is_no_word_the_assistant_lacks(gate):
    """"bätre" is "bättre" mistyped (the content says "blivit bättre"), not a word about something else."""
    signs = gate.signs("har entreprenörskapsundervisningen på teknikum blivit bätre", "sv")
    assert not signs.unknown and not signs.foreign, signs


def test_a_specific_word_the_content_lacks_is_foreign(gate):
    assert "bygglov" in gate.signs("vad kostar bygglov", "sv").foreign
    assert not gate.signs("när började det", "sv").foreign


# --- the actions ------------------------------------------------------------------------------------------

def test_a_fact_intent_without_a_sign_is_out_of_scope(domain):
    texts, slots, _ = run_action(ActionAnswerProgramme(), make_tracker("Vad kostar bygglov?", "ask_funding"), domain)
    assert len(texts) == 1 and "Tyvärr kan jag bara svara" in texts[0] and "info@vaxjo.se" in texts[0]
    assert "ICLD" not in texts[0] and outcome(slots) == "out_of_scope"
    texts, slots, _ = run_action(ActionAnswerPartner(), make_tracker(
        "How long should a firm have existed before applying?", "ask_partner_start", language="en"), domain)
    assert "2005" not in " ".join(texts) and outcome(slots) in ("out_of_scope", "not_found")


def test_a_follow_up_in_a_conversation_with_a_subject_is_answered(domain):
    tracker = make_tracker("när började det?", "ask_project_period", subject="project:family-team")
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert "2017" in texts[0] and outcome(slots) == "answered_intent"


def test_a_question_no_intent_covers_is_answered_with_the_passage_and_its_source(domain):
    tracker = make_tracker("Vilket universitet samarbetar Teknikum med?", "nlu_fallback")
    texts, slots, messages = run_action(ActionSearchContent(), tracker, domain)
    assert "Linnéuniversitetet" in texts[0] and texts[0].rstrip().endswith("Källa: https://www.vaxjo.se")
    assert messages[0]["response"] == "utter_passage_answer" and outcome(slots) == "answered_passage"


def test_an_intent_answer_gets_the_passage_that_answers_what_it_left_out(domain):
    tracker = make_tracker("Is Veab involved in hydrogen projects now?", "ask_project_results", language="en")
    texts, slots, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert messages[0]["response"] == "utter_project_results" and outcome(slots) == "answered_intent"
    assert "two hydrogen projects" in " ".join(texts)


def test_a_sign_without_an_answer_is_not_found_with_whom_to_ask(domain):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker("när har teknikum öppet hus", "nlu_fallback"),
                                 domain)
    assert "Det hittar jag inte" in texts[0] and "0470-410 00" in texts[0] and outcome(slots) == "not_found"


def test_not_found_offers_what_the_question_named(domain):
    """"what does växjö do in kosovo" is not answered by one statement; one click reads about Vushtrri."""
    texts, slots, messages = run_action(ActionSearchContent(), make_tracker(
        "what does vaxjo do in kosovo", "nlu_fallback", language="en"), domain)
    assert outcome(slots) == "not_found" and texts[0].startswith("I can't find that"), texts
    assert messages[0]["buttons"] == [{"title": "Vushtrri", "payload": '/ask_partner_overview{"partner": "vushtrri"}'}]
    _, _, messages = run_action(ActionSearchContent(), make_tracker("när har teknikum öppet hus", "nlu_fallback"),
                                domain)
    assert [button["title"] for button in messages[0]["buttons"]] == ["SEKOS 2"], messages
    _, _, messages = run_action(ActionSearchContent(), make_tracker("blorp zzz", "nlu_fallback"), domain)
    assert not messages[0].get("buttons"), messages  # out of scope: nothing of the partnerships to offer


def test_nonsense_and_chit_chat_are_out_of_scope_in_the_visitors_language(domain):
    texts, slots, _ = run_action(ActionSearchContent(), make_tracker("blorp zzz", "nlu_fallback", language="en"),
                                 domain)
    assert texts[0].startswith("Sorry, I can only answer") and outcome(slots) == "out_of_scope"
    texts, _, _ = run_action(ActionOutOfScope(), make_tracker("vem vann melodifestivalen", "out_of_scope"), domain)
    assert texts[0].startswith("Tyvärr kan jag bara svara")


def test_the_best_statement_wins_over_a_weaker_one_about_what_the_question_names(domain):
    """Naming JB Marks does not make a JB Marks fact box a better answer than the sentence that holds the fact."""
    tracker = make_tracker("which global goal did the JB Marks energy project focus on", "nlu_fallback",
                           language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "Goal 7" in texts[0], texts


def test_an_answer_without_the_duration_asked_for_gives_way_to_the_statement_with_one(domain):
    """"Hur länge …?" answered by a quote that holds no duration is no answer; "under två år" is."""
    tracker = make_tracker("Hur länge samordnade familjeteamet stödet till familjerna?", "ask_project_quote",
                           [entity("project", "familjeteamet")])
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "två år" in texts[0], texts


def test_of_the_statements_about_what_the_question_names_the_one_matching_the_rest_of_it_answers(domain):
    """Every statement about Julia Ahlrot matches her name, her job title twice over; the question asks about the
    problems, which her words speak of."""
    tracker = make_tracker("Är problemen med energi likadana i Sydafrika som i Växjö, enligt Julia Ahlrot?",
                           "nlu_fallback")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "problemens skala" in texts[0], texts


def test_a_question_after_a_persons_words_gets_them_not_an_answer_that_passes_them_by(domain):
    """"… enligt Per Sandberg" asked as the programme's results: the results list does not speak of him, his words do."""
    tracker = make_tracker("Vad har familjeteamet betytt för kommunen som arbetsgivare enligt Per Sandberg?",
                           "ask_results_vaxjo")
    texts, slots, _ = run_action(ActionAnswerProgramme(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "varumärke som arbetsgivare" in texts[0], texts


def test_a_year_asked_of_a_named_project_comes_from_its_statement_holding_one(domain):
    """The answer about the partners holds no year ("Agenda 2030" is a name); of the statements the search finds,
    the energy project's own fact box holds its years, though the partner's ranks higher."""
    tracker = make_tracker("Vilket år avslutades energiprojektet mellan Veab och JB Marks?", "ask_project_partners",
                           [entity("project", "energiprojektet"), entity("partner", "JB Marks")])
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "2019–2021" in texts[0], texts


def test_a_passage_answer_to_how_long_is_the_statement_that_says_how_long(domain):
    """"newly created" matches the programme's results item best; the question asks how long, which one Family Team
    statement says."""
    tracker = make_tracker("For how long did the newly created Family Teams coordinate the interventions for the "
                           "families?", "nlu_fallback", language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "two years" in texts[0], texts


def test_off_topic_by_the_model_but_naming_a_project_is_searched(domain):
    tracker = make_tracker("vad var det bästa med familjeteamet", "out_of_scope")
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert outcome(slots) in ("answered_passage", "not_found") and "Tyvärr" not in texts[0]


def test_a_button_choice_gets_no_added_passage(domain):
    """A suggestion button sends a payload, not a question: the answer about the chosen item stands alone."""
    tracker = make_tracker('/ask_project_overview{"project": "family-team"}', "ask_project_overview", language="en",
                           entities=[{"entity": "project", "value": "family-team"}])
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert len(texts) == 1 and "Family Team" in texts[0] and outcome(slots) == "answered_intent", texts


def test_swedish_answer_leads_with_the_swedish_project_name(domain):
    tracker = make_tracker("när genomfördes familjeteamet", "ask_project_period")
    texts, _, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert texts[0].startswith("Familjeteamet (New coordination structure to support vulnerable families)")
    tracker = make_tracker("when did the family team run", "ask_project_period", language="en")
    texts, _, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert texts[0].startswith("New coordination structure to support vulnerable families (Family Team)")


def test_the_added_passage_answers_what_the_intent_answer_left_out(domain):
    tracker = make_tracker("hur många barn ska testa metoden i MIS 2", "ask_project_focus")
    texts, _, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert messages[-1]["response"] == "utter_passage_also" and "500 barn" in texts[-1]


def test_a_name_the_overview_leaves_out_gets_the_statement_that_uses_it(domain):
    # "Draknästet" names SEKOS 2 in the training examples, but the overview says nothing of it: a marked name is
    # what a question is about, not a word of the intent's own questions that its answer may leave out
    tracker = make_tracker("vad är draknästet", "ask_project_overview", [entity("project", "Draknästet")])
    texts, _, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert messages[-1]["response"] == "utter_passage_also" and "ordnade Draknästet" in texts[-1]


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


@pytest.mark.parametrize("language, question", [
    ("sv", "När ska projektet om miljöpedagogik i förskolan vara klart?"),
    ("en", "who ran social entrepreneurship kosovo"),
])
def test_a_title_without_its_short_name_names_the_project(gate, language, question):
    """"Miljöpedagogik i förskolan" is the title of "Miljöpedagogik i förskolan (MIS 2)", not an everyday alias."""
    assert gate.signs(question, language).names, gate.signs(question, language)


def test_a_passage_answer_quotes_the_paragraph_of_its_statement(domain):
    """"I dag har det en viktig nyckelroll …" answers "finns familjeteamet kvar?" only with the sentence before it,
    which says the Family Team became permanent."""
    tracker = make_tracker("finns familjeteamet kvar i kommunen idag?", "out_of_scope")
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "blev permanent" in texts[0] and "nyckelroll" in texts[0], texts


def test_a_passage_answer_about_a_persons_words_quotes_all_of_them(domain):
    """The search's best sentence of Malin Lauber's quote is "Jag är superstolt …"; what she says of Växjö as an
    employer is in the same quote, which is given whole."""
    tracker = make_tracker("Vad betyder engagemanget för Växjö som arbetsgivare enligt Lauber?", "nlu_fallback")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "attraktiv arbetsgivare" in texts[0], texts


@pytest.mark.parametrize("language, question, named", [
    ("sv", "vilket år började miljöpedagogikprojektet", True),  # the alias "miljöpedagogik", called a project
    ("en", "did the preschool project use recycling", True),
    ("sv", "vad hände i förskoleprojektet", True),  # the content's alias that calls it a project
    ("sv", "vad var huvudmålet med projektet om miljöpedagogik", True),  # "the project about" the alias
    ("sv", "kurs i miljöpedagogik för förskollärare", False),  # the alias alone is also a service of the preschools
    ("sv", "förskoleprojektet i min by, när startar det", False),  # a project of the visitor's own
])
def test_an_everyday_alias_called_a_project_names_the_project(gate, language, question, named):
    assert ("project:mis-2" in gate.signs(question, language).names) == named


def test_a_project_called_by_its_alias_gets_the_intent_answer_the_model_is_unsure_of(domain):
    tracker = make_tracker("vilket år började miljöpedagogikprojektet", "ask_project_overview")
    tracker.latest_message["intent"]["confidence"] = 0.43
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert outcome(slots) == "answered_intent" and "2019" in texts[0], texts


def test_a_passage_answer_to_a_question_naming_a_person_is_their_statement(domain):
    """The programme's statement on Agenda 2030 matches "hållbarhetssatsning … energiplanen" best, but the question
    asks what Ahlrot ties the plan to: her words (Hållbara Växjö 2030)."""
    tracker = make_tracker("Vilken lokal hållbarhetssatsning kopplar Ahlrot energiplanen till?", "out_of_scope")
    texts, slots, _ = run_action(ActionOutOfScope(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "Hållbara Växjö 2030" in texts[0], texts


def test_an_answer_about_the_programme_may_add_a_statement_about_the_programme(domain):
    """The question names SEKOS 2 ("socialt entreprenörskap"), but the film it asks about is one of the programme's
    results, a statement with no project of its own: after the programme's film answer it is added."""
    tracker = make_tracker("finns det nåt filmmaterial om socialt entreprenorskap från projekten", "ask_read_more")
    texts, _, messages = run_action(ActionAnswerProgramme(), tracker, domain)
    assert messages[-1]["response"] == "utter_passage_also" and "utbildningsmaterial" in texts[-1], texts


def test_an_unsure_answer_is_followed_by_the_statement_the_question_fits_best(domain):
    """The model took "what was best for the families" for Familjeteamet's aim, and was unsure: the aim's words are
    the intent's, so nothing looked left out, but the statement the whole question fits best says it (one way in)."""
    question = "vad var det bästa med familjeteamet för familjerna"
    tracker = make_tracker(question, "ask_project_purpose", [entity("project", "familjeteamet")])
    tracker.latest_message["intent"]["confidence"] = 0.45
    texts, slots, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert texts[0].startswith("Syftet med Familjeteamet") and outcome(slots) == "answered_intent", texts
    assert messages[-1]["response"] == "utter_passage_also" and "väg in" in texts[-1], texts
    tracker = make_tracker(question, "ask_project_purpose", [entity("project", "familjeteamet")])
    texts, _, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert len(texts) == 1, texts  # a sure model: its answer alone


def test_a_statement_the_answer_says_already_is_not_added(domain):
    """Vushtrri's fact box is the overview in other words ("partner", "partnerskap"): an unsure overview stays alone."""
    tracker = make_tracker("vad vet du om vushtri", "ask_partner_overview", [entity("partner", "vushtri")])
    tracker.latest_message["intent"]["confidence"] = 0.79
    texts, slots, _ = run_action(ActionAnswerPartner(), tracker, domain)
    assert len(texts) == 1 and "345 km²" in texts[0] and outcome(slots) == "answered_intent", texts


def test_a_quote_question_naming_a_person_of_no_project_gets_their_words(domain):
    """Malin Lauber speaks of the whole programme, so "which project?" has no answer: her words are it."""
    tracker = make_tracker("sa lauber nåt om att stötta kommuner som ligger efter?", "ask_project_quote")
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert outcome(slots) == "answered_intent" and "hjälpa andra som inte kommit lika långt" in texts[0], texts


def test_a_question_about_what_a_person_said_gets_their_words_not_their_title(domain):
    """"Head of strategy" repeats Julia Ahlrot's title word for word, but the question asks what she said."""
    question = "How significant was the energy project according to Veab's head of strategy?"
    tracker = make_tracker(question, "ask_project_purpose", [entity("project", "energy project")], language="en")
    tracker.latest_message["intent"]["confidence"] = 0.27
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "meant a great deal" in texts[0], texts
