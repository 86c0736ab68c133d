"""Questions that ask what was done or said, as questions about the projects and quotes do
(actions/portfolio/tense.py)."""
import pytest

from actions.portfolio.tense import asks_what_was_done_or_said


@pytest.mark.parametrize("language, question", [
    ("en", "what happened with the kids who stay home from school"),
    ("en", "which uni came to give lectures to the students?"),
    ("en", "did they bring in anyone from outside?"),
    ("en", "How did the partners measure their work against each other?"),
    ("sv", "Vad slapp familjerna?"),
    ("sv", "vilka startade samarbetet"),
    ("sv", "har fullmäktige fått nåt nytt planeringsverktyg?"),
    ("sv", "vilken kurs har implementerats i kommunen"),
    ("sv", "har det tagits fram något material om socialt entreprenörskap?"),  # the passive supine in -its
    ("sv", "har samarbetena lett till nån kurs om att driva företag?"),  # a strong verb's supine
    ("sv", "hur många ungdomar var med i projektet om sociala företag?"),  # "var" is "was" before "med"
    ("sv", "det där med sociala företag, var det med kosovo?"),
    ("en", "what do students get from it, says the school head?"),
    ("en", "How does the chair feel about the city's engagement?"),
    ("sv", "vad får lärarna ut av sånt här enligt rektorn?"),
    ("sv", "vad tycker rektorn om projektet"),
    ("sv", "vad ger det eleverna enl rektorn"),  # "enl.", as "enligt" is written short
])
def test_a_question_in_the_past_asks_what_was_done_or_said(language, question):
    assert asks_what_was_done_or_said(question, language)


@pytest.mark.parametrize("language, question", [
    ("en", "my teenager stays home from school, who can support us"),
    ("en", "I applied for a parking permit, when will I hear back?"),
    ("en", "how do I apply to upper secondary school"),
    ("en", "where can I get help if I need it"),
    ("en", "who can help people in subsidised jobs find work"),
    ("sv", "min tonåring stannar hemma från skolan vem kan stötta oss"),
    ("sv", "jag sökte bygglov i maj, när får jag svar?"),
    ("sv", "hur återvinner man avfall hemma"),
    ("sv", "vad kostar en plats på förskolan"),
    ("sv", "finns det kits för källsortering"),  # short words in -its are not the passive
    ("sv", "var ligger återvinningscentralen"),  # "var" is "where"
    ("sv", "var kan man parkera vid stadshuset"),
])
def test_a_question_in_the_present_or_about_oneself_does_not(language, question):
    assert not asks_what_was_done_or_said(question, language)
