"""Paging: every list shows each row exactly once across its pages, and
the pager says where you are."""
import html
import re

import pytest
from flask import render_template_string

from models import AccountRequest, Order, TradeAccount, db
from tests.test_requests_list import send
from web import paging

PAGE_SIZE = 3


def walk(client, url, row_pattern):
    """Every row id on every page, following the pager's next links."""
    seen, pages = [], 0
    while url:
        body = client.get(url).get_data(as_text=True)
        assert client.get(url).status_code == 200
        seen += re.findall(row_pattern, body)
        pages += 1
        link = re.search(r'<a rel="next" href="([^"]+)"', body)
        url = html.unescape(link.group(1)) if link else None
    return seen, pages


@pytest.fixture
def small_pages(demo):
    demo.config["PAGE_SIZE"] = PAGE_SIZE
    return demo


def test_orders_every_row_once(small_pages, client, auth):
    auth.login("demo")
    seen, pages = walk(client, "/orders?sort=code", r'<a href="/orders/([^"/?]+)[?"]')
    with db.connection_context():
        expected = {o.code for o in Order.select().where(
            Order.dealer.in_([d.id for d in _demo_sites()]))}
    assert len(seen) == len(set(seen)) and set(seen) == expected
    assert pages == -(-len(expected) // PAGE_SIZE)


def test_orders_search_every_row_once(small_pages, client, auth):
    auth.login("demo")
    seen, _pages = walk(client, "/orders?q=JG", r'<a href="/orders/([^"/?]+)[?"]')
    first = client.get("/orders?q=JG&lang=en").get_data(as_text=True)
    total = int(re.search(r"1–3 / (\d+)", first).group(1))
    assert len(seen) == len(set(seen)) == total >= 12


def test_my_requests_every_row_once(small_pages, client, auth):
    for n in range(17):
        send(key=f"k-{n}", name=f"Paged {n} Oy", email=f"p{n}@paged.example")
    auth.login("demo")
    seen, pages = walk(client, "/requests", r'<a href="/requests/([^"/?]+)[?"]')
    with db.connection_context():
        expected = {r.reference for r in AccountRequest.select().where(
            AccountRequest.dealer.in_([d.id for d in _demo_sites()]))}
    assert len(expected) >= 17
    assert len(seen) == len(set(seen)) and set(seen) == expected
    assert pages == -(-len(expected) // PAGE_SIZE)


def test_trade_accounts_every_row_once(small_pages, client, auth):
    auth.login("demo")
    seen, pages = walk(client, "/accounts", r'<a href="/accounts/(\d+)[?"]')
    with db.connection_context():
        expected = {str(a.id) for a in TradeAccount.select().where(
            TradeAccount.dealer.in_([d.id for d in _demo_sites()]))}
    assert len(expected) > 2 * PAGE_SIZE
    assert len(seen) == len(set(seen)) and set(seen) == expected
    assert pages == -(-len(expected) // PAGE_SIZE)


def test_desk_queue_every_row_once(small_pages, client, auth):
    for n in range(12):
        send(key=f"k-{n}", name=f"Queued {n} Oy", email=f"q{n}@queued.example")
    auth.login("agent")
    seen, _pages = walk(client, "/desk?status=all", r'<a href="/desk/(R-[^"/?]+)[?"]')
    with db.connection_context():
        expected = {r.reference for r in AccountRequest.select()}
    assert len(expected) > 2 * PAGE_SIZE
    assert len(seen) == len(set(seen)) and set(seen) == expected


def test_deliveries_every_row_once(small_pages, client, auth):
    from blueprints.orders.status import change_status
    from integration.endpoints import add_endpoint
    from models import Dealer, WebhookDelivery
    with db.connection_context():
        site = Dealer.get(Dealer.code == "20/90074")
        add_endpoint(site, "https://example.com/hooks", allow_internal=True)
        for order in Order.select().where((Order.dealer == site) &
                                          (Order.status == "new")).limit(10):
            change_status(order, "start", "new", None)
        expected = {str(d.id) for d in WebhookDelivery.select()}
    auth.login("demo")
    seen, pages = walk(client, "/settings/integrations",
                       r'<a href="/settings/integrations/deliveries/(\d+)">')
    assert len(expected) == 10
    assert len(seen) == len(set(seen)) and set(seen) == expected
    assert pages == -(-len(expected) // PAGE_SIZE)


def test_pager_says_where_you_are(small_pages, client, auth):
    auth.login("demo")
    body = client.get("/orders?page=2&lang=en").get_data(as_text=True)
    with db.connection_context():
        total = Order.select().where(
            Order.dealer.in_([d.id for d in _demo_sites()])).count()
    assert f"4–6 / {total}" in body
    for rel, page in (("first", None), ("prev", None), ("next", 3),
                      ("last", -(-total // PAGE_SIZE))):
        match = re.search(rf'<a rel="{rel}" href="([^"]+)"', body)
        assert match, rel
        if page:
            assert f"page={page}" in match.group(1)
    assert "page=" not in re.search(r'<a rel="first" href="([^"]+)"', body).group(1)


@pytest.mark.parametrize("lang, expected", [
    ("fi", "51–100 / 261\u00a0524"), ("sv", "51–100 / 261\u00a0524"),
    ("en", "51–100 / 261,524")])
def test_pager_groups_digits_as_the_locale(app, lang, expected):
    page = paging.Window(2, 50).page(range(51), total=261_524)
    state = paging_state()
    with app.test_request_context(f"/orders?lang={lang}"):
        text = render_template_string(
            '{% from "macros.html" import pager %}'
            "{{ pager(page, state, 'orders.order_list', '#results') }}",
            page=page, state=state)
    assert expected in text
    assert "page=5231" in text   # the last page


def test_past_the_end_links_back(small_pages, client, auth):
    auth.login("demo")
    body = client.get("/orders?page=900&lang=en").get_data(as_text=True)
    assert "This page is past the end of the list." in body
    assert re.search(r'<a rel="prev" href="[^"]*page=\d+"', body)


@pytest.mark.parametrize("raw, number", [
    (None, 1), ("", 1), ("x", 1), ("0", 1), ("-4", 1), ("3", 3),
    ("99999999", paging.MAX_PAGE)])
def test_page_number_bounds(raw, number):
    args = {} if raw is None else {"page": raw}
    assert paging.page_number(args) == number


def test_query_text_collapses_and_caps():
    assert paging.query_text({"q": "  a \t b  "}) == "a b"
    assert len(paging.query_text({"q": "x" * 500})) == paging.MAX_QUERY_LENGTH


def test_window_fetches_one_more_from_the_right_offset():
    window = paging.Window(3, 50)
    assert (window.offset, window.limit) == (100, 51)
    page = window.page(list(range(51)), total=151)
    assert page.has_next and len(page.rows) == 50
    assert (page.first, page.last, page.last_number) == (101, 150, 4)


def paging_state():
    from blueprints.orders.listing import ListState
    return ListState()


def _demo_sites():
    from models import Dealer
    return list(Dealer.select().where(Dealer.code.in_(["20/90074", "20/90075"])))
