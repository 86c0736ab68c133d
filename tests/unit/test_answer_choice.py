"""Which answer a question in scope gets: the statement before "which project?", the model's second choice, the
chair only when her words answer, Swedish definite forms (docs/scope.md, eighth pass)."""
import pytest

from actions.fallback import ActionSearchContent
from actions.partners import ActionAnswerPartner
from actions.programme import ActionAnswerProgramme
from actions.projects import ActionAnswerProject
from tests.unit.conftest import entity, make_tracker, outcome, run_action


@pytest.mark.parametrize("language, question, intent, expected", [
    ("sv", "hur manga familjemedlemmar fick hjalp i vaxjo", "ask_project_participants", "96 familjemedlemmar"),
    ("en", "how many family members got help in vaxjo", "ask_project_participants", "96 family members"),
    # the next best statements are about the same project: the question still names only that one
    ("en", "how many children will test the environmental method", "ask_project_participants", "500 children"),
    ("sv", "hur många familjer i växjö fick samordnat stöd", "ask_project_participants", "21 familjer i Växjö"),
    ("en", "how many families in vaxjo got coordinated support", "ask_project_participants", "21 of them"),
])
def test_the_statement_that_answers_comes_before_asking_which_project(domain, language, question, intent, expected):
    texts, slots, messages = run_action(ActionAnswerProject(), make_tracker(question, intent, language=language),
                                        domain)
    assert messages[0]["response"] == "utter_passage_answer" and expected in texts[0]
    assert outcome(slots) == "answered_passage"


def test_which_project_is_not_asked_when_only_one_statement_holds_a_rare_word_of_the_question(domain):
    """"studiekurs" is in one statement of the content, and the question asks for it, whatever else it matches."""
    tracker = make_tracker("Finns det någon studiekurs som kommit ut av samarbetet?", "ask_project_quote")
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "studiekurs om företagande" in texts[0], texts


@pytest.mark.parametrize("language, question, intent", [
    ("sv", "hur många deltog?", "ask_project_participants"),
    ("en", "how many took part?", "ask_project_participants"),  # several statements fit about as well
    ("en", "what were the results?", "ask_project_results"),  # "were" is no word of the question's own
])
def test_which_project_is_still_asked_when_no_statement_holds_the_question(domain, language, question, intent):
    _, slots, messages = run_action(ActionAnswerProject(), make_tracker(question, intent, language=language), domain)
    assert messages[0]["response"] == "utter_which_project" and outcome(slots) == "clarified"


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
    assert messages[0]["response"] == "utter_project_results" and outcome(slots) == "answered_intent"
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


def test_an_overview_is_no_rival_of_a_fact_question(domain):
    """The overview quotes several statements, so one of them fits most questions about the project well: "Vad fick
    Veab ut av energiprojektet?" is a question about the results, whatever the overview's purpose line matches."""
    tracker = _ranked("Vad fick Veab ut av energiprojektet?", [("ask_project_results", 0.73),
                                                                 ("ask_project_overview", 0.1)])
    texts, _, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert messages[0]["response"] == "utter_project_results" and "hållbar affärsutveckling" in texts[0]


def test_the_second_choice_is_worked_out_only_for_a_question_the_gate_lets_in(domain):
    from rasa_sdk.executor import CollectingDispatcher

    from actions.answering import answer_in_scope
    from actions.routing import better_answer
    from actions.turn import Turn

    calls = []
    tracker = _ranked("vad kostar bygglov", [("ask_project_overview", 0.5), ("ask_project_results", 0.3)])
    turn = Turn(CollectingDispatcher(), tracker, domain)
    chosen = better_answer(turn, calls.append)
    assert calls == []
    answer_in_scope(turn, chosen)
    assert calls == [] and [m["response"] for m in turn.dispatcher.messages] == ["utter_out_of_scope"]


def test_a_tie_between_two_fact_questions_about_a_named_person_is_answered(domain):
    from actions.fallback import ActionSearchContent

    ranking = [("nlu_fallback", 0.25), ("ask_person", 0.46), ("ask_project_quote", 0.41)]
    tracker = _ranked("Vad sa Julia Ahlrot om energiprojektet?", ranking)
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert "Hållbara Växjö 2030" in " ".join(texts) and outcome(slots) == "answered_intent", texts
    # nothing named: the fallback stands, and the passage search answers or says it cannot
    _, slots, messages = run_action(ActionSearchContent(), _ranked("vad sa hon om det", ranking), domain)
    assert messages[0]["response"] != "utter_person" and outcome(slots) != "answered_intent"


@pytest.mark.parametrize("question, expected", [
    ("vad var syftet med familjeteamet", "Att ta fram, pröva och utvärdera"),  # "syftet": the visitors' "syfte"
    ("vad blev nätverket i förskoleprojektet", "lokalt nätverk"),
])
def test_a_swedish_definite_form_finds_the_word(passages, question, expected):
    assert expected in passages.search(question, "sv", limit=1)[0].passage.text


def test_a_swedish_definite_form_of_a_content_word_is_no_word_the_assistant_lacks(gate):
    for word in ("nätverket", "arbetssättet"):
        assert gate.signs(f"hur gick det med {word}", "sv").unknown == [], word


def test_who_with_nobody_named_is_not_answered_with_the_chair_when_her_words_miss_the_question(domain):
    texts, slots, _ = run_action(ActionAnswerProgramme(), make_tracker(
        "vem hjälper personer med extratjänst att hitta jobb", "ask_person"), domain)
    assert "Malin Lauber" not in " ".join(texts) and outcome(slots) != "answered_intent"


def test_who_with_nobody_named_still_gets_the_chair_on_the_partnerships(domain):
    texts, slots, _ = run_action(ActionAnswerProgramme(), make_tracker(
        "vad säger politikerna om partnerskapen", "ask_person"), domain)
    assert "Malin Lauber" in " ".join(texts) and outcome(slots) == "answered_intent"


def test_who_with_nobody_named_gets_the_statement_that_answers_it(domain):
    # "julia" alone is no name the assistant knows, but the gate let the question in and one statement holds it
    tracker = make_tracker("what did julia say about problems in different countries", "ask_person", language="en")
    texts, slots, messages = run_action(ActionAnswerProgramme(), tracker, domain)
    assert messages[0]["response"] == "utter_passage_answer" and "scale" in texts[0]
    assert "Malin Lauber" not in texts[0] and outcome(slots) == "answered_passage"


@pytest.mark.parametrize("question, intent, expected", [
    ("vilka workshops gick veabs folk på i projektet", "ask_project_activities", "energitrender"),
    ("vad säger förskolläraren om projektet", "ask_project_quote", "Britta Carlsnäs"),  # a role stands for the project
])
def test_which_project_is_not_asked_when_an_alias_names_one(domain, question, intent, expected):
    tracker = make_tracker(question, intent)
    texts, slots, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert "utter_which_project" not in [m["response"] for m in messages]
    assert expected in " ".join(texts) and outcome(slots) == "answered_intent"


@pytest.mark.parametrize("language, question, intent, partner, expected", [
    ("sv", "vilket mål handlade miljöprojektet i vushtrri om", "ask_project_focus", "vushtrri", "mål 4"),
    ("en", "which goal was the environmental project in vushtrri about", "ask_project_focus", "vushtrri", "Goal 4"),
    ("en", "what did the project mean for the families in practice", "ask_project_activities", None, "Family Team"),
])
def test_which_project_is_not_asked_when_the_question_uses_one_projects_name_words(domain, language, question,
                                                                                   intent, partner, expected):
    """"miljöprojektet" begins as "miljöpedagogik" does; of the projects on offer, only one is named so."""
    entities = [entity("partner", partner)] if partner else []
    tracker = make_tracker(question, intent, entities, language=language)
    texts, slots, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert "utter_which_project" not in [m["response"] for m in messages], texts
    assert expected in texts[0] and outcome(slots) == "answered_intent", texts


@pytest.mark.parametrize("language, question", [
    ("sv", "vilket mål hade projektet i vushtrri"),
    ("en", "which goal did the project in vushtrri have"),
])
def test_which_project_is_still_asked_when_no_name_word_tells(domain, language, question):
    tracker = make_tracker(question, "ask_project_focus", [entity("partner", "vushtrri")], language=language)
    _, slots, messages = run_action(ActionAnswerProject(), tracker, domain)
    assert "utter_which_project" in [m["response"] for m in messages] and outcome(slots) == "clarified"


@pytest.mark.parametrize("question, project, expected_outcome, expected", [
    # "the principal objective" is no question about the principal: the model is sure it asks SEKOS 2's aim
    ("What was the principal objective of SEKOS 2?", "sekos-2", "answered_intent", "strengthen learning"),
    # ... while a question about what the principal says gets his words, however sure the model is
    ("according to the Teknikum principal, what does the project mean for the teachers?", None, "answered_passage",
     "best professional development"),
])
def test_an_everyday_alias_of_a_person_takes_a_sure_answer_away_only_for_what_they_say(domain, question, project,
                                                                                         expected_outcome, expected):
    tracker = make_tracker(question, "ask_project_purpose", language="en",
                           entities=[entity("project", project)] if project else [])
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert outcome(slots) == expected_outcome and expected in texts[0], texts


def test_a_question_about_what_a_person_says_gets_their_words_not_their_title(domain):
    """"How does the Åby preschool teacher describe …" matches Britta Carlsnäs's title word for word; it asks what
    she says."""
    tracker = make_tracker("How does the Åby preschool teacher describe taking part in the project?", "nlu_fallback",
                           language="en")
    texts, slots, _ = run_action(ActionSearchContent(), tracker, domain)
    assert outcome(slots) == "answered_passage" and "great privilege" in texts[0], texts


@pytest.mark.parametrize("language, question, meaning", [
    ("sv", "vad står mål 4 för, det som förskoleprojektet kopplas till?", "god utbildning för alla"),
    ("en", "what does the goal MIS 2 focused on stand for?", "good education for all"),
])
def test_a_question_about_a_goal_gets_what_the_goal_named_in_the_answer_means(domain, language, question, meaning):
    tracker = make_tracker(question, "ask_project_focus", language=language, entities=[entity("project", "mis-2")])
    texts, slots, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert outcome(slots) == "answered_intent" and meaning in " ".join(texts), texts


def test_a_question_that_does_not_ask_about_a_goal_gets_no_goal_meaning(domain):
    tracker = make_tracker("vad fokuserade MIS 2 på", "ask_project_focus", entities=[entity("project", "mis-2")])
    texts, _, _ = run_action(ActionAnswerProject(), tracker, domain)
    assert "mål 4" in texts[0] and "god utbildning för alla" not in " ".join(texts), texts


@pytest.mark.parametrize("question, expected_outcome, year", [
    # "the kosovo preschool thing" is MIS 2 (everyday aliases of Vushtrri and of MIS 2): its start
    ("when did the kosovo preschool thing start?", "answered_passage", "2019"),
    ("when did the cooperation with kosovo start?", "answered_intent", "2013"),
])
def test_a_partners_year_gives_way_to_the_year_of_its_project_the_question_names(domain, question, expected_outcome,
                                                                                 year):
    tracker = make_tracker(question, "ask_partner_start", language="en", entities=[entity("partner", "vushtrri")])
    texts, slots, _ = run_action(ActionAnswerPartner(), tracker, domain)
    assert outcome(slots) == expected_outcome and year in texts[0], texts


def test_the_added_passage_is_the_statement_that_best_matches_the_whole_question(domain):
    """The film answer leaves out "social entrepreneurship"; of the statements that hold it, the result "a film and
    training material on social entrepreneurship" matches the question best, not SEKOS 2's aim, which repeats more
    of the words left out."""
    tracker = make_tracker("Was any film or teaching material made about social entrepreneurship?", "ask_read_more",
                           language="en")
    texts, slots, _ = run_action(ActionAnswerProgramme(), tracker, domain)
    assert outcome(slots) == "answered_intent" and "training material" in " ".join(texts[1:]), texts
