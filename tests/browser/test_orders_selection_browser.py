"""The order list's date range, ticked orders and pick list, in Chromium."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, serious_axe_violations

pytestmark = pytest.mark.browser


def test_date_range_filters_as_you_choose(page):
    log_in(page)
    page.goto(f"{page.base_url}/orders?lang=en&q=JG+IMT+1")
    page.evaluate("window.__marker = 'same page'")
    page.get_by_label("From", exact=True).fill("2019-01-14")
    page.get_by_label("To", exact=True).fill("2019-01-14")
    expect(page).to_have_url(re.compile(r"from=2019-01-14&to=2019-01-14"))
    expect(page.locator("#results")).to_contain_text("190114-204115761")
    expect(page.locator("#results")).not_to_contain_text("190107-210114497")
    assert page.evaluate("window.__marker") == "same page"
    # The order's back link returns to this very list.
    page.get_by_role("link", name="190114-204115761").click()
    page.get_by_role("link", name="Back to orders").click()
    expect(page.get_by_label("From", exact=True)).to_have_value("2019-01-14")
    expect(page.get_by_label("Search", exact=True)).to_have_value("JG IMT 1")


def test_start_every_order_of_a_page_in_english(page):
    log_in(page)
    page.goto(f"{page.base_url}/orders?lang=en&status=new&q=JG+IMT+1")
    rows = page.locator("#results tbody tr").count()
    assert rows > 1
    page.get_by_label("Select all orders on this page").check()
    page.get_by_role("button", name="Start processing").click()
    expect(page.locator(".flashes")).to_contain_text(
        f"{rows} orders moved to In progress.")
    # Back on the same filtered list, where nothing new is left (the empty
    # list's message quotes the search, so count rows, not the name).
    expect(page).to_have_url(re.compile(r"status=new"))
    expect(page.locator("#results tbody tr")).to_have_count(0)
    expect(page.locator("#results .empty")).to_contain_text("JG IMT 1")


def test_cancel_two_orders_in_finnish_after_confirming(page):
    log_in(page, lang="fi")
    page.goto(f"{page.base_url}/orders?lang=fi&status=new&q=JG+IMT+1")
    codes = page.locator("#results tbody tr td:nth-child(2) a").all_inner_texts()[:2]
    for code in codes:
        page.get_by_label(f"Valitse tilaus {code}").check()
    confirm = page.get_by_role("button", name="Kyllä, peruuta valitut tilaukset")
    expect(confirm).to_be_hidden()
    page.get_by_text("Peruuta tilaukset", exact=True).click()
    confirm.click()
    expect(page.locator(".flashes")).to_contain_text(
        "2 tilausta siirrettiin tilaan Peruutettu.")


def test_print_a_pick_list_of_ticked_orders(page, tmp_path):
    log_in(page)
    page.goto(f"{page.base_url}/orders?lang=en&q=JG+IMT+1")
    codes = page.locator("#results tbody tr td:nth-child(2) a").all_inner_texts()[:2]
    for code in codes:
        page.get_by_label(f"Select order {code}").check()
    page.get_by_role("button", name="Print pick list").click()
    expect(page.get_by_role("heading", name="Pick list")).to_be_visible()
    expect(page.locator("svg.qr")).to_have_count(2)
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    assert serious_axe_violations(page) == []
    # Printed: one order a page, without the header and buttons.
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 2
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.locator(".app-header")).to_be_hidden()
    expect(page.locator("svg.qr").first).to_be_visible()


def test_customer_link_filters_the_list_with_a_removable_chip(page):
    log_in(page)
    page.goto(f"{page.base_url}/orders/190114-204115761?lang=en")
    page.get_by_role("link", name="JG IMT 1").click()
    chip = page.get_by_role("link", name="Remove the filter Customer: JG IMT 1")
    expect(chip).to_contain_text("Customer: JG IMT 1")
    expect(page.locator("#results tbody tr td:nth-child(5)").first
           ).to_have_text("JG IMT 1")
    assert serious_axe_violations(page) == []
    chip.click()
    expect(page).not_to_have_url(re.compile("customer="))


@pytest.mark.parametrize("path", [
    "/orders?lang=en&from=2019-01-01&to=2019-02-28",
    "/orders?lang=fi&from=2019-02-30",
])
def test_axe_on_the_filtered_list(page, path):
    log_in(page)
    page.goto(page.base_url + path)
    assert serious_axe_violations(page) == []
