"""Order list at scale: substring search index, sort indexes, status counts.

- Substring search: on SQLite an FTS5 trigram index over code, PO number
  and customer (external content, kept in sync by triggers); on PostgreSQL
  pg_trgm GIN indexes, which serve the same ILIKE '%…%' search.
- Sorting and paging: (dealer, key) and (dealer, status, key) indexes, so
  every sort column, with or without the status filter, is read in order
  from an index and a page stops after its rows.
- Status counts: a per-site, per-status counter table maintained by
  triggers, so the unsearched counts never count a million rows.
"""
from peewee import SqliteDatabase

from models.count_triggers import postgres_count_trigger

SORT_COLUMNS = ("code", "po_number", "customer_name", "total_cents")
STATUS_COUNT_TABLE = """
CREATE TABLE order_status_count (
    dealer_id INTEGER NOT NULL REFERENCES dealer (id) ON DELETE CASCADE,
    status VARCHAR(16) NOT NULL,
    n INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dealer_id, status))"""
# Upserts shared by both databases (SQLite >= 3.24, PostgreSQL >= 9.5).
COUNT_UP = ("INSERT INTO order_status_count (dealer_id, status, n) "
            "VALUES ({row}.dealer_id, {row}.status, 1) "
            "ON CONFLICT (dealer_id, status) DO UPDATE "
            "SET n = order_status_count.n + 1")
COUNT_DOWN = ("UPDATE order_status_count SET n = n - 1 "
              "WHERE dealer_id = {row}.dealer_id AND status = {row}.status")
RECOUNT = ("INSERT INTO order_status_count (dealer_id, status, n) "
           'SELECT dealer_id, status, COUNT(*) FROM "order" '
           "GROUP BY dealer_id, status")


def up(migrator, db):
    for column in SORT_COLUMNS:
        _index(db, ("dealer_id", column))
        _index(db, ("dealer_id", "status", column))
    _index(db, ("dealer_id", "status"))
    db.execute_sql(STATUS_COUNT_TABLE)
    if isinstance(db, SqliteDatabase):
        _sqlite_search(db)
        _sqlite_count_triggers(db)
    else:
        _postgres_search(db)
        _postgres_count_triggers(db)
    db.execute_sql(RECOUNT)


def _index(db, columns):
    name = "order_" + "_".join(columns)
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS {name} ON "order" '
                   f'({", ".join(columns)})')


def _sqlite_search(db):
    db.execute_sql(
        "CREATE VIRTUAL TABLE order_search USING fts5("
        "code, po_number, customer_name, content='order', "
        "content_rowid='id', tokenize='trigram')")
    new = ("INSERT INTO order_search (rowid, code, po_number, customer_name) "
           "VALUES (new.id, new.code, new.po_number, new.customer_name);")
    old = ("INSERT INTO order_search (order_search, rowid, code, po_number, "
           "customer_name) VALUES ('delete', old.id, old.code, old.po_number, "
           "old.customer_name);")
    db.execute_sql('CREATE TRIGGER order_search_insert AFTER INSERT ON "order" '
                   f"BEGIN {new} END")
    db.execute_sql('CREATE TRIGGER order_search_delete AFTER DELETE ON "order" '
                   f"BEGIN {old} END")
    db.execute_sql("CREATE TRIGGER order_search_update AFTER UPDATE OF code, "
                   f'po_number, customer_name ON "order" BEGIN {old} {new} END')
    db.execute_sql("INSERT INTO order_search (order_search) VALUES ('rebuild')")


def _sqlite_count_triggers(db):
    up_new, down_old = COUNT_UP.format(row="new"), COUNT_DOWN.format(row="old")
    db.execute_sql('CREATE TRIGGER order_count_insert AFTER INSERT ON "order" '
                   f"BEGIN {up_new}; END")
    db.execute_sql('CREATE TRIGGER order_count_delete AFTER DELETE ON "order" '
                   f"BEGIN {down_old}; END")
    db.execute_sql("CREATE TRIGGER order_count_update AFTER UPDATE OF status, "
                   f'dealer_id ON "order" BEGIN {down_old}; {up_new}; END')


def _postgres_search(db):
    db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in ("code", "po_number", "customer_name"):
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS order_{column}_trgm "
                       f'ON "order" USING gin ({column} gin_trgm_ops)')


def _postgres_count_triggers(db):
    postgres_count_trigger(db, "order_status_count", COUNT_UP, COUNT_DOWN,
                           "status, dealer_id")
