"""Trade accounts: list, search, detail with users, scoping."""
import pytest

from tests.requests_support import account, first_user


@pytest.fixture
def dealer(demo, client, auth):
    auth.login("demo")
    return client


def test_list_full_page_and_partial(dealer, htmx_headers):
    page = dealer.get("/accounts?lang=en").get_data(as_text=True)
    assert "<html" in page and "Kallion Autohuolto" in page
    assert "Pirkan Kori Oy" in page  # the user's second site
    assert "Söders Bilverkstad AB" not in page
    partial = dealer.get("/accounts?q=kallion", headers=htmx_headers).get_data(as_text=True)
    assert "<html" not in partial and "Kallion Autohuolto" in partial
    assert "Pirkan Kori Oy" not in partial


def test_search_by_user_email(dealer):
    user = first_user()
    page = dealer.get("/accounts", query_string={"q": user.email}).get_data(as_text=True)
    assert "Kallion Autohuolto" in page


def test_detail_lists_users_with_request_a_change_links(dealer, htmx_headers):
    acc, user = account(), first_user()
    response = dealer.get(f"/accounts/{acc.id}?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and user.email in page
    assert "Request a change" in page
    assert f"account={acc.id}" in page and f"user={user.id}" in page
    partial = dealer.get(f"/accounts/{acc.id}", headers=htmx_headers)
    assert "<html" not in partial.get_data(as_text=True)


def test_another_sites_account_is_not_found(demo, client, auth):
    auth.login("other")
    assert client.get(f"/accounts/{account().id}").status_code == 404
    assert client.get("/accounts/999999").status_code == 404


@pytest.mark.parametrize("query", ["q=" + "%" * 300, "page=-1", "page=x"])
def test_bad_queries_show_a_list(dealer, query):
    assert dealer.get("/accounts?" + query).status_code == 200


def test_agents_do_not_see_the_dealer_account_pages(demo, client, auth):
    auth.login("agent")
    assert client.get("/accounts").status_code == 404
