"""Locust users for `make bench`: each user is a visitor sending REST messages with no think time.

BENCH_MESSAGES names a JSON file {"messages": [...], "per_sender": N} (scripts/bench/messages.py); every user
starts at its own place in the list and becomes a new visitor (new sender id) after N messages.
"""
import json
import os
import random
import uuid

from locust import FastHttpUser, constant, task

_DATA = json.loads(open(os.environ["BENCH_MESSAGES"], encoding="utf-8").read())
MESSAGES, PER_SENDER = _DATA["messages"], int(_DATA.get("per_sender", 10))


class Visitor(FastHttpUser):
    wait_time = constant(0)
    network_timeout = 60.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        self.position = random.randrange(len(MESSAGES))
        self._new_sender()

    def _new_sender(self) -> None:
        self.sender, self.sent = f"bench-{uuid.uuid4().hex[:12]}", 0

    @task
    def send(self) -> None:
        message = MESSAGES[self.position % len(MESSAGES)]
        self.position += 1
        with self.client.post("/webhooks/rest/webhook", json={"sender": self.sender, "message": message},
                              name="/webhooks/rest/webhook", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif not isinstance(response.json(), list):  # [] is an answer: the starter says nothing to some messages
                response.failure("not a list of messages")
        self.sent += 1
        if self.sent >= PER_SENDER:
            self._new_sender()
