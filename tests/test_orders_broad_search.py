"""Broad searches take other paths, with the same result.

A search with more than queries.PYTHON_MATCHES matches is listed by date
from the customer counters and the date index when its customers match
many orders (blueprints/orders/broad_search.py), and counted and paged by
the database otherwise. With the threshold lowered every search takes
those paths, and the page and counts must be those of the one-pass path.
"""
import re

import pytest

from blueprints.orders import broad_search, queries

# The CSRF token carries the second it was signed: two renders a second
# apart differ there and nowhere else.
CSRF_TOKEN = re.compile(r'(name="csrf_token" value=")[^"]*"')

STATES = ["q=JG", "q=JG&sort=code", "q=JG&sort=-site", "q=JG&status=new",
          "q=1236&sort=-total", "q=JG+IMT&status=complete&sort=customer",
          "q=JG&page=2", "q=k&sort=po", "q=korjaamo&sort=status",
          # Listed by date: the customer path (names match), or not (codes).
          "q=korjaamo", "q=korjaamo&sort=date", "q=korjaamo&page=3",
          "q=Korjaamo&status=complete&page=2", "q=oy&sort=date", "q=k",
          "q=kor&status=cancelled", "q=1236", "q=12&page=2", "q=huolto"]


def _results(client, state):
    response = client.get(f"/orders?{state}&lang=en", headers={
        "HX-Request": "true", "HX-Request-Type": "partial"})
    assert response.status_code == 200
    return CSRF_TOKEN.sub(r'\1"', response.get_data(as_text=True))


@pytest.mark.parametrize("state", STATES)
def test_broad_path_shows_the_same_page_and_counts(demo, client, auth,
                                                  monkeypatch, state):
    auth.login()
    one_pass = _results(client, state)
    monkeypatch.setattr(queries, "PYTHON_MATCHES", 0)
    assert _results(client, state) == one_pass


def _spy(monkeypatch, module, name):
    """Records the calls of module.name (and still makes them)."""
    calls, original = [], getattr(module, name)

    def spy(*args):
        result = original(*args)
        calls.append(result)
        return result
    monkeypatch.setattr(module, name, spy)
    return calls


def test_broad_paths_are_taken_above_the_threshold(demo, client, auth,
                                                   monkeypatch):
    auth.login()
    by_database = _spy(monkeypatch, queries, "_broad_searched_page")
    by_name = _spy(monkeypatch, broad_search, "name_search_page")
    _results(client, "q=JG")
    assert by_database == [] and by_name == [None]
    monkeypatch.setattr(queries, "PYTHON_MATCHES", 1)
    _results(client, "q=JG")                    # by date, customers match
    assert len(by_name) == 2 and by_name[1] is not None
    assert by_database == []
    _results(client, "q=JG&sort=code")          # another sort
    assert len(by_database) == 1


@pytest.mark.parametrize("state", [
    "q=korjaamo", "q=korjaamo&sort=date", "q=korjaamo&page=2",
    "q=korjaamo&status=new", "q=kor&status=cancelled&sort=date"])
def test_customer_path_merges_orders_found_by_po_number(demo, client, auth,
                                                         monkeypatch, state):
    """Customers match many orders, PO numbers a few (one of them also by
    its customer): each is listed and counted once, in date order."""
    from models import Order
    template = Order.get(Order.code == "190114-204115761")
    for n, customer in enumerate(["Lahden Rengas", "Korjaamo Virtanen Oy"]):
        Order.create(dealer=template.dealer, account=template.account,
                     customer_name=customer, code=f"990101-00000000{n}",
                     po_number=f"KORJAAMO-{n}", status="new",
                     created_at=template.created_at.replace(year=2024 + n))
    auth.login()
    one_pass = _results(client, state)
    by_name = _spy(monkeypatch, broad_search, "name_search_page")
    monkeypatch.setattr(queries, "PYTHON_MATCHES", 5)
    assert _results(client, state) == one_pass
    assert by_name[-1] is not None


def test_customer_counters_follow_every_change(demo):
    """The triggers keep order_customer_count equal to a recount."""
    from peewee import fn
    from models import Order, db
    from models.orders import OrderCustomerCount

    def counters():
        return {(site, name, status): n for site, name, status, n in
                OrderCustomerCount.select(
                    OrderCustomerCount.dealer,
                    OrderCustomerCount.customer_name,
                    OrderCustomerCount.status, OrderCustomerCount.n)
                .where(OrderCustomerCount.n > 0).tuples()}

    def recount():
        return {(site, name, status): n for site, name, status, n in
                Order.select(Order.dealer, Order.customer_name, Order.status,
                             fn.COUNT(Order.id))
                .group_by(Order.dealer, Order.customer_name, Order.status)
                .tuples()}

    with db.connection_context():
        assert counters() == recount()
        order = Order.get(Order.code == "190114-204115761")
        order.status = "complete"
        order.save()
        Order.update(customer_name="Uusi Nimi Oy").where(
            Order.id == order.id).execute()
        copy = Order.create(dealer=order.dealer, account=order.account,
                            customer_name="Toinen Oy", code="990101-1",
                            po_number="1", created_at=order.created_at)
        assert counters() == recount()
        copy.delete_instance()
        assert counters() == recount()
