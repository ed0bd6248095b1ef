"""Queries per page do not grow with the rows shown (no N+1)."""
import pytest

from models import Order, OrderEvent, OrderLine, User, db
from models.base import is_sqlite
from tests.sql_capture import captured_sql


def _query_count(client, url, headers=None):
    with captured_sql() as statements:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200
    return len(statements), response.get_data(as_text=True)


@pytest.mark.parametrize("partial", [False, True])
def test_list_page_queries_do_not_grow_with_rows(demo, client, auth,
                                                 htmx_headers, partial):
    auth.login()
    headers = htmx_headers if partial else None
    with db.connection_context():
        template = Order.get(Order.code == "190114-204115761")
        for n in range(60):
            Order.create(dealer=template.dealer, account=template.account,
                         customer_name=template.customer_name,
                         code=f"990101-{n:09d}", po_number=f"QC-{n}",
                         created_at=template.created_at)
    # Searched: one matching order or a full page, the same queries.
    one, html = _query_count(client, "/orders?q=12361236", headers)
    assert html.count("<tr>") == 2        # header and one order
    full, html = _query_count(client, "/orders?q=QC-", headers)
    assert html.count("<tr>") == 51       # header and a full page
    assert full == one
    # A short search counts and reads its code and PO number ranges one
    # after the other (two queries more for each of the two sites); on
    # PostgreSQL a text sort has the database order the candidates.
    with db.connection_context():
        extra = 4 if is_sqlite() else 5
    assert _query_count(client, "/orders?q=12&sort=code", headers)[0] \
        <= one + extra
    # Unsearched: likewise, whatever the filter or page.
    plain, html = _query_count(client, "/orders?sort=code", headers)
    assert html.count("<tr>") == 51
    for url in ("/orders?status=new", "/orders?page=2"):
        assert _query_count(client, url, headers)[0] == plain
    # Sorted by site, a page is read site by site: a counts query plus at
    # most one query per site the page spans (the demo user has two).
    assert _query_count(client, "/orders?page=2&sort=site",
                        headers)[0] <= plain + 3


def test_detail_queries_do_not_grow_with_lines_and_events(demo, client, auth):
    auth.login()
    with db.connection_context():
        busy = Order.get(Order.code == "190114-204115761")
        quiet = Order.get(Order.code == "190107-212557821")
        OrderLine.delete().where(OrderLine.order == quiet).execute()
        user = User.get(User.username == "demo")
        for n in range(30):
            OrderLine.create(order=busy, line_no=100 + n, part_number="P",
                             description="Part", quantity=1,
                             unit_price_cents=100)
            OrderEvent.create(order=busy, user=user, from_status="new",
                              to_status="new")
    few, _ = _query_count(client, f"/orders/{quiet.code}")
    many, html = _query_count(client, f"/orders/{busy.code}")
    assert html.count("<tr>") > 30
    assert many == few
