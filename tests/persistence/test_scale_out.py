"""The scale-out profile on real PostgreSQL and Redis: two Rasa servers (one with two Sanic workers) share
the conversations, and one action server serves both. Turns of 24 concurrent conversations alternate
between the instances; every follow-up keeps its context and PostgreSQL holds every event, in order. Turns of
one conversation sent at the same instant, to both instances or through nginx, all run, one after the other.

Needs PostgreSQL on 127.0.0.1:5432 (trust, database `test`) and Redis on 127.0.0.1:6379:
`bash scripts/ensure-services.sh`. Uses its own database (vaxjo_persistence_test, dropped before and after)
and its own Redis key prefix; ports 31005/31006 (Rasa), 31055 (actions) and 30080 (nginx, Debian's
`nginx-light` or `nginx`, running deploy/nginx/vaxjo-assistant.conf: tests/persistence/nginx.py).
"""
import os
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import pytest
import redis
import requests

from tests.persistence.conversations import (
    CONVERSATIONS,
    assert_context_needed,
    assert_events_complete,
    load_events,
    turn_problems,
)
from tests.persistence.nginx import Nginx
from tests.persistence.processes import rasa_server_processes
from tests.servers import ROOT, RunningBot, answers, start_group, stop_group, wait_until

PG_HOST, PG_PORT, REDIS_HOST, REDIS_PORT = "127.0.0.1", 5432, "127.0.0.1", 6379
DATABASE = "vaxjo_persistence_test"
RASA_PORTS, ACTION_PORT, NGINX_PORT = (31005, 31006), 31055, 30080  # below the ephemeral range: no client socket holds them
WORKERS = (2, 1)  # Sanic workers of each instance
REDIS_DB = 1


def _admin_connection():
    errors = []
    for user in filter(None, [os.environ.get("PGUSER"), "postgres", "root"]):
        try:
            connection = psycopg2.connect(host=PG_HOST, port=PG_PORT, dbname="test", user=user)
            connection.autocommit = True
            return connection, user
        except psycopg2.OperationalError as error:
            errors.append(f"{user}: {error}")
    pytest.fail(f"cannot reach PostgreSQL (run scripts/ensure-services.sh): {errors}")


def _recreate_database(connection, drop_only=False):
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        if not drop_only:
            cursor.execute(f'CREATE DATABASE "{DATABASE}"')


class Cluster:
    def __init__(self, bots, pg_user, key_prefix):
        self.bots, self.pg_user, self.key_prefix = bots, pg_user, key_prefix

    def events(self, sender):
        with psycopg2.connect(host=PG_HOST, port=PG_PORT, dbname=DATABASE, user=self.pg_user) as connection:
            with connection.cursor() as cursor:
                cursor.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
                return load_events(cursor.fetchall())


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, model_snapshot):
    admin, pg_user = _admin_connection()
    redis.Redis(host=REDIS_HOST, port=REDIS_PORT).ping()
    _recreate_database(admin)
    key_prefix = f"vaxjotest{uuid.uuid4().hex[:8]}"
    logs = tmp_path_factory.mktemp("scale-out")
    env = {
        "VAXJO_PROFILE": "scale-out", "START_ACTION_SERVER": "0", "MODEL": str(model_snapshot), "DEMO_PORT": "0",
        "ACTION_ENDPOINT_URL": f"http://localhost:{ACTION_PORT}/webhook",
        "TRACKER_DB_HOST": PG_HOST, "TRACKER_DB_PORT": str(PG_PORT), "TRACKER_DB_NAME": DATABASE,
        "TRACKER_DB_USER": pg_user, "TRACKER_DB_PASSWORD": "",
        "REDIS_HOST": REDIS_HOST, "REDIS_PORT": str(REDIS_PORT), "REDIS_DB": str(REDIS_DB), "REDIS_PASSWORD": "",
        "REDIS_KEY_PREFIX": key_prefix,
    }
    # The action server runs as its own pool (of one here), as in deploy/k8s: both Rasa servers call it.
    actions = start_group([str(ROOT / ".venv" / "bin" / "rasa"), "run", "actions", "--actions", "actions",
                           "--port", str(ACTION_PORT)], logs / "actions.log", {**os.environ, "PYTHONPATH": str(ROOT)},
                          "action server")
    bots = [RunningBot(port, ACTION_PORT, log_dir=logs / f"rasa-{port}", env={**env, "SANIC_WORKERS": str(workers)})
            for port, workers in zip(RASA_PORTS, WORKERS)]
    try:
        for bot in bots:  # all three load at the same time
            bot.launch()
        wait_until(lambda: answers(f"http://localhost:{ACTION_PORT}/health"), actions, "the action server",
                   logs / "actions.log", 60)
        for bot in bots:
            bot.ready(timeout=420)
        yield Cluster(bots, pg_user, key_prefix)
    finally:
        for bot in bots:
            bot.kill(hard=False)
        stop_group(actions)
        client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB)
        for key in client.scan_iter(f"{key_prefix}:*"):
            client.delete(key)
        _recreate_database(admin, drop_only=True)
        admin.close()


def test_both_instances_run_the_scale_out_profile(cluster):
    for bot, workers in zip(cluster.bots, WORKERS):
        serve_log = (bot.log_dir / "serve.log").read_text()
        assert "scale-out profile" in serve_log, serve_log[-2000:]
        # Sanic's main process plus one process per worker (a single worker runs in the main process)
        expected = 1 if workers == 1 else workers + 1
        assert len(rasa_server_processes(bot.process.pid)) == expected, rasa_server_processes(bot.process.pid)
    assert_context_needed(cluster.bots[0].send, cluster.bots[0].new_sender)


def test_concurrent_conversations_alternate_between_instances(cluster):
    scripts = [conversation for _ in range(4) for conversation in CONVERSATIONS]  # 24 conversations
    assert len(scripts) >= 20

    def run(index):
        sender = f"scale-{index}-{uuid.uuid4().hex[:8]}"
        exchanges, failures, instances = [], [], []
        for number, turn in enumerate(scripts[index]["turns"]):
            bot = cluster.bots[(index + number) % 2]  # every next turn goes to the other instance
            reply = bot.send(sender, turn["q"])
            exchanges.append((turn["q"], reply))
            instances.append(bot.rasa_port)
            failures += [f"{scripts[index]['name']} / {turn['q']!r} on {bot.rasa_port}: {p}"
                         for p in turn_problems(reply, turn)]
        return sender, exchanges, failures, instances

    with ThreadPoolExecutor(max_workers=len(scripts)) as pool:
        results = list(pool.map(run, range(len(scripts))))

    failures = [failure for _, _, found, _ in results for failure in found]
    assert not failures, "\n".join(failures)
    for sender, exchanges, _, instances in results:
        assert set(instances) == set(RASA_PORTS)
        assert_events_complete(cluster.events(sender), exchanges)


def test_turns_of_one_conversation_wait_for_the_shared_redis_lock(cluster):
    from rasa.core.lock_store import RedisLockStore

    store = RedisLockStore(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB, key_prefix=cluster.key_prefix)
    sender = cluster.bots[0].new_sender()
    # Another instance (simulated) is busy with this conversation for 5 s: both instances must wait for it.
    ticket = store.issue_ticket(sender, lock_lifetime=5)
    started = time.monotonic()
    reply = cluster.bots[1].send(sender, CONVERSATIONS[0]["turns"][0]["q"])
    waited = time.monotonic() - started
    store.finish_serving(sender, ticket)
    assert waited >= 3.5, f"the reply came after {waited:.1f} s: the instance did not wait for the Redis lock"
    exchanges = [(CONVERSATIONS[0]["turns"][0]["q"], reply)]

    # Two turns of the same conversation at the same instant, one on each instance: with atomic tickets
    # (bot/lock_store.py) they run one after the other, whichever wins, and each is stored complete.
    turns = CONVERSATIONS[0]["turns"][1:3]
    barrier = threading.Barrier(2)

    def send_at_once(index):
        barrier.wait()
        return cluster.bots[index].send(sender, turns[index]["q"])

    with ThreadPoolExecutor(max_workers=2) as pool:
        replies = list(pool.map(send_at_once, range(2)))
    events = cluster.events(sender)
    stored_order = [event["text"] for event in events if event["event"] == "user"][1:]
    assert sorted(stored_order) == sorted(turn["q"] for turn in turns), stored_order
    by_message = {turn["q"]: reply for turn, reply in zip(turns, replies)}
    exchanges += [(message, by_message[message]) for message in stored_order]
    assert_events_complete(events, exchanges)  # not interleaved: each turn complete before the next one


@pytest.fixture(scope="module")
def nginx(cluster, tmp_path_factory):
    proxy = Nginx(RASA_PORTS, NGINX_PORT, tmp_path_factory.mktemp("nginx")).start()
    yield proxy
    proxy.stop()


def _post(url, sender, text):
    return requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120)


def test_simultaneous_turns_of_one_conversation_through_nginx_lose_no_event(cluster, nginx):
    sender = cluster.bots[0].new_sender()
    first = CONVERSATIONS[0]["turns"][0]["q"]
    exchanges = [(first, _post(nginx.url, sender, first).json())]
    # Independent questions (no follow-ups: their order is whichever turn gets the lock first), all at once.
    questions = [conversation["turns"][0]["q"] for conversation in CONVERSATIONS][1:] + ["hej", "tack"]
    barrier = threading.Barrier(len(questions))

    def send_at_once(question):
        barrier.wait()
        response = _post(nginx.url, sender, question)
        assert response.status_code == 200, (question, response.status_code, response.text[:300])
        return response.json()

    with ThreadPoolExecutor(max_workers=len(questions)) as pool:
        replies = dict(zip(questions, pool.map(send_at_once, questions)))
    assert set(nginx.upstreams()[-len(questions):]) == {f"127.0.0.1:{port}" for port in RASA_PORTS}, \
        "nginx did not spread the simultaneous turns over both instances"
    events = cluster.events(sender)
    stored_order = [event["text"] for event in events if event["event"] == "user"][1:]
    assert sorted(stored_order) == sorted(questions), stored_order
    assert all(replies[question] for question in questions), replies
    assert_events_complete(events, exchanges + [(question, replies[question]) for question in stored_order])


def test_nginx_rate_limit_answers_429_and_nothing_is_stored(cluster, nginx):
    time.sleep(3)  # the limit's bucket (10 requests/s, burst 20) empties after the previous test
    senders = [f"limit-{index}-{uuid.uuid4().hex[:8]}" for index in range(40)]
    barrier = threading.Barrier(len(senders))

    def send_at_once(sender):
        barrier.wait()
        return _post(nginx.url, sender, "hej").status_code

    with ThreadPoolExecutor(max_workers=len(senders)) as pool:
        statuses = dict(zip(senders, pool.map(send_at_once, senders)))
    limited = [sender for sender, status in statuses.items() if status == 429]
    answered = [sender for sender, status in statuses.items() if status == 200]
    assert len(limited) + len(answered) == len(senders), statuses
    assert 10 <= len(limited) <= 25 and answered, f"{len(limited)} of {len(senders)} limited"
    for sender in limited:
        assert cluster.events(sender) == [], f"{sender} was refused with 429 but has stored events"
    for sender in answered:
        assert [event["text"] for event in cluster.events(sender) if event["event"] == "user"] == ["hej"]
