"""My settings (language and time zone) and the contact page."""
import re

import pytest

from models import User, db


@pytest.fixture
def dealer(demo, client, auth):
    auth.login("demo")
    return client


def test_my_settings_saves_and_applies_at_once(dealer):
    page = dealer.get("/settings/me?lang=en").get_data(as_text=True)
    assert "My settings" in page and "Time zone" in page
    response = dealer.post("/settings/me", data={"locale": "sv",
                                                 "time_zone": "Europe/Berlin"})
    assert response.status_code == 302
    with db.connection_context():
        user = User.get(User.username == "demo")
    assert user.locale == "sv" and user.time_zone == "Europe/Berlin"
    page = dealer.get("/settings/me").get_data(as_text=True)
    assert '<html lang="sv">' in page
    assert re.search(r'<option data-search="[^"]*" selected value="Europe/Berlin">', page)


@pytest.mark.parametrize("data", [{"locale": "de", "time_zone": "Europe/Helsinki"},
                                  {"locale": "fi", "time_zone": "Mars/Base"},
                                  {"locale": "fi", "time_zone": "Europe/Vienna"}, {}])
def test_my_settings_refuses_unlisted_values(dealer, data):
    response = dealer.post("/settings/me", data=data)
    assert response.status_code == 422
    with db.connection_context():
        assert User.get(User.username == "demo").locale is None


def test_agents_have_my_settings_only(demo, client, auth):
    auth.login("agent")
    page = client.get("/settings/me?lang=en").get_data(as_text=True)
    assert "My settings" in page and "Trade account settings" not in page
    assert client.get("/settings").headers["Location"].endswith("/settings/me")


def test_contact_page_shows_the_configured_details(dealer, app):
    page = dealer.get("/settings/contact?lang=en").get_data(as_text=True)
    assert "Contact customer service" in page
    assert app.config["SUPPORT_EMAIL"] in page and app.config["SUPPORT_PHONE"] in page


def test_settings_needs_login(client, app):
    assert client.get("/settings/me").status_code == 302


def _zone_groups(page):
    """{optgroup label: [option values]} of the time zone select, in order."""
    select = re.search(r'<select[^>]*id="time_zone".*?</select>', page, re.S).group(0)
    return {label: re.findall(r'value="([^"]+)"', body) for label, body in
            re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)}


def test_time_zones_grouped_with_the_likely_zone_first(dealer):
    page = dealer.get("/settings/me?lang=en").get_data(as_text=True)
    groups = _zone_groups(page)
    assert list(groups)[:3] == ["Suggested", "Europe", "Africa"]
    assert groups["Suggested"] == ["Europe/Helsinki"]
    # The suggested zone stands for its entry: no time is offered twice.
    assert "Europe/Kyiv" not in groups["Europe"] and "Europe/Berlin" in groups["Europe"]
    values = [v for group in groups.values() for v in group]
    assert len(values) == len(set(values)) and 100 < len(values) < 160
    # Typing a country finds its zone too (the words are in the UI language).
    assert re.search(r'data-search="[^"]*\bfinland\b[^"]*" selected value="Europe/Helsinki">'
                     r"\(GMT\+02:00\) Helsinki, Kyiv, Riga, Sofia, Tallinn<", page)
    # The filter box is there for scripts to show, hidden without them.
    assert '<span class="select-filter" hidden>' in page
    assert '<label for="time_zone-filter">Find a city or country</label>' in page


def test_a_stored_zone_off_the_list_stays_shown_and_selected(dealer):
    with db.connection_context():
        User.update(time_zone="Europe/Mariehamn").where(
            User.username == "demo").execute()
    page = dealer.get("/settings/me?lang=en").get_data(as_text=True)
    assert _zone_groups(page)["Suggested"][0] == "Europe/Mariehamn"
    assert re.search(r'selected value="Europe/Mariehamn">\(GMT\+02:00\) Mariehamn, ', page)
    # Saving the page unchanged keeps it.
    response = dealer.post("/settings/me", data={"locale": "en",
                                                 "time_zone": "Europe/Mariehamn"})
    assert response.status_code == 302
    with db.connection_context():
        assert User.get(User.username == "demo").time_zone == "Europe/Mariehamn"
