"""The passage search over the content's statements (actions/portfolio/retrieval.py)."""
import pytest

from actions.portfolio import get_store
from actions.portfolio.answer_types import asked_kind, holds_kind


@pytest.mark.parametrize("language, question, expected", [
    ("sv", "vilka lärare föreläste på teknikum", "Lärare från Linnéuniversitetet föreläste på Teknikum"),
    ("en", "Is Veab involved in hydrogen?", "two hydrogen projects"),
    ("sv", "fick familjerna en väg in i kommunen", "en enda väg in"),
    ("en", "who led the workshops on energy trends", "workshops on energy trends"),
])
def test_the_passage_holding_the_fact_ranks_first(passages, language, question, expected):
    best = passages.best(question, language)
    assert best and expected in best.passage.text, best
    assert best.passage.source.startswith("https://")


@pytest.mark.parametrize("language, question, expected", [
    ("en", "how long did the family teams coordinate support for the families", "two years"),
    ("sv", "hur länge samordnade familjeteamen stödet till familjerna", "två år"),
])
def test_of_statements_matching_about_as_well_the_one_holding_the_kind_of_answer_asked_ranks_first(
        passages, language, question, expected):
    """Four Family Team statements say "coordinated support"; "how long" is answered by the one with a duration."""
    assert expected in passages.search(question, language, limit=1)[0].passage.text


def test_a_word_a_content_compound_ends_in_finds_the_compound(passages):
    """"planer" is how a visitor says "affärsplaner": the compound's last part, itself a word of the content."""
    assert "affärsplaner" in passages.search("vilka planer testades", "sv", limit=1)[0].passage.text


@pytest.mark.parametrize("language, question, kind", [
    ("sv", "hur lange pagick det", "duration"), ("en", "how many years did it run", "duration"),
    ("sv", "hur många barn", "count"), ("en", "number of families", "count"),
    ("sv", "nar borjade det", "year"), ("en", "which year did it start", "year"),
    ("en", "who took part", None),
    ("sv", "vad skiljer sig när det gäller energi", None), ("en", "what happened when the project ended", None),
])
def test_the_kind_of_answer_a_question_asks_for(language, question, kind):
    assert asked_kind(question, language) == kind


def test_a_statement_holds_a_duration_a_count_or_a_year():
    assert holds_kind("Under två år samordnade teamen insatserna", "duration", "sv")
    assert not holds_kind("2017–2019, projektägare", "duration", "sv")
    assert holds_kind("41 utsatta familjer", "count", "sv") and holds_kind("since 2005", "year", "en")
    assert not holds_kind("ett nyinrättat Familjeteam", "count", "sv")
    assert not holds_kind("Development of an energy plan in line with Agenda 2030", "year", "en")  # a name


def test_a_swedish_function_word_the_stopword_list_lacks_matches_nothing(passages):
    """bm25s's Swedish list has "sina" but not "sitt", nor "ska": "vad ska växjö göra framöver" matched "den nya
    metoden ska testas" before the chair's words about going on."""
    assert not {"ska", "aven", "sitt"} & set(passages.query_terms("vad ska även sitt", "sv"))
    hit = passages.search("vad ska växjö göra framöver", "sv", limit=1)[0]
    assert "fortsätter" in hit.passage.text


def test_every_statement_of_the_content_is_a_passage(passages):
    content = get_store().portfolio
    texts = " ".join(p.text for p in passages.passages("sv"))
    for project in content.projects.values():
        assert project.results.sv.split(".")[0] in texts
    for person in content.people.values():
        assert person.quote.sv.split(".")[0] in texts
    assert content.programme.give_and_take.sv in texts


@pytest.mark.parametrize("language, question, expected, source", [
    ("sv", "vilka kärnvärden har icld-projekten", "jämlika parter, delaktighet, transparens och ansvarsutkrävande",
     "https://icld.se"),
    ("en", "where can I read more about municipal partnerships in general", "https://icld.se", "https://icld.se"),
    ("en", "what is the email address for the partnerships", "info@vaxjo.se", "https://www.vaxjo.se"),
    ("sv", "vilken befattning har julia ahlrot", "chef för strategi och omvärldsrelationer", "https://www.vaxjo.se"),
])
def test_core_values_roles_and_contact_are_passages_too(passages, language, question, expected, source):
    """Statements of content/ outside the running text (ICLD's core values, people's roles, where to read more, the
    contact details) are found like any other, with their own source."""
    best = passages.best(question, language)
    assert best and expected in best.passage.text, best
    assert best.passage.source == source


@pytest.mark.parametrize("language, question, expected", [
    ("sv", "lever familjeteamet vidare", "permanent i förvaltningen"),
    ("en", "was the family team kept", "permanent part"),
])
def test_visitors_words_from_content_phrasings_find_the_statement(passages, language, question, expected):
    """content/phrasings.yml: words the statement lacks ("lever vidare", "kept") find it, and are never quoted."""
    best = passages.best(question, language)
    assert best and expected in best.passage.text, best
    assert "vidare" not in best.passage.text and "kept" not in best.passage.text
    without = [hit.passage.text for hit in passages.search(question.replace("lever", "").replace("vidare", "")
                                                          .replace("kept", ""), language, limit=1)]
    assert expected not in " ".join(without), "the phrasing's words made the difference"


def test_a_question_with_no_word_of_the_content_finds_nothing(passages):
    assert passages.search("xyzzy plugh", "en") == []


def test_other_forms_of_a_word_and_swedish_compounds_find_the_passage(passages):
    assert "inrat" in passages.query_terms("inrättandet", "sv")  # "inrättade" in the content
    assert {"vatg", "projek"} <= set(passages.compound_parts("vatgasprojek", "sv"))
    best = passages.best("vem har hållit föreläsningar på teknikum", "sv")
    assert "Linnéuniversitetet föreläste på Teknikum" in best.passage.text


def test_a_word_typed_with_one_slip_finds_the_content_word(passages):
    """Visitors type fast: one letter left out, added, changed or two swapped still finds the word."""
    families = passages.query_terms("families", "en")
    assert passages.query_terms("famlies", "en") == families == passages.query_terms("faimlies", "en")
    assert passages.query_terms("hemasittare", "sv") == passages.query_terms("hemmasittare", "sv") != []
    assert passages.query_terms("entrepenörskap", "sv") == passages.query_terms("entreprenörskap", "sv")
    assert passages.query_terms("fmly", "en") == []  # too short to tell which word was meant
    # a common word is a word of its own, not a slip: "contract" is not "contact", "händer" not "länder"
    assert passages.query_terms("contract", "en") == [] and passages.query_terms("händer", "sv") == []
    best = passages.best("how many vulnerable famlies got coordinated suport", "en")
    assert "41 vulnerable families" in best.passage.text, best


@pytest.mark.parametrize("language, statement, paragraph", [
    ("sv", "I dag har det en viktig nyckelroll", "Familjeteamet blev permanent"),
    ("en", "Today it plays a key role", "the Family Team became a permanent part"),
    ("en", "I want us to keep it that way", "I am immensely proud"),
])
def test_a_statement_is_quoted_with_the_paragraph_it_is_a_sentence_of(passages, language, statement, paragraph):
    """"Today it plays a key role …": alone, the visitor cannot tell what "it" is, and a person's words are not cut
    short."""
    found = [p for p in passages.passages(language) if p.text.startswith(statement)]
    assert len(found) == 1 and paragraph in found[0].quoted and found[0].text in found[0].quoted, found


def test_a_statement_that_is_its_whole_paragraph_is_quoted_alone(passages):
    found = [p for p in passages.passages("en") if p.text.startswith("The partnerships are funded through")]
    assert len(found) == 1 and found[0].quoted.startswith(found[0].text), found
    single = [p for p in passages.passages("en") if p.text.startswith("Julia Ahlrot: Head of Strategy")]
    assert len(single) == 1 and single[0].quoted == single[0].text, single
