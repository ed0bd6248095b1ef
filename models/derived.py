"""Data derived from the order table, rebuilt from it in one pass.

Triggers in plain SQL keep the search indexes and the counters right
whoever writes (the app, the sqlite3 shell, psql). These rebuilds are for
a bulk load that set the triggers aside (demo/seed.py) and for
`flask rebuild-derived` after a repair; `flask optimize-search` merges
the SQLite search index that inserts have grown.
"""
from models.base import db, is_sqlite
from models.orders import (OrderAccountTotal, OrderCustomerCount,
                           OrderDayCount, OrderStatusCount)


def rebuild_order_search():
    """SQLite's FTS5 index of codes and PO numbers (PostgreSQL's pg_trgm
    indexes are ordinary indexes: nothing to rebuild)."""
    if is_sqlite():
        db.execute_sql("INSERT INTO order_code_search (order_code_search) "
                       "VALUES ('rebuild')")
        merge_order_search()


def merge_order_search():
    """Merge SQLite's FTS5 index into one segment: a rebuild writes it in
    about ten, and inserts keep adding small ones; a search reads every
    segment's list for each trigram (one segment: half the time,
    BENCHMARKS.md). PostgreSQL's trigram indexes have no segments."""
    if is_sqlite():
        db.execute_sql("INSERT INTO order_code_search (order_code_search) "
                       "VALUES ('optimize')")


def rebuild_order_counts():
    """The status, customer, day and account counters, counted again."""
    OrderStatusCount.delete().execute()
    db.execute_sql("INSERT INTO order_status_count (dealer_id, status, n) "
                   'SELECT dealer_id, status, COUNT(*) FROM "order" '
                   "GROUP BY dealer_id, status")
    OrderCustomerCount.delete().execute()
    db.execute_sql("INSERT INTO order_customer_count "
                   "(dealer_id, customer_name, status, n) "
                   "SELECT dealer_id, customer_name, status, COUNT(*) "
                   'FROM "order" GROUP BY dealer_id, customer_name, status')
    OrderDayCount.delete().execute()
    day = "date(created_at)" if is_sqlite() else "created_at::date"
    db.execute_sql("INSERT INTO order_day_count (dealer_id, status, day, n) "
                   f'SELECT dealer_id, status, {day}, COUNT(*) FROM "order" '
                   f"GROUP BY dealer_id, status, {day}")
    OrderAccountTotal.delete().execute()
    db.execute_sql("INSERT INTO order_account_total (account_id, currency, "
                   "n, total_cents) SELECT account_id, currency, COUNT(*), "
                   'SUM(total_cents) FROM "order" GROUP BY account_id, currency')


def rebuild_all():
    with db.atomic():
        rebuild_order_search()
        rebuild_order_counts()
