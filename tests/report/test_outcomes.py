"""Every message's outcome in the report, counted and listed per outcome (hand-made events, no servers)."""
from tests.report.conftest import Events
from tests.report.conftest import report_of as _report


def test_outcomes_counted_with_their_questions():
    e = Events()
    for text, intent, outcome, reply, response in [
            ("hur många bor i JB Marks?", "ask_partner_population", "answered_intent", "JB Marks har 250 000 invånare.",
             "utter_partner_population"),
            ("vilket universitet samarbetar Teknikum med?", "nlu_fallback", "answered_passage", "Så här står det ...",
             "utter_passage_answer"),
            ("Vad kostar bygglov?", "ask_funding", "out_of_scope", "Tyvärr kan jag bara svara ...", "utter_out_of_scope"),
            ("vad kostar bygglov", "ask_funding", "out_of_scope", "Tyvärr kan jag bara svara ...", "utter_out_of_scope"),
            ("när har Teknikum öppet hus?", "ask_project_period", "not_found", "Det hittar jag inte ...",
             "utter_not_found"),
            ("när var det?", "ask_project_period", "clarified", "Vilket projekt menar du?", "utter_which_project"),
            ("tack", "thank", None, "Varsågod!", "utter_thank")]:  # a plain response, no action: told by its intent
        e.turn("a", text, intent, reply, response, language="sv", outcome=outcome)
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
    e.turn("b", "blorf", "nlu_fallback", "Sorry, I didn't quite understand.", "utter_default", language="en")
    e.turn("b", "weather?", "out_of_scope", "Sorry, I can only answer ...", "utter_out_of_scope")
    e.turn("b", "what is ICLD", "ask_icld", "ICLD is ...", "utter_icld")
    counts = _report(e)["outcomes"]["counts"]
    assert counts == {"answered_intent": 1, "answered_passage": 0, "clarified": 0, "out_of_scope": 1, "not_found": 1}
