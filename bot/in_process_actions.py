"""The custom actions run in the Rasa server's process through rasa_sdk's executor, instead of over HTTP.

Selected by the endpoints file: `action_endpoint: {actions_module: actions}` (the key Rasa 3.7+ reads for the same
feature); the scale-out profile keeps `url:` and a separate action server pool. The action code, the request it
gets (tracker, domain) and the reply it gives (events, responses) are exactly those of the HTTP path, and the
reply goes through the same schema check, response rendering and event parsing as RemoteAction.run's.
Installed by bot/patches.py.
"""
import json
from functools import lru_cache
from typing import Any, List, Optional, Text

from rasa.core.actions.action import ActionExecutionRejection
from rasa.shared.core import events
from rasa.shared.exceptions import RasaException

MODULE_KEY = "actions_module"


def configured(endpoint: Any) -> bool:
    return endpoint is not None and bool((endpoint.kwargs or {}).get(MODULE_KEY))


@lru_cache(maxsize=None)
def executor(module: Text) -> Any:
    """rasa_sdk's executor with every action of `module` registered, as `rasa run actions --actions module` has."""
    from rasa_sdk.executor import ActionExecutor

    loaded = ActionExecutor()
    loaded.register_package(module)
    return loaded


async def run(action: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[events.Event]:
    """What RemoteAction.run does, with rasa_sdk's executor in place of the HTTP call."""
    from rasa_sdk.interfaces import ActionExecutionRejection as SdkRejection
    from rasa_sdk.interfaces import ActionNotFoundException

    request = action._action_call_format(tracker, domain)
    try:
        reply: Optional[dict] = await executor(action.action_endpoint.kwargs[MODULE_KEY]).run(request)
    except SdkRejection as rejection:
        raise ActionExecutionRejection(rejection.action_name, rejection.message) from None
    except ActionNotFoundException as missing:
        raise RasaException(f"Failed to execute custom action '{action.name()}': {missing}") from None
    # As over HTTP: the reply is plain JSON, never objects shared with the action's code.
    reply = json.loads(json.dumps(reply or {}))
    action._validate_action_result(reply)
    bot_messages = await action._utter_responses(reply.get("responses", []), output_channel, nlg, tracker)
    return bot_messages + events.deserialise_events(reply.get("events", []))
