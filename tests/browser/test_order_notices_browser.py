"""A new order from the marketplace reaches the notices of the site's people:
the header's count follows the poll, the notice links to the order, and it is
read once seen; in English and Finnish, at desk and phone width, with axe."""
import pytest
from playwright.sync_api import expect

from tests.api_support import key_for, post_order_over_http
from tests.browser.conftest import log_in, serious_axe_violations

pytestmark = pytest.mark.browser

T = {"en": {"one": "1 new notice", "none": "No new notices",
            "text": "New order from the marketplace: {code}, JG IMT 1 "
                    "(20/90074 – Helsinki)", "heading": "Order {code}"},
     "fi": {"one": "1 uusi ilmoitus", "none": "Ei uusia ilmoituksia",
            "text": "Uusi tilaus markkinapaikalta: {code}, JG IMT 1 "
                    "(20/90074 – Helsinki)", "heading": "Tilaus {code}"}}


@pytest.mark.parametrize("lang, width", [("en", 1280), ("fi", 390)])
def test_a_new_order_notice_leads_to_the_order(page, live_server, lang, width):
    t = T[lang]
    page.set_viewport_size({"width": width, "height": 900})
    live_server.app.config["NEW_ORDERS_POLL_SECONDS"] = 1
    secret = key_for()
    log_in(page, lang=lang)
    page.goto(f"{page.base_url}/orders?lang={lang}")
    notices = page.locator("#header-notices")
    expect(notices).to_contain_text(t["none"])
    code = post_order_over_http(page.base_url, secret, po_number="NOTICE-2")
    # The new-orders poll brings the notice count along.
    expect(notices).to_contain_text(t["one"], timeout=8000)
    notices.click()
    item = page.locator(".notice-list li").first
    expect(item).to_contain_text(t["text"].format(code=code))
    assert serious_axe_violations(page) == []
    expect(page.locator("#header-notices")).to_contain_text(t["none"])
    page.screenshot(path=f"/tmp/desk_shots/order-notice-{lang}-{width}.png",
                    full_page=True)
    item.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        t["heading"].format(code=code))
    page.go_back()
    page.reload()
    expect(page.locator(".notice-list li.unread")).to_have_count(0)
