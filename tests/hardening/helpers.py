"""Content facts (from content/ via actions.portfolio, never written here) and socket.io conversations."""
import asyncio
import sqlite3
from pathlib import Path
from typing import Any, Dict, List, Tuple

from actions.portfolio import get_portfolio
from actions.portfolio.text import format_number
from tests.socket_client import SocketClient

__all__ = ["SocketClient"]  # the hardening tests take it from here


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


def socket_conversation(url: str, messages: List[str], **extra: Any) -> Tuple[str, List[List[Dict]]]:
    """Sends the messages over one socket.io session; returns the session id and the answers to each."""
    async def run() -> Tuple[str, List[List[Dict]]]:
        client = SocketClient(url, transports=["websocket"])
        session = await client.start()
        try:
            return session, [await client.say(session, message, **extra) for message in messages]
        finally:
            await client.close()

    return asyncio.run(run())
