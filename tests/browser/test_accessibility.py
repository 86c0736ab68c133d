"""axe-core (the pinned npm package) scans the demo pages with the widget open: empty, with a conversation
(answers, links, suggestions, feedback), offline, and at phone width. No serious or critical violation."""
from typing import Dict, List

import pytest

from tests.browser.conftest import ROOT, ask, open_connected

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def serious_violations(page) -> List[Dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run scripts/setup-browser.sh (npm ci)")
    page.add_script_tag(path=str(AXE))
    # Colour contrast is only meaningful once a fade-in has ended: mid-animation, text is half transparent.
    page.evaluate("""() => Promise.race([new Promise(done => setTimeout(done, 3000)), Promise.all(document.getAnimations()
        .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
        .map(a => a.finished.catch(() => null)))])""")
    result = page.evaluate("""async () => {
        const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_no_serious_violations_with_the_widget_open_and_a_conversation(new_page, demo_url, path):
    page = open_connected(new_page(), demo_url + path)
    assert serious_violations(page) == []

    ask(page, "Which projects are there?" if path == "/en/" else "Vilka projekt finns?")
    ask(page, "How can I contact the municipality?" if path == "/en/" else "Hur kontaktar jag kommunen?")
    page.locator(".vc-feedback-button[data-value=up]").last.click()
    page.wait_for_timeout(1000)
    assert page.locator(".vc-suggestion").count() > 0 and page.locator(".vc-msg-bot .vc-link").count() > 0
    assert serious_violations(page) == []


def test_no_serious_violations_offline_and_at_phone_width(new_page, offline_demo_url):
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(offline_demo_url + "/")
    page.click(".vc-launcher")
    page.wait_for_selector(".vc-status-offline", timeout=20_000)
    assert serious_violations(page) == []
