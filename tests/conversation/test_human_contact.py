"""A person to turn to, through the running servers (REST): visitors asking for a human, a call back or to complain
get the contact centre from content/ in their language; two failed answers in a row offer it too; and the staff
report (python -m insights) counts these conversations."""
import json
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from actions.portfolio import get_portfolio
from tests.conversation.acceptance import problems, reply_text
from tests.report.conftest import copy_conversations, run_insights, today
from tests.unit.test_training_data import _examples, _key

PHRASINGS = yaml.safe_load((Path(__file__).with_name("human_contact.yml")).read_text(encoding="utf-8"))
ABROAD = {"sv": "från utlandet", "en": "from abroad"}  # in both contact answers' wording, per language
# Not understood, so answered with a failure (ask to rephrase / a search passage), never out_of_scope.
GIBBERISH = {"sv": ["blorf gnarp zzkx", "plimsk vorbu trell"], "en": ["xqzv plonk wibble", "glorp fnarg quibble"]}
senders: Dict[str, List[str]] = {"human": [], "other": []}  # conversations the report must / must not count


def _contact_case(language: str) -> Dict:
    contact = get_portfolio().resources.contact
    return {"expect": [contact.phone, contact.phone_international, contact.email, contact.website, ABROAD[language]]}


def _ask(bot, sender: str, text: str, language: str) -> str:
    return reply_text(bot.send(sender, text, page_language=language))


def test_enough_phrasings_and_the_held_out_ones_are_not_trained_on():
    trained = {_key(m.get("text")) for m in _examples("data/nlu/*/*.yml")}
    for language in ("sv", "en"):
        cases = PHRASINGS[language]
        held_out = [case["q"] for case in cases if case.get("held_out")]
        assert len(cases) >= 15 and len(held_out) >= 5, language
        assert [q for q in held_out if _key(q) in trained] == []


@pytest.mark.parametrize("language", ["sv", "en"])
def test_asking_for_a_person_gets_the_contact_centre_in_that_language(bot, language):
    failures, fixed = [], []
    for case in PHRASINGS[language]:
        sender = bot.new_sender()
        reply = _ask(bot, sender, case["q"], language)
        found = problems(reply, _contact_case(language), language)
        if found and not case.get("known_failure"):
            failures.append(f"{case['q']!r}: {'; '.join(found)}\n      reply: {reply[:300]!r}")
        if not found and case.get("known_failure"):
            fixed.append(case["q"])  # listed as failing but answered: take `known_failure` off
        if not found:
            senders["human"].append(sender)
    assert not failures, "\n".join(failures)
    assert not fixed, f"known failures that now pass: {fixed}"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_two_failed_answers_in_a_row_offer_the_contact_centre(bot, language):
    sender = bot.new_sender()
    contact = get_portfolio().resources.contact
    first = _ask(bot, sender, GIBBERISH[language][0], language)
    # One failure: no offer of a person yet (a refusal names the municipality's contact details, but only the
    # contact centre's answer gives the number to call from abroad).
    assert contact.phone_international not in first, first
    second = _ask(bot, sender, GIBBERISH[language][1], language)
    assert problems(second, _contact_case(language), language) == [], second
    senders["human"].append(sender)

    # A good answer between two failures breaks the row.
    other = bot.new_sender()
    _ask(bot, other, GIBBERISH[language][0], language)
    _ask(bot, other, "Vilka projekt finns?" if language == "sv" else "Which projects are there?", language)
    third = _ask(bot, other, GIBBERISH[language][1], language)
    assert contact.phone_international not in third, third
    senders["other"].append(other)


def test_the_staff_report_counts_the_conversations_given_a_person_to_turn_to(bot, tmp_path):
    if not senders["human"] or not senders["other"]:
        pytest.skip("needs the conversations of the tests above (run the whole file)")
    for language, question in (("sv", "Hur kontaktar jag kommunen?"), ("en", "Which projects are there?")):
        sender = bot.new_sender()  # asking for contact details is not asking for a person
        _ask(bot, sender, question, language)
        senders["other"].append(sender)
    # The report on exactly these conversations: their events copied from the bot's tracker store.
    ours = senders["human"] + senders["other"]
    copy_conversations(Path(bot.log_dir) / "conversations.db", ours, tmp_path / "copy.db")
    day = today()
    result = run_insights("report", "--since", day, "--until", day, url=f"sqlite:///{tmp_path / 'copy.db'}",
                          out_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    totals = json.loads((tmp_path / f"report-{day}.json").read_text(encoding="utf-8"))["totals"]
    assert totals["conversations"] == len(ours)
    assert totals["human_contact"] == len(senders["human"])
    assert f"{len(senders['human'])} given the contact centre" in result.stdout
