"""The strict Content-Security-Policy breaks nothing: no violation anywhere.

Chromium reports every refused inline script, inline style, eval or
foreign resource as a console error and a securitypolicyviolation event;
the pages and their htmx swaps must produce none.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
VIOLATION = re.compile(r"Content Security Policy|Refused to", re.I)


def _watch(page):
    found = []
    page.on("console", lambda message: VIOLATION.search(message.text)
            and found.append(message.text))
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def _visit_every_link_of_the_menu(page):
    hrefs = page.eval_on_selector_all(
        "header a[href^='/'], nav a[href^='/']",
        "links => links.map(a => a.getAttribute('href'))")
    for href in dict.fromkeys(hrefs):
        page.goto(page.base_url + href)
        page.wait_for_load_state("networkidle")


def test_dealer_pages_and_swaps_keep_to_the_policy(page):
    found = _watch(page)
    log_in(page)
    response = page.goto(f"{page.base_url}/orders?lang=en")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.get_by_label("Search", exact=True).press_sequentially("1236", delay=30)
    expect(page.locator("#results")).to_contain_text("190114-204115761")
    page.get_by_role("link", name="190114-204115761").click()
    page.wait_for_load_state("networkidle")
    page.goto(f"{page.base_url}/settings/trade-accounts?lang=en")
    page.wait_for_load_state("networkidle")
    kind = page.locator("select[name=kind]")
    if kind.count():
        values = kind.locator("option").evaluate_all(
            "options => options.map(o => o.value)")
        for value in values:
            kind.select_option(value)
            page.wait_for_load_state("networkidle")
    _visit_every_link_of_the_menu(page)
    assert found == []


def test_agent_pages_keep_to_the_policy(page):
    found = _watch(page)
    log_in(page, "agent")
    page.wait_for_load_state("networkidle")
    _visit_every_link_of_the_menu(page)
    assert found == []
