"""Reads the events of Rasa's SQL tracker store (table `events`), SQLite or PostgreSQL, for a period."""
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import sqlalchemy as sa
from sqlalchemy.engine import make_url

DEFAULT_URL = "sqlite:///var/data/conversations.db"
# Only these events matter for the report; the rest (featurization, action_listen ...) are skipped in SQL.
EVENT_TYPES = ("user", "bot", "slot", "session_started")


@dataclass
class Event:
    sender_id: str
    type_name: str
    timestamp: float
    intent_name: Optional[str] = None
    action_name: Optional[str] = None
    data: Dict[str, Any] = field(default_factory=dict)


def store_url(url: Optional[str] = None) -> str:
    return url or os.environ.get("TRACKER_STORE_URL") or DEFAULT_URL


def safe_url(url: str) -> str:
    """The URL without its password, for messages and the report."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy understands: show it as given
        return url


def missing_sqlite_file(url: str) -> Optional[Path]:
    """The SQLite file the URL names, if it does not exist (SQLAlchemy would silently create it)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def load_events(url: str, since_ts: float, until_ts: float) -> List[Event]:
    """Events with since_ts <= timestamp < until_ts, per conversation in the order they happened.

    A missing SQLite file or a store without the `events` table (no conversation yet) gives no events.
    """
    if missing_sqlite_file(url):
        return []
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table("events"):
            return []
        events = sa.table("events", sa.column("id"), sa.column("sender_id"), sa.column("type_name"),
                          sa.column("timestamp"), sa.column("intent_name"), sa.column("action_name"),
                          sa.column("data"))
        query = (sa.select(events.c.sender_id, events.c.type_name, events.c.timestamp, events.c.intent_name,
                           events.c.action_name, events.c.data)
                 .where(events.c.type_name.in_(EVENT_TYPES))
                 .where(events.c.timestamp >= since_ts, events.c.timestamp < until_ts)
                 .order_by(events.c.sender_id, events.c.id))
        with engine.connect() as connection:
            return [Event(row.sender_id, row.type_name, row.timestamp or 0.0, row.intent_name, row.action_name,
                          _json(row.data)) for row in connection.execute(query)]
    finally:
        engine.dispose()


def _json(text: Optional[str]) -> Dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
