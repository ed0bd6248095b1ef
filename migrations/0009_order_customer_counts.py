"""Orders per site, customer name and status, kept by triggers.

A search for a customer name shared by tens of thousands of orders
needed every matching order read to count them by status and to sort
them (0.3–0.8 s at a million orders). Customers are few next to their
orders, so the names a search matches are found among these rows, their
counts are summed from them, and the page walks the date index of the
sites (blueprints/orders/broad_search.py).
"""
from peewee import SqliteDatabase

from models.count_triggers import postgres_count_trigger

TABLE = """
CREATE TABLE order_customer_count (
    dealer_id INTEGER NOT NULL REFERENCES dealer (id) ON DELETE CASCADE,
    customer_name VARCHAR(120) NOT NULL,
    status VARCHAR(16) NOT NULL,
    n INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dealer_id, customer_name, status))"""
# Upserts shared by both databases (SQLite >= 3.24, PostgreSQL >= 9.5).
COUNT_UP = ("INSERT INTO order_customer_count "
            "(dealer_id, customer_name, status, n) "
            "VALUES ({row}.dealer_id, {row}.customer_name, {row}.status, 1) "
            "ON CONFLICT (dealer_id, customer_name, status) DO UPDATE "
            "SET n = order_customer_count.n + 1")
COUNT_DOWN = ("UPDATE order_customer_count SET n = n - 1 "
              "WHERE dealer_id = {row}.dealer_id "
              "AND customer_name = {row}.customer_name "
              "AND status = {row}.status")
RECOUNT = ("INSERT INTO order_customer_count "
           "(dealer_id, customer_name, status, n) "
           'SELECT dealer_id, customer_name, status, COUNT(*) FROM "order" '
           "GROUP BY dealer_id, customer_name, status")
CHANGED = "status, dealer_id, customer_name"


def up(migrator, db):
    db.execute_sql(TABLE)
    up_new, down_old = COUNT_UP.format(row="new"), COUNT_DOWN.format(row="old")
    if isinstance(db, SqliteDatabase):
        db.execute_sql("CREATE TRIGGER order_customer_count_insert AFTER "
                       f'INSERT ON "order" BEGIN {up_new}; END')
        db.execute_sql("CREATE TRIGGER order_customer_count_delete AFTER "
                       f'DELETE ON "order" BEGIN {down_old}; END')
        db.execute_sql("CREATE TRIGGER order_customer_count_update AFTER "
                       f'UPDATE OF {CHANGED} ON "order" '
                       f"BEGIN {down_old}; {up_new}; END")
    else:
        postgres_count_trigger(db, "order_customer_count", COUNT_UP,
                               COUNT_DOWN, CHANGED)
    db.execute_sql(RECOUNT)
