"""SQLite: codes and PO numbers get a 4-gram index, names a trigram one.

The single trigram index over code, PO number and customer name made
every digit search read the long lists of digit trigrams, including the
names' (1 ms a search at a million orders). Now:

- order_code_search: the 4-grams of each code and PO number (see
  models/search_grams.py), contentless, kept by triggers calling
  order_code_grams();
- order_name_search: the trigram index of customer names alone, whose
  lists digit searches no longer touch.

PostgreSQL keeps its pg_trgm indexes: nothing to do there.
"""
from peewee import SqliteDatabase

from models.search_grams import rebuild_order_search

CODE_ROW = "order_code_grams({row}.code, {row}.po_number)"
CODE_NEW = ("INSERT INTO order_code_search (rowid, grams) "
            f"VALUES (new.id, {CODE_ROW.format(row='new')});")
CODE_OLD = ("INSERT INTO order_code_search (order_code_search, rowid, grams) "
            f"VALUES ('delete', old.id, {CODE_ROW.format(row='old')});")
NAME_NEW = ("INSERT INTO order_name_search (rowid, customer_name) "
            "VALUES (new.id, new.customer_name);")
NAME_OLD = ("INSERT INTO order_name_search (order_name_search, rowid, "
            "customer_name) VALUES ('delete', old.id, old.customer_name);")


def up(migrator, db):
    if not isinstance(db, SqliteDatabase):
        return
    for trigger in ("insert", "delete", "update"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS order_search_{trigger}")
    db.execute_sql("DROP TABLE IF EXISTS order_search")
    db.execute_sql(
        "CREATE VIRTUAL TABLE order_code_search USING fts5(grams, "
        "content='', tokenize='ascii', prefix='6', columnsize=0)")
    db.execute_sql(
        "CREATE VIRTUAL TABLE order_name_search USING fts5(customer_name, "
        "content='order', content_rowid='id', tokenize='trigram')")
    db.execute_sql('CREATE TRIGGER order_search_insert AFTER INSERT ON "order" '
                   f"BEGIN {CODE_NEW} {NAME_NEW} END")
    db.execute_sql('CREATE TRIGGER order_search_delete AFTER DELETE ON "order" '
                   f"BEGIN {CODE_OLD} {NAME_OLD} END")
    db.execute_sql("CREATE TRIGGER order_code_search_update AFTER UPDATE OF "
                   f'code, po_number ON "order" BEGIN {CODE_OLD} {CODE_NEW} END')
    db.execute_sql("CREATE TRIGGER order_name_search_update AFTER UPDATE OF "
                   f'customer_name ON "order" BEGIN {NAME_OLD} {NAME_NEW} END')
    rebuild_order_search(db)

