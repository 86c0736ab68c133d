"""Builds real rasa_sdk Trackers in-line and runs actions with a CollectingDispatcher against the real domain."""
import re
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.outcomes import OUTCOME_SLOT

ROOT = Path(__file__).resolve().parents[2]
# A project that is not in the brochure, for tests that add one content file and nothing else.
NEW_PROJECT = {
    "id": "clean-water", "example_number": 5,
    "title": {"sv": "Rent vatten i skolan (AQUA 3)", "en": "Clean Water at School (AQUA 3)"},
    "short_name": {"sv": "AQUA 3", "en": "AQUA 3"},
    "aliases": {"sv": ["aqua", "aqua 3", "vattenprojektet"], "en": ["aqua", "aqua 3", "the water project"]},
    "partners": ["vushtrri"],
    "owner": {"sv": "Tekniska förvaltningen", "en": "the Technical Department"},
    "period": {"start": 2023, "end": 2025},
    "focus": {"sv": "vatten", "en": "water"}, "purpose": {"sv": "Test.", "en": "Test."},
    "activities": {"sv": "Test.", "en": "Test."}, "participants": {"sv": "Test.", "en": "Test."},
    "results": {"sv": "Test.", "en": "Test."},
}


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "bot" / "domain")).as_dict()


def make_tracker(text: str, intent: str, entities: Optional[List[Dict[str, Any]]] = None,
                 language: str = "sv", **slots: Any) -> Tracker:
    return Tracker(
        sender_id="unit-test",
        slots={"language": language, **slots},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.99},
                        "entities": entities or []},
        events=[], paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen",
    )


def outcome(slots: Dict[str, Any]) -> Optional[str]:
    """The turn's outcome the action stored (answered_intent, answered_passage, clarified, out_of_scope, not_found)."""
    return slots.get(OUTCOME_SLOT)


def entity(name: str, value: str) -> Dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": len(value)}


def render(message: Dict[str, Any], domain: Dict[str, Any], language: str) -> str:
    """The text the Rasa server would send: the response's variation for the language, filled in."""
    variations = domain["responses"][message["response"]]
    chosen = next((v for v in variations if any(c.get("value") == language for c in v.get("condition") or [])),
                  next(v for v in variations if not v.get("condition")))
    text = chosen["text"]
    missing = [name for name in re.findall(r"{(\w+)}", text) if name not in message]
    assert not missing, f"{message['response']} was sent without {missing}"
    return re.sub(r"{(\w+)}", lambda m: str(message[m.group(1)]), text)


def run_action(action, tracker: Tracker, domain: Dict[str, Any]):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, domain)
    language = tracker.get_slot("language")
    texts = [render(message, domain, language) for message in dispatcher.messages]
    slots = {event["name"]: event["value"] for event in events if event.get("event") == "slot"}
    return texts, slots, dispatcher.messages


# The content layer is imported when a test asks for it: importing `actions` loads and checks content/.
@pytest.fixture(scope="session")
def gate():
    from actions.scope import get_gate

    return get_gate()


@pytest.fixture(scope="session")
def passages():
    from actions.portfolio import get_store

    return get_store().passages
