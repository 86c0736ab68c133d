"""The widget's files: no brochure facts (they come from content/ through the page's settings), no HTML
insertion, small and readable, and the front-end packages pinned."""
import json
import re

from tests.servers import ROOT

WIDGET_FILES = sorted((ROOT / "widget").glob("*")) + sorted((ROOT / "demo").rglob("*.*"))


def test_no_brochure_facts_in_the_widget_or_the_demo_pages():
    for path in WIDGET_FILES:
        text = path.read_text(encoding="utf-8")
        for fact in ("0470", "410 00", "vaxjo.se", "info@", "jbmarks", "icld.se", "6 398", "250 000"):
            assert fact not in text, f"{path.name}: {fact}"


def test_bot_and_user_text_is_never_inserted_as_html():
    for path in (ROOT / "widget").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", text), path.name
        assert len(text.splitlines()) < 400, path.name


def test_front_end_packages_are_pinned():
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    for name, version in {**package["dependencies"], **package["devDependencies"]}.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), (name, version)
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
