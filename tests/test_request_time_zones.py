"""The request form's time zone: grouped, the likely zone first, stored ones kept."""
import re

import pytest

from models import TradeUser, db
from tests.requests_support import create_data, edit_data, first_user, site

SECTIONS = "/settings/trade-accounts/form"


@pytest.fixture
def dealer(demo, client, auth):
    auth.login("demo")
    return client


def _selected_zone(page):
    select = re.search(r'<select[^>]*id="time_zone".*?</select>', page, re.S).group(0)
    return re.search(r'selected value="([^"]+)">([^<]+)<', select).groups()


def test_a_new_user_gets_the_sites_zone_from_the_suggestions(dealer):
    page = dealer.get("/settings/trade-accounts?lang=fi").get_data(as_text=True)
    assert '<optgroup label="Ehdotetut">' in page and '<optgroup label="Eurooppa">' in page
    assert page.index('label="Ehdotetut"') < page.index('label="Eurooppa"')
    assert _selected_zone(page) == (
        "Europe/Helsinki", "(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn")


def test_an_edited_users_zone_off_the_list_stays_selected(dealer):
    user = first_user()
    with db.connection_context():
        TradeUser.update(time_zone="Europe/Mariehamn").where(
            TradeUser.id == user.id).execute()
        user = TradeUser.get_by_id(user.id)
    page = dealer.get(SECTIONS, query_string={
        "lang": "en", "kind": "edit_account_and_user", "site": site().id,
        "current_name": "Kallion Autohuolto", "edit_user": "y",
        "current_email": user.email}).get_data(as_text=True)
    zone, label = _selected_zone(page)
    assert zone == "Europe/Mariehamn" and label.startswith("(GMT+02:00) Mariehamn, ")
    # Sent back unchanged with another change, the zone is no error.
    response = dealer.post("/settings/trade-accounts",
                           data=edit_data(user, last_name="Uusinimi"))
    assert response.status_code == 302, response.get_data(as_text=True)


def test_a_zone_that_is_not_offered_is_refused(dealer):
    response = dealer.post("/settings/trade-accounts",
                           data=create_data(time_zone="Europe/Vienna"))
    assert response.status_code == 422
    assert 'id="time_zone-error"' in response.get_data(as_text=True)
