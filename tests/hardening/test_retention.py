"""`python -m bot.retention purge` deletes conversations whose latest event is older than the retention period,
on a real SQLite file and a real PostgreSQL database, with the schema Rasa's SQLTrackerStore creates."""
import asyncio
import os
import subprocess
import sys
import time
import uuid

import psycopg2
import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from tests.servers import ROOT

DAY = 86400
NOW = time.time()
# sender -> age in days of each event; a conversation is kept while its latest event is within the period.
CONVERSATIONS = {
    "old-a": [95, 94.9], "old-b": [40, 39.99], "just-old": [31, 30.5],
    "new-a": [1, 0.9], "long-running": [60, 2], "today": [0.01, 0],
}
PG_DATABASE = "vaxjo_retention_test"


def _save_conversations(store: SQLTrackerStore) -> None:
    async def save():
        for sender, ages in CONVERSATIONS.items():
            events = []
            for age in ages:
                stamp = NOW - age * DAY
                events += [UserUttered("hej", {"intent": {"name": "greet"}}, timestamp=stamp),
                           ActionExecuted("utter_greet", timestamp=stamp), BotUttered("Hej!", timestamp=stamp),
                           ActionExecuted("action_listen", timestamp=stamp)]
            await store.save(DialogueStateTracker.from_events(sender, events))

    asyncio.run(save())


def _senders(url: str):
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return {row[0]: row[1] for row in connection.execute(
                sa.text("SELECT sender_id, COUNT(*) FROM events GROUP BY sender_id"))}
    finally:
        engine.dispose()


def _purge(url: str, *args: str, env=None) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "bot.retention", "purge", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT),
                                                         "TRACKER_STORE_URL": url, **(env or {})})
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _check(url: str) -> None:
    before = _senders(url)
    assert set(before) == set(CONVERSATIONS)
    dry = _purge(url, "--dry-run")
    assert "Would delete 3 conversation(s), 24 event(s)" in dry.stdout, dry.stdout
    assert _senders(url) == before
    done = _purge(url)  # default: 30 days
    assert "Deleted 3 conversation(s), 24 event(s)" in done.stdout, done.stdout
    assert _senders(url) == {sender: before[sender] for sender in ("new-a", "long-running", "today")}
    again = _purge(url, "--days", "1.5")
    assert "Deleted 1 conversation(s)" in again.stdout and set(_senders(url)) == {"new-a", "today"}
    env_days = _purge(url, env={"RETENTION_DAYS": "0.5"})
    assert "Deleted 1 conversation(s)" in env_days.stdout and set(_senders(url)) == {"today"}


def test_sqlite_file(tmp_path):
    database = tmp_path / "conversations.db"
    _save_conversations(SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(database)))
    _check(f"sqlite:///{database}")
    # The deleted text does not linger in the file's free pages.
    assert b"old-a" not in database.read_bytes()


def test_missing_sqlite_file_is_not_created(tmp_path):
    result = _purge(f"sqlite:///{tmp_path / 'none.db'}")
    assert "Deleted 0 conversation(s)" in result.stdout and not (tmp_path / "none.db").exists()


def test_the_default_database_is_the_profiles_sqlite_file(tmp_path):
    database = tmp_path / "conversations.db"
    _save_conversations(SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(database)))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRACKER_SQLITE_PATH": str(database)}
    env.pop("TRACKER_STORE_URL", None)
    result = subprocess.run([sys.executable, "-m", "bot.retention", "purge"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, env=env)
    assert "Deleted 3 conversation(s)" in result.stdout, result.stdout + result.stderr


@pytest.fixture
def postgres_url():
    errors = []
    for user in filter(None, [os.environ.get("PGUSER"), "postgres", "root"]):
        try:
            admin = psycopg2.connect(host="127.0.0.1", port=5432, dbname="test", user=user)
            break
        except psycopg2.OperationalError as error:
            errors.append(f"{user}: {error}")
    else:
        pytest.fail(f"cannot reach PostgreSQL on 127.0.0.1:5432 (run scripts/ensure-services.sh): {errors}")
    admin.autocommit = True
    database = f"{PG_DATABASE}_{uuid.uuid4().hex[:6]}"
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{database}"')
    try:
        yield user, database, f"postgresql://{user}@127.0.0.1:5432/{database}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()


def saved_in_postgres(postgres_url) -> str:
    """The conversations saved by Rasa's SQLTrackerStore into the fixture's database; returns its URL."""
    user, database, url = postgres_url
    store = SQLTrackerStore(Domain.empty(), dialect="postgresql", host="127.0.0.1", port=5432, db=database,
                            username=user)
    _save_conversations(store)
    store.engine.dispose()
    return url


def test_postgresql(postgres_url):
    _check(saved_in_postgres(postgres_url))
