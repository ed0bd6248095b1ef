"""Each run measures the seed: what an earlier run wrote is removed first.

The API scenario posts about 3 000 orders a run and the submitters send
about 3 700 trade-account requests, into databases the bench reuses. Left
in, they would pile up run after run: the posted orders top the list (a
customer word's walk must pass them), and each submission is checked
against every request sent before (bench/NOTES.md has the figures).
"""
from servers import connect, sqlite_path

# PO numbers the API scenario posts: "B<run>t<time>-<thread>-<n>"
# (lua/unique.lua) and "R<run>-<n>" (the replays). The seed's are digits.
POSTED_ORDERS = ('SELECT id FROM "order" WHERE po_number LIKE ? '
                 "OR po_number LIKE ?", ("B%t%-%-%", "R%-%"))
# Idempotency keys the submitters send (lua/submit.lua).
SENT_REQUESTS = ("SELECT id FROM account_request WHERE idempotency_key "
                 "LIKE ?", ("bench-key-%",))


def remove_earlier_runs(url):
    """Remove the orders and requests earlier runs wrote, with what refers
    to them; returns (orders, requests) removed."""
    orders, order_params = POSTED_ORDERS
    requests, request_params = SENT_REQUESTS
    removed_orders = _delete(url, order_params, [
        "DELETE FROM site_notice WHERE kind = 'new_order' AND subject IN "
        f'(SELECT code FROM "order" WHERE id IN ({orders}))',
        f"DELETE FROM order_line WHERE order_id IN ({orders})",
        f"DELETE FROM order_event WHERE order_id IN ({orders})",
        f'DELETE FROM "order" WHERE id IN ({orders})'])
    removed_requests = _delete(url, request_params, [
        f"DELETE FROM notification WHERE request_id IN ({requests})",
        f"DELETE FROM account_change WHERE request_id IN ({requests})",
        f"DELETE FROM request_event WHERE request_id IN ({requests})",
        f"DELETE FROM account_request WHERE id IN ({requests})"])
    if (removed_orders or removed_requests) and not sqlite_path(url):
        # Index-only scans skip dead rows only once vacuumed.
        _vacuum(url)
    return removed_orders, removed_requests


def _delete(url, params, statements):
    """Run `statements` in one transaction; the rows the last removed."""
    connection = connect(url)
    try:
        cursor = connection.cursor()
        for sql in statements:
            if not sqlite_path(url):
                sql = sql.replace("?", "%s")
            cursor.execute(sql, params)
        removed = cursor.rowcount
        connection.commit()
        return removed
    finally:
        connection.close()


def _vacuum(url):
    connection = connect(url)
    try:
        connection.autocommit = True
        connection.cursor().execute('VACUUM ANALYZE "order", account_request')
    finally:
        connection.close()
