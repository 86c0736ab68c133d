"""Content facts (from content/ via actions.portfolio, never written here) and a standard socket.io client."""
import asyncio
import sqlite3
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import socketio

from actions.portfolio import get_portfolio
from actions.portfolio.text import format_number

TIMEOUT = 40


def vushtrri_population(language: str) -> str:
    partner = next(p for p in get_portfolio().partners.values() if "vushtrri" in p.id.lower())
    return format_number(partner.population, language).replace("\u00a0", " ")


def contact() -> Any:
    return get_portfolio().resources.contact


def text_of(messages: List[Dict]) -> str:
    return " ".join(m.get("text") or "" for m in messages).replace("\u00a0", " ")


def stored_rows(database: Path) -> List[Tuple]:
    """Every raw row of the events table, all columns."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT * FROM events").fetchall()


class SocketClient:
    """python-socketio's AsyncClient against Rasa's socket.io channel, session persistence on."""

    def __init__(self, url: str):
        self.url = url
        self.sio = socketio.AsyncClient(reconnection=False)
        self.events: "asyncio.Queue[Tuple[str, Any]]" = asyncio.Queue()
        self.sio.on("session_confirm", lambda data: self.events.put_nowait(("session_confirm", data)))
        self.sio.on("bot_uttered", lambda data: self.events.put_nowait(("bot_uttered", data)))

    async def start(self, session_id: Optional[str] = None) -> str:
        await self.sio.connect(self.url, socketio_path="/socket.io", transports=["websocket"], wait_timeout=30)
        await self.sio.emit("session_request", {"session_id": session_id})
        name, data = await asyncio.wait_for(self.events.get(), TIMEOUT)
        assert name == "session_confirm", (name, data)
        return data

    async def say(self, session_id: str, text: str, quiet: float = 1.5, **extra: Any) -> List[Dict]:
        await self.sio.emit("user_uttered", {"message": text, "session_id": session_id, **extra})
        name, first = await asyncio.wait_for(self.events.get(), TIMEOUT)
        assert name == "bot_uttered", (name, first)
        answers = [first]
        try:
            while True:
                answers.append((await asyncio.wait_for(self.events.get(), quiet))[1])
        except asyncio.TimeoutError:
            return answers

    async def close(self) -> None:
        await self.sio.disconnect()


def socket_conversation(url: str, messages: List[str], **extra: Any) -> Tuple[str, List[List[Dict]]]:
    """Sends the messages over one socket.io session; returns the session id and the answers to each."""
    async def run() -> Tuple[str, List[List[Dict]]]:
        client = SocketClient(url)
        session = await client.start()
        try:
            return session, [await client.say(session, message, **extra) for message in messages]
        finally:
            await client.close()

    return asyncio.run(run())
