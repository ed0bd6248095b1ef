"""SQLite: the date indexes hold every sort key, as the code and PO number
ones do.

A list within a date range reads its orders through the (site, date) or
(site, status, date) index. Sorted by another key than the date, or
searched, each order in range was looked up for its customer or total,
to test the search or to sort: at a million orders "korjaamo" within
this year read 46 000 orders that way, and this year's orders sorted by
total 185 000. With the customer, status and total in the index as well,
SQLite reads and sorts those lists from the index alone (BENCHMARKS.md).

PostgreSQL: nothing to do. Its plans for these lists (bitmap and
parallel scans of the table) did not use the wider indexes, and its
range counts, which read the (site, status, date) index, were slower on
the wider one.
"""
from peewee import SqliteDatabase

# (index, columns): the leading columns, the date, the id that orders
# ties, then every other column the list sorts or searches by.
INDEXES = {
    "order_sort_created_at": (
        "dealer_id", "created_at", "id", "code", "po_number",
        "customer_name", "total_cents", "status"),
    "order_sort_status_created_at": (
        "dealer_id", "status", "created_at", "id", "code", "po_number",
        "customer_name", "total_cents"),
}


def up(migrator, db):
    if not isinstance(db, SqliteDatabase):
        return
    for name, columns in INDEXES.items():
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
        db.execute_sql(f'CREATE INDEX {name} ON "order" '
                       f'({", ".join(columns)})')
