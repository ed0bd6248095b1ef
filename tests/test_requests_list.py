"""My requests: the list, its filters and the detail with its timeline."""
import datetime

import pytest

from blueprints.trade_requests.submit import submit_request
from models import AccountRequest, Dealer, RequestEvent, User, db, utcnow
from tests.requests_support import account, create_data, first_user, site


@pytest.fixture
def dealer(demo, client, auth):
    auth.login("demo")
    return client


def send(code="20/90074", key="k-1", name="Uusi Oy", email="a@uusi.example",
         now=None, **extra):
    with db.connection_context():
        dealer = Dealer.get(Dealer.code == code)
        user = User.get(User.username == ("demo" if code != "30/10021" else "other"))
        request, _created = submit_request(
            dealer=dealer, user=user, kind="create_account_and_user",
            requested={"account": {"name": name}, "user": {"email": email}},
            snapshot={}, idempotency_key=key, account_name=name,
            user_email=email, now=now, **extra)
        return request


def test_list_full_page_and_partial(dealer, htmx_headers):
    sent = send()
    page = dealer.get("/requests?lang=en").get_data(as_text=True)
    assert "<html" in page and sent.reference in page
    for label in ("My requests", "Reference", "Request type", "Trade account",
                  "Email address", "Sent by", "Sent", "Due", "Status",
                  "Create trade account and add user", "Submitted", "Demo Dealer"):
        assert label in page, label
    partial = dealer.get("/requests", headers=htmx_headers).get_data(as_text=True)
    assert "<html" not in partial and sent.reference in partial
    # The status chips' counts follow a search out of band.
    assert '<span class="count" id="count-submitted" hx-swap-oob="true">1</span>' in partial
    searched = dealer.get("/requests?q=no-such-request", headers=htmx_headers)
    assert ('<span class="count" id="count-all" hx-swap-oob="true">0</span>'
            in searched.get_data(as_text=True))


def test_list_shows_only_the_users_sites(dealer):
    mine, theirs = send(), send("30/10021", key="k-2", name="Their AB")
    page = dealer.get("/requests").get_data(as_text=True)
    assert mine.reference in page and theirs.reference not in page


def test_list_newest_first_search_and_status(dealer):
    old = send(key="k-1", name="Vanha Oy", now=utcnow() - datetime.timedelta(days=3))
    new = send(key="k-2", name="Uusi Oy")
    with db.connection_context():
        AccountRequest.update(status="completed").where(AccountRequest.id == old.id).execute()
    page = dealer.get("/requests").get_data(as_text=True)
    assert page.index(new.reference) < page.index(old.reference)
    found = dealer.get("/requests?q=vanha").get_data(as_text=True)
    assert old.reference in found and new.reference not in found
    done = dealer.get("/requests?status=completed").get_data(as_text=True)
    assert old.reference in done and new.reference not in done


def test_due_today_and_overdue_marks(dealer):
    late = send(key="k-1", now=utcnow() - datetime.timedelta(days=10))
    page = dealer.get("/requests?lang=en").get_data(as_text=True)
    assert "Overdue" in page
    with db.connection_context():
        AccountRequest.update(due_at=utcnow() + datetime.timedelta(minutes=1)).where(
            AccountRequest.id == late.id).execute()
    page = dealer.get("/requests?lang=en").get_data(as_text=True)
    assert "Due today" in page or "Overdue" not in page


@pytest.mark.parametrize("query", ["status=bogus", "page=-4", "page=x", "q=" + "%" * 300])
def test_bad_list_queries_show_a_list(dealer, query):
    assert dealer.get("/requests?" + query).status_code == 200


def test_detail_shows_values_side_by_side_and_the_timeline(dealer, htmx_headers):
    user = first_user()
    acc = account()
    with db.connection_context():
        sent, _ = submit_request(
            dealer=Dealer.get_by_id(acc.dealer_id), user=User.get(User.username == "demo"),
            kind="edit_account_and_user",
            requested={"account": {"address": "Uusi 1"}, "user": {"market_access": False}},
            snapshot={"account": {"address": acc.address}, "user": {"market_access": True}},
            idempotency_key="k-9", account_name=acc.name, user_email=user.email,
            account=acc, trade_user=user)
        agent = User.get(User.username == "agent")
        RequestEvent.create(request=sent, actor=agent, kind="message",
                            note="Tarkistamme osoitteen.")
        RequestEvent.create(request=sent, actor=agent, kind="note",
                            note="Sisäinen huomio", internal=True)
    response = dealer.get(f"/requests/{sent.reference}?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" in page
    assert "Uusi 1" in page and acc.address in page
    assert "Marketplace access" in page and "Yes" in page and "No" in page
    assert "Request sent" in page and "Tarkistamme osoitteen." in page
    assert "Sisäinen huomio" not in page
    partial = dealer.get(f"/requests/{sent.reference}", headers=htmx_headers)
    assert "<html" not in partial.get_data(as_text=True)


def test_rejected_request_shows_the_reason(dealer):
    sent = send()
    with db.connection_context():
        AccountRequest.update(status="rejected", resolution_note="Nimi puuttuu").where(
            AccountRequest.id == sent.id).execute()
    page = dealer.get(f"/requests/{sent.reference}?lang=en").get_data(as_text=True)
    assert "Rejected" in page and "Nimi puuttuu" in page


def test_another_sites_request_is_not_found(dealer):
    theirs = send("30/10021", key="k-2", name="Their AB")
    assert dealer.get(f"/requests/{theirs.reference}").status_code == 404
    assert dealer.get("/requests/R-0000-000000").status_code == 404
    assert dealer.get("/requests/" + "x" * 500).status_code == 404


def test_agents_do_not_see_my_requests(demo, client, auth):
    auth.login("agent")
    assert client.get("/requests").status_code == 404


def test_sent_form_then_list_in_finnish(dealer, htmx_headers):
    dealer.post("/settings/trade-accounts", data=create_data(), headers=htmx_headers)
    page = dealer.get("/requests?lang=fi").get_data(as_text=True)
    assert "Luo liikeasiakastili ja lisää käyttäjä" in page
    assert site().label in dealer.get(
        "/requests/" + page.split('/requests/')[1].split('"')[0]).get_data(as_text=True)


def test_requests_with_unread_notices_are_marked_until_opened(dealer):
    from models import Notification
    sent = send()
    with db.connection_context():
        Notification.create(user=sent.submitted_by_id, request=sent.id)
    assert "Updated" in dealer.get("/requests?lang=en").get_data(as_text=True)
    dealer.get(f"/requests/{sent.reference}")
    assert "Updated" not in dealer.get("/requests?lang=en").get_data(as_text=True)
