"""Typing narrows the time zone list; without JavaScript it is a plain select."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, serious_axe_violations

pytestmark = pytest.mark.browser

T = {"en": {"zone": "Time zone", "find": "Find a city or country",
            "typed": "stockholm", "one": "1 match", "none": "Nothing matches."},
     "fi": {"zone": "Aikavyöhyke", "find": "Hae kaupunkia tai maata",
            "typed": "tukholma", "one": "1 osuma", "none": "Ei osumia."}}
BERLIN = "(GMT+01:00) Berlin, Amsterdam, Rome, Stockholm, Zurich"


def chosen_text(select):
    return select.evaluate("s => s.options[s.selectedIndex].text")


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_typing_a_city_chooses_its_zone(page, lang):
    t = T[lang]
    log_in(page, lang=lang)
    page.goto(f"{page.base_url}/settings/trade-accounts")
    select = page.get_by_label(t["zone"], exact=True)
    assert chosen_text(select).startswith("(GMT+02:00) Helsinki")
    box = page.get_by_label(t["find"])
    box.fill(t["typed"])
    expect(page.locator("#time_zone-filter-status")).to_have_text(t["one"])
    assert chosen_text(select) == BERLIN
    visible = select.evaluate(
        "s => Array.from(s.options).filter(o => !o.hidden).map(o => o.value)")
    assert visible == ["Europe/Berlin"]
    box.fill("zzzz")
    expect(page.locator("#time_zone-filter-status")).to_have_text(t["none"])
    assert chosen_text(select) == BERLIN
    box.fill("")
    assert select.evaluate("s => Array.from(s.options).every(o => !o.hidden)")
    violations = serious_axe_violations(page)
    assert violations == [], [(v["id"], v["nodes"][0]["target"]) for v in violations]


def test_without_javascript_the_list_is_a_plain_select(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10000)
    page.base_url = live_server.url
    try:
        log_in(page, lang="en")
        page.goto(f"{page.base_url}/settings/me")
        expect(page.get_by_label(T["en"]["find"])).to_be_hidden()
        page.get_by_label("Time zone", exact=True).select_option("Europe/Berlin")
        page.get_by_role("button", name="Save").click()
        assert chosen_text(page.get_by_label("Time zone", exact=True)) == BERLIN
    finally:
        context.close()
