"""An edit that changes nothing, or that a waiting request already asks
for, is refused before sending, next to the fields."""
import pytest

from models import AccountRequest, TradeAccount, TradeUser, db
from tests.requests_support import KEY, account, edit_data, first_user

FORM = "/settings/trade-accounts"


@pytest.fixture
def dealer(demo, client, auth):
    auth.login("demo")
    return client


def stored():
    with db.connection_context():
        return list(AccountRequest.select())


def refused(client, data, headers, message):
    response = client.post(FORM + "?lang=en", data=data, headers=headers)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="name-error"' in page and message in page
    assert 'aria-invalid="true"' in page
    return page


@pytest.mark.parametrize("stored_values, typed", [
    ({}, {"name": " Kallion  Autohuolto "}),
    ({"address": "Teollisuuskatu 5,  Helsinki "}, {"address": "Teollisuuskatu 5, Helsinki"}),
    ({"notes": "Soita ensin.\nAvoinna arkisin."},
     {"notes": "Soita ensin.\r\nAvoinna arkisin.\r\n"}),
])
def test_unchanged_account_values_are_refused(dealer, htmx_headers,
                                              stored_values, typed):
    if stored_values:
        with db.connection_context():
            TradeAccount.update(**stored_values).where(
                TradeAccount.id == account().id).execute()
    refused(dealer, edit_data(**typed), htmx_headers, "The request changes nothing")
    assert stored() == []


def test_an_email_in_other_case_is_no_change(dealer, htmx_headers):
    user = first_user()
    refused(dealer, edit_data(user, email=user.email.upper()), htmx_headers,
            "The request changes nothing")
    assert stored() == []


def test_a_second_identical_edit_is_refused_while_the_first_waits(
        dealer, htmx_headers):
    user = first_user()
    first = dealer.post(FORM, headers=htmx_headers,
                        data=edit_data(user, last_name="Uusinimi", idempotency_key="k-1"))
    assert first.status_code == 200
    [sent] = stored()
    page = refused(dealer, edit_data(user, last_name="Uusinimi", idempotency_key="k-2"),
                   htmx_headers, f"Request {sent.reference} asks for these same changes")
    assert "already waiting for customer service" in page
    assert len(stored()) == 1
    # A different change is still welcome.
    other = dealer.post(FORM, headers=htmx_headers,
                        data=edit_data(user, last_name="Toinen", idempotency_key="k-3"))
    assert other.status_code == 200 and len(stored()) == 2


def test_the_same_edit_can_be_sent_again_once_the_first_is_closed(
        dealer, htmx_headers):
    dealer.post(FORM, headers=htmx_headers,
                data=edit_data(address="Uusi katu 1", idempotency_key="k-1"))
    with db.connection_context():
        AccountRequest.update(status="rejected").execute()
    again = dealer.post(FORM, headers=htmx_headers,
                        data=edit_data(address="Uusi katu 1", idempotency_key="k-2"))
    assert again.status_code == 200 and len(stored()) == 2


def test_refusal_is_translated(dealer, htmx_headers):
    response = dealer.post(FORM + "?lang=fi", data=edit_data(), headers=htmx_headers)
    assert response.status_code == 422
    assert "ei muuta mitään" in response.get_data(as_text=True)


def test_stored_notes_keep_lf_line_ends(dealer, htmx_headers):
    dealer.post(FORM, headers=htmx_headers,
                data=edit_data(notes="Rivi 1\r\nRivi 2", idempotency_key="k-1"))
    [sent] = stored()
    assert sent.requested_values == {"account": {"notes": "Rivi 1\nRivi 2"}}
