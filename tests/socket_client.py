"""A standard socket.io client (python-socketio's AsyncClient, not our widget) for the live tests."""
import asyncio
from typing import Any, Dict, List, Optional, Tuple

import socketio

TIMEOUT = 40  # the first answer of a busy 2-core machine


class SocketClient:
    """python-socketio's AsyncClient against Rasa's socket.io channel, session persistence on. transports=None:
    as a standard client connects (long polling, then the upgrade); ["websocket"]: straight to a websocket."""

    def __init__(self, url: str, transports: Optional[List[str]] = None):
        self.url, self.transports = url, transports
        self.sio = socketio.AsyncClient(reconnection=False)
        self.events: "asyncio.Queue[Tuple[str, Any]]" = asyncio.Queue()
        self.sio.on("session_confirm", lambda data: self.events.put_nowait(("session_confirm", data)))
        self.sio.on("bot_uttered", lambda data: self.events.put_nowait(("bot_uttered", data)))

    async def start(self, session_id: Optional[str] = None) -> str:
        await self.sio.connect(self.url, socketio_path="/socket.io", transports=self.transports, wait_timeout=30)
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
