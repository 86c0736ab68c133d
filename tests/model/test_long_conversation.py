"""A long conversation with the replay cap (bot/tracker_store.py) answers and keeps its slots exactly as with the
whole session replayed: the multi-turn acceptance conversations, one after another in one session, 300 turns."""
import asyncio
from pathlib import Path

import numpy as np
import pytest
import yaml
from rasa.core.agent import Agent
from rasa.utils.endpoints import EndpointConfig

from bot.tracker_store import VaxjoSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "vaxjo.tar.gz"
TURNS = 300
CAP = 48


def _messages():
    conversations = yaml.safe_load((ROOT / "tests/acceptance/cases/conversations.yml").read_text())["conversations"]
    turns = [turn["q"] for conversation in conversations for turn in conversation["turns"]]
    return (turns * (TURNS // len(turns) + 1))[:TURNS]


async def _converse(agent, store, sender, messages):
    """Every turn's replies and slot values; numpy's generator (response variations) seeded per turn alike."""
    agent.tracker_store = agent.processor.tracker_store = store
    store.domain = agent.domain
    turns = []
    for number, message in enumerate(messages):
        np.random.seed(number)
        replies = await agent.handle_text(message, sender_id=sender)
        tracker = await store.retrieve(sender)
        turns.append(([reply.get("text") for reply in replies], tracker.current_slot_values(), len(tracker.events)))
    return turns


@pytest.fixture(scope="module")
def conversations(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    folder = tmp_path_factory.mktemp("long")
    agent = Agent.load(str(MODEL), action_endpoint=EndpointConfig(url="http://unused", actions_module="actions"))
    messages = _messages()
    loop = asyncio.new_event_loop()
    try:
        whole = loop.run_until_complete(_converse(
            agent, VaxjoSQLTrackerStore(db=str(folder / "whole.db"), max_events_replayed=0), "whole", messages))
        capped_store = VaxjoSQLTrackerStore(db=str(folder / "capped.db"), max_events_replayed=CAP)
        capped = loop.run_until_complete(_converse(agent, capped_store, "capped", messages))
        stored = loop.run_until_complete(VaxjoSQLTrackerStore(db=str(folder / "capped.db"), max_events_replayed=0)
                                         .retrieve("capped"))
    finally:
        loop.close()
    return messages, whole, capped, stored


def test_capped_replay_answers_and_remembers_as_the_whole_session(conversations):
    messages, whole, capped, _ = conversations
    assert len(capped) == TURNS
    for number, (message, (whole_replies, whole_slots, _), (replies, slots, _)) in enumerate(zip(messages, whole, capped)):
        assert replies == whole_replies, f"turn {number + 1}: {message!r}"
        assert slots == whole_slots, f"turn {number + 1}: {message!r}"
        assert any(replies), f"turn {number + 1}: {message!r} got no answer"


def test_the_cap_bounds_the_replayed_events(conversations):
    _, whole, capped, _ = conversations
    assert whole[-1][2] > 10 * CAP  # the whole session grows with the conversation ...
    assert max(events for *_, events in capped) <= CAP + 20  # ... the replay does not (the state prefix: its slots)


def test_every_event_is_stored(conversations):
    _, whole, _, stored = conversations
    assert len(stored.events) == whole[-1][2]
    assert sum(1 for event in stored.events if event.type_name == "user") == TURNS
