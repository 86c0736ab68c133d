"""The language policy (bot/language_policy.py) as a table: what each combination of inputs decides."""
import pytest

from bot.language_policy import Decision, Inputs, answer_language, decide, inputs_from_message, message_language, page_language


@pytest.mark.parametrize("inputs, expected", [
    # the first message: its own language, else the page's, else a weak guess, else still unknown
    (Inputs(detected="en"), Decision("en", None)),
    (Inputs(detected="sv", page="en"), Decision("sv", None)),
    (Inputs(page="en", guessed="sv"), Decision("en", None)),
    (Inputs(guessed="en"), Decision("en", None)),
    (Inputs(), Decision(None, None)),
    # later messages follow their own language; unsure ones keep the conversation's; page and guess no longer count
    (Inputs(detected="en", current="sv"), Decision("en", None)),
    (Inputs(current="en"), Decision("en", None)),
    (Inputs(current="en", page="sv", guessed="sv"), Decision("en", None)),
    # a request sets the preference, which then wins over the message's own language
    (Inputs(requested="en", detected="en", current="sv"), Decision("en", "en")),
    (Inputs(requested="sv", detected="en", current="en"), Decision("sv", "sv")),
    (Inputs(detected="sv", current="en", preferred="en"), Decision("en", "en")),
    (Inputs(detected="sv", preferred="en"), Decision("en", "en")),
    (Inputs(requested="sv", current="en", preferred="en"), Decision("sv", "sv")),
    # values that are not one of the two languages count as nothing
    (Inputs(detected="de", current="xx", page="fr"), Decision(None, None)),
])
def test_policy_table(inputs, expected):
    assert decide(inputs) == expected


def test_answers_are_swedish_while_nothing_decided():
    assert [answer_language(v) for v in (None, "", "de", "sv", "en")] == ["sv", "sv", "sv", "sv", "en"]


@pytest.mark.parametrize("text, expected", [
    ("svara på engelska", ("en", True)),
    ("in Swedish please", ("sv", True)),
    ("hur många invånare har Vushtrri?", ("sv", True)),
    ("how many people live in Vushtrri?", ("en", True)),
    ("ok", (None, False)),
])
def test_message_language(text, expected):
    assert message_language(text, ["Vushtrri"]) == expected


def test_inputs_from_a_parsed_message():
    message = {"text": "svara på engelska", "intent": {"name": "switch_language"},
               "entities": [{"entity": "message_language", "value": "en"}], "metadata": {"language": "sv-SE"}}
    assert inputs_from_message(message, "sv", None) == Inputs(requested="en", detected="en", page="sv", current="sv")
    button = {"text": '/switch_language{"language": "English"}', "intent": {"name": "switch_language"},
              "entities": [{"entity": "language", "value": "English"}]}
    assert inputs_from_message(button).requested == "en"
    guess = {"text": "sekos period", "entities": [{"entity": "message_language_guess", "value": "en"}]}
    assert inputs_from_message(guess) == Inputs(guessed="en")


def test_page_language_reads_only_a_language_tag():
    assert [page_language(m) for m in ({"language": "en-GB"}, {"language": "SV"}, {"language": "de"}, None, "en")] \
        == ["en", "sv", None, None, None]
