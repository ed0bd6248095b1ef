"""The marketplace connection as a dealer meets it: keys, endpoints, and
new orders announced on an open list without moving its rows."""
import re

import pytest
from playwright.sync_api import expect

from tests.api_support import key_for, post_order_over_http
from tests.browser.conftest import log_in, serious_axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang, banner, show, header", [
    ("en", "1 new order has arrived.", "Show them", "1 new order"),
    ("fi", "1 uusi tilaus on saapunut.", "Näytä ne", "1 uusi tilaus"),
])
def test_a_new_order_is_announced_and_shown_on_a_click(page, live_server, lang,
                                                       banner, show, header):
    live_server.app.config["NEW_ORDERS_POLL_SECONDS"] = 1
    secret = key_for()
    log_in(page, lang=lang)
    page.goto(f"{page.base_url}/orders?lang={lang}")
    first_row = page.locator("#results tbody tr").first
    before = first_row.inner_text()
    page.evaluate("window.__marker = 'same page'")
    code = post_order_over_http(page.base_url, secret, po_number="NOTICE-1")
    expect(page.locator("#new-orders-banner")).to_contain_text(banner,
                                                               timeout=8000)
    expect(page.locator("#new-orders")).to_have_text(header)
    # The rows under the dealer's cursor did not move.
    assert first_row.inner_text() == before
    assert page.evaluate("window.__marker") == "same page"
    assert not serious_axe_violations(page)
    page.locator("#new-orders-banner").get_by_role("link", name=show).click()
    expect(page.locator("#results tbody tr").first).to_contain_text(code)
    expect(page.locator("#new-orders")).to_be_hidden()


def test_a_dealer_creates_a_key_and_an_endpoint_with_the_keyboard(page):
    log_in(page)
    page.goto(f"{page.base_url}/settings/integrations?lang=en")
    expect(page.get_by_role("link", name="Integrations")).to_have_attribute(
        "aria-current", "page")
    label = page.get_by_label("Name of the key")
    label.fill("Marketplace production")
    label.press("Enter")
    secret = page.locator("#api-keys .secret")
    expect(secret).to_have_text(re.compile(r"^om_"))
    expect(page.locator("#api-keys tbody")).to_contain_text(
        "Marketplace production")
    url = page.get_by_label("Endpoint URL")
    url.fill("https://example.com/hooks")
    url.press("Enter")
    expect(page.locator("#webhook-endpoints .secret")).to_have_text(
        re.compile(r"^whsec_"))
    # A bad address gets a message next to the field, and focus.
    url = page.get_by_label("Endpoint URL")
    url.fill("ftp://example.com")
    url.press("Enter")
    expect(page.locator("#webhook-endpoints .error")).to_contain_text(
        "http:// or https://")
    assert page.evaluate("document.activeElement.name") == "url"
    assert not serious_axe_violations(page)
    page.get_by_role("button", name="Revoke: Marketplace production").click()
    expect(page.locator("#api-keys")).to_contain_text("was revoked")


def test_the_api_reference_has_no_accessibility_problems(page):
    page.goto(f"{page.base_url}/api/v1/reference?lang=fi")
    expect(page.get_by_role("heading", name="API-kuvaus")).to_be_visible()
    assert not serious_axe_violations(page)
