"""Every message's outcome in the report, counted and listed per outcome (hand-made events, no servers)."""
from tests.report.test_metrics import Events, _report


def _outcome(events: Events, sender: str, value: str) -> None:
    events._add(sender, "slot", data={"name": "turn_outcome", "value": value})


def test_outcomes_counted_with_their_questions():
    e = Events()
    e.user("a", "hur många bor i JB Marks?", "ask_partner_population", "sv")
    _outcome(e, "a", "answered_intent")
    e.bot("a", "JB Marks har 250 000 invånare.", "utter_partner_population")
    e.user("a", "vilket universitet samarbetar Teknikum med?", "nlu_fallback")
    _outcome(e, "a", "answered_passage")
    e.bot("a", "Så här står det ...", "utter_passage_answer")
    e.user("a", "Vad kostar bygglov?", "ask_funding")
    _outcome(e, "a", "out_of_scope")
    e.bot("a", "Tyvärr kan jag bara svara ...", "utter_out_of_scope")
    e.user("a", "vad kostar bygglov", "ask_funding")
    _outcome(e, "a", "out_of_scope")
    e.bot("a", "Tyvärr kan jag bara svara ...", "utter_out_of_scope")
    e.user("a", "när har Teknikum öppet hus?", "ask_project_period")
    _outcome(e, "a", "not_found")
    e.bot("a", "Det hittar jag inte ...", "utter_not_found")
    e.user("a", "när var det?", "ask_project_period")
    _outcome(e, "a", "clarified")
    e.bot("a", "Vilket projekt menar du?", "utter_which_project")
    e.user("a", "tack", "thank")  # a plain response, no action: told by its intent
    e.bot("a", "Varsågod!", "utter_thank")
    report = _report(e)
    assert report["outcomes"]["counts"] == {"answered_intent": 2, "answered_passage": 1, "clarified": 1,
                                            "out_of_scope": 2, "not_found": 1}
    questions = report["outcomes"]["questions"]
    assert questions["out_of_scope"] == [{"text": "Vad kostar bygglov?", "language": "sv", "count": 2}]
    assert [q["text"] for q in questions["answered_passage"]] == ["vilket universitet samarbetar Teknikum med?"]
    assert [q["text"] for q in questions["not_found"]] == ["när har Teknikum öppet hus?"]
    # A passage answer is an answer; "not found" is listed with the unanswered questions for editors.
    assert [(i["text"], i["kind"]) for i in report["unanswered"]] == [
        ("Vad kostar bygglov?", "out_of_scope"), ("när har Teknikum öppet hus?", "fallback")]


def test_turns_stored_before_outcomes_were_recorded_get_one_from_intent_and_response():
    e = Events()
    e.user("b", "blorf", "nlu_fallback", "en")
    e.bot("b", "Sorry, I didn't quite understand.", "utter_default")
    e.user("b", "weather?", "out_of_scope")
    e.bot("b", "Sorry, I can only answer ...", "utter_out_of_scope")
    e.user("b", "what is ICLD", "ask_icld")
    e.bot("b", "ICLD is ...", "utter_icld")
    counts = _report(e)["outcomes"]["counts"]
    assert counts == {"answered_intent": 1, "answered_passage": 0, "clarified": 0, "out_of_scope": 1, "not_found": 1}
