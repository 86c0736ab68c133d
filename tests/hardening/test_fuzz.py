"""Random, unicode, oversized and malformed requests over REST and socket.io (all to localhost), against the shared
bot: no 5xx, no crash, bounded memory, and a normal question afterwards still gets the right answer.

A few hundred seeded requests, not thousands: every kind of input below is sent (the test checks that each was),
several times over, while eight REST clients and four socket.io clients send at the same time."""
import asyncio
import json
import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import socketio

from tests.hardening.helpers import SocketClient, text_of, vushtrri_population

pytestmark = pytest.mark.slow
REST_REQUESTS, SOCKET_EVENTS = 480, 160
MAX_GROWTH_MB = 200
SEED = 20260427

ALPHABETS = ["abcdefghijklmnopqrstuvwxyzåäö ", "ÅÄÖéüß ", "Вушттри ", "维克舍 ", "😀🇸🇪👍🏽 ", "\u200b\u202e\ufeff",
             "\x00\x01\x1b\x7f", "0123456789-+ ", "{}[]\"'\\/<>&%$#@!?", "\ud800\udfff"]


def random_text(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.15:  # over the limit, up to 100,000 characters
        return rng.choice(ALPHABETS[:5]) * rng.randint(200, 20_000)
    if kind < 0.25:  # a real question with noise
        return rng.choice(["hur många bor i Vushtrri?", "how big is JB Marks?", "/ask_contact", "/nonexistent_intent",
                           "/greet{\"x\": " + "1" * 50 + "}", "19800101-1234 vem är kontaktperson?"]) + \
            "".join(rng.choice(ALPHABETS[rng.randrange(len(ALPHABETS))]) for _ in range(rng.randint(0, 20)))
    alphabet = "".join(rng.sample(ALPHABETS, rng.randint(1, 4)))
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300)))


def random_rest(rng: random.Random):
    """(kind of input, json body or None, raw bytes or None)"""
    kind = rng.random()
    sender = f"fuzz-{rng.randrange(200)}"
    if kind < 0.35:
        return "text", {"sender": sender, "message": random_text(rng),
                        "metadata": rng.choice([None, {"language": "en"}, {}])}, None
    if kind < 0.7:
        shapes = [[], {}, "x", 1.5, None, {"message": None}, {"sender": sender, "message": rng.randrange(10)},
                  {"sender": {"a": 1}, "message": "hej"}, {"sender": sender, "message": ["a"]},
                  {"sender": sender, "message": "hej", "metadata": "x" * rng.randint(0, 5000)},
                  {"sender": "s" * rng.randint(100, 3000), "message": "hej"},
                  {"sender": sender, "message": "hej", "metadata": {"k": ["v"] * rng.randint(0, 2000)}},
                  {"sender": sender, "message": "a", "input_channel": "x" * 3000}]
        shape = rng.randrange(len(shapes))
        return f"json {shape}", shapes[shape], None
    raws = [b"{", b"\xff\xfe\xfd", b'{"sender": "a", "message": "\\ud800"}', b"[" * 5000, b"nan",
            b'{"sender": "a", "message": "hej"' + b" " * rng.randint(0, 100),
            bytes(rng.randrange(256) for _ in range(rng.randint(0, 2000))),
            json.dumps({"sender": sender, "message": "å" * 300_000}).encode(), b"x" * rng.choice([10, 1_100_000])]
    raw = rng.randrange(len(raws))
    return f"raw {raw}", None, raws[raw]


REST_KINDS = 1 + 13 + 9  # free text, JSON shapes, raw bodies


def _rest_worker(url: str, seed: int, count: int, go: threading.Event):
    rng, statuses, session, kinds = random.Random(seed), [], requests.Session(), Counter()
    go.wait(120)
    for _ in range(count):
        kind, body, raw = random_rest(rng)
        kinds[kind] += 1
        try:
            if raw is None:
                response = session.post(url, json=body, timeout=120)
            else:
                response = session.post(url, data=raw, timeout=120, headers={"Content-Type": rng.choice(
                    ["application/json", "text/plain", "application/x-www-form-urlencoded"])})
            statuses.append(response.status_code)
        except requests.ConnectionError:  # the server may close a connection whose body is over its limit
            statuses.append(-1)
    return statuses, kinds


async def _socket_fuzz(url: str, seed: int, count: int, go: threading.Event) -> int:
    rng, sent = random.Random(seed), 0
    clients = []
    try:
        for _ in range(4):  # connected before the REST flood starts
            client = SocketClient(url, transports=["websocket"])
            clients.append((client, await client.start()))
    finally:
        go.set()
    for _ in range(count):
        index = rng.randrange(len(clients))
        client, session = clients[index]
        if not client.sio.connected:  # engine.io closes a connection that sent a message over 1 MB: reconnect
            client = SocketClient(url, transports=["websocket"])
            clients[index] = client, await client.start(session)
        kind = rng.random()
        if kind < 0.4:
            payload = {"message": random_text(rng), "session_id": session,
                       "customData": rng.choice([{"language": "en"}, "{bad json", [1], None, {"language": "x" * 3000}])}
        else:
            payload = rng.choice([None, "hej", 5, [1, 2], {"message": 5, "session_id": session}, {"message": "hej"},
                                  {"message": "hej", "session_id": ["s"]}, {"message": None, "session_id": session}])
        try:
            if rng.random() < 0.05:
                await client.sio.emit("session_request", rng.choice([None, "x", {"session_id": 5}, [1]]))
            else:
                await client.sio.emit("user_uttered", payload)
            sent += 1
        except socketio.exceptions.SocketIOError:
            pass
        await asyncio.sleep(rng.random() * 0.02)
    await asyncio.sleep(3)  # the answers to the last events
    for client, _ in clients:
        if client.sio.connected:
            await client.close()
    return sent


def test_fuzz(bot):
    for _ in range(5):  # warm up: caches and pools filled before the baseline
        bot.send(bot.new_sender(), "hur många bor i Vushtrri?")
    before = bot.rss_mb()
    started = time.monotonic()
    url = f"{bot.url}/webhooks/rest/webhook"
    go = threading.Event()
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(_rest_worker, url, SEED + i, REST_REQUESTS // 8, go) for i in range(8)]
        sent = asyncio.run(_socket_fuzz(bot.url, SEED, SOCKET_EVENTS, go))
        results = [future.result() for future in futures]
    statuses = [status for worker_statuses, _ in results for status in worker_statuses]
    kinds = sum((worker_kinds for _, worker_kinds in results), Counter())
    elapsed = time.monotonic() - started
    assert bot.alive(), "the Rasa server stopped"
    server_errors = [status for status in statuses if status >= 500]
    assert not server_errors, f"{len(server_errors)} responses were 5xx"
    assert len(statuses) == REST_REQUESTS and sent >= SOCKET_EVENTS * 0.9
    assert len(kinds) == REST_KINDS and min(kinds.values()) >= 3, f"not every kind of input was sent: {kinds}"
    counts = {status: statuses.count(status) for status in sorted(set(statuses))}
    grown = bot.rss_mb() - before
    print(f"\nfuzz: {len(statuses)} REST requests {counts}, {sent} socket.io events in {elapsed:.0f} s; "
          f"Rasa server RSS {before:.0f} MB -> {before + grown:.0f} MB")
    assert grown < MAX_GROWTH_MB, f"the Rasa server grew by {grown:.0f} MB"
    assert counts.get(200, 0) > REST_REQUESTS * 0.3, counts
    sender = bot.new_sender()
    assert vushtrri_population("sv") in text_of(bot.send(sender, "hur många bor i Vushtrri?"))
    assert vushtrri_population("en") in text_of(bot.send(sender, "how many people live in Vushtrri?"))
