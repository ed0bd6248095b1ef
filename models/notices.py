"""Notices: what changed for a user, each one linking to its item.

A notice's `kind` says what it is about; web/notices.py holds, per kind,
how it reads and where it links, and `subject` names the item (a request's
reference; an order's code for a kind about orders). So another kind of
notice needs rows of that kind and one registered type, no new columns.
"""
from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField

from models.base import BaseModel, utcnow
from models.people import User
from models.requests import AccountRequest, RequestEvent

KIND_REQUEST = "request"          # to the dealer: their request changed
KIND_REPLY = "request_reply"      # to an agent: the dealer replied


class Notification(BaseModel):
    user = ForeignKeyField(User, backref="notifications", on_delete="CASCADE")
    kind = CharField(max_length=32, default=KIND_REQUEST)
    subject = CharField(max_length=64, default="")
    # For a notice about a request: the request and the event that made it.
    request = ForeignKeyField(AccountRequest, null=True, on_delete="CASCADE")
    event = ForeignKeyField(RequestEvent, null=True, on_delete="CASCADE")
    at = DateTimeField(default=utcnow)
    read = BooleanField(default=False, index=True)

    class Meta:
        indexes = ((("user", "at"), False),)


def notify_about_request(user_id, req, event, kind=KIND_REQUEST):
    """A notice for `user_id` that `event` happened to request `req`."""
    return Notification.create(user=user_id, kind=kind,
                               subject=req.reference, request=req.id,
                               event=event)


def unread_count(user_id):
    return (Notification.select()
            .where((Notification.user == user_id)
                   & (Notification.read == False))  # noqa: E712
            .count())


def mark_read(user_id, condition):
    """Mark the user's unread notices matching `condition` read."""
    return (Notification.update(read=True)
            .where((Notification.user == user_id)
                   & (Notification.read == False)  # noqa: E712
                   & condition)
            .execute())
