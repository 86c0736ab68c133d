"""The demo page for the chat widget: a mock municipal site in Swedish (/) and English (/en/) with the widget.

Serves demo/ (the pages), widget/ at /widget/ and the pinned socket.io client from node_modules at
/widget/vendor/socket.io.min.js. Each page's <!-- vaxjo-chat --> marker becomes the one <script> tag that
embeds the widget, with its settings: the bot's URL and the municipality's contact details from
content/resources.yml (so no brochure fact is written into the widget or the pages).

The privacy notice (/integritet/, /en/privacy/) and the accessibility statement (/tillganglighet/,
/en/accessibility/) have {{placeholders}} filled here: the contact details, the RETENTION_DAYS in force and
the date of the last passing browser test run (results/accessibility-test.json, written by tests/browser).
`{{name|text}}` shows the text when the value is unknown.

    DEMO_PORT=8080 RASA_PORT=5005 .venv/bin/python scripts/demo_server.py
Environment: DEMO_PORT (default 8080), RASA_PORT (5005), BOT_URL (default http://<the page's host>:RASA_PORT).
If the port is taken (another `make run`), it says so and waits, so the bot keeps running without a demo.
"""
import html
import json
import os
import re
import signal
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Optional
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from actions.portfolio.loader import get_portfolio  # noqa: E402 - after the project root is importable
from bot.retention import default_days  # noqa: E402

DEMO, WIDGET = ROOT / "demo", ROOT / "widget"
SOCKET_IO = ROOT / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
MARKER = "<!-- vaxjo-chat -->"
LAST_TEST = ROOT / "results" / "accessibility-test.json"
PAGE_LINKS = {"sv": {"privacy-url": "/integritet/", "accessibility-url": "/tillganglighet/"},
              "en": {"privacy-url": "/en/privacy/", "accessibility-url": "/en/accessibility/"}}
PLACEHOLDER = re.compile(r"\{\{(\w+)(?:\|([^}]*))?\}\}")
# Every page is its <main> in the one layout (head, skip link, header, footer): demo/_layout.html.
LAYOUT = DEMO / "_layout.html"
LAYOUT_SLOT = re.compile(r"\[\[(\w+)\]\]")
PAGE_SETTING = re.compile(r"<!-- (title|translation): (.*?) -->\n")
LAYOUT_TEXT = {
    "sv": {"lang": "sv", "main_id": "innehall", "skip": "Till innehållet", "home": "/", "municipality": "Växjö kommun",
           "menu": "Huvudmeny", "section": "Internationellt", "other_lang": "en", "other_label": "In English",
           "footer": "Demosida för Växjö kommuns partnerskapsassistent."},
    "en": {"lang": "en", "main_id": "content", "skip": "Skip to content", "home": "/en/",
           "municipality": "Växjö Municipality", "menu": "Main menu", "section": "International", "other_lang": "sv",
           "other_label": "På svenska", "footer": "Demo page for Växjö Municipality's partnership assistant."},
}


def _contact() -> Dict:
    return get_portfolio().resources.contact.dict()


def _phone_href(number: str) -> str:
    return "tel:" + "".join(c for c in number if c in "+0123456789")


def contact_settings(language: str) -> Dict[str, str]:
    """data- settings for the widget's offline message, from content/resources.yml."""
    contact = _contact()
    name = contact.get("name") or {}
    settings = {
        "contact-name": name.get(language) or name.get("sv") or "",
        "contact-phone": str(contact.get("phone") or ""),
        "contact-email": str(contact.get("email") or ""),
        "contact-website": str(contact.get("website") or ""),
    }
    if contact.get("phone_international"):
        settings["contact-phone-international"] = str(contact["phone_international"])
        settings["contact-phone-href"] = _phone_href(str(contact["phone_international"]))
    return {key: value for key, value in settings.items() if value}


def page_values(language: str) -> Dict[str, str]:
    """What the privacy notice and accessibility statement show that is kept elsewhere."""
    values = {key.replace("-", "_"): value for key, value in contact_settings(language).items()}
    days = default_days()
    values["retention_days"] = str(int(days)) if days == int(days) else str(days)
    try:
        values["last_test_date"] = str(json.loads(LAST_TEST.read_text(encoding="utf-8"))["date"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not yet tested on this installation: the page's own wording says so
    return values


def fill(text: str, values: Dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: html.escape(values.get(m.group(1)) or m.group(2) or "", quote=True), text)


def page_language(path: str) -> str:
    return "en" if path == "/en/" or path.startswith("/en/") else "sv"


def in_layout(page: str, language: str) -> str:
    """The page's <main> (after its title and translation link lines) in the shared layout."""
    slots = {**LAYOUT_TEXT[language], **dict(PAGE_SETTING.findall(page)), "main": PAGE_SETTING.sub("", page).rstrip("\n")}
    return LAYOUT_SLOT.sub(lambda m: slots[m.group(1)], LAYOUT.read_text(encoding="utf-8"))


def widget_tag(bot_url: str, language: str) -> str:
    settings = {"server": bot_url, **contact_settings(language), **PAGE_LINKS[language]}
    attributes = " ".join(f'data-{key}="{html.escape(value, quote=True)}"' for key, value in settings.items())
    return f'<script src="/widget/vaxjo-chat.js" {attributes} defer></script>'


class DemoHandler(SimpleHTTPRequestHandler):
    rasa_port = "5005"
    bot_url: Optional[str] = None

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        sys.stdout.write("%s %s\n" % (self.address_string(), format % args))
        sys.stdout.flush()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        path = urlsplit(self.path).path
        if path == "/widget/vendor/socket.io.min.js":
            return self._send_file(SOCKET_IO, "text/javascript; charset=utf-8")
        if path.startswith("/widget/"):
            return self._send_file(self._inside(WIDGET, path[len("/widget/"):]))
        page = path + "index.html" if path.endswith("/") else path
        target = self._inside(DEMO, page.lstrip("/"))
        if target and target.name.startswith("_"):  # the layout is not a page of its own
            target = None
        if target and target.suffix == ".html" and target.is_file():
            return self._send_page(target, page_language(path))
        return self._send_file(target)

    def _inside(self, folder: Path, relative: str) -> Optional[Path]:
        target = (folder / relative).resolve()
        return target if target.is_relative_to(folder) else None

    def _send_page(self, page: Path, language: str) -> None:
        text = in_layout(page.read_text(encoding="utf-8"), language)
        host = (self.headers.get("Host") or "localhost").rsplit(":", 1)[0] or "localhost"
        bot_url = self.bot_url or f"http://{host}:{self.rasa_port}"
        page_text = fill(text, page_values(language)).replace(MARKER, widget_tag(bot_url, language))
        self._send(page_text.encode("utf-8"), "text/html; charset=utf-8")

    def _send_file(self, target: Optional[Path], content_type: Optional[str] = None) -> None:
        if not target or not target.is_file():
            return self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        self._send(target.read_bytes(), content_type or self.guess_type(str(target)))

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    port = int(os.environ.get("DEMO_PORT") or 8080)
    DemoHandler.rasa_port = os.environ.get("RASA_PORT") or "5005"
    DemoHandler.bot_url = os.environ.get("BOT_URL") or None
    if not SOCKET_IO.is_file():
        print(f"{SOCKET_IO} is missing: run scripts/setup-browser.sh (npm ci)", flush=True)
    try:
        server = ThreadingHTTPServer(("", port), partial(DemoHandler, directory=str(DEMO)))
    except OSError as error:
        print(f"The demo page cannot use port {port} ({error}); set DEMO_PORT. The bot runs without it.", flush=True)
        while True:  # until serve.sh stops it (SIGTERM ends it)
            signal.pause()
    print(f"Demo page: http://localhost:{port}/ (Swedish) and http://localhost:{port}/en/ (English)", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
