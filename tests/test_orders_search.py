"""Search at scale: trigram substrings from 3 characters, prefixes below."""
import re

import pytest

SEED_CODE = "190114-204115761"


@pytest.mark.parametrize("query", ["JG", "jg", "Jg", "19", "1236", "IMT",
                                   "imt 1", "04115"])
def test_searches_find_the_seed_order(demo, client, auth, query):
    auth.login()
    html = client.get(f"/orders?q={query}&sort=code&lang=en").get_data(
        as_text=True)
    assert SEED_CODE in html
    # The link carries the list's state (for the order's back link).
    assert f'href="/orders/{SEED_CODE}?' in html


@pytest.mark.parametrize("query", ["MT", "x", "zz"])
def test_short_searches_match_only_at_the_start(demo, client, auth, query):
    auth.login()
    html = client.get(f"/orders?q={query}&lang=en").get_data(as_text=True)
    assert SEED_CODE not in html


def _counts(html):
    return {key: int(value) for key, value in re.findall(
        r'id="count-([a-z_]+)"[^>]*>(\d+)<', html)}


@pytest.mark.parametrize("query", ["JG IMT 1", "JG", "1236"])
def test_search_counts_match_the_rows(demo, client, auth, query):
    auth.login()
    counts = _counts(client.get(f"/orders?q={query}&lang=en").get_data(
        as_text=True))
    assert counts["all"] == sum(v for k, v in counts.items() if k != "all")
    for status in ("new", "cancelled"):
        html = client.get(f"/orders?q={query}&status={status}&lang=en"
                          ).get_data(as_text=True)
        assert html.count("<tr>") - 1 == min(counts[status], 50) or (
            counts[status] == 0 and "No orders match" in html)


def _found(client, query):
    """Every order code the list finds for `query` (all pages)."""
    codes, page = set(), 1
    while True:
        html = client.get(f"/orders?q={query}&sort=code&page={page}"
                          "&lang=en").get_data(as_text=True)
        found = set(re.findall(r'href="/orders/(\d[^"?]*)[?"]', html))
        codes |= found
        if 'rel="next"' not in html:
            return codes
        page += 1


def test_index_search_finds_exactly_the_substring_matches(demo, client,
                                                          auth):
    """The search indexes (4-grams of codes and PO numbers, trigrams of
    names) agree with a plain case-insensitive substring test, for
    searches of 3, 4 and more characters, across the code-PO boundary and
    with letters, spaces, dashes and non-ASCII text."""
    from models import Membership, Order, User
    user = User.get(User.username == "demo")
    sites = [m.dealer_id for m in Membership.select().where(
        Membership.user == user)]
    template = Order.get(Order.code == SEED_CODE)
    Order.create(dealer=template.dealer, account=template.account,
                 customer_name="Äänekosken Öljy", code="990101-123450001",
                 po_number="ÅBO-77 Äx", created_at=template.created_at)
    orders = list(Order.select().where(Order.dealer.in_(sites)))
    auth.login()
    for query in ["123", "1236", "12361", "04115761", "761", "5761",
                  "190114-2", "4-20", "imt", "IMT 1", "g im", "jg imt 1",
                  "korjaamo", "ÄÄNE", "äänekosken ö", "åbo-77 ä", "o-7",
                  "77 Äx", "7 ä", "åbo", "0001ÅBO", "x 0", "zzzz"]:
        needle = query.lower()
        expected = {o.code for o in orders
                    if needle in o.code.lower()
                    or needle in o.po_number.lower()
                    or needle in o.customer_name.lower()}
        assert _found(client, query) == expected, query
