"""Folds every message (bot.folding.fold: case, diacritics, hyphens) before tokenising, so "hur manga
invanare" and "Hur många invånare" look alike to the model, the lookup tables and the actions."""
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.folding import fold


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class TextNormalizer(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TextNormalizer":
        return cls()

    @staticmethod
    def _normalize(message: Message) -> None:
        text: Optional[str] = message.get(TEXT)
        # "/intent{...}" payloads (buttons, the widget's feedback) are read by Rasa as they are.
        if text and not text.startswith(INTENT_MESSAGE_PREFIX):
            message.set(TEXT, fold(text))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            self._normalize(message)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._normalize(message)
        return messages
