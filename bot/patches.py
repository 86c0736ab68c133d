"""Every change this project makes to Rasa's and python-socketio's internals, in one place.

Each patch was written against one release (REQUIRED) and refuses to install on another: a new release may have
fixed the problem differently or moved the code patched here, so it must be re-read before the pins change.
`install()` is called explicitly at start-up by every entry point: `python -m bot.cli` (what `make run`,
`make chat` and the tests start), and tests/conftest.py for tests that use Rasa's classes directly.

1. The action deadline (RemoteAction.run): Rasa 3.6 ignores a `timeout` in endpoints.yml and waits 5 minutes for
   an action; here a call gives up after ACTION_TIMEOUT_SECONDS, and after one failure the turn's later calls fail
   at once (bot/channels/faults.py then apologises).
2. The action-reply schema checked by a validator built once (RemoteAction._validate_action_result): Rasa's
   `jsonschema.validate` re-checks the constant schema against the draft 2020-12 meta-schema on every call
   (about 40 ms a call on this machine); same errors, same message. Each event is checked against the one
   alternative of the schema's `oneOf` its `event` names (the alternatives differ by that constant, so the others
   cannot match); a reply that fails goes through the whole schema for jsonschema's own error (3 ms a reply less).
3. Actions in the Rasa server's process (RemoteAction.run): an `action_endpoint` with `actions_module: actions`
   (the key Rasa 3.7+ reads for the same thing) runs rasa_sdk's executor in-process instead of an HTTP call; the
   action code and its request/reply format are unchanged (bot/in_process_actions.py).
5. The language slots set in Rasa's own slot extraction (ActionExtractSlots.run): after Rasa's mappings, the
   `language` and `preferred_language` slots are set as bot/language_policy.py decides, from the message the NLU
   pipeline tagged and the slots so far; no custom action call per message (it was `action_validate_slot_mappings`).
4. Checked socket.io handlers (python-socketio's handler table): malformed `user_uttered`/`session_request` events
   are dropped before Rasa's handlers see them (Rasa's raise on them).
6. Event classes looked up by type name once (Event.resolve_by_type): Rasa walks every subclass of Event for every
   event it deserialises (loading a tracker, reading an action's reply), ~0.2 ms an event.
7. The intent classifier's weights laid out for prediction (LogisticRegressionClassifier.load): scikit-learn
   multiplies a message's sparse features by `coef_.T`, and scipy copies that transposed view of the whole weight
   matrix (~10,000 features x 41 intents) on every prediction (~0.5 ms); stored in Fortran order, `coef_.T` is
   contiguous and nothing is copied. The same numbers, so the same confidences.
8. The intent classifier's feature matrix built in one step (LogisticRegressionClassifier._create_X): Rasa joins
   every message's sentence features to an empty dense block and stacks the rows one by one (two scipy calls per
   message, ~4 s of each training); here the rows are stacked at once when no message has dense features (this
   pipeline has none), else Rasa's own code runs. The same matrix.
Also: `skops.io`, which Rasa uses to load and save that classifier, walks every loaded module for each of ~800
scikit-learn types when it is first imported (~5 s once TensorFlow is loaded, ~1 s before): `install()` imports it
first.
"""
import asyncio
import logging
from importlib.metadata import version
from typing import Any, Callable, Dict, Optional, Text

logger = logging.getLogger(__name__)

REQUIRED = {"rasa": "3.6.21", "rasa-sdk": "3.6.2", "python-socketio": "5.9.0", "jsonschema": "4.17.3"}
_installed = False


class PatchVersionError(RuntimeError):
    """An installed package is not the release a patch was written for."""


def _require(*packages: Text) -> None:
    for package in packages:
        found = version(package)
        if found != REQUIRED[package]:
            raise PatchVersionError(f"bot/patches.py was written for {package}=={REQUIRED[package]}, found {found}: "
                                    "re-read the patched code in the new release before changing the pin")


def install() -> None:
    """Installs the patches of Rasa's internals (idempotent)."""
    global _installed
    if _installed:
        return
    _require("rasa", "rasa-sdk", "jsonschema")
    import skops.io  # noqa: F401  before Rasa imports TensorFlow (see the module's docstring)

    _install_schema_validator()
    _install_action_deadline_and_in_process_actions()
    _install_language_slots()
    _install_event_type_lookup()
    _install_classifier_layout()
    _installed = True


def installed() -> bool:
    return _installed


def require_installed() -> None:
    """Called by the channels: without the patches a hanging action server would hold a turn for 5 minutes."""
    if not _installed:
        raise RuntimeError("bot/patches.py is not installed: start Rasa with `python -m bot.cli run` (scripts/serve.sh)")


# --- 2. the action-reply schema ---------------------------------------------------------------------------------------
def _install_schema_validator() -> None:
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)  # as jsonschema.validate picks it
    validator_class.check_schema(schema)  # once, not on every call
    validator = validator_class(schema)
    is_valid = _reply_check(schema, validator_class) or validator.is_valid

    def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
        if is_valid(result):
            return True
        error = best_match(validator.iter_errors(result))  # what jsonschema.validate raises
        if error is None:
            return True
        if not isinstance(error, ValidationError):  # pragma: no cover - best_match returns the validator's errors
            raise error
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


def _reply_check(schema: Dict[Text, Any], validator_class: Any) -> Optional[Callable[[Any], bool]]:
    """True exactly when the reply is valid, checking each event against its own alternative; None when the schema
    is not the shape this relies on (then the whole schema is used)."""
    events, responses = schema["properties"]["events"], schema["properties"]["responses"]
    event_schema = events["items"]
    base = {key: value for key, value in event_schema.items() if key != "oneOf"}
    kinds = [alternative.get("properties", {}).get("event", {}).get("const") for alternative in event_schema["oneOf"]]
    if (set(schema) != {"type", "properties"} or set(schema["properties"]) != {"events", "responses"}
            or set(events) != {"type", "items"} or None in kinds or len(set(kinds)) != len(kinds)
            or "event" not in base.get("required", [])):
        return None
    by_kind = {kind: validator_class({"allOf": [base, alternative]})
               for kind, alternative in zip(kinds, event_schema["oneOf"])}
    responses_valid = validator_class(responses).is_valid

    def is_valid(result: Any) -> bool:
        if not isinstance(result, dict):
            return False
        replied = result.get("events", [])
        if not isinstance(replied, list) or ("responses" in result and not responses_valid(result["responses"])):
            return False
        for event in replied:
            kind = event.get("event") if isinstance(event, dict) else None
            if not isinstance(kind, str) or kind not in by_kind or not by_kind[kind].is_valid(event):
                return False
        return True

    return is_valid


# --- 6. event classes by type name ---------------------------------------------------------------------------------
def _install_event_type_lookup() -> None:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    resolve_by_type = Event.resolve_by_type
    found: Dict[Text, Any] = {}

    def cached(type_name: Text, default: Optional[Any] = None) -> Optional[Any]:
        if isinstance(type_name, str) and type_name in found:
            return found[type_name]
        for event_class in all_subclasses(Event):  # Rasa's walk, once per name
            if event_class.type_name == type_name:
                found[type_name] = event_class
                return event_class
        return resolve_by_type(type_name, default)  # the old topic event, the default or Rasa's error

    Event.resolve_by_type = staticmethod(cached)  # type: ignore[method-assign]


# --- 7. the intent classifier's weights laid out for prediction ----------------------------------------------------
def _install_classifier_layout() -> None:
    import numpy as np
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    load = LogisticRegressionClassifier.load.__func__  # type: ignore[attr-defined]

    def load_laid_out(cls: Any, *args: Any, **kwargs: Any) -> Any:
        component = load(cls, *args, **kwargs)
        classifier = getattr(component, "clf", None)
        if getattr(classifier, "coef_", None) is not None:
            classifier.coef_ = np.asfortranarray(classifier.coef_)
        return component

    LogisticRegressionClassifier.load = classmethod(load_laid_out)  # type: ignore[method-assign, assignment]
    _install_feature_matrix(LogisticRegressionClassifier)


# --- 8. the intent classifier's feature matrix built in one step ---------------------------------------------------
def _install_feature_matrix(classifier_class: Any) -> None:
    import numpy as np
    from rasa.shared.nlu.constants import TEXT
    from scipy.sparse import vstack

    create_x = classifier_class._create_X

    def create_x_at_once(self: Any, messages: Any) -> Any:
        rows = []
        for message in messages:
            sparse, dense = message.get_sparse_features(attribute=TEXT)[1], message.get_dense_features(attribute=TEXT)[1]
            if sparse is None or dense is not None:
                return create_x(self, messages)
            rows.append(sparse.features)
        return vstack(rows, format="csr", dtype=np.float64) if rows else create_x(self, messages)

    create_x_at_once.rasa_original = create_x  # type: ignore[attr-defined]  for the test that compares them
    classifier_class._create_X = create_x_at_once


# --- 1. and 3. the action deadline, actions in the server's process -------------------------------------------------
def _install_action_deadline_and_in_process_actions() -> None:
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
    from rasa.shared.exceptions import RasaException

    from bot import in_process_actions
    from bot.channels.faults import action_timeout_seconds, current_turn

    call_action_server = RemoteAction.run

    async def run(self, output_channel, nlg, tracker, domain):  # type: ignore[no-untyped-def]
        turn = current_turn()
        if turn is not None and turn.action_failed:
            raise RasaException(f"Skipped custom action '{self.name()}': the action server failed in this turn")
        if in_process_actions.configured(self.action_endpoint):
            call = in_process_actions.run(self, output_channel, nlg, tracker, domain)
        else:
            call = call_action_server(self, output_channel, nlg, tracker, domain)
        timeout = action_timeout_seconds()
        try:
            return await asyncio.wait_for(call, timeout)
        except ActionExecutionRejection:
            raise
        except asyncio.TimeoutError:
            if turn is not None:
                turn.action_failed = True
            logger.error(f"The action server did not answer '{self.name()}' within {timeout:g} s.")
            raise RasaException(f"Custom action '{self.name()}' timed out") from None
        except Exception:
            if turn is not None:
                turn.action_failed = True
            raise

    RemoteAction.run = run  # type: ignore[assignment]


# --- 5. the language slots -------------------------------------------------------------------------------------------
LANGUAGE_SLOT, PREFERRED_LANGUAGE_SLOT = "language", "preferred_language"


def _install_language_slots() -> None:
    from rasa.core.actions.action import ActionExtractSlots
    from rasa.shared.core.events import SlotSet

    from bot.language_policy import decide, inputs_from_message

    extract_slots = ActionExtractSlots.run

    async def run(self, output_channel, nlg, tracker, domain):  # type: ignore[no-untyped-def]
        events = await extract_slots(self, output_channel, nlg, tracker, domain)
        message = tracker.latest_message
        if message is None or not any(slot.name == LANGUAGE_SLOT for slot in domain.slots):
            return events
        decision = decide(inputs_from_message(
            {**(message.parse_data or {}), "text": message.text, "metadata": message.metadata},
            tracker.get_slot(LANGUAGE_SLOT), tracker.get_slot(PREFERRED_LANGUAGE_SLOT)))
        for slot, value in ((PREFERRED_LANGUAGE_SLOT, decision.preferred), (LANGUAGE_SLOT, decision.language)):
            if value != tracker.get_slot(slot):
                events.append(SlotSet(slot, value))
        return events

    ActionExtractSlots.run = run  # type: ignore[assignment]


# --- 4. checked socket.io handlers --------------------------------------------------------------------------------------
def check_socketio_events(channel: Any) -> None:
    """Wraps the `user_uttered` and `session_request` handlers Rasa registered on a SocketIOInput's server, so a
    malformed event is dropped (and logged without its content) instead of raising."""
    _require("python-socketio", "rasa")
    from bot.channels.validation import InvalidPayload, validate_session_request, validate_socketio

    handlers = channel.sio.handlers.get(channel.namespace or "/", {})
    message_handler = handlers.get(channel.user_message_evt)
    session_handler = handlers.get("session_request")

    async def checked_message(sid: Text, *args: Any) -> None:
        try:
            data = validate_socketio(args[0] if len(args) == 1 else None, channel.metadata_key,
                                     channel.session_persistence)
        except InvalidPayload as problem:
            logger.warning(f"Dropped a malformed socket.io message from {sid}: {problem}")
            return
        await message_handler(sid, data)

    async def checked_session(sid: Text, *args: Any) -> None:
        try:
            data = validate_session_request(args[0] if len(args) == 1 else None)
        except InvalidPayload as problem:
            logger.warning(f"Dropped a malformed socket.io session_request from {sid}: {problem}")
            return
        await session_handler(sid, data)

    if message_handler is not None:
        handlers[channel.user_message_evt] = checked_message
    if session_handler is not None:
        handlers["session_request"] = checked_session
