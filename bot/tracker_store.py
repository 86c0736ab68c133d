"""Rasa's SQL tracker store for both profiles (bot/endpoints.yml: SQLite; bot/endpoints.scale-out.yml: PostgreSQL).

- SQLite: the database file's folder is created if missing (default var/data/conversations.db, from
  scripts/profile-env.sh).
- SQLite runs in WAL mode with synchronous=NORMAL: a turn's commit appends to the log instead of rewriting the
  file with two fsyncs (~4 ms a turn here), over a small pool of open connections (not one opened per session).
  A crash of the server loses no committed turn; a power cut can lose the last turns before the log's next
  checkpoint (PostgreSQL, the scale-out profile, keeps its own setting).
- `session_expiration_minutes` (TRACKER's endpoints key; empty = the domain's session_config) sets the idle
  time after which a new session starts.
- `max_events_replayed` (default 48) bounds what one turn costs in a long session. Rasa's store loads and replays
  every event of the current session on every message, and the policies and the custom actions then walk the
  whole tracker, so turn 200 cost many times turn 1. Every save here also stores the tracker's state after its
  last event (slot values, active loop, pause; table `tracker_snapshots`, same transaction). A turn of a session
  longer than the cap replays only the events after the oldest snapshot among the session's last
  `max_events_replayed` events, preceded by SlotSet (ActiveLoop, ConversationPaused) events that restore that
  snapshot: the same state, event by event, as the full replay gives there. With no such snapshot (rows written by
  another program) the whole session is replayed, as Rasa does. The events table keeps every event; only what is
  replayed is bounded. bot/retention.py deletes a conversation's snapshots with its events.
"""
import itertools
import json
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Text, Union

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain, SessionConfig
from rasa.shared.core.events import ActiveLoop, ConversationPaused, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.orm import declarative_base

DEFAULT_MAX_EVENTS_REPLAYED = 48
SNAPSHOT_TABLE = "tracker_snapshots"
SNAPSHOT_TABLE_LOCK = 0x76786A6F  # any constant the instances share
# How many of a tracker's events are stored, set by this store on the trackers it retrieves and saves.
_STORED = "_vaxjo_stored_events"

SnapshotBase: Any = declarative_base()


class TrackerSnapshot(SnapshotBase):
    """A conversation's state after its event `event_id` (the last of one save), restored before a bounded replay."""

    __tablename__ = SNAPSHOT_TABLE
    sender_id = sa.Column(sa.String(255), primary_key=True)
    event_id = sa.Column(sa.Integer, primary_key=True)
    state = sa.Column(sa.Text, nullable=False)


def _minutes(value: Union[None, int, float, Text]) -> Optional[float]:
    if value is None or str(value).strip() == "":
        return None
    minutes = float(value)
    if minutes < 0:
        raise ValueError(f"session_expiration_minutes must be >= 0, not {value!r}")
    return minutes


def _sqlite_write_ahead_log(connection: Any, _: Any) -> None:
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")


def _pooled_sqlite_engine(url: Any) -> sa.engine.Engine:
    """SQLAlchemy 1.4 gives a SQLite file no pool: every session opened a connection (and set the two pragmas)
    and closed it, ~2 connections and ~2 ms a message. Kept open here; WAL lets other processes (a second worker,
    `make report`, `make purge`) read and write the file meanwhile."""
    engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, pool_size=2, max_overflow=8, pool_pre_ping=False,
                              connect_args={"check_same_thread": False})
    sa.event.listen(engine, "connect", _sqlite_write_ahead_log)
    return engine


def _max_events(value: Union[None, int, Text]) -> int:
    if value is None or str(value).strip() == "":
        return DEFAULT_MAX_EVENTS_REPLAYED
    count = int(str(value).strip())
    if count < 0 or 0 < count < 8:
        raise ValueError(f"max_events_replayed must be 0 (no cap) or at least 8, not {value!r}")
    return count


def tracker_state(tracker: DialogueStateTracker) -> Dict[Text, Any]:
    """What a bounded replay must restore: slot values that differ from the initial ones, the loop, the pause."""
    slots = {name: slot.value for name, slot in tracker.slots.items() if slot.value != slot.initial_value}
    return {"slots": slots, "active_loop": tracker.active_loop_name, "paused": tracker.is_paused()}


def state_events(state: Dict[Text, Any], timestamp: Optional[float]) -> List[Dict[Text, Any]]:
    restored: List[Any] = [SlotSet(name, value, timestamp=timestamp) for name, value in state["slots"].items()]
    if state.get("active_loop"):
        restored.append(ActiveLoop(state["active_loop"], timestamp=timestamp))
    if state.get("paused"):
        restored.append(ConversationPaused(timestamp=timestamp))
    return [event.as_dict() for event in restored]


def _create_snapshot_table(engine: sa.engine.Engine) -> None:
    """Several instances (and their Sanic workers) start at once on an empty database: on PostgreSQL two concurrent
    CREATE TABLEs collide in the catalog and one process would die, so they take turns (a transaction lock)."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": SNAPSHOT_TABLE_LOCK})
        SnapshotBase.metadata.create_all(connection)


class VaxjoSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Optional[Domain] = None, dialect: Text = "sqlite", host: Optional[Text] = None,
                 db: Text = "var/data/conversations.db", event_broker: Optional[EventBroker] = None,
                 session_expiration_minutes: Union[None, int, float, Text] = None,
                 max_events_replayed: Union[None, int, Text] = None, **kwargs: Any) -> None:
        self._session_expiration_minutes = _minutes(session_expiration_minutes)
        self.max_events_replayed = _max_events(max_events_replayed)
        if dialect == "sqlite" and db:
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        super().__init__(domain=domain, dialect=dialect, host=host or None, db=db, event_broker=event_broker,
                         **kwargs)
        if self.engine.dialect.name == "sqlite":
            self.engine.dispose()
            self.engine = _pooled_sqlite_engine(self.engine.url)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        _create_snapshot_table(self.engine)
        self.domain = self._domain

    @property
    def domain(self) -> Domain:
        return self._domain

    @domain.setter
    def domain(self, domain: Optional[Domain]) -> None:
        domain = domain or Domain.empty()
        minutes = getattr(self, "_session_expiration_minutes", None)
        if minutes is not None:
            domain.session_config = SessionConfig(minutes, domain.session_config.carry_over_slots)
        self._domain = domain

    # --- loading: the current session, at most max_events_replayed of its events -----------------------------------
    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        if not self.max_events_replayed:
            return self._stored(await super().retrieve(sender_id))
        with self.session_scope() as session:
            newest_first = (self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
                            .order_by(None).order_by(self.SQLEvent.id.desc())
                            .limit(self.max_events_replayed + 1).all())
            if not newest_first:
                return None
            rows = newest_first[::-1]
            prefix: List[Dict[Text, Any]] = []
            if len(rows) > self.max_events_replayed:  # the session is longer than the cap
                snapshot = (session.query(TrackerSnapshot)
                            .filter(TrackerSnapshot.sender_id == sender_id,
                                    TrackerSnapshot.event_id >= rows[0].id, TrackerSnapshot.event_id < rows[-1].id)
                            .order_by(TrackerSnapshot.event_id).first())
                if snapshot is None:
                    return self._stored(await super().retrieve(sender_id))
                rows = [row for row in rows if row.id > snapshot.event_id]
                prefix = state_events(json.loads(snapshot.state), rows[0].timestamp)
            events = prefix + [json.loads(row.data) for row in rows]
        return self._stored(DialogueStateTracker.from_dict(sender_id, events, self.domain.slots))

    @staticmethod
    def _stored(tracker: Optional[DialogueStateTracker]) -> Optional[DialogueStateTracker]:
        if tracker is not None:  # the restored prefix counts as stored: it is never saved
            setattr(tracker, _STORED, len(tracker.events))
        return tracker

    # --- saving: only the new events, and the state after them ---------------------------------------------------------
    def _new_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = getattr(tracker, _STORED, None)
        if stored is None:  # a tracker this store did not load (e.g. a new one): Rasa's count of stored events
            return self._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        if self.event_broker is None:
            return None
        with self.session_scope() as session:
            new_events = list(self._new_events(session, tracker))
        await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = []
            for event in self._new_events(session, tracker):
                data = event.as_dict()
                rows.append(self.SQLEvent(sender_id=tracker.sender_id, type_name=event.type_name,
                                          timestamp=data.get("timestamp"),
                                          intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                                          action_name=data.get("name"), data=json.dumps(data)))
            if rows:
                session.add_all(rows)
                session.flush()  # gives the rows their ids
                session.add(TrackerSnapshot(sender_id=tracker.sender_id, event_id=rows[-1].id,
                                              state=json.dumps(tracker_state(tracker))))
            session.commit()
        setattr(tracker, _STORED, len(tracker.events))
