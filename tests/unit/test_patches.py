"""bot/patches.py: each patch installed, doing what the unpatched Rasa does (only faster or in-process)."""
import asyncio
import time
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import patches

ROOT = Path(__file__).resolve().parents[2]
VALID_REPLY = {"events": [{"event": "slot", "name": "language", "value": "en"}],
               "responses": [{"response": "utter_greet"}]}
INVALID_REPLIES = [{"events": "nope"}, {"events": [{"name": "x"}]}, {"responses": [5]}, {"events": [{"event": "nope"}]},
                   {"events": [{"event": "slot", "name": "language"}]}, {"events": [{"event": "action", "name": 3}]},
                   {"events": [{"event": 5}]}, {"events": [5]}, {"events": None}, [], "text",
                   {"events": [{"event": "slot", "name": "a", "value": 1, "timestamp": "soon"}]},
                   {"events": [{"event": "user", "parse_data": {"intent": {"name": 1}}}]},
                   {"events": [VALID_REPLY["events"][0], {"event": "entities"}]}]
MORE_VALID_REPLIES = [{}, {"events": []}, {"other": 1},
                      {"events": [{"event": "user", "text": "hej", "parse_data": {"intent": {"name": "greet"}}},
                                  {"event": "action", "name": "action_listen", "policy": None},
                                  {"event": "bot", "text": "Hej!", "metadata": {}}, {"event": "restart"},
                                  {"event": "followup", "name": "utter_greet"}, {"event": "session_started"}]}]


def test_the_patches_are_installed_by_the_tests_entry_point():
    assert patches.installed()


def test_a_release_the_patches_were_not_written_for_is_refused(monkeypatch):
    monkeypatch.setitem(patches.REQUIRED, "rasa", "3.7.0")
    with pytest.raises(patches.PatchVersionError, match="rasa==3.7.0"):
        patches._require("rasa")


def test_the_action_reply_check_accepts_and_rejects_what_jsonschema_validate_does():
    action = RemoteAction("action_anything", None)
    schema = RemoteAction.action_response_format_spec()
    for reply in [VALID_REPLY] + MORE_VALID_REPLIES:
        jsonschema.validate(reply, schema)
        assert action._validate_action_result(reply) is True
    for reply in INVALID_REPLIES:
        with pytest.raises(jsonschema.ValidationError) as stock:
            jsonschema.validate(reply, schema)
        with pytest.raises(jsonschema.ValidationError) as ours:
            action._validate_action_result(reply)
        assert ours.value.message.startswith(stock.value.message + ". Failed to validate Action server response")
        assert list(ours.value.path) == list(stock.value.path)


def test_the_action_reply_check_is_built_once():
    action = RemoteAction("action_anything", None)
    started = time.perf_counter()
    for _ in range(200):
        action._validate_action_result(VALID_REPLY)
    per_call_ms = (time.perf_counter() - started) * 1000 / 200
    assert per_call_ms < 5, f"{per_call_ms:.1f} ms per check (jsonschema.validate takes ~40 ms)"


def test_event_classes_are_found_by_type_name_as_rasa_finds_them():
    from rasa.shared.core.events import ActionExecuted, Event, UserUttered
    from rasa.shared.utils.common import all_subclasses

    for event_class in all_subclasses(Event):
        assert Event.resolve_by_type(event_class.type_name) is next(
            found for found in all_subclasses(Event) if found.type_name == event_class.type_name)
    assert Event.resolve_by_type("user") is UserUttered and Event.resolve_by_type("action") is ActionExecuted
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("nope", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'nope'"):
        Event.resolve_by_type("nope")


def test_an_action_runs_in_process_with_no_action_server():
    domain = Domain.load(str(ROOT / "bot" / "domain"))
    # The URL answers nothing: the action must run through rasa_sdk's executor in this process.
    endpoint = EndpointConfig("http://127.0.0.1:9/webhook", actions_module="actions")
    action = RemoteAction("action_message_too_long", endpoint)
    tracker = DialogueStateTracker.from_events("s", [SlotSet("language", "en")], slots=domain.slots)
    events = asyncio.run(action.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses),
                                    tracker, domain))
    [uttered] = [event for event in events if isinstance(event, BotUttered)]
    assert uttered.text.startswith("Your question is too long") and "1,000" in uttered.text


def _message_with_features(row, dense=None):
    from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
    from rasa.shared.nlu.training_data.features import Features
    from rasa.shared.nlu.training_data.message import Message
    from scipy.sparse import coo_matrix

    message = Message(data={TEXT: "x"})
    message.add_features(Features(coo_matrix([row]), FEATURE_TYPE_SENTENCE, TEXT, "counts"))
    message.add_features(Features(coo_matrix([row, row]), FEATURE_TYPE_SEQUENCE, TEXT, "counts"))
    if dense is not None:
        message.add_features(Features(np.array([dense]), FEATURE_TYPE_SENTENCE, TEXT, "dense"))
    return message


def test_the_classifier_feature_matrix_is_the_one_rasa_builds():
    """Patch 8: the rows stacked at once are Rasa's matrix, with dense features (Rasa's own code) and without."""
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    patched = LogisticRegressionClassifier._create_X
    original = patched.rasa_original
    for messages in ([_message_with_features([0, 2, 0, 1]), _message_with_features([3, 0, 0, 0])],
                     [_message_with_features([0, 1, 0, 1], dense=[0.5, 0.25]), _message_with_features([1, 0, 0, 0],
                                                                                                     dense=[1.0, 0.0])]):
        ours, rasas = patched(None, messages), original(None, messages)
        assert ours.format == rasas.format == "csr" and ours.dtype == rasas.dtype
        assert ours.shape == rasas.shape and (ours != rasas).nnz == 0
