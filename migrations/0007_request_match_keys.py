"""Requests carry their account name and user e-mail folded for matching.

Sending a request looks for an open request for the same new account or
e-mail; with the folded values indexed that look-up stays one index probe
however many requests wait.
"""
from peewee import CharField

from domain.request_rules import email_key, name_key


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("account_request", "account_key",
                            CharField(max_length=120, default="")),
        migrator.add_column("account_request", "email_key",
                            CharField(max_length=254, default="")),
        migrator.add_index("account_request", ("account_key",), False),
        migrator.add_index("account_request", ("email_key",), False))
    rows = db.execute_sql(
        "SELECT id, account_name, user_email FROM account_request").fetchall()
    for row_id, account_name, user_email in rows:
        db.execute_sql(
            "UPDATE account_request SET account_key = %s, email_key = %s "
            "WHERE id = %s" % ((db.param,) * 3),
            (name_key(account_name), email_key(user_email), row_id))
