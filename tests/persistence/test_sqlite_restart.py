"""The default profile: conversations in SQLite survive a kill -9 of the Rasa server, with their context.

Servers on ports 31105/31155 (below the ephemeral range, where no client socket can hold them) with a temporary
SQLite file (TRACKER_SQLITE_PATH); nothing to install.
"""
import json
import os
import signal
import sqlite3
import time

import pytest

from tests.persistence.conversations import CONVERSATIONS, assert_context_needed, assert_events_complete, turn_problems
from tests.persistence.processes import group_processes, rasa_main_pid
from tests.servers import RunningBot

POPULATION, PROJECT_LIST = CONVERSATIONS[0]["turns"], CONVERSATIONS[1]["turns"]


def stored_events(db, sender):
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)).fetchall()
    return [json.loads(data) for (data,) in rows]


def talk(bot, sender, turn, exchanges):
    reply = bot.send(sender, turn["q"])
    exchanges.append((turn["q"], reply))
    assert not turn_problems(reply, turn), f"{turn['q']!r}: {turn_problems(reply, turn)}; reply {reply}"


@pytest.fixture
def servers(tmp_path, model_snapshot):
    db = tmp_path / "data" / "conversations.db"  # the folder does not exist yet: the tracker store creates it
    bots = []

    def start(**env):
        bot = RunningBot(31105, 31155, log_dir=tmp_path / f"log{len(bots)}",
                         env={"TRACKER_SQLITE_PATH": str(db), "MODEL": str(model_snapshot), "DEMO_PORT": "0", **env})
        bots.append(bot)
        return bot.start()

    yield db, start
    for bot in bots:
        bot.kill(hard=True)


def test_conversations_survive_kill_9(servers):
    db, start = servers
    bot = start()
    population, projects = bot.new_sender(), bot.new_sender()
    sent = {population: [], projects: []}
    talk(bot, population, POPULATION[0], sent[population])
    talk(bot, projects, PROJECT_LIST[0], sent[projects])
    assert_context_needed(bot.send, bot.new_sender)

    # kill -9 the Rasa server alone, as a crash would; serve.sh then stops the action server and exits.
    os.kill(rasa_main_pid(bot.process.pid), signal.SIGKILL)
    bot.process.wait(timeout=60)
    bot.kill(hard=True)
    assert not group_processes(bot.process.pid), "processes of the killed servers are still running"
    assert db.exists(), f"the conversations were not stored in {db}"
    for sender, exchanges in sent.items():
        assert_events_complete(stored_events(db, sender), exchanges)

    bot = start()
    talk(bot, population, POPULATION[1], sent[population])  # "och i Vushtrri?" -> Vushtrri's population only
    talk(bot, projects, PROJECT_LIST[1], sent[projects])    # "det första" -> the first of the list shown earlier
    talk(bot, population, POPULATION[2], sent[population])
    for sender, exchanges in sent.items():  # one session: the restart did not start a new one
        assert_events_complete(stored_events(db, sender), exchanges, sessions=1)

    # SESSION_EXPIRY_MINUTES overrides the domain's 60 minutes at start-up, without retraining.
    bot.stop()
    bot = start(SESSION_EXPIRY_MINUTES="0.05")  # 3 seconds
    talk(bot, projects, PROJECT_LIST[2], sent[projects])  # idle for longer than 3 s: a new session ...
    assert_events_complete(stored_events(db, projects), sent[projects], sessions=2)  # ... with the slots carried over
    quick = bot.new_sender()
    quick_sent = []
    talk(bot, quick, POPULATION[0], quick_sent)
    talk(bot, quick, POPULATION[1], quick_sent)
    assert_events_complete(stored_events(db, quick), quick_sent, sessions=1)
    time.sleep(4)
    talk(bot, quick, POPULATION[2], quick_sent)
    assert_events_complete(stored_events(db, quick), quick_sent, sessions=2)
