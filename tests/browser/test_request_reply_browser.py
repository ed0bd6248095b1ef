"""The dealer answers customer service on a request and the agent hears,
clicked and typed as people would, in English and Finnish, with and
without JavaScript; axe-core checks each page."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, serious_axe_violations
from tests.reply_support import QUESTION, asked_request, replies_of

pytestmark = pytest.mark.browser

T = {"en": {"reply": "Your reply", "send": "Send reply",
            "empty": "Write your reply.",
            "sent": "Your reply was sent to customer service.",
            "unsafe": "This text holds a character that cannot be stored",
            "log_out": "Log out", "one_notice": "1 new notice",
            "replied": "Demo Dealer replied on request", "new": "New reply"},
     "fi": {"reply": "Vastauksesi", "send": "Lähetä vastaus",
            "empty": "Kirjoita vastauksesi.",
            "sent": "Vastauksesi lähetettiin asiakaspalveluun.",
            "unsafe": "Tekstissä on merkki, jota ei voi tallentaa",
            "log_out": "Kirjaudu ulos", "one_notice": "1 uusi ilmoitus",
            "replied": "Demo Dealer vastasi pyyntöön", "new": "Uusi vastaus"}}


def _console_errors(page):
    """Script and policy errors; Chromium also logs each 422 answer, which
    is how a refused reply comes back."""
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error"
            and "status of 422" not in m.text else None)
    return errors


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_dealer_replies_with_the_keyboard_and_the_agent_hears(page, live_server, lang):
    t = T[lang]
    errors = _console_errors(page)
    req = asked_request()
    log_in(page, "demo", lang=lang)
    page.goto(f"{page.base_url}/requests/{req.reference}?lang={lang}")
    thread = page.locator("#request-thread")
    expect(thread).to_contain_text(QUESTION)
    assert serious_axe_violations(page) == []

    box = page.get_by_label(t["reply"])
    # Empty: the error is next to the field, which keeps focus; nothing stored.
    box.focus()
    box.press("Enter")
    expect(page.locator("#text-error")).to_have_text(t["empty"])
    expect(page.get_by_label(t["reply"])).to_be_focused()
    expect(page.get_by_label(t["reply"])).to_have_attribute("aria-invalid", "true")
    assert serious_axe_violations(page) == []
    # A direction override pasted in: refused the same way.
    page.get_by_label(t["reply"]).fill("Numero \u202e7654")
    page.get_by_label(t["reply"]).press("Enter")
    expect(page.locator("#text-error")).to_contain_text(t["unsafe"])
    assert replies_of(req) == []

    # Shift+Enter starts a new line, Enter sends.
    box = page.get_by_label(t["reply"])
    box.fill("")
    box.press_sequentially("Numero on 040 123 4567.")
    box.press("Shift+Enter")
    box.press_sequentially("Terveisin Demo")
    box.press("Enter")
    status = thread.get_by_role("status")
    expect(status).to_have_text(t["sent"])
    expect(status).to_be_focused()
    expect(thread.locator(".from-dealer")).to_contain_text("Terveisin Demo")
    expect(page.get_by_label(t["reply"])).to_have_value("")
    assert [r.note for r in replies_of(req)] == ["Numero on 040 123 4567.\nTerveisin Demo"]
    assert serious_axe_violations(page) == []
    page.screenshot(path=f"/tmp/desk_shots/reply-dealer-{lang}.png", full_page=True)

    page.get_by_role("button", name=t["log_out"]).click()
    log_in(page, "agent", lang=lang)
    notices = page.locator("#header-notices")
    expect(notices).to_contain_text(t["one_notice"])
    notices.click()
    newest = page.locator(".notice-list li").first
    expect(newest).to_contain_text(f"{t['replied']} {req.reference}")
    expect(newest).to_contain_text("Terveisin Demo")
    assert serious_axe_violations(page) == []
    newest.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(req.reference)
    expect(page.locator(".timeline .new-reply")).to_contain_text(t["new"])
    expect(page.locator(".timeline .new-reply")).to_contain_text("040 123 4567")
    assert serious_axe_violations(page) == []
    page.screenshot(path=f"/tmp/desk_shots/reply-desk-{lang}.png", full_page=True)
    assert errors == []


def test_phone_width_keeps_the_thread_in_view(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  locale="fi-FI")
    page = context.new_page()
    page.base_url = live_server.url
    try:
        req = asked_request()
        log_in(page, "demo", lang="fi")
        page.goto(f"{page.base_url}/requests/{req.reference}")
        expect(page.get_by_label("Vastauksesi")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        page.screenshot(path="/tmp/desk_shots/reply-phone-fi.png", full_page=True)
    finally:
        context.close()


def test_without_javascript_the_reply_still_goes(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10000)
    page.base_url = live_server.url
    try:
        req = asked_request()
        log_in(page, "demo", lang="en")
        page.goto(f"{page.base_url}/requests/{req.reference}")
        # The Enter tip needs the script: not shown without it.
        expect(page.locator("#text-script-hint")).to_be_hidden()
        page.get_by_role("button", name="Send reply").click()
        expect(page.locator("#text-error")).to_have_text("Write your reply.")
        page.get_by_label("Your reply").fill("Rivi 1\nRivi 2")
        page.get_by_role("button", name="Send reply").click()
        expect(page).to_have_url(re.compile(rf"/requests/{req.reference}#request-thread$"))
        expect(page.get_by_text("Your reply was sent to customer service.")).to_be_visible()
        expect(page.locator("#request-thread .from-dealer")).to_contain_text("Rivi 2")
        assert [r.note for r in replies_of(req)] == ["Rivi 1\nRivi 2"]
    finally:
        context.close()
