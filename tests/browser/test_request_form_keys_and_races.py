"""The request form's Enter key and its racing section updates."""
import re
import time

import pytest
from flask import request
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.test_requests_journeys import KALLIO, L, label, requests_in_db

pytestmark = pytest.mark.browser


def fill_new_user(page, t, email):
    label(page, t["email"]).fill(email)
    label(page, t["first"]).fill("Enni")
    label(page, t["last"]).fill("Enter")


def test_enter_sends_after_the_sections_were_redrawn(page):
    t = L["en"]
    log_in(page, lang="en")
    page.goto(f"{page.base_url}/settings/trade-accounts")
    switch = page.get_by_role("switch", name=t["existing"])
    switch.check()
    expect(label(page, t["account_name"])).to_have_attribute("list", "account-suggestions")
    switch.uncheck()   # the sections are drawn again, twice
    expect(label(page, t["address"])).to_be_visible()
    page.wait_for_load_state("networkidle")
    label(page, t["account_name"]).fill("Enterin Korjaamo Oy")
    label(page, t["address"]).fill("Enterkatu 1")
    fill_new_user(page, t, "enni@enter.example")
    label(page, t["last"]).press("Enter")
    expect(page.locator("#sent-title")).to_contain_text(t["sent"])
    [sent] = requests_in_db()
    assert sent.account_name == "Enterin Korjaamo Oy"


def test_enter_sends_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10000)
    page.base_url = live_server.url
    t = L["en"]
    try:
        log_in(page, lang="en")
        page.goto(f"{page.base_url}/settings/trade-accounts")
        label(page, t["account_name"]).fill("Skriptitön Oy")
        label(page, t["address"]).fill("Hiljainen tie 2")
        fill_new_user(page, t, "enni@skriptiton.example")
        label(page, t["first"]).press("Enter")
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            re.compile(r"R-\d{4}-\d{6}"))
        [sent] = requests_in_db()
        assert sent.account_name == "Skriptitön Oy"
    finally:
        context.close()


def test_the_last_section_change_wins(page, live_server):
    """Typing the account name and at once turning on "Edit user details":
    the name's section answer, arriving while the switch's request is on
    its way, must not undo the switch."""
    def slow_switch():
        if request.path.endswith("/trade-accounts/form") \
                and request.args.get("edit_user"):
            time.sleep(0.8)
    live_server.app.before_request(slow_switch)
    t = L["en"]
    log_in(page, lang="en")
    page.goto(f"{page.base_url}/settings/trade-accounts")
    label(page, t["kind"]).select_option(label=t["edit_kind"])
    current = label(page, t["current_name"])
    expect(current).to_be_visible()
    page.wait_for_load_state("networkidle")
    current.fill(KALLIO)
    page.get_by_role("switch", name=t["edit_user"]).click()
    page.wait_for_timeout(1500)   # past the slow answer
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("switch", name=t["edit_user"])).to_be_checked()
    expect(label(page, t["current_email"])).to_be_visible()
    expect(label(page, t["address"])).to_have_value(re.compile("Teollisuuskatu"))
