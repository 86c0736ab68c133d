"""How the live scope tests judge a reply by its text (tests/scope/replies.py)."""
import pytest

from tests.scope.replies import is_small_talk, states_a_fact
from tests.unit.conftest import render

CONTACT = {"website": "https://www.vaxjo.se", "email": "info@vaxjo.se", "phone": "0470-410 00"}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_goodbye_is_small_talk_and_no_fact(domain, language):
    reply = [{"text": render({"response": "utter_goodbye"}, domain, language)}]
    assert is_small_talk(reply) and not states_a_fact(reply)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_out_of_scope_answer_is_neither_small_talk_nor_a_fact(domain, language):
    reply = [{"text": render({"response": "utter_out_of_scope", **CONTACT}, domain, language)}]
    assert not is_small_talk(reply) and not states_a_fact(reply)


def test_a_passage_answer_states_a_fact(domain):
    reply = [{"text": render({"response": "utter_passage_answer", "title": "SEKOS 2", "source": "https://www.vaxjo.se",
                              "passage": "Teachers from Linnaeus University lectured at Teknikum."}, domain, "en")}]
    assert states_a_fact(reply) and not is_small_talk(reply)
