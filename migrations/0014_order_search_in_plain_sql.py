"""SQLite: the code and PO number index is kept by plain SQL triggers.

Migration 0008's triggers called order_code_grams(), a Python function
registered on the app's own connections, so any other writer (the sqlite3
shell, a restore or repair script) failed with "no such function". Codes
and PO numbers now get an FTS5 trigram index over the order table itself,
kept by triggers that only copy columns: every writer keeps it right.

Customer names are matched among the sites' customers
(order_customer_count, blueprints/orders/order_list.py), so their
per-order trigram index goes.

PostgreSQL keeps its pg_trgm indexes: nothing to do there.
"""
from peewee import SqliteDatabase

CODE_NEW = ("INSERT INTO order_code_search (rowid, code, po_number) "
            "VALUES (new.id, new.code, new.po_number);")
CODE_OLD = ("INSERT INTO order_code_search (order_code_search, rowid, code, "
            "po_number) VALUES ('delete', old.id, old.code, old.po_number);")


def up(migrator, db):
    if not isinstance(db, SqliteDatabase):
        return
    for trigger in ("order_search_insert", "order_search_delete",
                    "order_code_search_update", "order_name_search_update"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute_sql("DROP TABLE IF EXISTS order_code_search")
    db.execute_sql("DROP TABLE IF EXISTS order_name_search")
    db.execute_sql(
        "CREATE VIRTUAL TABLE order_code_search USING fts5(code, po_number, "
        "content='order', content_rowid='id', tokenize='trigram')")
    db.execute_sql('CREATE TRIGGER order_search_insert AFTER INSERT ON "order" '
                   f"BEGIN {CODE_NEW} END")
    db.execute_sql('CREATE TRIGGER order_search_delete AFTER DELETE ON "order" '
                   f"BEGIN {CODE_OLD} END")
    db.execute_sql("CREATE TRIGGER order_code_search_update AFTER UPDATE OF "
                   f'code, po_number ON "order" BEGIN {CODE_OLD} {CODE_NEW} END')
    db.execute_sql("INSERT INTO order_code_search (order_code_search) "
                   "VALUES ('rebuild')")
