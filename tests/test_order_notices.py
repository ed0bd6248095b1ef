"""A new order from the marketplace is a notice for everyone at its site:
one row per order whatever the site's size, each person's read state their
own, listed and linked on the notices page, read when seen."""
import re

import pytest

from models import Dealer, Membership, Notification, User, db
from models.site_notices import (NOTICE_WINDOW, KIND_NEW_ORDER, SiteNotice,
                                 SiteNoticeRead, notify_site, unread_count)
from tests.api_support import ApiClient, account_id, key_for, order_body
from tests.sql_capture import captured_sql

SITE = "20/90074"


def _post_order(client, site=SITE, account=None):
    api = ApiClient(client, key_for(site))
    response = api.post("/api/v1/orders", order_body(account or account_id(site)))
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["code"]


def _user(name):
    return User.get(User.username == name)


def _unread(name):
    with db.connection_context():
        user = _user(name)
        return unread_count(user.id, user.dealer_ids())


def _add_site_users(count, site=SITE):
    with db.connection_context():
        dealer = Dealer.get(Dealer.code == SITE)
        for n in range(count):
            user = User(username=f"staff{n}", display_name=f"Staff {n}")
            user.set_password(f"staff{n}")
            user.save()
            Membership.create(user=user, dealer=dealer)


def _items(page):
    return re.findall(r'<li class="notice( unread)?">(.*?)</li>', page, re.S)


def test_an_api_order_is_listed_linking_to_it_and_read_when_shown(demo, auth, client):
    code = _post_order(client)
    with db.connection_context():
        [notice] = SiteNotice.select()
        assert (notice.kind, notice.subject, notice.summary) == (
            KIND_NEW_ORDER, code, "JG IMT 1")
        assert not Notification.select().exists()     # no per-user rows
    auth.login("demo")
    assert "1 new notice" in client.get("/orders?lang=en").get_data(as_text=True)
    page = client.get("/notices?lang=en").get_data(as_text=True)
    [(unread, body)] = _items(page)
    assert unread and (f'<a href="/orders/{code}">New order from the marketplace: '
                       f'{code}, JG IMT 1 (20/90074 – Helsinki)</a>') in body
    assert re.search(r'<time datetime="[^"]+">\d{1,2}/\d{1,2}/\d{2}', body)
    assert "No new notices" in page and _unread("demo") == 0
    [(unread, _body)] = _items(client.get("/notices?lang=en").get_data(as_text=True))
    assert not unread


def test_in_finnish_with_the_users_date_format(demo, auth, client):
    code = _post_order(client)
    auth.login("demo")
    page = client.get("/notices?lang=fi").get_data(as_text=True)
    assert f"Uusi tilaus markkinapaikalta: {code}, JG IMT 1" in page
    assert re.search(r"<time[^>]*>\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}</time>", page)


def test_opening_the_order_reads_its_notice(demo, auth, client):
    first, second = _post_order(client), _post_order(client)
    auth.login("demo")
    assert client.get(f"/orders/{first}").status_code == 200
    assert _unread("demo") == 1
    with db.connection_context():
        [read] = SiteNoticeRead.select()
        assert read.notice.subject == first
    client.get(f"/orders/{first}")                # again: nothing more stored
    with db.connection_context():
        assert SiteNoticeRead.select().count() == 1
    assert second


def test_each_person_at_the_site_reads_their_own(demo, auth, client):
    _add_site_users(2)
    _post_order(client)
    auth.login("staff0")
    client.get("/notices")
    assert _unread("staff0") == 0
    assert _unread("staff1") == 1 and _unread("demo") == 1


def test_nobody_else_sees_another_sites_orders(demo, auth, client):
    code = _post_order(client)
    auth.login("other")
    page = client.get("/notices?lang=en").get_data(as_text=True)
    assert _items(page) == [] and code not in page and "No new notices" in page
    assert client.get(f"/orders/{code}").status_code == 404
    with db.connection_context():
        assert not SiteNoticeRead.select().exists()   # 404 reads nothing
    auth.logout()
    auth.login("agent")
    assert code not in client.get("/notices?lang=en").get_data(as_text=True)
    assert _unread("demo") == 1


def test_the_other_sites_own_order_is_its_own_notice(demo, auth, client):
    with db.connection_context():
        from models import TradeAccount
        other = Dealer.get(Dealer.code == "30/10021")
        account = TradeAccount.get(TradeAccount.dealer == other).id
    code = _post_order(client, site="30/10021", account=account)
    assert _unread("other") == 1 and _unread("demo") == 0
    auth.login("other")
    assert f"/orders/{code}" in client.get("/notices").get_data(as_text=True)


def test_taking_in_an_order_costs_the_same_for_a_big_site(demo, client):
    """One notice row per order, not per user: the statements an order
    takes do not grow with the people at its site."""
    _post_order(client)
    with captured_sql() as small:
        _post_order(client)
    _add_site_users(40)
    with captured_sql() as big:
        _post_order(client)
    assert len(big) == len(small)
    inserts = [sql for sql, _params in big if "site_notice" in sql]
    assert len(inserts) == 1 and inserts[0].startswith("INSERT")
    with db.connection_context():
        assert SiteNotice.select().count() == 3


def test_a_replayed_or_refused_order_makes_no_notice(demo, client):
    api = ApiClient(client, key_for(SITE))
    first = api.post("/api/v1/orders", order_body(account_id()), key="same-1")
    again = api.post("/api/v1/orders", order_body(account_id()), key="same-1")
    assert first.status_code == 201 and again.get_json() == first.get_json()
    refused = api.post("/api/v1/orders", order_body(999999))
    assert refused.status_code == 422
    with db.connection_context():
        assert SiteNotice.select().count() == 1


def test_the_count_is_bounded_to_the_newest_and_clears_when_seen(demo, auth, client):
    with db.connection_context():
        dealers = [d.id for d in _user("demo").dealers()]
        with db.atomic():
            for n in range(NOTICE_WINDOW + 30):
                notify_site(dealers[n % 2], KIND_NEW_ORDER, f"X-{n}", "Asiakas")
    assert _unread("demo") == NOTICE_WINDOW
    auth.login("demo")
    page = client.get("/notices?lang=en").get_data(as_text=True)
    assert len(_items(page)) == NOTICE_WINDOW
    assert f"The {NOTICE_WINDOW} newest notices are shown." in page
    # Newest first, from both of the user's sites.
    codes = re.findall(r"marketplace: (X-\d+),", page)
    assert codes[0] == f"X-{NOTICE_WINDOW + 29}" and codes[-1] == "X-30"
    assert _unread("demo") == 0


def test_request_notices_are_not_pushed_off_by_orders(demo, auth, client):
    from blueprints.desk import workflow
    from tests.desk_factories import make_request
    with db.connection_context():
        req = make_request()
        workflow.take(req, _user("agent"), "submitted", None)
        dealer = _user("demo").dealers()[0].id
        for n in range(NOTICE_WINDOW):
            notify_site(dealer, KIND_NEW_ORDER, f"X-{n}", "Asiakas")
    auth.login("demo")
    page = client.get("/notices?lang=en").get_data(as_text=True)
    assert f"Customer service has started processing your request {req.reference}" in page


def test_the_new_orders_poll_updates_the_notice_count(demo, auth, client, htmx_headers):
    auth.login("demo")
    client.get("/orders")
    _post_order(client)
    answer = client.get("/orders/new-orders?known=0&lang=en", headers=htmx_headers)
    body = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert re.search(r'id="header-notices" hx-swap-oob="true"', body)
    assert "1 new notice" in body


@pytest.mark.parametrize("partial", [False, True])
def test_notices_page_queries_do_not_grow(demo, auth, client, htmx_headers, partial):
    headers = htmx_headers if partial else {}
    _post_order(client)
    auth.login("demo")
    with captured_sql() as few:
        client.get("/notices", headers=headers)
    with db.connection_context():
        dealer = _user("demo").dealers()[0].id
        for n in range(30):
            notify_site(dealer, KIND_NEW_ORDER, f"X-{n}", "Asiakas")
    with captured_sql() as many:
        client.get("/notices", headers=headers)
    assert len(many) == len(few)


def test_notice_queries_use_indexes(demo, auth, client):
    from models.base import is_sqlite
    from tests.test_query_plans import table_scans
    code = _post_order(client)
    auth.login("demo")
    with captured_sql() as statements:
        client.get("/notices")
        client.get(f"/orders/{code}")
        client.get("/orders")
    with db.connection_context():
        if not is_sqlite():
            pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
        assert table_scans(statements) == []
