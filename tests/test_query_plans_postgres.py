"""On PostgreSQL the substring search is served by the pg_trgm indexes.

The test data is small, so the planner would rightly read the table; with
sequential scans priced out, a plan that still scans "order" proves that no
index can serve the query.
"""
import os
import random

import pytest

from demo.seed import seed_demo
from models import db
from tests.sql_capture import captured_sql

pytestmark = pytest.mark.skipif(
    "postgres" not in os.environ.get("TEST_DATABASE_URL", ""),
    reason="pg_trgm plans exist only on PostgreSQL")

SEARCHES = ["q=1236", "q=JG+IMT", "q=korjaamo&status=new", "q=12", "q=Oy",
            "q=190107&sort=total"]


def order_scans(statements):
    scans = []
    db.execute_sql("SET enable_seqscan = off")
    for sql, params in statements:
        if (not sql.lstrip().upper().startswith(("SELECT", "WITH"))
                or '"order"' not in sql):
            continue
        plan = "\n".join(row[0] for row in db.execute_sql(
            "EXPLAIN " + sql, params).fetchall())
        if 'Seq Scan on "order"' in plan or "Seq Scan on order " in plan:
            scans.append((sql, plan))
    db.execute_sql("RESET enable_seqscan")
    return scans


@pytest.mark.parametrize("query", SEARCHES)
def test_search_uses_trigram_or_btree_indexes(demo, client, auth, query):
    with db.connection_context():
        seed_demo(order_count=300, rng=random.Random(5))
    auth.login()
    with captured_sql() as statements:
        response = client.get("/orders?" + query)
        response.get_data()
    assert response.status_code == 200
    with db.connection_context():
        assert order_scans(statements) == []


def test_a_table_scan_is_caught(app):
    with db.connection_context():
        # No index holds the note: only reading the table answers this.
        scans = order_scans([('SELECT id FROM "order" WHERE note = %s',
                              ["x"])])
    assert len(scans) == 1


def test_trigram_indexes_keep_no_pending_list(demo):
    """Searches would read a pending list of new orders whole
    (migration 0018): every trigram index takes them at once, also after
    the seed set the indexes aside and made them again."""
    with db.connection_context():
        seed_demo(order_count=300, rng=random.Random(5))
        options = dict(db.execute_sql(
            "SELECT c.relname, array_to_string(c.reloptions, ',') "
            "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam "
            "WHERE i.indrelid = '\"order\"'::regclass AND a.amname = 'gin'"
        ).fetchall())
    assert set(options) == {"order_code_trgm", "order_po_number_trgm",
                            "order_customer_name_trgm"}
    assert all(value == "fastupdate=off" for value in options.values()), \
        options
