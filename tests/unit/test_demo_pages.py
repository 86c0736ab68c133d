"""The demo pages share one layout (head, skip link, header, footer): each page is only its <main>, and the page
served is a whole document in the page's language whose skip link reaches its <main>."""
import re
import sys
from html.parser import HTMLParser

from tests.unit.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import demo_server  # noqa: E402

PAGES = {"/": "sv", "/en/": "en", "/integritet/": "sv", "/tillganglighet/": "sv", "/en/privacy/": "en",
         "/en/accessibility/": "en"}


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.attrs = [], set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))
        self.ids.update(value for name, value in attrs if name == "id")


def test_every_page_is_its_main_in_the_one_layout():
    translations = {}
    for path, language in PAGES.items():
        page = (demo_server.DEMO / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert "<header" not in page and "<head" not in page and page.count("<main") == 1, path
        html = demo_server.in_layout(page, demo_server.page_language(path))
        outline = Outline()
        outline.feed(html)
        assert f'<html lang="{language}">' in html and "[[" not in html and "<!-- title:" not in html, path
        assert outline.tags.count("main") == outline.tags.count("header") == outline.tags.count("h1") == 1, path
        skip = next(attrs["href"] for tag, attrs in outline.attrs if attrs.get("class") == "skip")
        assert skip[1:] in outline.ids, path
        translations[path] = next(attrs["href"] for tag, attrs in outline.attrs if attrs.get("hreflang"))
        assert re.search(r"<title>[^<]+</title>", html), path
    assert translations["/integritet/"] == "/en/privacy/" and translations["/en/privacy/"] == "/integritet/"
    assert all(PAGES[target] != PAGES[path] for path, target in translations.items())
