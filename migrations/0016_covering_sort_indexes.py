"""The order list's sort indexes carry the id, code and PO number.

A search that matches many orders is walked: a site's orders are read in
sort order from its (site, [status,] key) index and the matching ones
kept. When the matches cluster far from the start of that order (the
code "26" matches this year's orders, which come last by date and last
within each customer by id), the walk reads most of the site, and each
entry it read cost a look-up of the order's row to test its code or PO
number. With the id (the tie-break), the code and the PO number in the
index, the walk tests them in the index itself: about ten times faster
per entry (BENCHMARKS.md).

A one- or two-character search matches a range of the (site, code) and
(site, PO number) indexes; past a few thousand matches ("26": this
year's orders) they are gathered from the index alone, which holds
every sort key for that.

The indexes are renamed order_sort_[status_]KEY for what they serve; the
(site) and (site, status) orders by id get theirs too.
"""

KEYS = ("code", "po_number", "customer_name", "created_at", "total_cents")
LIST_COLUMNS = ("code", "po_number", "customer_name", "created_at",
                "total_cents", "status")
# Indexes these replace (migration 0004 and the model's own).
REPLACED = [f"order_dealer_id_{status}{key}" for key in KEYS
            for status in ("", "status_")] + ["order_dealer_id_status"]


def _columns(key, leading):
    """The index's columns after `leading`: the sort key, the id that
    orders ties, and what the walks test. The code and PO number indexes,
    whose ranges a short search gathers, hold every sort key."""
    if key in ("code", "po_number"):
        rest = tuple(column for column in LIST_COLUMNS
                     if column not in leading + (key,))
    else:
        rest = ("code", "po_number")
    return leading + (key, "id") + rest


def up(migrator, db):
    for name in REPLACED:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    for key in KEYS:
        _index(db, f"order_sort_{key}", _columns(key, ("dealer_id",)))
        _index(db, f"order_sort_status_{key}",
               _columns(key, ("dealer_id", "status")))
    # Sorted by site (one site's orders by id) and by status.
    _index(db, "order_sort_id", ("dealer_id", "id", "code", "po_number"))
    _index(db, "order_sort_status", ("dealer_id", "status", "id", "code",
                                     "po_number"))


def _index(db, name, columns):
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS {name} ON "order" '
                   f'({", ".join(columns)})')
