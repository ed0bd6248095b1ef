"""PostgreSQL: a one- or two-character search reads code and PO number
prefixes from an index.

Such a search matches where a code or PO number starts, ignoring case: a
range of the column per spelling ("oy", "Oy", "oY", "OY"), compared by
code point. SQLite's indexes compare so; on PostgreSQL, ILIKE 'oy%'
could use no index (pg_trgm needs three characters, a b-tree LIKE the C
collation), and a walk filtered whole sites (q=1 sorted by PO number:
over a second at a million orders). These indexes compare by code point.

SQLite: nothing to do.
"""
from peewee import SqliteDatabase


def up(migrator, db):
    if isinstance(db, SqliteDatabase):
        return
    for column in ("code", "po_number"):
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS order_prefix_{column} "
                       f'ON "order" (dealer_id, {column} COLLATE "C")')
