"""Nothing scrolls sideways: the lists (and an account's users) fit 1280 px
and are cards at 390 px, the phone's header is compact, and long labels and
notes wrap in their boxes."""
import pytest
from playwright.sync_api import expect

from models import db
from tests.browser.conftest import log_in, serious_axe_violations
from tests.browser.test_requests_journeys import requests_in_db
from tests.desk_factories import NEW_ACCOUNT, NEW_USER, make_request

pytestmark = pytest.mark.browser

# Sideways scrolling of the page, or of any box inside it (a table's wrap),
# or text running out of its box.
OVERFLOW = """() => {
  const page = document.scrollingElement;
  const boxes = [...document.querySelectorAll(
      '.table-wrap, main, dd, th, td, p, li, blockquote')]
    .filter(box => box.checkVisibility() && box.scrollWidth > box.clientWidth + 1)
    .map(box => box.tagName + '.' + box.className + ': '
                + box.scrollWidth + ' > ' + box.clientWidth);
  if (page.scrollWidth > window.innerWidth) boxes.unshift('page: ' + page.scrollWidth);
  return boxes;
}"""
LISTS = [("/orders", "demo"), ("/requests", "demo"), ("/accounts", "demo"),
         ("/desk?status=all", "agent"), ("/accounts/2", "demo")]


@pytest.fixture
def requests_sent(live_server):
    """Requests with long names and addresses, as a busy site has them."""
    with db.connection_context():
        for n in range(8):
            make_request(requested={
                "account": dict(NEW_ACCOUNT, name=f"Itäkeskuksen Rengas ja Huolto {n} Oy"),
                "user": dict(NEW_USER, email=f"johanna.hamalainen.{n}@itakeskuksenrengasjahuolto.example")})


def at_width(page, width):
    page.set_viewport_size({"width": width, "height": 900})


def open_list(page, path, lang):
    page.goto(f"{page.base_url}{path}{'&' if '?' in path else '?'}lang={lang}")
    expect(page.locator("tbody tr").first).to_be_visible()


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("path, user", LISTS)
def test_lists_fit_1280_as_tables(page, requests_sent, lang, path, user):
    log_in(page, username=user, lang=lang)
    at_width(page, 1280)
    open_list(page, path, lang)
    assert page.evaluate(OVERFLOW) == []
    assert page.locator("tbody tr").first.evaluate(
        "tr => getComputedStyle(tr).display") == "table-row"


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("path, user", LISTS)
def test_lists_are_cards_on_a_phone(page, requests_sent, lang, path, user):
    log_in(page, username=user, lang=lang)
    at_width(page, 390)
    open_list(page, path, lang)
    assert page.evaluate(OVERFLOW) == []
    assert page.locator(".app-header").bounding_box()["height"] <= 70
    row = page.locator("tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "block"
    # Each value is named by its column.
    cell = row.locator("td[data-label]").first
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == cell.get_attribute("data-label") != ""
    assert serious_axe_violations(page) == []


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("path, user", [
    ("/orders/190114-204115761", "demo"), ("/settings/trade-accounts", "demo"),
    ("/notices", "demo"), ("/desk/dashboard", "agent")])
def test_other_pages_fit_a_phone(page, lang, path, user):
    log_in(page, username=user, lang=lang)
    at_width(page, 390)
    page.goto(f"{page.base_url}{path}?lang={lang}")
    assert page.evaluate(OVERFLOW) == []


def test_phone_header_keeps_every_control(page):
    log_in(page, lang="fi")
    at_width(page, 390)
    page.goto(f"{page.base_url}/orders?lang=fi")
    expect(page.locator("details.menu summary")).to_be_visible()
    expect(page.get_by_role("link", name="English")).to_be_visible()
    expect(page.get_by_role("button", name="Kirjaudu ulos")).to_be_visible()
    # The notices keep their words for screen readers.
    expect(page.locator("#header-notices")).to_have_accessible_name(
        "Ei uusia ilmoituksia")
    # The sort links and select-all stay reachable above the cards.
    expect(page.get_by_role("link", name="Asiakas")).to_be_visible()


def test_long_labels_and_notes_wrap_in_a_request(page, browser):
    log_in(page, lang="fi")
    page.goto(f"{page.base_url}/settings/trade-accounts?lang=fi")
    page.get_by_label("Tilin nimi", exact=True).fill("Pitkien Sanojen Oy")
    page.get_by_label("Osoite", exact=True).fill("Pitkäkatu 1")
    page.get_by_label("Huomautukset", exact=True).fill("Huom" + "x" * 300)
    page.get_by_label("Sähköpostiosoite", exact=True).fill("pitka@sanat.example")
    page.get_by_label("Etunimi", exact=True).fill("Pia")
    page.get_by_label("Sukunimi", exact=True).fill("Pitkä")
    page.get_by_role("button", name="Lähetä", exact=True).click()
    page.locator("#sent-title").wait_for()
    for width in (1280, 390):
        at_width(page, width)
        assert page.evaluate(OVERFLOW) == [], width
    [sent] = requests_in_db()
    page.goto(f"{page.base_url}/requests/{sent.reference}?lang=fi")
    access = page.locator("th", has_text="Markkinapaikan käyttöoikeus")
    for width in (1280, 390):
        at_width(page, width)
        assert page.evaluate(OVERFLOW) == [], width
        # The label ends before its value starts (or sits above it).
        label_box = access.bounding_box()
        value_box = access.locator("xpath=following-sibling::td[last()]").bounding_box()
        assert (label_box["x"] + label_box["width"] <= value_box["x"]
                or label_box["y"] + label_box["height"] <= value_box["y"]), width
    # The agent's view of it, with a long unbroken note of their own.
    agent = browser.new_context(viewport={"width": 390, "height": 900})
    desk = agent.new_page()
    desk.base_url = page.base_url
    log_in(desk, "agent")
    desk.goto(f"{page.base_url}/desk/{sent.reference}?lang=en")
    desk.get_by_text("Add note", exact=True).first.click()
    desk.get_by_label("Note", exact=True).fill("See" + "y" * 300)
    desk.get_by_role("button", name="Add note").click()
    expect(desk.locator(".timeline")).to_contain_text("See" + "y" * 20)
    for width in (390, 1280):
        at_width(desk, width)
        assert desk.evaluate(OVERFLOW) == [], width
    agent.close()
