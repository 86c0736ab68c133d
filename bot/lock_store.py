"""Lock stores whose every ticket change is atomic, so turns of one conversation never run at the same time.

Rasa 3.6's lock stores change a conversation's TicketLock with a read-modify-write (get, change, set). Two
instances (or Sanic workers) asking for a ticket in the same instant can both read "no ticket", both get ticket 1
and answer at once; one turn's events are then lost or interleaved. `cleanup` likewise deletes a lock that another
turn has just taken a ticket from. Here every change (issue, expire, finish, clean up) is one transaction:

- AtomicRedisLockStore (scale-out profile): WATCH/MULTI on the lock's key, retried when another client changed it;
- SQLiteLockStore (default profile with several Sanic workers): one `BEGIN IMMEDIATE` transaction in a SQLite file
  all workers of the machine share; nothing to install.

Both keep Rasa's TicketLock and its JSON form, so the waiting logic (LockStore.lock) is Rasa's own.
"""
import json
import os
import sqlite3
from pathlib import Path
from typing import Any, Callable, Optional, Text, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

Result = TypeVar("Result")
# A change gets the current lock (None if there is none) and returns the lock to store (None: delete) and a result.
Change = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], Result]]


class AtomicTickets(LockStore):
    """LockStore's ticket operations, each done as one atomic change (see `_change`)."""

    def _change(self, conversation_id: Text, change: Change) -> Result:
        raise NotImplementedError

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: Optional[TicketLock]) -> Tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}")

    def update_lock(self, conversation_id: Text) -> None:
        def expire(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, expire)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self._change(conversation_id, _without_ticket(ticket_number, drop_if_unused=False))

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        self._change(conversation_id, _without_ticket(ticket_number, drop_if_unused=True))


def _without_ticket(ticket_number: int, drop_if_unused: bool) -> Change:
    """The change that removes a served ticket; with `drop_if_unused` the lock goes too when nobody waits."""
    def finish(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
        if lock:
            lock.remove_ticket_for(ticket_number)
        if drop_if_unused and not (lock and lock.is_someone_waiting()):
            return None, None
        return lock, None
    return finish


class AtomicRedisLockStore(AtomicTickets, RedisLockStore):
    """Rasa's RedisLockStore (same settings, keys and values) with atomic ticket changes.

    bot/endpoints.scale-out.yml: `lock_store: {type: bot.lock_store.AtomicRedisLockStore, url: ..., port: ...}`.
    """

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **settings: Any) -> None:
        if endpoint_config is not None:  # as Rasa creates a custom lock store; `url` is Redis' host
            settings = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        settings.pop("type", None)
        super().__init__(**settings)

    def _change(self, conversation_id: Text, change: Change) -> Result:
        key = self.key_prefix + conversation_id
        outcome = []

        def attempt(pipe: Any) -> None:  # redis-py retries it when the watched key changed before EXEC
            stored = pipe.get(key)
            lock, result = change(TicketLock.from_dict(json.loads(stored)) if stored else None)
            pipe.multi()
            if lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, lock.dumps())
            outcome[:] = [result]

        self.red.transaction(attempt, key)
        return outcome[0]


class SQLiteLockStore(AtomicTickets):
    """Ticket locks in a SQLite file shared by the Sanic workers of one machine (default profile).

    bot/endpoints.yml: `lock_store: {type: bot.lock_store.SQLiteLockStore, db: ${LOCK_SQLITE_PATH}}`.
    """

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, db: Optional[Text] = None) -> None:
        path = db or (endpoint_config.kwargs.get("db") if endpoint_config else None) or os.environ.get("LOCK_SQLITE_PATH")
        if not path:
            raise ValueError("SQLiteLockStore needs `db`, the path of its SQLite file")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = str(path)
        connection = self._connect()
        try:
            connection.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
            connection.execute("CREATE TABLE IF NOT EXISTS locks (conversation_id TEXT PRIMARY KEY, lock TEXT NOT NULL)")
        finally:
            connection.close()
        super().__init__()

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: transactions are the explicit BEGIN IMMEDIATE below; waits up to 10 s for a writer.
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        # Locks live seconds and expire by themselves: losing the last ones in a power cut costs nothing, an fsync
        # on every ticket change would cost each turn milliseconds.
        connection.execute("PRAGMA synchronous=OFF")
        return connection

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        connection = self._connect()
        try:
            row = connection.execute("SELECT lock FROM locks WHERE conversation_id = ?", (conversation_id,)).fetchone()
        finally:
            connection.close()
        return TicketLock.from_dict(json.loads(row[0])) if row else None

    def delete_lock(self, conversation_id: Text) -> None:
        self._change(conversation_id, lambda lock: (None, None))

    def save_lock(self, lock: TicketLock) -> None:
        self._change(lock.conversation_id, lambda _: (lock, None))

    def _change(self, conversation_id: Text, change: Change) -> Result:
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")  # takes the write lock before reading: no one changes it meanwhile
            row = connection.execute("SELECT lock FROM locks WHERE conversation_id = ?", (conversation_id,)).fetchone()
            lock, result = change(TicketLock.from_dict(json.loads(row[0])) if row else None)
            if lock is None:
                connection.execute("DELETE FROM locks WHERE conversation_id = ?", (conversation_id,))
            else:
                connection.execute("INSERT OR REPLACE INTO locks (conversation_id, lock) VALUES (?, ?)",
                                   (conversation_id, lock.dumps()))
            connection.execute("COMMIT")
            return result
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()
