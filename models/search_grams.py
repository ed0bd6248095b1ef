"""What migration 0008 needs to run: its trigger function and rebuild.

Migration 0008 indexed codes and PO numbers as 4-grams computed by
order_code_grams(), a Python function its triggers called. Migration 0014
replaced that index with a trigram one kept by plain SQL, so the app no
longer registers the function on its connections; the migration runner
does (models/schema.py), because released migrations are never edited and
0008 must still run on a new database.
"""
GRAM = 4


def _grams(text):
    text = (text or "").lower()
    return " ".join(text[i:i + GRAM].encode("utf-8").hex()
                    for i in range(len(text)))


def code_grams(code, po_number):
    return _grams(code) + " x " + _grams(po_number)


def register(database):
    """order_code_grams() for migration 0008's triggers and rebuild."""
    database.register_function(code_grams, "order_code_grams", 2,
                               deterministic=True)


def rebuild_order_search(db):
    """Migration 0008's rebuild of its two search indexes."""
    db.execute_sql("INSERT INTO order_code_search (order_code_search) "
                   "VALUES ('delete-all')")
    db.execute_sql("INSERT INTO order_code_search (rowid, grams) "
                   'SELECT id, order_code_grams(code, po_number) FROM "order"')
    db.execute_sql("INSERT INTO order_name_search (order_name_search) "
                   "VALUES ('rebuild')")
