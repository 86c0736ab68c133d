"""The content layer: valid content loads with every brochure fact; broken content is refused clearly."""
import shutil
from pathlib import Path

import pytest
import yaml

from actions.portfolio import ContentError, load_portfolio
from actions.portfolio.__main__ import main as content_cli
from actions.portfolio.loader import DEFAULT_CONTENT_DIR
from actions.portfolio.matching import EntityMatcher
from actions.portfolio.names import folded_names
from actions.portfolio.nlu_export import render
from actions.portfolio.text import format_list, format_number
from tests.unit.conftest import NEW_PROJECT


@pytest.fixture()
def content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, target)
    return target


def test_brochure_facts_are_in_the_content():
    content = load_portfolio()
    jb, vushtrri = content.partners["jb-marks"], content.partners["vushtrri"]
    assert (jb.population, jb.area_km2, jb.start_year, jb.project_count) == (250000, 6398, 2005, 28)
    assert (vushtrri.population, vushtrri.area_km2, vushtrri.start_year, vushtrri.project_count) == (70000, 345, 2013, 9)
    assert len(jb.themes) == 11 and len(vushtrri.themes) == 7
    assert [p.id for p in content.projects.values()] == ["family-team", "energy-plan", "sekos-2", "mis-2"]
    assert content.projects["energy-plan"].sdg_goal == 7 and content.projects["mis-2"].sdg_goal == 4
    assert (content.projects["sekos-2"].period.start, content.projects["sekos-2"].period.end) == (2018, 2021)
    assert len(content.results) == 9 and len(content.programme.core_values) == 4
    assert content.programme.agenda2030.goal_count == 17
    assert content.resources.contact.email == "info@vaxjo.se"
    # The brochure does not say which partnership most results came from; the content must not invent it.
    assert sum(1 for result in content.results if result.project) == 3


def _phrasing(passage_sv, passage_en, asks_sv):
    return (f"phrasings:\n  - passage: {{sv: '{passage_sv}', en: '{passage_en}'}}\n"
            f"    asks: {{sv: {asks_sv}, en: [still]}}\n")


# Each broken edit of a content file (`old` becomes `new`; None: the whole file), and the problem that
# `make check-content` must name for that file.
BROKEN = [
    ("partners/vushtrri.yml", "population: 70000", "population: many", "field 'population': value is not a valid integer"),
    ("projects/mis-2.yml", "end: 2022}", "end: 2012}", "field 'period': end year 2012 is before start year 2019"),
    ("projects/mis-2.yml", "partners: [vushtrri]", "partners: [prizren]", "field 'partners': unknown partner 'prizren'"),
    ("projects/sekos-2.yml", "  en: the Education Department, Växjö Municipality\n", "", "field 'owner.en': field required"),
    ("partners/jb-marks.yml", None, "id: jb-marks\nname: [unclosed\n", "line 3: not valid YAML"),
    ("results.yml", "  - id: field-group\n", "  - id: field-group\n    colour: red\n",
     "field 'results.2.colour': extra fields not permitted"),
    ("phrasings.yml", None, _phrasing("finns inte i innehållet", "permanent part", "[kvar]"),
     "field 'phrasings.0.passage.sv': 'finns inte i innehållet' is in 0 statements"),
    ("phrasings.yml", None, _phrasing("årsplan", "annual plan for", "[kvar]"),
     "field 'phrasings.0.passage.sv': 'årsplan' is in 2 statements"),
    ("phrasings.yml", None, _phrasing("stort privilegium", "great privilege", "[]"),
     "field 'phrasings.0.asks.sv': ensure this value has at least 1 items"),
]


@pytest.mark.parametrize("name, old, new, problem", BROKEN)
def test_broken_content_names_file_field_and_problem(content_copy, name, old, new, problem):
    path = content_copy / name
    path.write_text(new if old is None else path.read_text().replace(old, new))
    expected = f"content/{name}{' ' if problem.startswith('line') else ': '}{problem}"
    with pytest.raises(ContentError) as error:
        load_portfolio(content_copy)
    assert any(problem.startswith(expected) for problem in error.value.problems), error.value.problems


def test_cli_reports_broken_content_without_a_traceback(content_copy, monkeypatch, capsys):
    (content_copy / "people.yml").write_text("people: []\n")
    monkeypatch.setenv("VAXJO_CONTENT_DIR", str(content_copy))
    assert content_cli(["portfolio", "check"]) == 1
    err = capsys.readouterr().err
    assert "content/people.yml: field 'people'" in err and "Traceback" not in err


@pytest.mark.parametrize("text, expected", [
    ("hur manga bor i vushtri", [("partner", "vushtrri")]),
    ("JB Marx yta", [("partner", "jb-marks")]),
    ("VAD GJORDE ENERGIPROJEKTET", [("project", "energy-plan")]),
    ("tell me about sekos 2 and mis", [("project", "sekos-2"), ("project", "mis-2")]),
    ("vad sa britta carlsnas", [("person", "britta-carlsnas")]),
    ("what is the weather in stockholm", []),
])
def test_matcher_finds_names_despite_typos(text, expected):
    matcher = EntityMatcher(load_portfolio())
    assert [(m.kind, m.id) for m in matcher.find(text)] == expected


def test_numbers_and_lists_are_written_the_language_s_way():
    assert format_number(250000, "sv") == "250\u00a0000" and format_number(250000, "en") == "250,000"
    assert format_number(345, "sv") == "345"
    assert format_list(["a", "b", "c"], "sv") == "a, b och c" and format_list(["a", "b"], "en") == "a and b"


def test_generated_nlu_has_lookups_and_synonyms_for_every_alias():
    content = load_portfolio()
    names = folded_names(content)
    assert "vushtrri" in names["partner"]["vushtrri"] and "vaxjo energi" in names["project"]["energy-plan"]
    assert "växjö energi" not in names["project"]["energy-plan"]  # the pipeline folds a message before matching
    text = render(content)
    assert "- lookup: project" in text and "- synonym: sekos-2" in text


def test_a_new_project_file_is_picked_up_everywhere(content_copy):
    (content_copy / "projects" / "clean-water.yml").write_text(yaml.safe_dump(NEW_PROJECT, allow_unicode=True))
    content = load_portfolio(content_copy)
    assert list(content.projects)[-1] == "clean-water"
    assert [m.id for m in EntityMatcher(content).find("när pågick vattenprojektet")] == ["clean-water"]
    assert "vattenprojektet" in folded_names(content)["project"]["clean-water"]
