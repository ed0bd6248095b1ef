"""The request form: full page and htmx sections for each type and switch."""
import pytest

from tests.requests_support import account, first_user, site

FORM = "/settings/trade-accounts"
SECTIONS = "/settings/trade-accounts/form"


@pytest.fixture
def dealer(demo, client, auth):
    auth.login("demo")
    return client


def test_menu_links_to_settings_requests_and_accounts(dealer):
    page = dealer.get("/orders?lang=en").get_data(as_text=True)
    for url in ("/settings/trade-accounts", "/requests", "/accounts"):
        assert f'href="{url}"' in page


def test_create_form_full_page_with_glossary_labels(dealer):
    response = dealer.get(FORM + "?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" in page
    for label in ("Trade account settings", "My settings", "Request type",
                  "Create trade account and add user", "Clear all", "Info",
                  "Existing trade account", "Account name", "Address",
                  "Country", "Language", "Notes", "Trade account user details",
                  "Email address", "Role", "First name", "Last name",
                  "Time zone", "Send", "Workshop manager", "Body shop manager",
                  "To create trade accounts in another country, contact the provider.",
                  "Contact customer service"):
        assert label in page, label
    assert 'role="switch"' in page
    assert 'value="Finland"' in page and "readonly" in page
    assert ' selected value="Europe/Helsinki">(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn<' in page
    assert 'name="idempotency_key"' in page


def test_create_form_in_finnish_uses_the_glossary(dealer):
    page = dealer.get(FORM + "?lang=fi").get_data(as_text=True)
    for label in ("Liikeasiakastilin asetukset", "Pyynnön tyyppi",
                  "Luo liikeasiakastili ja lisää käyttäjä",
                  "Tyhjennä kaikki", "Nykyinen liikeasiakastili",
                  "Tilin nimi", "Maa", "Osoite", "Huomautukset",
                  "Liikeasiakastilin käyttäjän tiedot", "Sähköpostiosoite",
                  "Tehtävä", "Korjaamon päällikkö", "Etunimi", "Sukunimi",
                  "Aikavyöhyke", "Lähetä", "Tietoa", "Suomi",
                  "Ota yhteyttä asiakaspalveluun"):
        assert label in page, label


def test_sections_partial_for_existing_account_keeps_typed_values(dealer, htmx_headers):
    response = dealer.get(SECTIONS, headers=htmx_headers, query_string={
        "kind": "create_account_and_user", "existing": "y", "email": "typed@x.example",
        "first_name": "Typed", "name": "Typed name", "site": site().id})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in page
    assert 'id="request-fields"' in page
    assert 'name="current_name"' in page and 'list="account-suggestions"' in page
    assert 'value="typed@x.example"' in page and 'value="Typed"' in page
    # The hidden new-account fields keep what was typed there.
    assert '<input type="hidden" name="name" value="Typed name">' in page


def test_sections_full_page_when_loaded_directly(dealer):
    response = dealer.get(SECTIONS + "?kind=edit_account_and_user")
    assert response.status_code == 200
    assert "<html" in response.get_data(as_text=True)


def test_edit_sections_fill_in_the_chosen_account(dealer, htmx_headers):
    acc = account()
    page = dealer.get(SECTIONS, headers=htmx_headers, query_string={
        "lang": "en", "kind": "edit_account_and_user",
        "current_name": acc.name.upper(),
        "site": acc.dealer_id}).get_data(as_text=True)
    assert "Current account name" in page and "New account name" in page
    assert f'value="{acc.address}"' in page
    assert f'name="filled_account" type="hidden" value="{acc.id}"' in page
    assert "Edit user details" in page
    assert "Current email address" not in page


def test_edit_sections_keep_typed_values_once_filled(dealer, htmx_headers):
    acc = account()
    page = dealer.get(SECTIONS, headers=htmx_headers, query_string={
        "kind": "edit_account_and_user", "current_name": acc.name,
        "site": acc.dealer_id, "filled_account": acc.id,
        "address": "Uusi osoite 5", "edit_user": "y"}).get_data(as_text=True)
    assert 'value="Uusi osoite 5"' in page
    assert "Remove marketplace access" in page or "käyttöoikeus" in page


def test_choosing_a_user_fills_in_their_details(dealer, htmx_headers):
    acc, user = account(), first_user()
    page = dealer.get(SECTIONS, headers=htmx_headers, query_string={
        "kind": "edit_account_and_user", "current_name": acc.name,
        "site": acc.dealer_id, "filled_account": acc.id, "edit_user": "y",
        "current_email": user.email}).get_data(as_text=True)
    assert f'value="{user.first_name}"' in page
    assert f'name="filled_user" type="hidden" value="{user.id}"' in page
    assert f'<option selected value="{user.email}">' in page


def test_request_a_change_link_opens_the_filled_edit_form(dealer):
    acc, user = account(), first_user()
    page = dealer.get(FORM, query_string={
        "kind": "edit_account_and_user", "account": acc.id,
        "user": user.id}).get_data(as_text=True)
    assert f'value="{acc.address}"' in page
    assert f'value="{user.last_name}"' in page


def test_another_sites_account_is_not_filled_in(demo, client, auth):
    auth.login("other")
    acc = account()
    page = client.get(FORM, query_string={
        "kind": "edit_account_and_user", "account": acc.id}).get_data(as_text=True)
    assert acc.address not in page


def test_suggestions_are_scoped_to_the_users_sites(dealer, demo, client):
    page = dealer.get("/settings/trade-accounts/suggest", query_string={
        "current_name": "kor", "site": site().id}).get_data(as_text=True)
    assert "Korjaamo Virtanen Oy" in page and "Espoon Korikorjaamo" in page
    assert "Pirkan Kori Oy" not in page
    other = dealer.get("/settings/trade-accounts/suggest", query_string={
        "current_name": "b", "site": site("30/10021").id}).get_data(as_text=True)
    assert "Bilverkstad" not in other


def test_clear_all_partial_has_a_new_idempotency_key(dealer, htmx_headers):
    one = dealer.get(FORM, headers=htmx_headers).get_data(as_text=True)
    two = dealer.get(FORM, headers=htmx_headers).get_data(as_text=True)
    assert "<html" not in one and 'id="request-form"' in one
    key = one.split('name="idempotency_key" type="hidden" value="')[1][:20]
    assert key not in two


@pytest.mark.parametrize("query", [
    {"kind": "nonsense"}, {"site": "abc"}, {"site": "999"},
    {"time_zone": "Mars/Base"}, {"current_name": "x" * 5000},
    {"account": "abc", "user": "[]"},
])
def test_bad_query_values_never_fail(dealer, query):
    assert dealer.get(SECTIONS, query_string=query).status_code == 200
    assert dealer.get(FORM, query_string=query).status_code == 200


def test_agents_and_anonymous_users_do_not_see_the_form(demo, client, auth):
    assert client.get(FORM).status_code == 302
    auth.login("agent")
    assert client.get(FORM).status_code == 404
    assert client.get(SECTIONS).status_code == 404


def test_request_a_new_user_link_opens_add_user_for_the_account(dealer):
    acc = account()
    page = dealer.get(FORM, query_string={"existing": "y", "account": acc.id}).get_data(as_text=True)
    assert 'id="existing" name="existing" role="switch" type="checkbox" value="y" checked' in page \
        or ('name="existing"' in page and "checked" in page)
    assert f'name="current_name" type="text" value="{acc.name}"' in page
