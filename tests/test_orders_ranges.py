"""The order list's date range (from/to) and customer filter."""
import datetime
import re

import pytest

from demo.catalogue import OTHER_DEALER
from models import Dealer, Order, TradeAccount, User

EDGE_CODE = "261203-223000000"


def _order(code, created_at, account=None, total=1000):
    seed = Order.get(Order.customer_name == "JG IMT 1")
    account = account or seed.account
    return Order.create(dealer=account.dealer, account=account,
                        customer_name=account.name, code=code,
                        po_number="PO" + code[-4:], created_at=created_at,
                        total_cents=total)


@pytest.fixture
def edge_order(demo):
    """22:30 UTC on Dec 3 is 00:30 on Dec 4 in Helsinki."""
    User.update(time_zone="Europe/Helsinki").where(
        User.username == "demo").execute()
    return _order(EDGE_CODE, datetime.datetime(2026, 12, 3, 22, 30))


def _listed(client, query):
    response = client.get("/orders?lang=en&" + query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_day_is_the_viewers_day(edge_order, client, auth):
    auth.login()
    assert EDGE_CODE in _listed(client, "from=2026-12-04&to=2026-12-04")
    assert EDGE_CODE not in _listed(client, "from=2026-12-03&to=2026-12-03")
    assert EDGE_CODE not in _listed(client, "to=2026-12-03")
    assert EDGE_CODE in _listed(client, "from=2026-12-04")


def test_a_day_in_another_zone(edge_order, client, auth):
    User.update(time_zone="America/New_York").where(
        User.username == "demo").execute()
    auth.login()
    assert EDGE_CODE in _listed(client, "from=2026-12-03&to=2026-12-03")
    assert EDGE_CODE not in _listed(client, "from=2026-12-04")


def test_range_counts_only_its_orders(edge_order, client, auth):
    auth.login()
    html = _listed(client, "from=2026-12-04&to=2026-12-04")
    assert "1 order found" in html
    assert re.search(r'id="count-new">1<', html)
    assert re.search(r'id="count-complete">0<', html)


def test_range_with_search_status_and_partial(edge_order, client, auth):
    auth.login()
    html = client.get("/orders?lang=en&from=2026-12-04&q=2612&status=new",
                      headers={"HX-Request": "true",
                               "HX-Request-Type": "partial"}
                      ).get_data(as_text=True)
    assert "<html" not in html
    assert EDGE_CODE in html
    assert EDGE_CODE not in _listed(client, "from=2026-12-04&status=complete")


@pytest.mark.parametrize("query, message", [
    ("from=2026-02-30", "The From date is not a valid date"),
    ("from=garbage&to=2019-01-14", "The From date is not a valid date"),
    ("to=%3Cscript%3E", "The To date is not a valid date"),
    ("to=0001-01-01", "The To date is not a valid date"),
    ("from=2026-12-05&to=2026-12-04", "the dates were swapped"),
])
def test_bad_dates_are_explained_not_errors(edge_order, client, auth, query,
                                            message):
    auth.login()
    html = _listed(client, query)
    assert message in html
    assert "<script>" not in html


def test_bad_from_leaves_the_list_unlimited_by_it(edge_order, client, auth):
    auth.login()
    html = _listed(client, "from=2026-02-30&to=2026-12-04&sort=date")
    assert "190114-204115761" in html   # a 2019 seed order
    assert EDGE_CODE not in _listed(client, "from=2026-02-30&to=2026-12-03")


def test_swapped_range_still_filters(edge_order, client, auth):
    auth.login()
    html = _listed(client, "from=2026-12-05&to=2026-12-04")
    assert EDGE_CODE in html
    assert "190114-204115761" not in html
    assert 'value="2026-12-04"' in html and 'value="2026-12-05"' in html


def test_bad_dates_in_finnish(edge_order, client, auth):
    auth.login()
    html = client.get("/orders?lang=fi&from=2026-02-30").get_data(
        as_text=True)
    assert "Alkupäivä ei ole kelvollinen päivämäärä" in html
    assert ">Alkupäivä<" in html and ">Loppupäivä<" in html


def test_range_is_kept_in_every_link(edge_order, client, auth, app):
    app.config["PAGE_SIZE"] = 1
    _order("261204-100000000", datetime.datetime(2026, 12, 4, 10))
    auth.login()
    html = _listed(client, "from=2026-12-04&to=2026-12-04&status=new")
    export = re.search(r'id="export-link" href="([^"]+)"', html).group(1)
    assert "from=2026-12-04" in export and "to=2026-12-04" in export
    next_page = re.search(r'rel="next" href="([^"]+)"', html).group(1)
    assert "from=2026-12-04" in next_page and "page=2" in next_page
    for link in re.findall(r'<th scope="col"[^>]*>\s*<a href="([^"]+)"',
                           html):
        assert "from=2026-12-04&amp;to=2026-12-04" in link
    row_link = re.search(r'href="(/orders/261204-100000000[^"]*)"',
                         html).group(1)
    assert "from=2026-12-04" in row_link and "status=new" in row_link


def test_detail_back_link_returns_to_the_same_list(edge_order, client, auth):
    auth.login()
    query = ("q=2612&status=new&sort=code&page=2&from=2026-12-01"
             "&to=2026-12-31&customer=%d" % edge_order.account_id)
    html = client.get(f"/orders/{EDGE_CODE}?lang=en&{query}").get_data(
        as_text=True)
    back = re.search(r'<p class="back"><a href="([^"]+)"', html).group(1)
    for part in query.split("&"):
        assert part in back.replace("&amp;", "&")


def test_export_keeps_the_range(edge_order, client, auth):
    auth.login()
    csv_text = client.get("/orders/export.csv?lang=en&from=2026-12-04"
                          ).get_data(as_text=True)
    assert EDGE_CODE in csv_text
    assert "190114-204115761" not in csv_text


def test_customer_filter_lists_that_customers_orders(demo, client, auth):
    account = TradeAccount.get(TradeAccount.name == "JG IMT 1")
    auth.login()
    html = _listed(client, f"customer={account.id}")
    assert "Customer: JG IMT 1" in html
    assert f'name="customer" value="{account.id}"' in html
    count = Order.select().where(Order.account == account).count()
    assert f"{count} orders found" in html
    # The chip's link removes the filter.
    chip = re.search(r'class="chip removable" href="([^"]+)"', html).group(1)
    assert "customer" not in chip


def test_another_sites_customer_is_ignored(demo, client, auth):
    theirs = (TradeAccount.select().join(Dealer)
              .where(Dealer.code == OTHER_DEALER[0]).first())
    auth.login()
    html = _listed(client, f"customer={theirs.id}")
    assert theirs.name not in html
    assert "Customer:" not in html
    assert 'name="customer"' not in html
    assert UNKNOWN_CUSTOMER_EN in html


UNKNOWN_CUSTOMER_EN = ("That customer is not one of your sites' customers, "
                       "so the list shows every customer's orders.")


@pytest.mark.parametrize("value", ["abc", "0", "-3", "999999"])
def test_an_unusable_customer_says_so(demo, client, auth, value):
    auth.login()
    html = _listed(client, f"customer={value}")
    assert UNKNOWN_CUSTOMER_EN in html
    assert "Customer:" not in html


def test_an_unusable_customer_says_so_in_finnish(demo, client, auth):
    auth.login()
    html = client.get("/orders?lang=fi&customer=abc").get_data(as_text=True)
    assert "Asiakas ei kuulu liikkeidesi asiakkaisiin" in html


def test_a_customer_of_the_sites_gets_no_such_message(demo, client, auth):
    account = TradeAccount.get(TradeAccount.name == "JG IMT 1")
    auth.login()
    assert UNKNOWN_CUSTOMER_EN not in _listed(client,
                                              f"customer={account.id}")
    assert UNKNOWN_CUSTOMER_EN not in _listed(client, "")


def test_customer_link_on_order_detail_has_count_and_total(demo, client,
                                                           auth):
    account = TradeAccount.get(TradeAccount.name == "JG IMT 1")
    orders = list(Order.select().where(Order.account == account))
    total = sum(order.total_cents for order in orders)
    auth.login()
    html = client.get("/orders/190114-204115761?lang=en").get_data(
        as_text=True)
    assert f'href="/orders?customer={account.id}">JG IMT 1</a>' in html
    euros = f"€{total // 100:,}.{total % 100:02d}"
    assert f"{len(orders)} orders, total {euros}" in html


def test_customer_link_on_trade_account(demo, client, auth):
    account = TradeAccount.get(TradeAccount.name == "JG IMT 1")
    auth.login()
    html = client.get(f"/accounts/{account.id}?lang=fi").get_data(
        as_text=True)
    assert f'href="/orders?customer={account.id}">JG IMT 1</a>' in html
    assert "tilausta, yhteensä" in html
