"""The SQLite search index of order codes and PO numbers: 4-grams.

Codes and PO numbers are digits. A trigram index has only a thousand
digit trigrams, so each appears in tens of thousands of orders and every
digit search reads three long lists (about 1 ms at a million orders,
whatever it finds). Here each code and PO number is indexed as the
sequence of its 4-character grams, one token per character position
(the last three positions give the shorter tail grams). Ten times as many
digit 4-grams means ten times shorter lists:

- a search of 4+ characters is the phrase of its overlapping 4-grams:
  consecutive positions, so exactly the codes and PO numbers containing
  it (0.14 ms for "12361" at a million orders, against 1.0 ms);
- a 3-character search is a prefix of the grams starting with it (the
  index keeps 3-character prefixes for this);
- shorter searches use the column indexes (blueprints/orders/queries.py).

Each gram is written in hex so that FTS5's ascii tokenizer takes it as
one token whatever characters it holds; text is lower-cased (Unicode)
first, on both sides. Customer names, letters rather than digits, stay in
a trigram index of their own (migration 0008).

SQLite calls order_code_grams() from the order table's triggers, so it
is registered on every connection (register()).
"""
# Between the code's grams and the PO number's: a token no search makes
# (searches are hex), so no phrase runs from one into the other.
SEPARATOR = " x "
GRAM = 4


def _grams(text):
    text = (text or "").lower()
    return " ".join(text[i:i + GRAM].encode("utf-8").hex()
                    for i in range(len(text)))


def code_grams(code, po_number):
    """The indexed text of one order's code and PO number."""
    return _grams(code) + SEPARATOR + _grams(po_number)


def code_query(q):
    """The FTS5 query finding codes and PO numbers that contain `q`.

    `q` has at least three characters.
    """
    text = q.lower()
    if len(text) < GRAM:
        return text.encode("utf-8").hex() + "*"
    return '"' + " ".join(text[i:i + GRAM].encode("utf-8").hex()
                          for i in range(len(text) - GRAM + 1)) + '"'


def name_query(q):
    """The FTS5 trigram query finding customer names that contain `q`."""
    return '"' + q.replace('"', '""') + '"'


def register(database):
    """Make order_code_grams() available to SQL on every connection."""
    database.register_function(code_grams, "order_code_grams", 2,
                               deterministic=True)


def rebuild_order_search(db):
    """Both SQLite search indexes from the order table's rows (after the
    migration that creates them, or a bulk load without triggers)."""
    db.execute_sql("INSERT INTO order_code_search (order_code_search) "
                   "VALUES ('delete-all')")
    db.execute_sql("INSERT INTO order_code_search (rowid, grams) "
                   'SELECT id, order_code_grams(code, po_number) FROM "order"')
    db.execute_sql("INSERT INTO order_name_search (order_name_search) "
                   "VALUES ('rebuild')")
