"""One folding for the NLU pipeline, the generated lookup tables, the matcher and the language detector, so a name
written in content/ can be found wherever it is looked for."""
import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message

from actions.portfolio import load_portfolio
from actions.portfolio.matching import EntityMatcher
from actions.portfolio.names import aliases_by_kind, folded_names
from actions.portfolio.nlu_export import GENERATED_FILE, render
from bot.components.text_normalizer import TextNormalizer
from bot.folding import fold, words
from bot.language import _words


def _pipeline_text(text: str) -> str:
    """The text the lookup tables are matched against: after the pipeline's normaliser."""
    normalizer = TextNormalizer.create({}, model_storage=None, resource=None, execution_context=None)
    [message] = normalizer.process([Message(data={"text": text})])
    return message.get("text")


def _generated_entries(text: str):
    for block in yaml.safe_load(text)["nlu"]:
        for line in block["examples"].splitlines():
            yield block.get("lookup") or block.get("synonym"), line.strip()[2:]


@pytest.mark.parametrize("text, folded", [
    ("Växjö", "vaxjo"), ("VÄXJÖ", "vaxjo"), ("JB-Marks", "jb marks"), ("miljö/återbruk", "miljo aterbruk"),
    ("Komuna e Vushtrrisë", "komuna e vushtrrise"), ("km²", "km2"), ("Ærø", "aro"), ("Va\u0308xjo\u0308", "vaxjo"),
])
def test_fold(text, folded):
    assert fold(text) == folded and _pipeline_text(text) == folded


def test_fold_keeps_every_character_in_its_place():
    text = "Hur många invånare har JB-Marks? İstanbul 😀 ß"
    assert len(fold(text)) == len(text)


def test_generated_file_is_the_current_export():
    if not GENERATED_FILE.exists():  # a fresh clone: `make` writes it before training, from the same render()
        pytest.skip(f"{GENERATED_FILE} is not written yet")
    assert GENERATED_FILE.read_text(encoding="utf-8") == render(load_portfolio()), \
        "run `python -m actions.portfolio export-nlu`"


def test_every_lookup_and_synonym_entry_survives_the_pipeline_folding():
    entries = list(_generated_entries(render(load_portfolio())))
    assert len(entries) > 50
    drifted = [(table, entry) for table, entry in entries if _pipeline_text(entry) != entry]
    assert not drifted, f"these entries can never match a folded message: {drifted}"


def test_every_content_name_is_in_its_lookup_as_the_pipeline_sees_it():
    content = load_portfolio()
    lookups = folded_names(content)
    owners = {}
    for kind, entities in aliases_by_kind(content).items():
        for entity_id, names in entities.items():
            for name in names:
                owners.setdefault(" ".join(_pipeline_text(name).split()), set()).add((kind, entity_id))
    for form, owned_by in owners.items():
        if len(owned_by) == 1:  # a name two entities share is left to the matcher, which asks which one
            [(kind, entity_id)] = owned_by
            assert form in lookups[kind][entity_id], (kind, entity_id, form)
    assert "jb marks" in lookups["partner"]["jb-marks"] and "jb-marks" not in lookups["partner"]["jb-marks"]


def test_matcher_and_detector_fold_the_same_way():
    matcher = EntityMatcher(load_portfolio())
    for text in ("JB-Marks", "jb marks", "JB MARKS", "jbmarks"):
        assert [m.id for m in matcher.find(f"hur många bor i {text}")] == ["jb-marks"], text
    assert words("JB-Marks") == ["jb", "marks"]
    # The detector leaves names out of its evidence however they are written.
    for text in ("Växjö och JB-Marks", "Vaxjo och jb marks", "VAXJO och JBMarks"):
        assert _words(text, ("Växjö", "JB Marks")) == ["och"], text
