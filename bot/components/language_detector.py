"""Rasa NLU component that tags each user message with its language (entity `message_language`)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.portfolio.names import get_names
from bot.language_policy import GUESS_ENTITY, MESSAGE_ENTITY, message_language

ENTITY_NAME = MESSAGE_ENTITY
# A weak guess, used only while a conversation has no language yet ("sekos period" as a first message).
GUESS_ENTITY_NAME = GUESS_ENTITY


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class LanguageDetector(GraphComponent, EntityExtractorMixin):
    """Adds a `message_language` entity ("sv"/"en") unless the message is too ambiguous."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        return cls(config, list(get_names().proper))  # names say nothing about the language

    def __init__(self, config: Dict[Text, Any], names: List[str]) -> None:
        self._config = {**self.get_default_config(), **(config or {})}
        self.names = names

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Training examples are labelled by hand; tagging them would only add noise.
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith(INTENT_MESSAGE_PREFIX):  # a button's payload says nothing about the language
                continue
            # What this one message is in; the conversation's language is decided by bot/language_policy.py.
            code, sure = message_language(text, self.names)
            if code is None:
                continue
            name = ENTITY_NAME if sure else GUESS_ENTITY_NAME
            entity = {
                "entity": name,
                "value": code,
                "start": 0,
                "end": len(text),
                "confidence": 1.0,
                "extractor": self.__class__.__name__,
            }
            message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
        return messages
