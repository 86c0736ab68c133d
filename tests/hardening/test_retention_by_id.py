"""`make purge ID=<conversation id>` deletes exactly that conversation, whatever its age (a visitor's deletion
request), on a real SQLite file and a real PostgreSQL database; an unknown id deletes nothing and says so."""
import os
import subprocess
import sys

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from tests.hardening.test_retention import (  # noqa: F401 - postgres_url is a fixture
    _save_conversations,
    _senders,
    postgres_url,
    saved_in_postgres,
)
from tests.servers import ROOT


def _run(command, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "TRACKER_STORE_URL": url})


def _purge_id(url: str, conversation: str, *args: str) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "bot.retention", "purge", "--id", conversation, *args], url)


def _check(url: str, purge=_purge_id) -> None:
    before = _senders(url)
    dry = purge(url, "today", "--dry-run")
    assert dry.returncode == 0 and "Would delete conversation 'today'" in dry.stdout, dry.stdout + dry.stderr
    assert _senders(url) == before

    done = purge(url, "today")  # the newest conversation: age does not matter
    assert done.returncode == 0 and "Deleted conversation 'today', 8 event(s)" in done.stdout, done.stdout + done.stderr
    assert _senders(url) == {sender: count for sender, count in before.items() if sender != "today"}

    unknown = purge(url, "today")
    assert unknown.returncode != 0 and "No conversation with id 'today'" in unknown.stderr, unknown.stdout
    prefix = purge(url, "old")  # an id is matched exactly, never as a prefix or pattern
    assert prefix.returncode != 0 and _senders(url) == {s: c for s, c in before.items() if s != "today"}


def test_sqlite_file_through_make(tmp_path):
    database = tmp_path / "conversations.db"
    _save_conversations(SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(database)))

    def make_purge(url, conversation, *args):
        dry = ["DRY_RUN=1"] if "--dry-run" in args else []
        return _run(["make", "--no-print-directory", "purge", f"ID={conversation}", *dry], url)

    _check(f"sqlite:///{database}", make_purge)
    assert b"today" not in database.read_bytes()  # secure_delete: the id does not linger in free pages


def test_postgresql(postgres_url):  # noqa: F811 - the fixture imported above
    url = saved_in_postgres(postgres_url)
    _check(url)
    empty = _purge_id(url, " ")
    assert empty.returncode == 1 and "conversation id is empty" in empty.stderr
