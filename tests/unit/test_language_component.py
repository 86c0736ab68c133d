"""The LanguageDetector Rasa component adds (or does not add) a message_language entity."""
import shutil

import yaml
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.portfolio.loader import DEFAULT_CONTENT_DIR
from bot.components.language_detector import LanguageDetector
from tests.unit.conftest import NEW_PROJECT


def _detector():
    return LanguageDetector.create({}, model_storage=None, resource=None, execution_context=None)


def _languages(text, entities=None):
    data = {"text": text}
    if entities is not None:
        data["entities"] = entities
    [message] = _detector().process([Message(data=data)])
    return [e for e in message.get("entities", []) if e["entity"] == "message_language"], message


def test_names_come_from_content():
    names = {n.lower() for n in _detector().names}
    for name in ("jb marks", "vushtrri", "kosovo", "sekos 2", "mis 2", "malin lauber", "icld", "växjö", "växjö kommun"):
        assert name in names


def test_names_follow_the_content_in_use(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    (content / "projects" / "clean-water.yml").write_text(yaml.safe_dump(NEW_PROJECT, allow_unicode=True))
    monkeypatch.setenv("VAXJO_CONTENT_DIR", str(content))
    assert {"AQUA 3", "vattenprojektet", "the water project"} <= set(_detector().names)


def test_swedish_message_gets_entity():
    text = "hur många invånare har JB Marks?"
    [entity], _ = _languages(text)
    assert entity == {
        "entity": "message_language",
        "value": "sv",
        "start": 0,
        "end": len(text),
        "confidence": 1.0,
        "extractor": "LanguageDetector",
    }


def test_english_message_gets_entity():
    [entity], _ = _languages("what about JB Marks?")
    assert entity["value"] == "en"


def test_switch_request_wins_over_detected_language():
    [entity], _ = _languages("svara på engelska")
    assert entity["value"] == "en"
    [entity], _ = _languages("in Swedish please")
    assert entity["value"] == "sv"


def test_ambiguous_messages_get_no_entity():
    for text in ("ok", "JB Marks?", "👍", "MIS 2", "sekos?", "2019?"):
        found, _ = _languages(text)
        assert found == [], text


def test_existing_entities_are_kept():
    partner = {"entity": "partner", "value": "jb-marks", "start": 10, "end": 18}
    found, message = _languages("what about JB Marks?", entities=[partner])
    assert message.get("entities")[0] == partner and len(found) == 1


def test_training_data_unchanged():
    data = TrainingData([Message(data={"text": "hej", "intent": "greet"})])
    assert _detector().process_training_data(data) is data


def test_button_payloads_are_left_alone_by_the_pipeline_components():
    from rasa.shared.nlu.training_data.message import Message

    from bot.components.language_detector import LanguageDetector
    from bot.components.text_normalizer import TextNormalizer

    payload = '/feedback{"feedback_value": "down"}'
    messages = [Message(data={"text": payload})]
    LanguageDetector.create({}, None, None, None).process(messages)
    TextNormalizer.create({}, None, None, None).process(messages)
    assert messages[0].get("text") == payload and not messages[0].get("entities")
