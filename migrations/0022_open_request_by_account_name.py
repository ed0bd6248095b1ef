"""An open request for the same new account name is found through an index
of its own.

The request form refuses a second open request for one new account name
of a dealer (blueprints/settings/request_checks.py). Its query asks for the
dealer's requests with that name, earliest first; SQLite's planner chose
the (dealer, submitted_at) index for the order and tested every request of
the dealer, inside the submission's write transaction, so with many
requests sent every submission queued behind it (BENCHMARKS.md has the
figures). This index holds the dealer, the name's key and the time, in
that order.
"""


def up(migrator, db):
    db.execute_sql("CREATE INDEX IF NOT EXISTS account_request_dealer_key "
                   "ON account_request (dealer_id, account_key, "
                   "submitted_at)")
