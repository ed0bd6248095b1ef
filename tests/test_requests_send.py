"""Sending requests: each kind, each validation rule, idempotency."""
import datetime
import json

import pytest

from domain.business_days import due_at
from models import (AccountRequest, Counter, RequestEvent, TradeAccount,
                    TradeUser, db)
from tests.requests_support import (KEY, account, add_user_data, create_data,
                                    edit_data, first_user, site)

FORM = "/settings/trade-accounts"


@pytest.fixture
def dealer(demo, client, auth):
    auth.login("demo")
    return client


def stored():
    with db.connection_context():
        return list(AccountRequest.select().order_by(AccountRequest.id))


def test_create_request_is_stored_with_reference_and_due_date(dealer, htmx_headers):
    response = dealer.post(FORM + "?lang=en", data=create_data(notes="Soita ensin"),
                           headers=htmx_headers)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in page
    [sent] = stored()
    year = sent.submitted_at.year
    assert sent.reference == f"R-{year}-000001"
    assert f"Request {sent.reference} sent" in page and "Submitted" in page
    assert sent.kind == "create_account_and_user" and sent.status == "submitted"
    assert sent.account_id is None and sent.account_name == "Uusi Korjaamo Oy"
    assert sent.user_email == "matti.meikalainen@uusi.example"
    assert sent.requested_values == {
        "account": {"name": "Uusi Korjaamo Oy", "address": "Mannerheimintie 1, Helsinki",
                    "country": "FI", "language": "fi", "notes": "Soita ensin"},
        "user": {"email": "matti.meikalainen@uusi.example", "first_name": "Matti",
                 "last_name": "Meikäläinen", "role": "workshop_manager",
                 "language": "fi", "time_zone": "Europe/Helsinki",
                 "market_access": True}}
    assert sent.snapshot_values == {}
    assert sent.due_at == due_at(sent.submitted_at, "FI", "Europe/Helsinki")
    assert sent.due_at > sent.submitted_at + datetime.timedelta(days=1)
    with db.connection_context():
        [event] = RequestEvent.select().where(RequestEvent.request == sent.id)
        assert event.kind == "submitted" and event.actor.username == "demo"
        assert Counter.get_by_id(f"request-ref-{year}").value == 1


def test_without_htmx_a_send_redirects_to_the_request(dealer):
    response = dealer.post(FORM, data=create_data())
    [sent] = stored()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/requests/{sent.reference}")


def test_references_count_up(dealer, htmx_headers):
    dealer.post(FORM, data=create_data(), headers=htmx_headers)
    dealer.post(FORM, data=create_data(idempotency_key="another-key-000000000",
                                       name="Toinen Oy", email="b@toinen.example"),
                headers=htmx_headers)
    assert [r.reference[-6:] for r in stored()] == ["000001", "000002"]


def test_the_same_form_sent_twice_creates_one_request(dealer, htmx_headers):
    first = dealer.post(FORM, data=create_data(), headers=htmx_headers)
    again = dealer.post(FORM, data=create_data(), headers=htmx_headers)
    plain = dealer.post(FORM, data=create_data())
    assert first.status_code == again.status_code == 200
    assert plain.status_code == 302
    assert len(stored()) == 1
    assert stored()[0].reference in again.get_data(as_text=True)


@pytest.mark.parametrize("lang, name, email, message", [
    # The same new account in other case and spacing.
    ("en", "uusi  KORJAAMO oy", "toinen@uusi.example",
     "Request {} for a trade account with this name"),
    # The same user e-mail in other case.
    ("fi", "Toinen Oy", "Matti.Meikalainen@uusi.example",
     "Pyyntö {} käyttäjästä")])
def test_a_second_request_for_a_waiting_account_or_user_is_refused(
        dealer, htmx_headers, lang, name, email, message):
    dealer.post(FORM, data=create_data(), headers=htmx_headers)
    [first] = stored()
    # Another form (new key).
    response = dealer.post(f"{FORM}?lang={lang}", headers=htmx_headers,
                           data=create_data(
                               idempotency_key="another-key-000000000",
                               name=name, email=email))
    assert response.status_code == 422
    assert message.format(first.reference) in response.get_data(as_text=True)
    assert len(stored()) == 1


def test_a_rejected_request_no_longer_blocks_a_new_one(dealer, htmx_headers):
    dealer.post(FORM, data=create_data(), headers=htmx_headers)
    with db.connection_context():
        AccountRequest.update(status="rejected").execute()
    response = dealer.post(FORM, headers=htmx_headers, data=create_data(
        idempotency_key="another-key-000000000"))
    assert response.status_code == 200 and len(stored()) == 2


def test_add_user_to_an_existing_account(dealer, htmx_headers):
    response = dealer.post(FORM, data=add_user_data(current_name="kallion autohuolto"),
                           headers=htmx_headers)
    assert response.status_code == 200
    [sent] = stored()
    assert sent.kind == "add_user" and sent.account_id == account().id
    assert sent.account_name == "Kallion Autohuolto"
    assert set(sent.requested_values) == {"user"}


def test_edit_sends_only_what_changes(dealer, htmx_headers):
    user = first_user()
    data = edit_data(user, address="Uusi katu 9", last_name="Uusinimi",
                     remove_access="y")
    response = dealer.post(FORM, data=data, headers=htmx_headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    [sent] = stored()
    acc = account()
    assert sent.kind == "edit_account_and_user"
    assert sent.account_id == acc.id and sent.trade_user_id == user.id
    assert sent.account_name == acc.name and sent.user_email == user.email
    assert sent.requested_values == {
        "account": {"address": "Uusi katu 9"},
        "user": {"last_name": "Uusinimi", "market_access": False}}
    assert sent.snapshot_values == {
        "account": {"address": acc.address},
        "user": {"last_name": user.last_name, "market_access": True}}


def test_edit_of_the_account_only(dealer, htmx_headers):
    dealer.post(FORM, data=edit_data(name="Kallion Autohuolto Oy"),
                headers=htmx_headers)
    [sent] = stored()
    assert sent.requested_values == {"account": {"name": "Kallion Autohuolto Oy"}}
    assert sent.trade_user_id is None and sent.user_email == ""


def test_an_edit_that_changes_nothing_is_refused(dealer, htmx_headers):
    response = dealer.post(FORM + "?lang=en", data=edit_data(first_user()),
                           headers=htmx_headers)
    assert response.status_code == 422
    assert "The request changes nothing" in response.get_data(as_text=True)
    assert stored() == []


def test_edit_without_filled_values_fills_them_first(dealer, htmx_headers):
    acc = account()
    data = {"kind": "edit_account_and_user", "site": acc.dealer_id,
            "current_name": acc.name, "idempotency_key": KEY}
    response = dealer.post(FORM + "?lang=en", data=data, headers=htmx_headers)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The current details were filled in" in page
    assert f'value="{acc.address}"' in page
    assert stored() == []


def _errors_for(client, data, headers):
    response = client.post(FORM + "?lang=en", data=data, headers=headers)
    assert response.status_code == 422
    assert stored() == []
    return response.get_data(as_text=True)


@pytest.mark.parametrize("changes, field, message", [
    ({"name": ""}, "name", "This field is required."),
    ({"address": "  "}, "address", "This field is required."),
    ({"email": ""}, "email", "This field is required."),
    ({"first_name": ""}, "first_name", "This field is required."),
    ({"last_name": ""}, "last_name", "This field is required."),
    ({"email": "matti@@example"}, "email", "Enter a valid email address"),
    ({"email": "matti.example.com"}, "email", "Enter a valid email address"),
    ({"name": "x" * 121}, "name", "At most 120 characters."),
    ({"notes": "x" * 2001}, "notes", "At most 2000 characters."),
    ({"role": "emperor"}, "role", "Not a valid choice"),
    ({"time_zone": "Mars/Base"}, "time_zone", "Not a valid choice"),
    ({"language": "de"}, "language", "Not a valid choice"),
    ({"name": "kallion  AUTOHUOLTO"}, "name", "already exists"),
])
def test_create_validation(dealer, htmx_headers, changes, field, message):
    page = _errors_for(dealer, create_data(**changes), htmx_headers)
    assert f'id="{field}-error"' in page and message in page
    assert f'aria-describedby="{field}-error"' in page or \
        f'aria-describedby="{field}-hint {field}-error"' in page
    assert 'aria-invalid="true"' in page
    # Everything typed is kept.
    assert 'value="Matti"' in page or field == "first_name"


def test_a_used_email_is_refused(dealer, htmx_headers):
    user = first_user()
    page = _errors_for(dealer, create_data(email=user.email.upper()), htmx_headers)
    assert "already used by an active trade user" in page


def test_an_email_of_a_user_without_access_can_be_reused(dealer, htmx_headers):
    user = first_user()
    with db.connection_context():
        TradeUser.update(market_access=False).where(TradeUser.id == user.id).execute()
    response = dealer.post(FORM, data=create_data(email=user.email), headers=htmx_headers)
    assert response.status_code == 200


def test_add_user_needs_an_existing_account_of_the_site(dealer, htmx_headers):
    page = _errors_for(dealer, add_user_data(current_name="Pirkan Kori Oy"), htmx_headers)
    assert 'id="current_name-error"' in page
    page = _errors_for(dealer, add_user_data(current_name=""), htmx_headers)
    assert "This field is required." in page


def test_edit_needs_a_user_of_the_account(dealer, htmx_headers):
    other = first_user("Espoon Korikorjaamo")
    data = edit_data(first_user(), current_email=other.email, address="Muu 1")
    page = _errors_for(dealer, data, htmx_headers)
    assert 'id="current_email-error"' in page


def test_edit_to_another_accounts_name_is_refused(dealer, htmx_headers):
    page = _errors_for(dealer, edit_data(name="Espoon korikorjaamo"), htmx_headers)
    assert "Another trade account of this site already has this name." in page


def test_edit_to_an_email_in_use_is_refused(dealer, htmx_headers):
    other = first_user("Espoon Korikorjaamo")
    page = _errors_for(dealer, edit_data(first_user(), email=other.email), htmx_headers)
    assert "already used by an active trade user" in page


def test_invalid_form_without_htmx_is_the_full_page(dealer):
    response = dealer.post(FORM, data=create_data(email="bad"))
    assert response.status_code == 422
    assert "<html" in response.get_data(as_text=True)


def test_update_button_without_javascript_rerenders(dealer):
    response = dealer.post(FORM, data=create_data(action="update", kind="edit_account_and_user"))
    assert response.status_code == 200 and stored() == []
    assert 'name="current_name"' in response.get_data(as_text=True)


def test_the_request_is_for_the_chosen_site(dealer, htmx_headers):
    tampere = site("20/90075")
    dealer.post(FORM, data=create_data(site=tampere.id), headers=htmx_headers)
    [sent] = stored()
    assert sent.dealer_id == tampere.id


def test_another_users_site_cannot_be_chosen(dealer, htmx_headers):
    dealer.post(FORM, data=create_data(site=site("30/10021").id), headers=htmx_headers)
    [sent] = stored()
    assert sent.dealer_id == site().id


def test_editing_another_sites_account_is_refused(demo, client, auth, htmx_headers):
    auth.login("other")
    data = edit_data(address="Hacked 1")
    data["site"] = site("30/10021").id
    response = client.post(FORM, data=data, headers=htmx_headers)
    assert response.status_code == 422 and stored() == []


@pytest.mark.parametrize("data", [
    {}, {"kind": "x"}, {"site": "x", "kind": "edit_account_and_user"},
    {"idempotency_key": "k" * 500}, {"current_email": "\x00"},
    {"existing": "y", "current_name": "%"},
])
def test_garbage_posts_never_fail(dealer, data, htmx_headers):
    response = dealer.post(FORM, data=data, headers=htmx_headers)
    assert response.status_code in (200, 422)
    assert stored() == []


def test_csrf_is_required(csrf_app, demo, client, auth):
    auth.login("demo")
    response = client.post(FORM, data=create_data())
    assert response.status_code == 400 and stored() == []


def test_csrf_token_in_the_form_works(csrf_app, demo, client):
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0] \
        if 'name="csrf_token" type="hidden"' in page else \
        page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"username": "demo", "password": "demo",
                                "csrf_token": token})
    form = client.get(FORM).get_data(as_text=True)
    token = form.split('id="csrf_token" name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(FORM, data=create_data(csrf_token=token))
    assert response.status_code == 302 and len(stored()) == 1


def test_stored_json_is_plain_json(dealer, htmx_headers):
    dealer.post(FORM, data=create_data(), headers=htmx_headers)
    with db.connection_context():
        raw = AccountRequest.select(AccountRequest.requested).scalar()
    assert json.loads(raw)["user"]["last_name"] == "Meikäläinen"
    with db.connection_context():
        assert TradeAccount.select().where(TradeAccount.name == "Uusi Korjaamo Oy").count() == 0
