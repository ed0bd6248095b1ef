"""PostgreSQL: the trigram indexes take each new order at once.

A GIN index with `fastupdate` (PostgreSQL's default) queues new entries
in a pending list, and every search through the index reads that whole
list, until vacuum (at a million orders autovacuum comes after some
200 000 new ones) or the list's 4 MB limit moves it into the index. The
benchmark's 9 000 new orders left 3-4 MB pending in each index: a
trigram search that found nothing took 5 ms, and 0.2 ms once they were
moved into the index. Without `fastupdate` an insert updates the index
itself (about 20 trigrams a column), which an order's insert can
afford. The entries already pending are moved into the indexes here.

SQLite: nothing to do.
"""
from peewee import SqliteDatabase

TRIGRAM_INDEXES = ("order_code_trgm", "order_po_number_trgm",
                   "order_customer_name_trgm")


def up(migrator, db):
    if isinstance(db, SqliteDatabase):
        return
    for index in TRIGRAM_INDEXES:
        db.execute_sql(f"ALTER INDEX {index} SET (fastupdate = off)")
        db.execute_sql("SELECT gin_clean_pending_list(%s::regclass)",
                       (index,))
