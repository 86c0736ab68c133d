"""One names service built from the typed content: the detector, the export, the matcher and the demo page agree,
and nothing outside actions/portfolio reads content/ itself."""
import re
import shutil
import sys
from pathlib import Path

import yaml

from actions.portfolio.loader import DEFAULT_CONTENT_DIR, load_portfolio
from actions.portfolio.matching import EntityMatcher
from actions.portfolio.names import Names, get_names
from bot.components.language_detector import LanguageDetector

ROOT = Path(__file__).resolve().parents[2]
# A path into content/ followed by a YAML read, in one file: the pattern of reading content by hand.
CONTENT_PATH = re.compile(r"""["']content["']|content_dir\(\)|/ ?["']resources\.yml""")


def test_every_reader_outside_the_content_layer_goes_through_it():
    readers = [*ROOT.glob("actions/*.py"), *ROOT.glob("bot/**/*.py"), *ROOT.glob("insights/*.py"),
               ROOT / "scripts" / "demo_server.py", ROOT / "tests" / "conversation" / "acceptance.py",
               *ROOT.glob("tests/browser/*.py")]
    offenders = [str(path.relative_to(ROOT)) for path in readers
                 if CONTENT_PATH.search(path.read_text(encoding="utf-8"))
                 and "yaml" in path.read_text(encoding="utf-8")]
    assert not offenders, f"read content/ through actions.portfolio (names, get_portfolio): {offenders}"


def test_detector_export_and_matcher_use_the_same_names():
    names = get_names()
    detector = LanguageDetector.create({}, model_storage=None, resource=None, execution_context=None)
    assert detector.names == list(names.proper)
    matcher = EntityMatcher(load_portfolio())
    for kind, entities in names.by_kind.items():
        for entity_id, aliases in entities.items():
            for alias in aliases:
                found = [m.id for m in matcher.find(alias, kind)]
                assert entity_id in found, (kind, entity_id, alias)
                assert alias in names.proper_with_titles


def test_a_renamed_contact_reaches_the_demo_page(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    resources = yaml.safe_load((content / "resources.yml").read_text(encoding="utf-8"))
    resources["contact"]["phone"] = "0470-12 34 56"
    (content / "resources.yml").write_text(yaml.safe_dump(resources, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("VAXJO_CONTENT_DIR", str(content))
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import demo_server
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert demo_server.contact_settings("sv")["contact-phone"] == "0470-12 34 56"
    assert Names.of(load_portfolio(content)).proper == get_names().proper
