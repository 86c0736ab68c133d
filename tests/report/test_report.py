"""The report's numbers on a store filled by real conversations (tests/report/conftest.py: CONVERSATIONS)."""
import csv
import io
import json
import re

import yaml

from actions.portfolio.models import Phrasings
from tests.report.conftest import EMAIL, PERSONNUMMER, run_insights

RAW_PERSONAL = (PERSONNUMMER, "850709", "9805", EMAIL, "anna.svensson", "example.se")


def test_conversations_and_messages(report, filled):
    # Feedback clicks are not messages: sv-1 5, en-1 3, sv-2 3, en-2 3.
    assert report["empty"] is False
    assert report["totals"]["conversations"] == 4
    assert report["totals"]["messages"] == 14
    assert report["totals"]["feedback_up"] == 1
    assert report["totals"]["feedback_down"] == 3
    assert report["totals"]["out_of_scope"] == 7
    assert report["totals"]["fallback"] == 0
    assert report["totals"]["bot_messages"] == sum(len(texts) for turns in filled.replies.values() for texts in turns)
    assert report["per_day"] == [{"date": filled.day, "conversations": 4, "messages": 14}]
    assert report["median_conversation_length"] == 3
    assert report["period"] == {"since": filled.day, "until": filled.day, "timezone": "Europe/Stockholm"}


def test_every_message_has_an_outcome(report):
    # Greetings, thanks and fact answers are answered; weather, parking and nonsense are out of scope.
    assert report["outcomes"]["counts"] == {"answered_intent": 7, "answered_passage": 0, "clarified": 0,
                                            "out_of_scope": 7, "not_found": 0}
    assert {q["text"] for q in report["outcomes"]["questions"]["out_of_scope"]} >= {"blorf gnarp zzkx",
                                                                                   "will it rain tomorrow"}


def test_language_split(report):
    assert report["languages"]["conversations"] == {"sv": 2, "en": 2}
    assert report["languages"]["messages"] == {"sv": 8, "en": 6}


def test_top_intents(report):
    # The two nonsense messages are below the logistic-regression model's fallback threshold (nlu_fallback).
    assert report["top_intents"] == [
        {"intent": "out_of_scope", "count": 5},
        {"intent": "ask_partner_population", "count": 2},
        {"intent": "ask_partnerships_overview", "count": 2},
        {"intent": "nlu_fallback", "count": 2},
        {"intent": "thank", "count": 2},
        {"intent": "greet", "count": 1},
    ]


def test_negative_feedback_refers_to_the_answer_before_it(report, filled):
    down = report["negative_feedback"]
    assert [(item["question"], item["question_intent"], item["answer_response"], item["language"]) for item in down] == [
        ("Vilka internationella partnerskap har Växjö kommun?", "ask_partnerships_overview",
         "utter_partnerships_overview", "sv"),
        ("hur många bor i jb marks?", "ask_partner_population", "utter_partner_population", "sv"),
        ("How many people live in Vushtrri?", "ask_partner_population", "utter_partner_population", "en"),
    ]
    # The answer is exactly the bot's last message before the thumbs down.
    assert [item["answer"] for item in down] == [filled.replies["sv-1"][1][-1], filled.replies["sv-2"][0][-1],
                                                  filled.replies["en-2"][1][-1]]
    assert "250000" in re.sub(r"\D", "", down[1]["answer"]) and "70000" in re.sub(r"\D", "", down[2]["answer"])
    assert all(item["date"] == filled.day for item in down)
    assert report["negative_feedback_by_response"] == [{"response": "utter_partner_population", "count": 2},
                                                       {"response": "utter_partnerships_overview", "count": 1}]


def test_unanswered_questions_deduplicated_and_redacted(report, filled):
    day = filled.day
    expected = [
        ("hur blir vädret i morgon", "sv", "out_of_scope", 2),  # asked twice, case and "?" differ
        ("where can I park my car downtown? ([e-post])", "en", "out_of_scope", 1),
        ("will it rain tomorrow", "en", "out_of_scope", 1),
        ("xqzv plonk wibble", "en", "out_of_scope", 1),
        ("blorf gnarp zzkx", "sv", "out_of_scope", 1),
        ("mitt personnummer är [personnummer], var kan jag parkera i centrum?", "sv", "out_of_scope", 1),
    ]
    assert [(item["text"], item["language"], item["kind"], item["count"]) for item in report["unanswered"]] == expected
    assert all(item["first_seen"] == item["last_seen"] == day for item in report["unanswered"])


def test_no_personal_data_in_any_output(report, filled):
    for suffix in ("html", "json", "yml", "csv"):
        text = filled.output(suffix)
        for raw in RAW_PERSONAL:
            assert raw not in text, f"{raw!r} in the {suffix} output"
    assert "[personnummer]" in filled.output("html") and "[e-post]" in filled.output("html")


def test_unanswered_export_is_rasa_nlu_yaml_with_a_todo_intent_per_language(report, filled):
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    text = filled.output("yml")
    data = RasaYAMLReader().reads(text)
    examples = {}
    for message in data.training_examples:
        examples.setdefault(message.get("intent"), []).append(message.get("text"))
    assert examples == {
        "TODO_sv": ["hur blir vädret i morgon", "blorf gnarp zzkx",
                    "mitt personnummer är [personnummer], var kan jag parkera i centrum?"],
        "TODO_en": ["where can I park my car downtown? ([e-post])", "will it rain tomorrow",
                    "xqzv plonk wibble"],
    }
    assert "data/nlu/sv/<topic>.yml" in text and "data/nlu/en/<topic>.yml" in text and "make train" in text
    rows = list(csv.DictReader(io.StringIO(filled.output("csv"))))
    assert [(row["text"], row["language"], row["kind"], row["count"], row["last_seen"]) for row in rows] == [
        (item["text"], item["language"], item["kind"], str(item["count"]), filled.day) for item in report["unanswered"]]


def test_html_is_self_contained_with_charts(report, filled):
    html = filled.output("html")
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script|<link|<img|@import|url\(|src=", html, re.IGNORECASE)
    assert html.count("<svg") >= 4  # per day, two language bars, intents
    for shown in ("ask_partnerships_overview", "hur blir vädret i morgon", "utter_partner_population"):
        assert shown in html
    assert filled.result.stdout.count("Wrote ") == 5 and str(filled.out / f"report-{filled.day}.html") in filled.result.stdout


def test_period_without_these_conversations_is_empty(filled, tmp_path):
    result = run_insights("report", "--since", "2001-01-01", "--until", "2001-01-31", url=filled.url, out_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no conversations" in result.stdout.lower()
    assert '"conversations": 0' in (tmp_path / "report-2001-01-31.json").read_text()


def test_export_unanswered_alone(filled, report, tmp_path):
    result = run_insights("export-unanswered", "--since", filled.day, "--until", filled.day, url=filled.url,
                          out_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [f"phrasings-todo-{filled.day}.yml",
                                                                f"unanswered-{filled.day}.csv",
                                                                f"unanswered-{filled.day}.yml"]
    assert (tmp_path / f"unanswered-{filled.day}.yml").read_text(encoding="utf-8") == filled.output("yml")
    text = (tmp_path / f"phrasings-todo-{filled.day}.yml").read_text(encoding="utf-8")
    for item in report["unanswered"]:  # each question not found is listed, nothing out of scope is
        assert (json.dumps(item["text"], ensure_ascii=False) in text) == (item["kind"] == "fallback"), item
    Phrasings(**yaml.safe_load(text))  # the content's own schema: each draft is an entry of content/phrasings.yml
