"""The `language` and `preferred_language` slots as production sets them: the message tagged by the NLU component
(bot/components/language_detector.py), then Rasa's own slot extraction (ActionExtractSlots, patched by
bot/patches.py to apply bot/language_policy.py), with no custom action."""
import asyncio
from pathlib import Path
from typing import Dict, Optional

import pytest
from rasa.core.actions.action import ActionExtractSlots
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

from bot.components.language_detector import LanguageDetector

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector.create({}, model_storage=None, resource=None, execution_context=None)


def extracted(domain: Domain, detector: LanguageDetector, text: str, intent: str = "inform_entity",
              metadata: Optional[Dict] = None, **slots) -> Dict[str, Optional[str]]:
    [message] = detector.process([Message(data={"text": text})])
    parse_data = {"text": text, "intent": {"name": intent, "confidence": 0.9},
                  "entities": message.get("entities", [])}
    events = [SlotSet(name, value) for name, value in slots.items()]
    events.append(UserUttered(text, parse_data["intent"], parse_data["entities"], parse_data, metadata=metadata))
    tracker = DialogueStateTracker.from_events("unit-language", events, slots=domain.slots)
    result = asyncio.run(ActionExtractSlots(None).run(
        CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses), tracker, domain))
    return {event.key: event.value for event in result if isinstance(event, SlotSet)}


def test_no_custom_action_sets_the_language(rasa_domain):
    assert "action_validate_slot_mappings" not in rasa_domain.user_actions


@pytest.mark.parametrize("text, intent, slots, expected", [
    ("svara på engelska", "switch_language", {"language": "sv"}, {"preferred_language": "en", "language": "en"}),
    ("in Swedish please", "switch_language", {"language": "en"}, {"preferred_language": "sv", "language": "sv"}),
    # a preferred language sticks, whatever the message is in
    ("hur många bor i vushtrri", "ask_partner_population", {"language": "en", "preferred_language": "en"}, {}),
    ("how many live there", "ask_partner_population", {"language": "sv"}, {"language": "en"}),
    ("hur många bor där", "ask_partner_population", {"language": "en"}, {"language": "sv"}),
    # unsure short messages keep the language
    ("ok", "acknowledge", {"language": "en"}, {}),
    ("JB Marks?", "inform_entity", {"language": "en"}, {}),
])
def test_language_follows_the_message_unless_one_was_asked_for(rasa_domain, detector, text, intent, slots, expected):
    assert extracted(rasa_domain, detector, text, intent, **slots) == expected


def test_page_language_decides_only_while_nothing_else_does(rasa_domain, detector):
    assert extracted(rasa_domain, detector, "JB Marks?", metadata={"language": "en-GB"}) == {"language": "en"}
    assert extracted(rasa_domain, detector, "JB Marks?", metadata={"language": "en"}, language="sv") == {}
    assert extracted(rasa_domain, detector, "hur många bor där", metadata={"language": "en"}) == {"language": "sv"}
    assert extracted(rasa_domain, detector, "JB Marks?") == {}  # nothing known: answers default to Swedish
