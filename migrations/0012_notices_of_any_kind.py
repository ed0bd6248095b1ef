"""Notices of any kind, each naming its item.

A notice was always about a request. It now says its kind and names its
item (a request's reference today; an order's code when new orders get
notices), so the notices page links each one without knowing every kind,
and the page lists a user's newest first from an index.
"""
from peewee import CharField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("notification", "kind",
                            CharField(max_length=32, default="request")),
        migrator.add_column("notification", "subject",
                            CharField(max_length=64, default="")),
        migrator.drop_not_null("notification", "request_id"),
        migrator.add_index("notification", ("user_id", "at"), False))
    db.execute_sql(
        "UPDATE notification SET subject = (SELECT reference FROM "
        "account_request WHERE account_request.id = notification.request_id) "
        "WHERE request_id IS NOT NULL")
