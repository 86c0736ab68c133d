"""Real-browser tests of the chat widget: Debian's Chromium driven by Playwright, against the real bot.

Servers of their own: Rasa on 25005, actions on 25055 and the demo page on 28080 (started by scripts/serve.sh,
DEMO_PORT), conversations in var/log/browser/conversations.db; a second demo page on 28081 whose bot URL points
at a port where nothing listens (the "server unreachable" state). Chromium: scripts/setup-browser.sh.
"""
import json
import os
import socket
import sqlite3
import subprocess
import threading
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.servers import ROOT, RunningBot, answers, start_group, stop_group, wait_until

RASA_PORT, ACTION_PORT, DEMO_PORT = 25005, 25055, 28080
OFFLINE_DEMO_PORT, NOBODY_PORT = 28081, 28099
LOG_DIR = ROOT / "var" / "log" / "browser"
TRACKER_DB = LOG_DIR / "conversations.db"
SCREENSHOTS = ROOT / "results" / "screenshots"  # tests never write tracked files; `make screenshots` publishes them
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ANSWER_TIMEOUT_MS = 30_000


def pytest_collection_modifyitems(items):
    """Tests that stop the bot run last."""
    items.sort(key=lambda item: item.get_closest_marker("stops_bot") is not None)


def pytest_configure(config):
    config.addinivalue_line("markers", "stops_bot: stops the browser tests' bot; runs after every other test")


LAST_TEST = ROOT / "results" / "accessibility-test.json"
ACCESSIBILITY_TESTS = ("test_accessibility.py", "test_disclosure.py", "test_widget.py")


def pytest_sessionfinish(session, exitstatus):
    """A run with every accessibility test, all passed, is the accessibility statement's "last test" date
    (results/, untracked; scripts/demo_server.py shows it)."""
    ran = {Path(str(item.fspath)).name for item in session.items}
    if exitstatus != 0 or session.testsfailed or not set(ACCESSIBILITY_TESTS) <= ran:
        return
    from datetime import datetime
    from zoneinfo import ZoneInfo

    LAST_TEST.parent.mkdir(exist_ok=True)
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    LAST_TEST.write_text(json.dumps({
        "date": datetime.now(ZoneInfo("Europe/Stockholm")).date().isoformat(),
        "tests": len(session.items), "browser": version, "command": "pytest tests/browser",
    }, indent=2), encoding="utf-8")


@pytest.fixture(scope="session")
def bot() -> Iterator[RunningBot]:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    TRACKER_DB.unlink(missing_ok=True)
    running = RunningBot(rasa_port=RASA_PORT, action_port=ACTION_PORT, log_dir=LOG_DIR,
                         env={"DEMO_PORT": str(DEMO_PORT), "TRACKER_SQLITE_PATH": str(TRACKER_DB)})
    running.start()
    try:  # serve.sh starts the demo page right after the Rasa server
        wait_until(lambda: answers(f"http://localhost:{DEMO_PORT}/"), running.process, "the demo page",
                   LOG_DIR / "demo.log", 30)
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def demo_url(bot: RunningBot) -> str:
    return f"http://localhost:{DEMO_PORT}"


@pytest.fixture(scope="session")
def offline_demo_url() -> Iterator[str]:
    """A demo page whose widget points at a port where no bot listens."""
    env = {**os.environ, "DEMO_PORT": str(OFFLINE_DEMO_PORT), "RASA_PORT": str(NOBODY_PORT)}
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    process = start_group([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "demo_server.py")],
                          LOG_DIR / "demo-offline.log", env, "demo page")
    try:
        wait_until(lambda: answers(f"http://localhost:{OFFLINE_DEMO_PORT}/"), process, "the offline demo page",
                   LOG_DIR / "demo-offline.log", 30)
        yield f"http://localhost:{OFFLINE_DEMO_PORT}"
    finally:
        stop_group(process, grace=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup-browser.sh")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser: Browser):
    """new_page(**context_options): a page in a fresh context (its own sessionStorage), closed after the test."""
    contexts = []

    def make(**options) -> Page:
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **options})
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


# --- helpers used by the tests ---------------------------------------------------------------------

def open_with_keyboard(page: Page) -> None:
    """Tabs to the launcher as a keyboard user would and presses Enter."""
    page.wait_for_selector(".vc-launcher")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('vc-launcher')"):
            break
    else:
        raise AssertionError("the launcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".vc-panel", state="visible")


def wait_until_connected(page: Page) -> None:
    page.wait_for_function("() => !document.querySelector('.vc-status').textContent"
                           " && window.sessionStorage.length > 0"
                           " && JSON.parse(Object.values(window.sessionStorage)[0]).sessionId", timeout=20_000)


def open_connected(page: Page, url: str) -> Page:
    """Opens the page, clicks the chat launcher and waits until the widget has its session."""
    page.goto(url)
    page.click(".vc-launcher")
    wait_until_connected(page)
    return page


def bot_messages(page: Page) -> List[Dict]:
    return page.eval_on_selector_all(".vc-msg-bot", """items => items.map(item => ({
        text: item.querySelector('.vc-text').textContent,
        lang: item.querySelector('.vc-text').getAttribute('lang'),
        suggestions: [...item.querySelectorAll('.vc-suggestion')].map(b => b.textContent)}))""")


def ask(page: Page, question: str) -> Dict:
    """Types a question with the keyboard and returns the first answer to it."""
    before = len(bot_messages(page))
    page.focus("#vc-input")
    page.keyboard.type(question)
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('.vc-msg-bot').length > {before}", timeout=ANSWER_TIMEOUT_MS)
    page.wait_for_timeout(300)  # the rest of a multi-part answer
    return bot_messages(page)[before]


def session_id(page: Page) -> str:
    return page.evaluate("JSON.parse(Object.values(window.sessionStorage)[0]).sessionId")


def stored_events(sender_id: str) -> List[Dict]:
    """The conversation's events as the tracker store keeps them."""
    with sqlite3.connect(TRACKER_DB) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender_id,)).fetchall()
    return [json.loads(row[0]) for row in rows]


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path))
    return path


class TcpProxy:
    """Forwards a port to the bot while started: stop() makes the bot unreachable, start() brings it back."""

    def __init__(self, listen_port: int, target_port: int) -> None:
        self.listen_port, self.target_port = listen_port, target_port
        self.server: Optional[socket.socket] = None
        self.connections: List[socket.socket] = []

    def start(self) -> "TcpProxy":
        self.server = socket.create_server(("", self.listen_port), family=socket.AF_INET6, dualstack_ipv6=True)
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()
        return self

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.connections += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self) -> None:
        if self.server:
            self.server.close()
            self.server = None
        for connection in self.connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            except OSError:
                pass
        self.connections = []
