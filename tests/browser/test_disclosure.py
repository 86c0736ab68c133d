"""Ready for a municipal website: the AI disclosure in the widget's first view (320 px and 1280 px, both
languages), the privacy notice and accessibility statement opened from the widget by keyboard, axe-core on
both pages, and the contact centre's numbers as tel:/mailto: links when a visitor asks for a person."""
import json

import pytest

from actions.portfolio import get_portfolio
from bot.retention import default_days
from tests.browser import conftest as widget
from tests.browser.test_accessibility import serious_violations

CONTACT = get_portfolio().resources.contact.dict()
LAST_TEST = widget.ROOT / "results" / "accessibility-test.json"
# What the disclosure must say, per language: automated (AI), can be wrong, no personal data.
DISCLOSURE_WORDS = {"sv": ["automatisk assistent (AI)", "inte en människa", "publicerade information",
                           "kan svara fel", "Skriv inga personuppgifter"],
                    "en": ["automated assistant (AI)", "not a person", "published information", "can be wrong",
                           "Do not enter personal data"]}
PAGES = {"sv": {"path": "/", "privacy": "/integritet/", "accessibility": "/tillganglighet/",
                "privacy_h1": "Integritet och lagring", "accessibility_h1": "Tillgänglighetsredogörelse",
                "days": "{days} dagar", "not_tested": "inte testad på den här installationen än",
                "ask_person": "Kan jag prata med en människa?"},
         "en": {"path": "/en/", "privacy": "/en/privacy/", "accessibility": "/en/accessibility/",
                "privacy_h1": "Privacy and storage", "accessibility_h1": "Accessibility statement",
                "days": "{days} days", "not_tested": "not yet tested on this installation",
                "ask_person": "I want to talk to a person"}}


@pytest.mark.parametrize("width,height", [(320, 640), (1280, 800)])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_disclosure_is_visible_in_the_first_view(new_page, demo_url, language, width, height):
    page = new_page(viewport={"width": width, "height": height})
    page.goto(demo_url + PAGES[language]["path"])
    widget.open_with_keyboard(page)
    disclosure = page.locator("#vc-disclosure")
    text = disclosure.text_content()
    for words in DISCLOSURE_WORDS[language]:
        assert words in text, (words, text)
    assert disclosure.is_visible()
    # Entirely inside the window and the panel's log, without scrolling either.
    box, log = disclosure.bounding_box(), page.locator(".vc-log").bounding_box()
    assert box["y"] >= log["y"] and box["y"] + box["height"] <= min(height, log["y"] + log["height"]), (box, log)
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert page.evaluate("document.querySelector('.vc-log').scrollTop") == 0
    # Read by screen readers: the question field is described by it; it is in the widget's language.
    assert page.get_attribute("#vc-input", "aria-describedby") == "vc-disclosure"
    assert page.evaluate("document.activeElement.id") == "vc-input"
    assert page.evaluate("document.getElementById('vc-disclosure').closest('[lang]').lang") == language
    if width == 320:
        widget.wait_until_connected(page)  # with the conversation id shown
        widget.screenshot(page, f"widget-first-view-320-{language}.png")


def test_disclosure_is_not_repeated_on_answers(new_page, demo_url):
    page = widget.open_connected(new_page(), demo_url + "/")
    answer = widget.ask(page, "Vilka projekt finns?")
    assert "automatisk assistent" not in answer["text"]
    assert page.locator(".vc-disclosure").count() == 1


@pytest.mark.parametrize("language", ["sv", "en"])
def test_privacy_and_accessibility_pages_open_from_the_widget_by_keyboard(new_page, demo_url, language):
    spec = PAGES[language]
    page = new_page()
    page.goto(demo_url + spec["path"])
    widget.open_with_keyboard(page)
    widget.wait_until_connected(page)
    conversation = widget.session_id(page)
    assert conversation in page.locator(".vc-conversation-id").text_content(), "the id to quote for deletion"

    for kind in ("privacy", "accessibility"):
        for _ in range(20):  # backwards from the question field, as a keyboard user would
            if page.evaluate(f"document.activeElement.classList.contains('vc-{kind}-link')"):
                break
            page.keyboard.press("Shift+Tab")
        else:
            raise AssertionError(f"the {kind} link cannot be reached with the keyboard")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == demo_url + spec[kind]
        assert spec[f"{kind}_h1"] in page.locator("h1").text_content()
        assert page.get_attribute("html", "lang") == language
        body = page.locator("main").text_content()
        assert CONTACT["email"] in body and "{{" not in body
        if kind == "privacy":
            days = default_days()
            assert spec["days"].format(days=int(days) if days == int(days) else days) in body
        else:
            expected = json.loads(LAST_TEST.read_text(encoding="utf-8"))["date"] if LAST_TEST.exists() \
                else spec["not_tested"]
            assert expected in body
        # The conversation goes on on the new page.
        if page.is_hidden(".vc-panel"):
            widget.open_with_keyboard(page)
        else:
            page.focus("#vc-input")  # it stays open across pages of the site
        widget.wait_until_connected(page)
        assert widget.session_id(page) == conversation


@pytest.mark.parametrize("language", ["sv", "en"])
def test_no_serious_violations_on_the_privacy_and_accessibility_pages(new_page, demo_url, language):
    page = new_page()
    for kind in ("privacy", "accessibility"):
        page.goto(demo_url + PAGES[language][kind])
        assert serious_violations(page) == [], kind
        page.click(".vc-launcher")
        widget.wait_until_connected(page)
        assert serious_violations(page) == [], f"{kind} with the widget open"
        page.click(".vc-close")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_asking_for_a_person_gives_contact_links_and_stores_no_ip_address(new_page, demo_url, language):
    page = widget.open_connected(new_page(), demo_url + PAGES[language]["path"])
    answer = widget.ask(page, PAGES[language]["ask_person"])
    assert answer["lang"] == language and CONTACT["phone"] in answer["text"], answer
    hrefs = page.eval_on_selector_all(".vc-msg-bot .vc-link", "links => links.map(a => a.getAttribute('href'))")
    phone_href = "tel:" + "".join(c for c in str(CONTACT["phone_international"]) if c in "+0123456789")
    assert hrefs.count(phone_href) == 2, hrefs  # the national and the international number
    assert "mailto:" + CONTACT["email"] in hrefs
    stored = json.dumps(widget.stored_events(widget.session_id(page)))
    for address in ("127.0.0.1", "::1", "localhost"):
        assert address not in stored, address
