"""A tracker store filled by real conversations through the shared bot (tests/conftest.py), and the report made
from it: the events of exactly these conversations, copied from the bot's store into one of their own."""
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

import pytest

from insights.conversations import conversations
from insights.metrics import compute
from insights.store import Event
from tests.servers import ROOT, RunningBot

T0 = 1767258000.0  # 2026-01-01 09:00 UTC, where the hand-made events begin

DOWN = '/feedback{"feedback_value": "down"}'
UP = '/feedback{"feedback_value": "up"}'
PERSONNUMMER, EMAIL = "19850709-9805", "anna.svensson@example.se"

# Who says what, and a piece of the reply that shows the bot understood it as intended (so a retrained
# model that answers differently fails here, with the message, not later as a wrong number in the report).
SV_OUT_OF_SCOPE = "Tyvärr kan jag bara svara"
EN_OUT_OF_SCOPE = "Sorry, I can only answer"
# The thanks for a thumbs up/down may come in either language (the payload text is not Swedish or English).
THANKS = ("Tack för din återkoppling", "Thank you for your feedback")
CONVERSATIONS: Dict[str, List[Tuple[str, Tuple[str, ...]]]] = {
    "sv-1": [
        ("Hej", ("Hej!",)),
        ("Vilka internationella partnerskap har Växjö kommun?", ("Komuna Vushtrri i Kosovo",)),
        (DOWN, THANKS),
        ("hur blir vädret i morgon", (SV_OUT_OF_SCOPE,)),
        ("blorf gnarp zzkx", (SV_OUT_OF_SCOPE,)),  # nonsense is out of scope too (docs/scope.md)
        ("tack", ("Varsågod",)),
    ],
    "en-1": [
        ("What international partnerships does Växjö Municipality have?", ("Komuna Vushtrri in Kosovo",)),
        (UP, THANKS),
        (f"where can I park my car downtown? ({EMAIL})", (EN_OUT_OF_SCOPE,)),
        ("xqzv plonk wibble", (EN_OUT_OF_SCOPE,)),
    ],
    "sv-2": [
        ("hur många bor i jb marks?", ("250\u00a0000", "250 000")),
        (DOWN, THANKS),
        ("Hur blir vädret i morgon?", (SV_OUT_OF_SCOPE,)),
        (f"mitt personnummer är {PERSONNUMMER}, var kan jag parkera i centrum?", (SV_OUT_OF_SCOPE,)),
    ],
    "en-2": [
        ("will it rain tomorrow", (EN_OUT_OF_SCOPE,)),
        ("How many people live in Vushtrri?", ("70,000", "70\u00a0000", "70 000")),
        (DOWN, THANKS),
        ("thanks", ("You're welcome",)),
    ],
}


def run_insights(*args: str, url: Optional[str], out_dir: Path,
                 env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    """python -m insights as `make report` runs it; url=None reads $TRACKER_STORE_URL (from env)."""
    return subprocess.run([sys.executable, "-m", "insights", *args, *(["--url", url] if url else []),
                           "--out-dir", str(out_dir)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
                               "PATH": "/usr/bin:/bin", **(env or {})})


class Events:
    """Hand-made events for the counting rules, one second apart from T0 (no server)."""

    def __init__(self):
        self.events, self.t = [], T0

    def _add(self, sender, type_name, **kwargs):
        self.t += 1
        at = kwargs.pop("at", None) or self.t
        self.events.append(Event(sender, type_name, at, data=kwargs.pop("data", {}), **kwargs))

    def user(self, sender, text, intent, language=None, entities=(), at=None):
        self._add(sender, "user", intent_name=intent, at=at,
                  data={"text": text, "parse_data": {"intent": {"name": intent}, "entities": list(entities)}})
        if language:
            self.slot(sender, "language", language)

    def bot(self, sender, text, response):
        self._add(sender, "bot", data={"text": text, "metadata": {"utter_action": response}})

    def slot(self, sender, name, value):
        self._add(sender, "slot", action_name=name, data={"name": name, "value": value})

    def turn(self, sender, text, intent, reply, response, language=None, outcome=None):
        """A visitor's message, the turn's outcome slot if it has one, and the bot's reply."""
        self.user(sender, text, intent, language)
        if outcome:
            self._add(sender, "slot", data={"name": "turn_outcome", "value": outcome})
        self.bot(sender, reply, response)

    def session(self, sender):
        self._add(sender, "session_started")


def report_of(events: Events, since=date(2026, 1, 1), until=date(2026, 1, 2)) -> dict:
    return compute(conversations(events.events), since, until, timezone.utc)


def copy_conversations(source: Path, senders: Iterable[str], target: Path) -> int:
    """Copies the events of these conversations, rows as they are, into a new SQLite store with the same schema
    (the report on them alone, whatever else the running bot talked about). Returns the number of rows."""
    senders = list(senders)
    with sqlite3.connect(source) as store:
        schema = store.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()[0]
        rows = store.execute(f"SELECT * FROM events WHERE sender_id IN ({','.join('?' * len(senders))}) ORDER BY id",
                             senders).fetchall()
    with sqlite3.connect(target) as copy:
        copy.execute(schema)
        copy.executemany(f"INSERT INTO events VALUES ({','.join('?' * len(rows[0]))})", rows)
    return len(rows)


def today() -> str:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Europe/Stockholm")).date().isoformat()


class FilledStore:
    def __init__(self, directory: Path):
        self.directory = directory
        self.db = directory / "conversations.db"
        self.url = f"sqlite:///{self.db}"
        self.out = directory / "reports"
        self.replies: Dict[str, List[List[str]]] = {}  # per conversation, per message: the bot's texts
        self.day: Optional[str] = None
        self.result: Optional[subprocess.CompletedProcess] = None

    def fill(self, bot: RunningBot) -> None:
        problems, senders = [], []
        for name, turns in CONVERSATIONS.items():
            sender = f"{name}-{bot.new_sender()}"
            senders.append(sender)
            for text, expected in turns:
                texts = [message.get("text") or "" for message in bot.send(sender, text)]
                self.replies.setdefault(name, []).append(texts)
                reply = "\n".join(texts)
                if not any(piece in reply for piece in expected):
                    problems.append(f"{name}: {text!r} -> {reply[:200]!r}, expected one of {expected}")
        assert not problems, "the bot did not answer the scripted conversations as the test assumes:\n" + \
            "\n".join(problems)
        copy_conversations(bot.log_dir / "conversations.db", senders, self.db)

    def report(self) -> dict:
        self.day = today()
        self.result = run_insights("report", "--since", self.day, "--until", self.day, url=self.url, out_dir=self.out)
        assert self.result.returncode == 0, self.result.stderr
        return json.loads((self.out / f"report-{self.day}.json").read_text(encoding="utf-8"))

    def output(self, suffix: str) -> str:
        name = ("report-" if suffix in ("html", "json") else "unanswered-") + f"{self.day}.{suffix}"
        return (self.out / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def filled(tmp_path_factory, shared_bot) -> FilledStore:
    if os.environ.get("BOT_URL"):
        pytest.skip("the store of servers started elsewhere is not known here")
    store = FilledStore(tmp_path_factory.mktemp("report-store"))
    store.fill(shared_bot)
    return store


@pytest.fixture(scope="session")
def report(filled) -> dict:
    return filled.report()
