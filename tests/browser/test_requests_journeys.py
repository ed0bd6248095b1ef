"""The three request journeys clicked as a person would, in English and Finnish.

Each journey starts from the ☰ menu, makes a mistake the form catches,
fixes it and sends; the request then shows under "My requests". axe-core
checks every state of the form.
"""
import re

import pytest
from playwright.sync_api import expect

from models import AccountRequest, db
from tests.browser.conftest import log_in, serious_axe_violations
from tests.requests_support import first_user

KALLIO = "Kallion Autohuolto"   # a demo trade account with users

pytestmark = pytest.mark.browser

L = {
    "en": {"menu": "Menu", "settings": "Settings", "my_requests": "My requests",
           "kind": "Request type", "edit_kind": "Edit trade account and user",
           "existing": "Existing trade account", "account_name": "Account name",
           "current_name": "Current account name", "address": "Address",
           "email": "Email address", "new_email": "New email address",
           "first": "First name", "last": "Last name", "role": "Role",
           "edit_user": "Edit user details", "current_email": "Current email address",
           "remove": "Remove marketplace access", "send": "Send",
           "invalid_email": "Enter a valid email address", "in_use": "already used",
           "sent": "sent", "submitted": "Submitted", "nothing": "changes nothing",
           "info": "Info", "two_days": "within two business days",
           "clear": "Clear all"},
    "fi": {"menu": "Valikko", "settings": "Asetukset", "my_requests": "Omat pyynnöt",
           "kind": "Pyynnön tyyppi", "edit_kind": "Muokkaa liikeasiakastiliä ja käyttäjää",
           "existing": "Nykyinen liikeasiakastili", "account_name": "Tilin nimi",
           "current_name": "Nykyisen tilin nimi", "address": "Osoite",
           "email": "Sähköpostiosoite", "new_email": "Uusi sähköpostiosoite",
           "first": "Etunimi", "last": "Sukunimi", "role": "Tehtävä",
           "edit_user": "Käyttäjän tietojen muokkaus",
           "current_email": "Nykyinen sähköpostiosoite",
           "remove": "Poista Microcat Market -käyttöoikeus", "send": "Lähetä",
           "invalid_email": "Anna kelvollinen sähköpostiosoite",
           "in_use": "jo aktiivisen käyttäjän käytössä", "sent": "lähetetty",
           "submitted": "Lähetetty", "nothing": "ei muuta mitään",
           "info": "Tietoa", "two_days": "kahden arkipäivän kuluessa",
           "clear": "Tyhjennä kaikki"},
}


def no_serious_axe(page):
    violations = serious_axe_violations(page)
    assert violations == [], [(v["id"], v["nodes"][0]["target"]) for v in violations]


def open_settings(page, t):
    page.locator("details.menu summary").click()
    page.get_by_role("link", name=t["settings"], exact=True).click()
    expect(page.get_by_label(t["kind"])).to_be_visible()


def label(page, text):
    return page.get_by_label(text, exact=True)


def wait_for_swap(page):
    page.wait_for_load_state("networkidle")


def requests_in_db():
    with db.connection_context():
        return list(AccountRequest.select().order_by(AccountRequest.id))


def check_in_my_requests(page, t, reference):
    page.locator("details.menu summary").click()
    page.get_by_role("link", name=t["my_requests"], exact=True).click()
    row = page.locator("tbody tr", has_text=reference)
    expect(row).to_contain_text(t["submitted"])
    row.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    no_serious_axe(page)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_create_trade_account_and_user(page, lang):
    t = L[lang]
    log_in(page, lang=lang)
    open_settings(page, t)
    no_serious_axe(page)
    page.get_by_text(t["info"], exact=True).click()
    expect(page.locator(".info-body")).to_contain_text(t["two_days"])
    label(page, t["account_name"]).fill("Pasilan Pikahuolto Oy")
    label(page, t["address"]).fill("Ratapihantie 1, Helsinki")
    label(page, t["email"]).fill("pekka.pikahuolto@@example")
    label(page, t["first"]).fill("Pekka")
    label(page, t["last"]).fill("Pikahuolto")
    page.get_by_role("button", name=t["send"], exact=True).click()
    email = label(page, t["email"])
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#email-error")).to_contain_text(t["invalid_email"])
    expect(email).to_be_focused()
    expect(label(page, t["first"])).to_have_value("Pekka")
    no_serious_axe(page)
    email.fill("pekka@pasilanpikahuolto.example")
    page.get_by_role("button", name=t["send"], exact=True).click()
    heading = page.locator("#sent-title")
    expect(heading).to_contain_text(re.compile(r"R-\d{4}-\d{6}"))
    expect(heading).to_contain_text(t["sent"])
    no_serious_axe(page)
    [sent] = requests_in_db()
    assert sent.kind == "create_account_and_user"
    assert sent.requested_values["user"]["email"] == "pekka@pasilanpikahuolto.example"
    check_in_my_requests(page, t, sent.reference)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_add_user_to_existing_trade_account(page, lang):
    t = L[lang]
    taken = first_user(KALLIO).email
    log_in(page, lang=lang)
    open_settings(page, t)
    label(page, t["email"]).fill("kept@value.example")
    page.get_by_role("switch", name=t["existing"]).check()
    wait_for_swap(page)
    name = label(page, t["account_name"])
    expect(name).to_have_attribute("list", "account-suggestions")
    # The typed email survived the swap of the sections.
    expect(label(page, t["email"])).to_have_value("kept@value.example")
    no_serious_axe(page)
    name.press_sequentially("Kallion", delay=30)
    expect(page.locator("#account-suggestions option")).to_have_count(1)
    name.fill(KALLIO)
    label(page, t["email"]).fill(taken)
    label(page, t["first"]).fill("Liisa")
    label(page, t["last"]).fill("Lisätty")
    page.get_by_role("button", name=t["send"], exact=True).click()
    expect(page.locator("#email-error")).to_contain_text(t["in_use"])
    expect(label(page, t["email"])).to_be_focused()
    label(page, t["email"]).fill("liisa.lisatty@kallio.example")
    page.get_by_role("button", name=t["send"], exact=True).click()
    expect(page.locator("#sent-title")).to_contain_text(t["sent"])
    [sent] = requests_in_db()
    assert sent.kind == "add_user" and sent.account_name == KALLIO
    check_in_my_requests(page, t, sent.reference)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_edit_user_and_remove_marketplace_access(page, lang):
    t = L[lang]
    user = first_user(KALLIO)
    log_in(page, lang=lang)
    open_settings(page, t)
    label(page, t["kind"]).select_option(label=t["edit_kind"])
    current = label(page, t["current_name"])
    expect(current).to_be_visible()
    no_serious_axe(page)
    current.fill(KALLIO)
    current.press("Tab")
    expect(label(page, t["address"])).to_have_value(re.compile("Teollisuuskatu"))
    wait_for_swap(page)
    page.get_by_role("switch", name=t["edit_user"]).check()
    wait_for_swap(page)
    label(page, t["current_email"]).select_option(user.email)
    expect(label(page, t["last"])).to_have_value(user.last_name)
    wait_for_swap(page)
    expect(label(page, t["new_email"])).to_have_value(user.email)
    no_serious_axe(page)
    # Sending the current values unchanged is refused with a message.
    page.get_by_role("button", name=t["send"], exact=True).click()
    expect(page.locator("#name-error")).to_contain_text(t["nothing"])
    no_serious_axe(page)
    page.get_by_role("switch", name=t["remove"]).check()
    page.get_by_role("button", name=t["send"], exact=True).click()
    expect(page.locator("#sent-title")).to_contain_text(t["sent"])
    [sent] = requests_in_db()
    assert sent.kind == "edit_account_and_user"
    assert sent.requested_values == {"user": {"market_access": False}}
    assert sent.trade_user_id == user.id
    check_in_my_requests(page, t, sent.reference)


def test_double_click_on_send_creates_one_request(page):
    t = L["en"]
    log_in(page, lang="en")
    page.goto(f"{page.base_url}/settings/trade-accounts")
    label(page, t["account_name"]).fill("Tuplaklikki Oy")
    label(page, t["address"]).fill("Klikkikatu 2")
    label(page, t["email"]).fill("tupla@klikki.example")
    label(page, t["first"]).fill("Tupla")
    label(page, t["last"]).fill("Klikki")
    page.get_by_role("button", name=t["send"], exact=True).dblclick()
    expect(page.locator("#sent-title")).to_be_visible()
    wait_for_swap(page)
    assert len(requests_in_db()) == 1


def test_clear_all_starts_a_new_request(page):
    t = L["en"]
    log_in(page, lang="en")
    page.goto(f"{page.base_url}/settings/trade-accounts")
    key = page.locator("[name=idempotency_key]").input_value()
    label(page, t["account_name"]).fill("Tyhjennettävä Oy")
    page.get_by_role("link", name=t["clear"]).click()
    expect(label(page, t["account_name"])).to_have_value("")
    assert page.locator("[name=idempotency_key]").input_value() != key


def test_without_javascript_the_edit_form_still_works(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10000)
    page.base_url = live_server.url
    t = L["en"]
    try:
        log_in(page, lang="en")
        page.goto(f"{page.base_url}/settings/trade-accounts")
        label(page, t["kind"]).select_option(label=t["edit_kind"])
        page.get_by_role("button", name="Update form").click()
        label(page, t["current_name"]).fill(KALLIO)
        page.get_by_role("button", name="Update form").click()
        expect(label(page, t["address"])).to_have_value(re.compile("Teollisuuskatu"))
        label(page, t["address"]).fill("Kalliontie 7, Helsinki")
        page.get_by_role("button", name=t["send"], exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"R-\d{4}-\d{6}"))
        [sent] = requests_in_db()
        assert sent.requested_values == {"account": {"address": "Kalliontie 7, Helsinki"}}
    finally:
        context.close()
