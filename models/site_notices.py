"""Notices for everyone at a dealer site, read by each person on their own.

A new order from the marketplace is news for every user of its site. One
row per site (not per user) keeps taking in an order at one insert however
many people work there, and the API takes in hundreds of orders a second.
Who has seen a notice is a row in SiteNoticeRead, written when they see it.

Only the newest NOTICE_WINDOW notices of a user's sites count as new: the
notices page shows no more, and the header's count stays a bounded index
read on a site that has taken in a million orders.
"""
from peewee import (JOIN, SQL, CharField, DateTimeField, ForeignKeyField,
                    Select, fn)

from models.base import BaseModel, utcnow
from models.people import Dealer, User

KIND_NEW_ORDER = "new_order"
NOTICE_WINDOW = 100


class SiteNotice(BaseModel):
    dealer = ForeignKeyField(Dealer, on_delete="CASCADE", index=False)
    kind = CharField(max_length=32)
    subject = CharField(max_length=64)   # e.g. an order's code
    summary = CharField(max_length=200, default="")  # e.g. its customer
    at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("dealer", "id"), False),)


class SiteNoticeRead(BaseModel):
    user = ForeignKeyField(User, on_delete="CASCADE", index=False)
    notice = ForeignKeyField(SiteNotice, on_delete="CASCADE")

    class Meta:
        indexes = ((("user", "notice"), True),)


def notify_site(dealer_id, kind, subject, summary="", at=None):
    """One notice for everyone at the site; call in the change's transaction."""
    return (SiteNotice.insert(dealer=dealer_id, kind=kind, subject=subject,
                              summary=summary[:200], at=at or utcnow())
            .execute())


def _window(dealer_ids, limit):
    """The ids of the sites' newest `limit` notices: each site's newest from
    its (dealer, id) index, never a sort of all of a site's notices."""
    parts = [Select([SiteNotice.select(SiteNotice.id)
                     .where(SiteNotice.dealer == dealer_id)
                     .order_by(SiteNotice.id.desc()).limit(limit)
                     .alias(f"newest_at_site{n}")], [SQL("id")])
             for n, dealer_id in enumerate(dealer_ids)]
    window = parts[0]
    for part in parts[1:]:
        window = window + part   # UNION ALL
    return window.order_by(SQL("id").desc()).limit(limit)


def newest(user_id, dealer_ids, limit=NOTICE_WINDOW):
    """The sites' newest notices with their site, each with `.read` set."""
    if not dealer_ids:
        return []
    rows = list(SiteNotice.select(SiteNotice, Dealer).join(Dealer)
                .where(SiteNotice.id.in_(_window(dealer_ids, limit)))
                .order_by(SiteNotice.id.desc()))
    if not rows:
        return rows
    read = {row.notice_id for row in SiteNoticeRead
            .select(SiteNoticeRead.notice)
            .where((SiteNoticeRead.user == user_id)
                   & SiteNoticeRead.notice.in_([row.id for row in rows]))}
    for row in rows:
        row.read = row.id in read
    return rows


def unread_count(user_id, dealer_ids, limit=NOTICE_WINDOW):
    """How many of the sites' newest notices the user has not seen."""
    if not dealer_ids:
        return 0
    window = _window(dealer_ids, limit).alias("notice_window")
    return (Select([window], [fn.COUNT(SQL("*"))])
            .join(SiteNoticeRead, JOIN.LEFT_OUTER,
                  on=((SiteNoticeRead.notice == window.c.id)
                      & (SiteNoticeRead.user == user_id)))
            .where(SiteNoticeRead.id.is_null())
            .bind(SiteNotice._meta.database).scalar())


def mark_read(user_id, notices):
    """The user has seen these notices (one insert; a second tab's same
    insert changes nothing)."""
    rows = [{"user": user_id, "notice": n.id} for n in notices
            if not getattr(n, "read", False)]
    if rows:
        SiteNoticeRead.insert_many(rows).on_conflict_ignore().execute()


def mark_item_read(user_id, dealer_id, kind, subject):
    """The user opened the item a notice is about: that notice is read.
    Only the site's newest notices can count as new, so only they are
    looked through (no index on the subject for the API's inserts to keep
    up); opening an item with no unread notice writes nothing."""
    unread = (SiteNotice.select(SiteNotice.id)
              .join(SiteNoticeRead, JOIN.LEFT_OUTER,
                    on=((SiteNoticeRead.notice == SiteNotice.id)
                        & (SiteNoticeRead.user == user_id)))
              .where(SiteNotice.id.in_(_window([dealer_id], NOTICE_WINDOW))
                     & (SiteNotice.subject == subject)
                     & (SiteNotice.kind == kind)
                     & SiteNoticeRead.id.is_null())
              .first())
    if unread is not None:
        mark_read(user_id, [unread])
