"""Every test runs against the same patched Rasa as the servers (bot/patches.py, installed by bot/cli.py there),
and gets a marker of the test pyramid from where it lives, so `pytest -m unit` is the inner loop.

unit: no trained model, no server (seconds). model: loads or trains a model, no server.
live: talks to running servers (REST, socket.io, browser, databases). slow: minutes of its own (fuzz, image, retraining).

The shared bot: one Rasa server in the default profile (actions in its process, SQLite tracker store in
var/log/test/shared/conversations.db), started once per session for every test that asks for the `bot` (or
`shared_bot`) fixture; each test talks to it with fresh sender ids (`bot.new_sender()`). It is launched right after
collection, so it loads while the tests that need no server run. A directory whose tests need a server configured
otherwise (tests/hardening's faults, tests/persistence, tests/browser) defines a fixture of its own.
BOT_URL=http://localhost:5005 uses servers you already run instead (tests that read the store then skip).
"""
import os
import shutil
from pathlib import Path

import pytest

from bot import patches
from tests.servers import ROOT, RunningBot, started

patches.install()

TESTS = Path(__file__).resolve().parent
LAYER_OF_DIRECTORY = {"unit": "unit", "data": "unit", "model": "model"}  # every other directory: live
SHARED_LOG_DIR = ROOT / "var" / "log" / "test" / "shared"
SHARED_PORTS = (15005, 15055)
_shared = {}  # "bot": the shared RunningBot once launched


def pytest_configure(config):
    for marker, meaning in (("unit", "no model, no server"), ("model", "a trained model, no server"),
                            ("live", "running servers"), ("slow", "minutes of its own"),
                            ("late", "waits for a command started in the background: runs after the others")):
        config.addinivalue_line("markers", f"{marker}: {meaning}")


def pytest_sessionstart(session):
    """SHARED_BOT_EARLY=1 (scripts/test.sh, for the live run): the shared bot starts loading before the tests are
    even collected (importing Rasa for them takes half a minute); stopped again if no test needs it."""
    if os.environ.get("SHARED_BOT_EARLY") == "1" and not os.environ.get("BOT_URL"):
        _launch_shared_bot()


def _launch_shared_bot() -> None:
    if SHARED_LOG_DIR.exists():
        shutil.rmtree(SHARED_LOG_DIR)  # its store must hold this run's conversations only
    _shared["bot"] = RunningBot(*SHARED_PORTS, log_dir=SHARED_LOG_DIR).launch()


def _order(item) -> int:
    """Tests without a server first (the shared bot loads meanwhile), then those of the shared bot, the slow ones
    of the shared bot (fuzz) last of them, then the layers that start servers of their own, and last the tests that
    wait for a command started in the background (tests/model/background.py), by then long finished."""
    if item.get_closest_marker("late"):
        return 4
    if "shared_bot" in item.fixturenames:
        return 2 if item.get_closest_marker("slow") else 1
    return 0 if item.get_closest_marker("unit") or item.get_closest_marker("model") else 3


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items):
    for item in items:
        directory = Path(str(item.fspath)).resolve().relative_to(TESTS).parts[0]
        layer = LAYER_OF_DIRECTORY.get(directory, "live")
        if not any(item.get_closest_marker(name) for name in ("unit", "model", "live")):
            item.add_marker(getattr(pytest.mark, layer))
    # A file keeps its place in the order of its first test and its own order (module fixtures, tests that read
    # what earlier ones of the file did).
    rank = {}
    for index, item in enumerate(items):
        rank.setdefault(item.fspath, (_order(item), index))
    items.sort(key=lambda item: rank[item.fspath])


def pytest_collection_finish(session):
    needed = any("shared_bot" in item.fixturenames for item in session.items)
    if not needed or session.config.option.collectonly:
        if "bot" in _shared:
            _shared.pop("bot").stop()
    elif "bot" not in _shared and not os.environ.get("BOT_URL"):
        _launch_shared_bot()


def pytest_sessionfinish(session):
    if "bot" in _shared:
        _shared.pop("bot").stop()


def pytest_terminal_summary(terminalreporter):
    if started:
        terminalreporter.write_line(f"servers started by this pytest process: {len(started)}: " + ", ".join(started))


@pytest.fixture(scope="session")
def shared_bot() -> RunningBot:
    if os.environ.get("BOT_URL"):  # reuse servers you already run (`make run`) while working on the suite
        running = RunningBot()
        running.url = os.environ["BOT_URL"]
        return running
    if "bot" not in _shared:
        _launch_shared_bot()
    return _shared["bot"].ready()


@pytest.fixture(scope="session")
def bot(shared_bot) -> RunningBot:
    """The shared bot, unless a directory's conftest.py defines a `bot` of its own."""
    return shared_bot
