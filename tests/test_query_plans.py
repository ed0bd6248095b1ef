"""No query of the order list or detail scans a table (EXPLAIN QUERY PLAN).

Every list state (filters, sorts, deep pages, searches long and short)
runs through the real views; each SELECT they issue is explained, and a
plan step that SCANs a table (rather than SEARCHing an index) fails. Only
the FTS5 search indexes (`SCAN order_code_search VIRTUAL TABLE INDEX
0:M…`, an index lookup), a constant row, a merged page's co-routine and
the header's window of a site's newest notices (at most 100 rows each,
read from the (dealer, id) index; models/site_notices.py) are allowed.
"""
import os
import random
import re

import pytest

from app import create_app
from blueprints.orders import order_list
from demo.seed import seed_demo
from models import Dealer, db
from models.schema import upgrade
from models.base import is_sqlite
from tests.sql_capture import captured_sql

ALLOWED_SCANS = re.compile(
    r"^SCAN (order_(code|name)_search VIRTUAL TABLE INDEX \d+:M"
    r"|CONSTANT ROW$|page$|matching$|matches$|firsts$|sample$|site\d+$"
    r"|spelling\d+_site\d+$|newest_at_site\d+$|notice_window$)")
LIST_STATES = [
    "", "sort=date", "sort=code", "sort=-code", "sort=site", "sort=-site",
    "sort=po", "sort=customer", "sort=-total", "sort=status",
    "status=new", "status=cancelled&sort=po", "status=complete&sort=-total",
    "status=in_progress&sort=site", "page=200", "page=3&sort=customer",
    "status=complete&page=40", "site={site}", "site={site}&sort=site&page=2",
    "site={site}&status=new&sort=-date",
    "q=1236", "q=JG+IMT", "q=korjaamo&sort=total", "q=1236&status=new",
    "q=1236&sort=site", "q=190107&page=2", "q=12", "q=k", "q=Ka&sort=code",
    "q=Oy", "q=oy&sort=customer",
    "q=9&status=complete",
]
pytestmark = pytest.mark.skipif(
    "postgres" in os.environ.get("TEST_DATABASE_URL", ""),
    reason="EXPLAIN QUERY PLAN is SQLite's")


def plan_of(sql, params):
    rows = db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return [row[-1] for row in rows]


def table_scans(statements):
    """Plan steps that scan a table, for every SELECT in `statements`
    (with its CTEs: gathers and a code way's read are written so)."""
    found = []
    for sql, params in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        for step in plan_of(sql, params):
            if step.startswith("SCAN ") and not ALLOWED_SCANS.match(step):
                found.append((step, sql))
    return found


@pytest.fixture(scope="module")
def site_app(tmp_path_factory):
    """One demo database for the whole module: the plans do not change."""
    app = create_app({
        "TESTING": True, "SECRET_KEY": "test-secret-key-not-for-production",
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('plans')}/p.db",
        "WTF_CSRF_ENABLED": False})
    with db.connection_context():
        upgrade()
        seed_demo(order_count=300, rng=random.Random(5))
        app.config["TAMPERE"] = Dealer.get(Dealer.code == "20/90075").id
    return app


@pytest.fixture(scope="module")
def client(site_app):
    client = site_app.test_client()
    client.post("/login", data={"username": "demo", "password": "demo"})
    return client


def _explained(client, url, headers=None):
    with captured_sql() as statements:
        response = client.get(url, headers=headers or {})
        response.get_data()
    assert response.status_code == 200
    assert any("order" in sql for sql, _params in statements)
    with db.connection_context():
        assert is_sqlite()
        return table_scans(statements), statements


def test_a_table_scan_is_caught(client):
    with db.connection_context():
        scans = table_scans([('SELECT id FROM "order" WHERE status = ?',
                              ["new"])])
    assert scans and scans[0][0].startswith("SCAN order")


@pytest.mark.parametrize("query", LIST_STATES)
def test_list_queries_use_indexes(site_app, client, query):
    url = "/orders?" + query.format(site=site_app.config["TAMPERE"])
    scans, _statements = _explained(client, url)
    assert scans == []


def test_search_reads_the_code_index_and_the_customer_counters(client):
    _scans, statements = _explained(client, "/orders?q=1236")
    with db.connection_context():
        steps = [step for sql, params in statements
                 for step in plan_of(sql, params)]
    assert any(step.startswith("SCAN order_code_search VIRTUAL TABLE INDEX")
               for step in steps)
    assert any("sqlite_autoindex_order_customer_count_1 (dealer_id=?)" in step
               for step in steps)


def test_short_search_is_a_prefix_range_on_indexes(client):
    _scans, statements = _explained(client, "/orders?q=12")
    with db.connection_context():
        steps = [step for sql, params in statements
                 for step in plan_of(sql, params)]
    for column in ("code", "po_number"):
        assert any(f"{column}>? AND {column}<?" in step for step in steps)
    # Names with a word starting so: from the customer counters.
    assert any("USING INDEX sqlite_autoindex_order_customer_count_1 "
               "(dealer_id=?)" in step for step in steps)


def test_detail_queries_use_indexes(client):
    scans, _statements = _explained(client, "/orders/190114-204115761")
    assert scans == []


def test_export_uses_indexes(client):
    scans, _statements = _explained(client,
                                    "/orders/export.csv?q=1236&sort=-total")
    assert scans == []


@pytest.mark.parametrize("gather", [False, True])
@pytest.mark.parametrize("query", [q for q in LIST_STATES if "q=" in q])
def test_walks_and_gathers_use_indexes(client, monkeypatch, query, gather):
    monkeypatch.setattr(order_list, "_gathers", lambda *_sizes: gather)
    scans, statements = _explained(client, "/orders?" + query)
    assert scans == []
    if gather and not query.startswith("q=9"):
        # A gather reads the named customers' orders by their index.
        with db.connection_context():
            steps = [step for sql, params in statements
                     for step in plan_of(sql, params)]
        assert any("customer_name=?" in step or "order_code_search" in step
                   or ("code>?" in step) for step in steps), steps


def test_a_walk_reads_the_sort_index(client, monkeypatch):
    monkeypatch.setattr(order_list, "_gathers", lambda *_sizes: False)
    _scans, statements = _explained(client, "/orders?q=korjaamo&sort=-total")
    with db.connection_context():
        # (Gathers and a code way's read are CTEs: they sort what they read.)
        walks = [plan_of(sql, params) for sql, params in statements
                 if "customer_name\" IN" in sql and "ORDER BY" in sql
                 and not sql.startswith("WITH")]
    assert walks
    for steps in walks:
        assert any("INDEX order_sort_total_cents (dealer_id=?)" in step
                   for step in steps)
        assert not any("TEMP B-TREE" in step for step in steps), steps


RANGE_STATES = [
    "from=2019-01-01&to=2019-12-31", "from=2019-01-14&status=new",
    "to=2021-01-01&sort=code", "from=2019-01-01&q=1236",
    "from=2020-01-01&sort=site&page=2", "customer={customer}",
    "customer={customer}&from=2019-01-01&status=complete",
    "customer={customer}&sort=total",
    # Walked (the range holds every order) and gathered, by other keys.
    "to=2030-01-01&sort=-total", "from=2023-06-01&to=2023-09-30&sort=customer",
    "from=2023-03-01&sort=-status&status=new",
]


@pytest.mark.parametrize("query", RANGE_STATES)
def test_range_and_customer_queries_use_indexes(site_app, client, query):
    with site_app.app_context(), db.connection_context():
        from models import TradeAccount
        customer = TradeAccount.get(TradeAccount.name == "JG IMT 1").id
    scans, _statements = _explained(
        client, "/orders?" + query.format(customer=customer))
    assert scans == []


def test_a_date_range_is_read_from_a_date_index(client):
    _scans, statements = _explained(
        client, "/orders?from=2019-01-01&to=2019-12-31&status=new")
    with db.connection_context():
        steps = [step for sql, params in statements
                 if "created_at" in sql for step in plan_of(sql, params)]
    assert any(re.search(r"USING (COVERING )?INDEX order_sort_(status_)?"
                         r"created_at .*created_at>\?", step)
               for step in steps), steps


def test_a_date_range_is_counted_from_its_days_and_ends(client):
    """Whole days from the day counters, each status a range of their key;
    the part-days at the ends on the (site, status, date) index, every
    status named: the index is read range by range, no order looked up."""
    _scans, statements = _explained(client, "/orders?from=2019-03-01")
    with db.connection_context():
        steps = [step for sql, params in statements
                 if "SUM(" in sql or "COUNT(*)" in sql
                 for step in plan_of(sql, params)]
    assert any("order_day_count_1 (dealer_id=? AND status=? AND day>?)"
               in step for step in steps), steps
    assert any("USING COVERING INDEX order_sort_status_created_at "
               "(dealer_id=? AND status=? AND created_at>? AND created_at<?)"
               in step for step in steps), steps


@pytest.mark.parametrize("query", [
    "from=2019-01-01&to=2019-12-31&q=korjaamo&sort=-site",
    "from=2019-01-01&to=2019-12-31&q=1236&status=new&sort=total",
    "from=2023-06-01&to=2023-09-30&sort=-total",
    "from=2023-06-01&to=2023-09-30&status=complete&sort=customer"])
def test_a_date_range_is_searched_and_sorted_in_its_index(client, query):
    """The date indexes hold every sort key and what a search tests
    (migration 0019): the orders in range are counted, searched and
    sorted without looking one up."""
    _scans, statements = _explained(client, "/orders?" + query)
    with db.connection_context():
        steps = [step for sql, params in statements
                 if "created_at" in sql and '"order"' in sql
                 for step in plan_of(sql, params)
                 if "order_sort_" in step and "created_at" in step]
    assert steps, statements
    assert all("USING COVERING INDEX" in step for step in steps), steps


@pytest.mark.parametrize("query", ["", "&sort=total", "&sort=-status",
                                   "&from=2023-01-01&sort=customer",
                                   "&q=12&sort=site"])
def test_a_customer_is_counted_and_sorted_in_its_index(site_app, client,
                                                       query):
    """The customer's index holds every sort key (migration 0021): no
    order of the customer is looked up to count or sort it."""
    with site_app.app_context(), db.connection_context():
        from models import TradeAccount
        customer = TradeAccount.get(TradeAccount.name == "JG IMT 1").id
    _scans, statements = _explained(
        client, f"/orders?customer={customer}{query}")
    with db.connection_context():
        steps = [step for sql, params in statements
                 for step in plan_of(sql, params)
                 if "order_account_id_created_at" in step]
    assert steps, statements
    assert all("USING COVERING INDEX" in step for step in steps), steps


def test_export_of_a_range_uses_indexes(client):
    scans, _statements = _explained(
        client, "/orders/export.csv?from=2019-01-01&to=2019-06-30")
    assert scans == []
