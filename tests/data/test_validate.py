"""`rasa data validate` passes, and its only warnings are for responses that custom actions send."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Intents only the channels send, as a payload; nobody types them, so they have no NLU examples.
PAYLOAD_ONLY_INTENTS = {"message_too_long"}


def test_rasa_data_validate_is_clean():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "data", "validate", "--config", "config.yml",
         "--domain", "bot/domain", "--data", "data"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    warnings = re.findall(r"UserWarning: (.*)", output)
    from actions.routing import routes

    action_code = "\n".join(path.read_text() for path in (ROOT / "actions").glob("*.py"))
    # Partner and project facts are sent with the response the routing table names for their intent.
    sent_by_intent = {route.response for route in routes().values() if route.response}
    unexpected = []
    for warning in warnings:
        payload_only = re.match(r"The intent '(\w+)' is listed in the domain file, but is not found in the NLU", warning)
        if payload_only and payload_only.group(1) in PAYLOAD_ONLY_INTENTS:
            continue
        used_by_action = re.match(r"The utterance '(\w+)' is not used in any story or rule\.", warning)
        # Rasa cannot see responses sent from custom actions; each must really be sent by one.
        if not (used_by_action and (f'"{used_by_action.group(1)}"' in action_code
                                    or used_by_action.group(1) in sent_by_intent)):
            unexpected.append(warning)
    assert not unexpected, "\n".join(unexpected)
