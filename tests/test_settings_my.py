"""My settings (language and time zone) and the contact page."""
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
                                                 "time_zone": "Europe/Stockholm"})
    assert response.status_code == 302
    with db.connection_context():
        user = User.get(User.username == "demo")
    assert user.locale == "sv" and user.time_zone == "Europe/Stockholm"
    page = dealer.get("/settings/me").get_data(as_text=True)
    assert '<html lang="sv">' in page
    assert '<option selected value="Europe/Stockholm">' in page


@pytest.mark.parametrize("data", [{"locale": "de", "time_zone": "Europe/Helsinki"},
                                  {"locale": "fi", "time_zone": "Mars/Base"}, {}])
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
