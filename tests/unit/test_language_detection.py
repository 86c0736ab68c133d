"""Accuracy and key cases for bot.language (pure Python, no Rasa)."""
from pathlib import Path

import pytest
import yaml

from bot.language import EN_WORDS, SV_WORDS, detect_language, requested_language

DATA = yaml.safe_load((Path(__file__).parent / "data" / "language_samples.yml").read_text(encoding="utf-8"))
NAMES = DATA["names"]
SAMPLES = DATA["samples"]


def _failures(expected):
    cases = [s for s in SAMPLES if s["expected"] == expected]
    failed = [(s["text"], got) for s in cases if (got := detect_language(s["text"], NAMES)) != expected]
    return cases, failed


def test_lexicons_do_not_overlap():
    assert not SV_WORDS & EN_WORDS


def test_sample_set_is_big_enough():
    counts = {label: sum(s["expected"] == label for s in SAMPLES) for label in ("sv", "en", None)}
    assert counts["sv"] >= 80 and counts["en"] >= 80 and counts[None] >= 20, counts


@pytest.mark.parametrize("expected", ["sv", "en", None])
def test_accuracy_per_label(expected):
    cases, failed = _failures(expected)
    accuracy = 1 - len(failed) / len(cases)
    print(f"{expected}: {accuracy:.1%} of {len(cases)}; failures: {failed}")
    assert accuracy >= 0.95, f"{expected}: accuracy {accuracy:.1%}, failures (text, got): {failed}"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ok", None),
        ("okej", None),
        ("hmm", None),
        ("JB Marks?", None),
        ("sekos?", None),
        ("MIS 2", None),
        ("2019?", None),
        ("👍", None),
        ("hur manga invanare", "sv"),
        ("who owned it?", "en"),
        ("när genomfördes det?", "sv"),
        ("vushtrri invånare", "sv"),
        ("JB Marks yta", "sv"),
        ("vushtrri population", "en"),
        ("JB Marks area", "en"),
        ("what about JB Marks?", "en"),
        ("och i Vushtrri?", "sv"),
        ("hej", "sv"),
        ("tack", "sv"),
        ("hejdå", "sv"),
        ("hi", "en"),
        ("thanks", "en"),
        ("bye", "en"),
    ],
)
def test_key_cases(text, expected):
    assert detect_language(text, NAMES) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("svara på engelska", "en"),
        ("svara pa engelska", "en"),
        ("på svenska tack", "sv"),
        ("pa svenska", "sv"),
        ("in Swedish please", "sv"),
        ("can you answer in english", "en"),
        ("can you answer in english?", "en"),
        ("english please", "en"),
        ("English?", "en"),
        ("kan du skriva på engelska", "en"),
        ("kan du skriva pa engleska", "en"),
        ("do you speak swedish?", "sv"),
        ("talar du engelska", "en"),
        ("switch to Swedish", "sv"),
        ("byt till svenska", "sv"),
        ("I don't understand Swedish", "en"),
        ("svara inte på engelska", "sv"),
        ("in englsih pls", "en"),
        ("no, in English please", "en"),
        ("I can't read Swedish", "en"),
    ],
)
def test_requested_language(text, expected):
    assert requested_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "hur många invånare har JB Marks?",
        "what is ICLD in Swedish?",
        "finns broschyren på engelska?",
        "is there an English version of the film?",
        "vad heter familjeteamet på engelska",
        "svenska ICLD",
        "do they speak English in Vushtrri?",
        "pratar de svenska i JB Marks?",
        "ok",
        "",
    ],
)
def test_no_language_request(text):
    assert requested_language(text) is None
