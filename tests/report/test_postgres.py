"""The scale-out profile: the same report from PostgreSQL (TRACKER_STORE_URL), if a server is reachable.

Copies the events of the filled SQLite store into a database of its own (dropped afterwards). Set
REPORT_TEST_POSTGRES (default postgresql://postgres@127.0.0.1:5432/postgres, as scripts/ensure-services.sh
provides) to an account that may create databases.
"""
import json
import os
import sqlite3
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tests.report.conftest import run_insights

ADMIN_URL = os.environ.get("REPORT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture
def postgres_copy(filled, report):
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        admin.connect().close()
    except Exception as error:
        admin.dispose()
        pytest.skip(f"no PostgreSQL at {make_url(ADMIN_URL).render_as_string(hide_password=True)}: {error}")
    name = f"insights_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    engine = sa.create_engine(url)
    try:
        rows = sqlite3.connect(filled.db).execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id").fetchall()
        with engine.begin() as connection:  # the schema of Rasa's SQLTrackerStore
            connection.execute(sa.text(
                "CREATE TABLE events (id SERIAL PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, type_name VARCHAR(255) "
                "NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"))
            connection.execute(sa.text("INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, "
                                       "data) VALUES (:s, :t, :ts, :i, :a, :d)"),
                               [dict(zip(("s", "t", "ts", "i", "a", "d"), row)) for row in rows])
        yield url
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def test_same_numbers_from_postgresql(postgres_copy, filled, report, tmp_path):
    result = run_insights("report", "--since", filled.day, "--until", filled.day, url=None, out_dir=tmp_path,
                          env={"TRACKER_STORE_URL": postgres_copy})
    assert result.returncode == 0, result.stderr
    from_postgres = json.loads((tmp_path / f"report-{filled.day}.json").read_text(encoding="utf-8"))
    assert from_postgres["source"].startswith("postgresql://")
    for key in ("source", "generated_at"):
        from_postgres.pop(key)
    assert from_postgres == {key: value for key, value in report.items() if key not in ("source", "generated_at")}
    assert (tmp_path / f"unanswered-{filled.day}.yml").read_text(encoding="utf-8") == filled.output("yml")
