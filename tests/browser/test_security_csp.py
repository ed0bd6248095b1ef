"""The strict Content-Security-Policy breaks nothing: no violation anywhere.

Chromium reports every refused inline script, inline style, eval or
foreign resource as a console error and a securitypolicyviolation event;
the browser fixture (conftest.py) fails any test whose pages report one,
so these tests only walk the pages and their htmx swaps.
"""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def _visit_every_link_of_the_menu(page):
    hrefs = page.eval_on_selector_all(
        "header a[href^='/'], nav a[href^='/']",
        "links => links.map(a => a.getAttribute('href'))")
    for href in dict.fromkeys(hrefs):
        page.goto(page.base_url + href)
        page.wait_for_load_state("networkidle")


def test_dealer_pages_and_swaps_keep_to_the_policy(page):
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


def test_agent_pages_keep_to_the_policy(page):
    log_in(page, "agent")
    page.wait_for_load_state("networkidle")
    _visit_every_link_of_the_menu(page)


def test_the_watch_fails_a_test_on_a_violation(page, browser):
    """The browser fixture sees what a violation looks like (and forgets it,
    so this test passes)."""
    page.goto(f"{page.base_url}/login?lang=en")
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_timeout(100)
    assert any("style-src" in problem for problem in browser.problems)
    browser.problems.clear()


def test_swaps_never_copy_an_inline_style(page):
    """An element given an inline style through the CSSOM (a textarea the
    user resized, a script's or axe-core's check leaving style="") keeps to
    the policy when htmx swaps in its new version: htmx's settle step
    must not copy the old style attribute over."""
    log_in(page)
    page.goto(f"{page.base_url}/orders?lang=en")
    page.evaluate("""() => {
      const caption = document.getElementById('results-caption');
      caption.style.color = 'red';
      caption.style.color = '';
    }""")
    assert page.locator("#results-caption[style]").count() == 1
    page.get_by_label("Search", exact=True).press_sequentially("1236", delay=30)
    expect(page.locator("#results")).to_contain_text("190114-204115761")
    page.wait_for_timeout(100)
