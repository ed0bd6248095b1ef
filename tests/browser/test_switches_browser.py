"""Switches: Space turns them, the Kyllä/Ei word follows at once, axe is content."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, serious_axe_violations

pytestmark = pytest.mark.browser

WORDS = {"en": ("Yes", "No", "Existing trade account"),
         "fi": ("Kyllä", "Ei", "Nykyinen liikeasiakastili")}


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_space_turns_the_switch_and_its_word_follows_without_the_server(page, lang):
    yes, no, name = WORDS[lang]
    log_in(page, lang=lang)
    page.goto(f"{page.base_url}/settings/trade-accounts")
    switch = page.get_by_role("switch", name=name, exact=True)
    state = page.locator(".field.switch", has=switch).locator(".switch-state")
    expect(switch).not_to_be_checked()
    expect(state).to_have_text(no, use_inner_text=True)
    # Hold the sections' response: the word must change before any answer.
    held = []
    page.route("**/settings/trade-accounts/form**", lambda route: held.append(route))
    switch.focus()
    page.keyboard.press("Space")
    expect(switch).to_be_checked()
    expect(state).to_have_text(yes, use_inner_text=True)
    expect(state).to_have_attribute("aria-hidden", "true")
    page.wait_for_timeout(100)
    assert held, "the switch asks the server for the matching sections"
    for route in held:
        route.continue_()
    page.unroute("**/settings/trade-accounts/form**")
    # The swapped sections keep the switch on and say so.
    switch = page.get_by_role("switch", name=name, exact=True)
    expect(switch).to_be_checked()
    expect(page.locator(".field.switch", has=switch).locator(".switch-state")).to_have_text(yes, use_inner_text=True)
    violations = serious_axe_violations(page)
    assert violations == [], [(v["id"], v["nodes"][0]["target"]) for v in violations]
