"""An index on order (account_id, created_at): one customer's orders.

The order list filtered to one customer (?customer=) reads that
customer's orders newest first, and the customer's count and total on the
order and trade account pages are summed from the same index.
"""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS order_account_id_created_at "
                   'ON "order" (account_id, created_at)')
