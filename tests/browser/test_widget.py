"""The widget on the demo pages, as a visitor uses it: keyboard, both languages, suggestions, feedback,
reload and navigation, safe rendering, phone width and zoom, reduced motion, and the offline states."""
import re

import pytest

from actions.portfolio import get_portfolio
from tests.browser.conftest import (
    NOBODY_PORT,
    RASA_PORT,
    TcpProxy,
    ask,
    bot_messages,
    open_with_keyboard,
    screenshot,
    session_id,
    stored_events,
    wait_until_connected,
)
from tests.servers import RunningBot

CONTACT = get_portfolio().resources.contact.dict()


def test_keyboard_swedish_and_english_questions_and_focus(new_page, demo_url):
    page = new_page()
    page.goto(demo_url + "/")
    assert page.get_attribute(".vc-launcher", "aria-expanded") == "false"
    open_with_keyboard(page)
    assert page.evaluate("document.activeElement.id") == "vc-input", "focus moves into the panel when it opens"
    assert page.get_attribute(".vc-launcher", "aria-expanded") == "true"
    wait_until_connected(page)

    answer = ask(page, "Vilka internationella partnerskap har Växjö kommun?")
    assert "JB Marks" in answer["text"] and "Vushtrri" in answer["text"]
    assert answer["lang"] == "sv"
    swedish = answer["text"]
    answer = ask(page, "What international partnerships does Växjö Municipality have?")
    assert "JB Marks" in answer["text"] and answer["text"] != swedish
    assert answer["lang"] == "en", "an English answer on a Swedish page is marked lang=en"
    assert page.get_attribute(".vc-root", "lang") == "sv"
    assert page.get_attribute(".vc-log", "role") == "log" and page.get_attribute(".vc-log", "aria-live") == "polite"

    # No focus trap: Tab from the last control in the panel leaves it.
    page.focus(".vc-send")
    page.keyboard.press("Tab")
    assert not page.evaluate("document.querySelector('.vc-panel').contains(document.activeElement)")
    # Escape closes the panel and focus returns to the launcher.
    page.focus("#vc-input")
    page.keyboard.press("Escape")
    assert page.is_hidden(".vc-panel")
    assert page.evaluate("document.activeElement.classList.contains('vc-launcher')")
    assert page.get_attribute(".vc-launcher", "aria-expanded") == "false"
    # The close button does the same.
    page.keyboard.press("Enter")
    page.wait_for_selector(".vc-panel", state="visible")
    page.focus(".vc-close")
    page.keyboard.press("Enter")
    assert page.is_hidden(".vc-panel") and page.evaluate("document.activeElement.classList.contains('vc-launcher')")
    assert not page.errors


def test_page_language_is_the_conversations_starting_language(new_page, demo_url):
    for path, lang, launcher in (("/en/", "en", "Chat with us"), ("/", "sv", "Chatta med oss")):
        page = new_page()
        page.goto(demo_url + path)
        assert page.inner_text(".vc-launcher").strip() == launcher
        page.click(".vc-launcher")
        wait_until_connected(page)
        answer = ask(page, "JB Marks")  # the same words in both languages: the page decides
        assert answer["lang"] == lang, (path, answer)
        assert "JB Marks" in answer["text"]
        if lang == "en":
            screenshot(page, "widget-en.png")


def test_suggestion_button_and_feedback_stored_with_the_conversation(new_page, demo_url):
    page = new_page()
    page.goto(demo_url + "/en/")
    open_with_keyboard(page)
    wait_until_connected(page)
    answer = ask(page, "Which projects are there?")
    assert "Family Team" in answer["suggestions"], answer
    before = len(bot_messages(page))
    suggestion = page.locator(".vc-suggestion", has_text="Family Team").first
    suggestion.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('.vc-msg-bot').length > {before}", timeout=30_000)
    assert page.locator(".vc-msg-user .vc-text").last.text_content() == "Family Team"
    answer = bot_messages(page)[before]
    assert "Family Team" in answer["text"] or "vulnerable families" in answer["text"], answer
    assert answer["lang"] == "en"

    thumbs_up = page.locator(".vc-msg-bot").nth(before).locator(".vc-feedback-button[data-value=up]")
    assert thumbs_up.get_attribute("aria-label") == "Yes, the answer helped"
    before = len(bot_messages(page))
    thumbs_up.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('.vc-msg-bot').length > {before}", timeout=30_000)
    assert thumbs_up.get_attribute("aria-pressed") == "true"
    assert "feedback" in bot_messages(page)[before]["text"].lower()
    assert page.evaluate("document.activeElement.dataset.value") == "up", "focus stays on the pressed button"

    sender = session_id(page)
    page.wait_for_timeout(500)
    events = stored_events(sender)
    feedback = [e for e in events
                if e.get("event") == "user" and (e.get("parse_data") or {}).get("intent", {}).get("name") == "feedback"]
    assert feedback, [e.get("event") for e in events]
    assert feedback[-1]["text"] == '/feedback{"feedback_value": "up"}'
    assert [(e["entity"], e["value"]) for e in feedback[-1]["parse_data"]["entities"]
            if e["entity"] == "feedback_value"] == [("feedback_value", "up")]
    assert feedback[-1]["input_channel"] == "socketio"
    assert [e for e in events if e.get("event") == "bot" and "feedback" in (e.get("text") or "").lower()]


def shown_texts(page):
    """The messages' texts, without the screen-reader notes (which follow the page's language)."""
    return page.eval_on_selector_all(".vc-text", """nodes => nodes.map(n => {
        const copy = n.cloneNode(true);
        copy.querySelectorAll('.vc-sr-only').forEach(note => note.remove());
        return copy.textContent; })""")


def test_conversation_survives_reload_and_navigation(new_page, demo_url):
    page = new_page()
    page.goto(demo_url + "/")
    page.click(".vc-launcher")
    wait_until_connected(page)
    ask(page, "Vad bygger partnerskapen på?")
    sender = session_id(page)
    texts = shown_texts(page)

    page.reload()
    page.wait_for_selector(".vc-panel", state="visible")  # still open, and still the same conversation
    assert shown_texts(page) == texts
    assert session_id(page) == sender

    page.click("nav a[hreflang=en]")  # another page of the site
    page.wait_for_url("**/en/")
    page.wait_for_selector(".vc-panel", state="visible")
    assert shown_texts(page) == texts
    wait_until_connected(page)
    assert session_id(page) == sender
    answer = ask(page, "tack")
    assert answer["text"]
    user_texts = [e["text"] for e in stored_events(sender) if e.get("event") == "user"]
    assert user_texts[-2:] == ["Vad bygger partnerskapen på?", "tack"], "one conversation on the server too"


def test_text_is_never_html_and_links_are_safe(new_page, demo_url):
    page = new_page()
    page.goto(demo_url + "/en/")
    page.click(".vc-launcher")
    wait_until_connected(page)
    hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    ask(page, hostile)
    assert page.locator(".vc-msg-user .vc-text").last.text_content() == hostile
    assert page.locator(".vc-log img, .vc-log script").count() == 0
    assert page.evaluate("window.pwned") is None

    answer = ask(page, "How can I contact the municipality?")
    assert CONTACT["email"] in answer["text"]
    links = page.eval_on_selector_all(".vc-msg-bot .vc-link", "links => links.map(a => ({href: a.href, rel: a.rel,"
                                      " target: a.target}))")
    assert any(link["href"] == "mailto:" + CONTACT["email"] for link in links), links
    assert any(link["href"].startswith("https://") for link in links), links
    for link in links:
        assert re.match(r"^(https?|mailto|tel):", link["href"]), link
        if link["href"].startswith("http"):
            assert link["target"] == "_blank" and set(link["rel"].split()) >= {"noopener", "noreferrer"}, link

    # The renderer on its own: only http(s)/mailto/tel become links, and markup stays text.
    rendered = page.evaluate("""() => {
        const box = document.createElement('div');
        window.VaxjoChatText.appendLinkified(box,
            'javascript:alert(1) <b>x</b> data:text/html,hi https://example.org/a. www.example.org', 'en');
        return {html: box.innerHTML, links: [...box.querySelectorAll('a')].map(a => a.getAttribute('href'))};
    }""")
    assert rendered["links"] == ["https://example.org/a", "https://www.example.org/"], rendered
    assert "<b>" not in rendered["html"] and "&lt;b&gt;" in rendered["html"]


def test_phone_width_zoom_and_reduced_motion(new_page, demo_url):
    page = new_page(viewport={"width": 320, "height": 640}, reduced_motion="reduce", is_mobile=True, has_touch=True)
    page.goto(demo_url + "/")
    page.click(".vc-launcher")
    wait_until_connected(page)
    ask(page, "Vilka projekt finns?")
    box = page.locator(".vc-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    for control in (".vc-close", "#vc-input", ".vc-send"):
        control_box = page.locator(control).bounding_box()
        assert control_box["x"] >= 0 and control_box["x"] + control_box["width"] <= 320, (control, control_box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.evaluate("getComputedStyle(document.querySelector('.vc-panel')).animationName") == "none"
    screenshot(page, "widget-phone-320.png")

    # 200 % zoom of a 1280 x 800 window: the page is laid out 640 x 400 CSS pixels.
    zoomed = new_page(viewport={"width": 640, "height": 400})
    zoomed.goto(demo_url + "/en/")
    zoomed.click(".vc-launcher")
    for control in (".vc-close", "#vc-input", ".vc-send"):
        control_box = zoomed.locator(control).bounding_box()
        assert control_box["x"] >= 0 and control_box["x"] + control_box["width"] <= 640, control
        assert control_box["y"] >= 0 and control_box["y"] + control_box["height"] <= 400, control
    assert zoomed.evaluate("document.documentElement.scrollWidth") <= 640
    assert zoomed.evaluate("getComputedStyle(document.querySelector('.vc-panel')).animationName") != "none"


def test_swedish_page_screenshot_with_a_conversation(new_page, demo_url):
    page = new_page()
    page.goto(demo_url + "/")
    page.click(".vc-launcher")
    wait_until_connected(page)
    ask(page, "Berätta om partnerskapet med Vushtrri")
    answer = ask(page, "Vilka projekt finns?")
    assert answer["lang"] == "sv" and answer["suggestions"]
    # Suggestions and feedback send payloads ("/feedback{...}"): the conversation stays in Swedish.
    before = len(bot_messages(page))
    page.locator(".vc-suggestion").first.click()
    page.wait_for_function(f"document.querySelectorAll('.vc-msg-bot').length > {before}", timeout=30_000)
    assert bot_messages(page)[before]["lang"] == "sv", bot_messages(page)[before]
    before = len(bot_messages(page))
    page.locator(".vc-feedback-button[data-value=up]").last.click()
    page.wait_for_function(f"document.querySelectorAll('.vc-msg-bot').length > {before}", timeout=30_000)
    assert bot_messages(page)[before]["lang"] == "sv", bot_messages(page)[before]
    page.focus("#vc-input")
    screenshot(page, "widget-sv.png")


@pytest.mark.parametrize("path,words", [("/", "Chatten kan inte nå sin server"), ("/en/", "The chat cannot reach")])
def test_unreachable_server_shows_the_offline_message_with_contact_details(new_page, offline_demo_url, path, words):
    page = new_page()
    page.goto(offline_demo_url + path)
    open_with_keyboard(page)
    page.wait_for_selector(".vc-status-offline", timeout=20_000)
    assert words in page.inner_text(".vc-status")
    notice = page.inner_text(".vc-notice")
    assert CONTACT["phone"] in notice and CONTACT["email"] in notice
    phone_href = "tel:" + re.sub(r"[^\d+]", "", CONTACT["phone_international"])
    assert page.get_attribute(".vc-notice a[href^='tel:']", "href") == phone_href
    page.fill("#vc-input", "hej")
    page.press("#vc-input", "Enter")
    assert page.locator(".vc-msg-user").count() == 0, "nothing is shown as sent while offline"
    assert page.input_value("#vc-input") == "hej", "the text is kept to send later"
    page.click(".vc-retry")
    page.wait_for_selector(".vc-status-offline", timeout=20_000)  # still nobody there: says so again


def test_reconnects_when_the_server_is_back(new_page, offline_demo_url, bot: RunningBot):
    page = new_page()
    page.goto(offline_demo_url + "/en/")  # its bot URL is a port where nothing listens yet
    page.click(".vc-launcher")
    page.wait_for_selector(".vc-status-offline", timeout=20_000)
    proxy = TcpProxy(NOBODY_PORT, RASA_PORT).start()  # the server is back
    try:
        page.wait_for_selector(".vc-notice", state="hidden", timeout=30_000)
        wait_until_connected(page)
        answer = ask(page, "Which projects are there?")
        assert answer["lang"] == "en" and answer["suggestions"]
        answered = page.locator(".vc-msg-bot").count()  # an answer may come as more than one message
        assert answered >= 1
        proxy.stop()  # and gone again
        page.wait_for_selector(".vc-status-offline", timeout=20_000)
        assert page.locator(".vc-msg-bot").count() == answered, "the conversation stays on screen"
    finally:
        proxy.stop()


@pytest.mark.stops_bot
def test_offline_message_when_the_bot_server_stops(new_page, demo_url, bot: RunningBot):
    page = new_page()
    page.goto(demo_url + "/")
    page.click(".vc-launcher")
    wait_until_connected(page)
    ask(page, "Vilka partnerskap finns?")
    bot.stop()
    page.wait_for_selector(".vc-status-offline", timeout=30_000)
    assert "Chatten kan inte nå sin server" in page.inner_text(".vc-status")
    assert CONTACT["email"] in page.inner_text(".vc-notice")
    assert page.locator(".vc-msg-bot").count() == 1, "the conversation stays on screen"
