"""Rasa's SQL tracker store for both profiles (bot/endpoints.yml: SQLite; bot/endpoints.scale-out.yml: PostgreSQL).

- SQLite: the database file's folder is created if missing (default var/data/conversations.db, from
  scripts/profile-env.sh).
- `session_expiration_minutes` (TRACKER's endpoints key; empty = the domain's session_config) sets the idle
  time after which a new session starts, which also keeps the events loaded per turn few.
"""
from pathlib import Path
from typing import Any, Optional, Text, Union

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain, SessionConfig


def _minutes(value: Union[None, int, float, Text]) -> Optional[float]:
    if value is None or str(value).strip() == "":
        return None
    minutes = float(value)
    if minutes < 0:
        raise ValueError(f"session_expiration_minutes must be >= 0, not {value!r}")
    return minutes


class VaxjoSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Optional[Domain] = None, dialect: Text = "sqlite", host: Optional[Text] = None,
                 db: Text = "var/data/conversations.db", event_broker: Optional[EventBroker] = None,
                 session_expiration_minutes: Union[None, int, float, Text] = None, **kwargs: Any) -> None:
        self._session_expiration_minutes = _minutes(session_expiration_minutes)
        if dialect == "sqlite" and db:
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        super().__init__(domain=domain, dialect=dialect, host=host or None, db=db, event_broker=event_broker,
                         **kwargs)
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
