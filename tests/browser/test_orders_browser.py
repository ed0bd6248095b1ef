"""The order journeys clicked as a person would, in English and Finnish."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, serious_axe_violations

pytestmark = pytest.mark.browser


def test_search_as_you_type_swaps_results_and_follows_in_url(page):
    log_in(page)
    page.goto(f"{page.base_url}/orders?lang=en")
    page.evaluate("window.__marker = 'same page'")
    page.get_by_label("Search", exact=True).press_sequentially("12361236", delay=40)
    expect(page.locator("#results")).to_contain_text("190114-204115761")
    expect(page).to_have_url(re.compile(r"q=1236"))
    # No page load happened: the marker set on the page is still there.
    assert page.evaluate("window.__marker") == "same page"
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("JG IMT 1")
    expect(rows.first).to_contain_text("€1,143.23")
    expect(page.locator("#result-summary")).to_have_text("1 order found")
    # The focus stayed in the search box while typing.
    assert page.evaluate("document.activeElement.id") == "q"


def test_status_filter_and_bookmarkable_url(page):
    log_in(page)
    page.goto(f"{page.base_url}/orders?lang=en&q=JG+IMT+1")
    page.get_by_role("radio", name=re.compile(r"^Cancelled")).check()
    expect(page).to_have_url(re.compile(r"status=cancelled"))
    expect(page.locator("#results")).to_contain_text("190107-210114497")
    expect(page.locator("#results")).not_to_contain_text("190114-204115761")
    # Loading the pushed URL directly gives the same full page.
    page.reload()
    expect(page.get_by_role("radio", name=re.compile(r"^Cancelled"))).to_be_checked()
    expect(page.locator("#results")).to_contain_text("190107-210114497")


def test_open_an_order_and_start_processing_it(page):
    log_in(page)
    page.goto(f"{page.base_url}/orders?lang=en&q=12361236")
    page.get_by_role("link", name="190114-204115761").click()
    expect(page.get_by_role("heading", name="Order 190114-204115761")).to_be_visible()
    page.evaluate("window.__marker = 'same page'")
    page.get_by_role("button", name="Start processing").click()
    expect(page.locator("#order-panel")).to_contain_text("Processing started.")
    expect(page.locator(".order-header")).to_contain_text("In progress")
    expect(page.locator(".timeline")).to_contain_text("New → In progress")
    assert page.evaluate("window.__marker") == "same page"
    # Focus moved to the swapped panel's heading, not lost to the body.
    assert page.evaluate("document.activeElement.id") == "order-heading"


def test_cancel_needs_confirmation(page):
    log_in(page)
    page.goto(f"{page.base_url}/orders/190107-043205264?lang=en")
    page.locator("summary", has_text="Cancel order").click()
    page.locator(".confirm-body").get_by_role("button", name="Cancel order").click()
    expect(page.locator(".order-header")).to_contain_text("Cancelled")
    expect(page.locator(".order-header")).to_contain_text("€0.00")


def test_switch_to_finnish(page):
    log_in(page)
    page.goto(f"{page.base_url}/orders?lang=en&q=12361236")
    page.get_by_role("link", name="Suomi").click()
    expect(page.get_by_role("heading", name="Valitse tilaus")).to_be_visible()
    expect(page.locator("thead")).to_contain_text("Hankintatilauksen numero")
    row = page.locator("#results tbody tr").first
    expect(row).to_contain_text("1 143,23 €")
    expect(row).to_contain_text("14.1.2019 klo 22.41")
    expect(row).to_contain_text("Uusi")


def test_login_in_finnish_and_menu(page):
    log_in(page, lang="fi")
    page.get_by_role("group").first  # the page rendered
    page.locator("summary[aria-label='Valikko']").click()
    expect(page.get_by_role("link", name="Tilausten hallinta").first).to_be_visible()


def test_sorting_by_a_column_moves_focus_to_the_table(page):
    log_in(page)
    page.goto(f"{page.base_url}/orders?lang=en")
    page.get_by_role("link", name="Total").click()
    expect(page).to_have_url(re.compile(r"sort=-total"))
    expect(page.locator("th[aria-sort='descending']")).to_contain_text("Total")
    assert page.evaluate("document.activeElement.id") == "results-caption"


@pytest.mark.parametrize("path", ["/login?lang=en", "/orders?lang=en",
                                  "/orders/190114-204115761?lang=fi"])
def test_axe_finds_no_serious_violations(page, path):
    if not path.startswith("/login"):
        log_in(page)
    page.goto(page.base_url + path)
    assert serious_axe_violations(page) == []
