"""A tracker store filled by real conversations through the running bot, and the report made from it."""
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

from tests.servers import ROOT, RunningBot

RASA_PORT, ACTION_PORT = 55005, 55055
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

    def fill(self) -> None:
        endpoints = self.directory / "endpoints.yml"
        endpoints.write_text(
            f"action_endpoint:\n  url: http://localhost:{ACTION_PORT}/webhook\n"
            f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {self.db}\n")
        bot = RunningBot(RASA_PORT, ACTION_PORT, self.directory / "log", env={"ENDPOINTS_FILE": str(endpoints)})
        bot.start()
        try:
            problems = []
            for name, turns in CONVERSATIONS.items():
                sender = f"{name}-{bot.new_sender()}"
                for text, expected in turns:
                    texts = [message.get("text") or "" for message in bot.send(sender, text)]
                    self.replies.setdefault(name, []).append(texts)
                    reply = "\n".join(texts)
                    if not any(piece in reply for piece in expected):
                        problems.append(f"{name}: {text!r} -> {reply[:200]!r}, expected one of {expected}")
            assert not problems, "the bot did not answer the scripted conversations as the test assumes:\n" + \
                "\n".join(problems)
        finally:
            bot.stop()

    def report(self) -> dict:
        self.day = today()
        self.result = run_insights("report", "--since", self.day, "--until", self.day, url=self.url, out_dir=self.out)
        assert self.result.returncode == 0, self.result.stderr
        return json.loads((self.out / f"report-{self.day}.json").read_text(encoding="utf-8"))

    def output(self, suffix: str) -> str:
        name = ("report-" if suffix in ("html", "json") else "unanswered-") + f"{self.day}.{suffix}"
        return (self.out / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def filled(tmp_path_factory) -> FilledStore:
    store = FilledStore(tmp_path_factory.mktemp("report-store"))
    store.fill()
    return store


@pytest.fixture(scope="session")
def report(filled) -> dict:
    return filled.report()
