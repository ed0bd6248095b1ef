"""Dealers' replies on requests, and notices of new orders for a whole site.

A request remembers when its dealer replied and no agent has read the
reply yet, so the desk's queue can mark it.

A new order from the marketplace is news for everyone at its site: one
site_notice row per order (not one per user, so taking in an order costs
one insert however many people work at the site), and site_notice_read
holds who has seen which.

Stands alone (its own table classes, no live models), so later changes to
the models cannot change what this migration does.
"""
from peewee import CharField, DateTimeField, ForeignKeyField, Model


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db

    class Dealer(Base):
        class Meta:
            table_name = "dealer"

    class User(Base):
        class Meta:
            table_name = "user"

    class SiteNotice(Base):
        dealer = ForeignKeyField(Dealer, on_delete="CASCADE", index=False)
        kind = CharField(max_length=32)
        subject = CharField(max_length=64)
        summary = CharField(max_length=200, default="")
        at = DateTimeField()

        class Meta:
            table_name = "site_notice"
            indexes = ((("dealer", "id"), False),)

    class SiteNoticeRead(Base):
        user = ForeignKeyField(User, on_delete="CASCADE", index=False)
        notice = ForeignKeyField(SiteNotice, on_delete="CASCADE")

        class Meta:
            table_name = "site_notice_read"
            indexes = ((("user", "notice"), True),)

    db.create_tables([SiteNotice, SiteNoticeRead])
    migrator.migrate(
        migrator.add_column("account_request", "dealer_reply_at",
                            DateTimeField(null=True)))
