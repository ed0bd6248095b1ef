"""One- and two-character searches: the start of a code or PO number, or
the start of any word of the customer's name. The same on both list paths
(gathered and walked) and on both databases."""
import re

import pytest

from blueprints.orders import order_list
from models import Membership, Order, User, db
from tests.test_orders_search import SEED_CODE, _found

SEPARATORS = (" ", "-")


def word_starts(name, needle):
    name = name.lower()
    return name.startswith(needle) or any(sep + needle in name
                                          for sep in SEPARATORS)


@pytest.fixture
def orders(demo, auth):
    with db.connection_context():
        user = User.get(User.username == "demo")
        sites = [m.dealer_id for m in Membership.select().where(
            Membership.user == user)]
        template = Order.get(Order.code == SEED_CODE)
        for n, name in enumerate(["Äänekosken Öljy-Huolto", "Auto-Oy Testi",
                                  "Moyland 50% Ab_c"]):
            Order.create(dealer=template.dealer, account=template.account,
                         customer_name=name, code=f"990101-12345000{n}",
                         po_number=f"ÅBO-7{n}", created_at=template.created_at)
        found = list(Order.select().where(Order.dealer.in_(sites)))
    auth.login()
    return found


QUERIES = ["Oy", "oy", "OY", "ko", "hu", "öl", "Öl", "äÄ", "au", "te", "1",
           "19", "99", "åb", "mt", "ab", "50", "%", "_", "-", "zz"]


@pytest.mark.parametrize("gather", [False, True])
def test_short_searches_match_the_start_of_any_word(orders, client,
                                                    monkeypatch, gather):
    monkeypatch.setattr(order_list, "_gathers", lambda *_sizes: gather)
    for query in QUERIES:
        needle = query.lower()
        expected = {o.code for o in orders
                    if o.code.lower().startswith(needle)
                    or o.po_number.lower().startswith(needle)
                    or word_starts(o.customer_name, needle)}
        assert _found(client, query) == expected, query


def test_oy_finds_the_oy_companies(orders, client):
    """Many customer names end in the word "Oy"; none starts with it."""
    html = client.get("/orders?q=Oy&lang=en").get_data(as_text=True)
    assert "Korjaamo Virtanen Oy" in html and "Auto-Oy Testi" in html
    assert "Moyland" not in html


@pytest.mark.parametrize("gather", [False, True])
def test_date_listing_and_counts_agree(orders, client, monkeypatch, gather):
    monkeypatch.setattr(order_list, "_gathers", lambda *_sizes: gather)
    html = client.get("/orders?q=oy&lang=en").get_data(as_text=True)
    counts = dict(re.findall(r'id="count-([a-z_]+)"[^>]*>(\d+)<', html))
    expected = sum(1 for o in orders if word_starts(o.customer_name, "oy"))
    assert int(counts["all"]) == expected


def test_hints_say_what_is_true(orders, client):
    page = client.get("/orders?lang=en").get_data(as_text=True)
    assert "one or two match the start of a code, a number or a word" in page
    short = client.get("/orders?q=zz&lang=en").get_data(as_text=True)
    assert "shorter search" not in short
    assert "starts with “zz”" in short
    long = client.get("/orders?q=zzzz&lang=en").get_data(as_text=True)
    assert "contains “zzzz”" in long and "shorter search" in long
    none = client.get("/orders?status=new&site=99&q=&lang=en&page=1")
    assert none.status_code == 200
