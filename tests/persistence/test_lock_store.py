"""bot/lock_store.py on real Redis and a real SQLite file: tickets asked for in the same instant by many clients
(threads with their own connections, and processes like Sanic workers) are all different, and the lock is deleted
only when nobody holds a ticket. Redis on 127.0.0.1:6379 (scripts/ensure-services.sh); a key prefix of its own."""
import multiprocessing
import threading
import uuid

import pytest
import redis

from bot.lock_store import AtomicRedisLockStore, SQLiteLockStore

CLIENTS = 24


def _redis_store(prefix):
    return AtomicRedisLockStore(host="127.0.0.1", port=6379, db=1, key_prefix=prefix)


@pytest.fixture()
def redis_prefix():
    try:
        redis.Redis(host="127.0.0.1", port=6379).ping()
    except redis.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379: bash scripts/ensure-services.sh")
    prefix = f"vaxjolocktest{uuid.uuid4().hex[:8]}"
    yield prefix
    client = redis.Redis(host="127.0.0.1", port=6379, db=1)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def _tickets_at_once(make_store, conversation):
    stores = [make_store() for _ in range(CLIENTS)]  # one connection each, as separate instances have
    barrier, tickets = threading.Barrier(CLIENTS), []

    def ask(store):
        barrier.wait()
        tickets.append(store.issue_ticket(conversation, 30))

    threads = [threading.Thread(target=ask, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return stores[0], tickets


def test_redis_tickets_asked_for_at_once_are_all_different(redis_prefix):
    store, tickets = _tickets_at_once(lambda: _redis_store(redis_prefix), "conversation")
    assert sorted(tickets) == list(range(CLIENTS))  # the first ticket is 0
    assert store.get_lock("conversation").now_serving == 0


def test_sqlite_tickets_asked_for_at_once_are_all_different(tmp_path):
    store, tickets = _tickets_at_once(lambda: SQLiteLockStore(db=str(tmp_path / "locks.db")), "conversation")
    assert sorted(tickets) == list(range(CLIENTS))  # the first ticket is 0


def _issue_in_process(path, barrier, queue):
    store = SQLiteLockStore(db=path)
    barrier.wait()
    queue.put([store.issue_ticket("conversation", 30) for _ in range(10)])


def test_sqlite_tickets_from_several_processes_are_all_different(tmp_path):
    path, processes = str(tmp_path / "locks.db"), 4
    context = multiprocessing.get_context("fork")  # as Sanic 21.12 starts its workers
    barrier, queue = context.Barrier(processes), context.Queue()
    workers = [context.Process(target=_issue_in_process, args=(path, barrier, queue)) for _ in range(processes)]
    for worker in workers:
        worker.start()
    tickets = [ticket for _ in workers for ticket in queue.get(timeout=60)]
    for worker in workers:
        worker.join(timeout=30)
    assert sorted(tickets) == list(range(processes * 10))


@pytest.mark.parametrize("kind", ["redis", "sqlite"])
def test_cleanup_keeps_the_lock_while_a_ticket_waits_and_deletes_it_after(kind, redis_prefix, tmp_path):
    store = _redis_store(redis_prefix) if kind == "redis" else SQLiteLockStore(db=str(tmp_path / "locks.db"))
    first, second = store.issue_ticket("c", 30), store.issue_ticket("c", 30)
    store.cleanup("c", first)
    assert store.get_lock("c").now_serving == second
    store.cleanup("c", second)
    assert store.get_lock("c") is None
