"""Trade account requests sent to customer service, and what follows them."""
import json

from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField)

from models.accounts import TradeAccount, TradeUser
from models.base import BaseModel, utcnow
from models.people import Dealer, User

REQUEST_SUBMITTED = "submitted"
REQUEST_IN_PROGRESS = "in_progress"
REQUEST_COMPLETED = "completed"
REQUEST_REJECTED = "rejected"
REQUEST_STATUSES = (REQUEST_SUBMITTED, REQUEST_IN_PROGRESS,
                    REQUEST_COMPLETED, REQUEST_REJECTED)
OPEN_REQUEST_STATUSES = (REQUEST_SUBMITTED, REQUEST_IN_PROGRESS)


class AccountRequest(BaseModel):
    reference = CharField(unique=True, max_length=20)
    dealer = ForeignKeyField(Dealer, backref="requests")
    submitted_by = ForeignKeyField(User, backref="requests")
    kind = CharField(max_length=32)
    # The account / user the request is about (None for a new account).
    account = ForeignKeyField(TradeAccount, null=True, backref="requests")
    trade_user = ForeignKeyField(TradeUser, null=True, backref="requests")
    # Denormalised for lists and search.
    account_name = CharField(max_length=120)
    user_email = CharField(max_length=254, default="")
    # The two above folded as accounts and users compare them, so an open
    # request for the same new account or e-mail is found by an index.
    account_key = CharField(max_length=120, default="", index=True)
    email_key = CharField(max_length=254, default="", index=True)
    # JSON: the requested values, and the values at sending time.
    requested = TextField(default="{}")
    snapshot = TextField(default="{}")
    status = CharField(max_length=16, default=REQUEST_SUBMITTED, index=True)
    submitted_at = DateTimeField(default=utcnow)
    due_at = DateTimeField(index=True)
    handled_by = ForeignKeyField(User, null=True, backref="handled_requests")
    resolved_at = DateTimeField(null=True)
    resolution_note = TextField(default="")
    # When the first of the dealer's replies no agent has read yet came
    # (None once an agent opens the request); the queue marks it meanwhile.
    dealer_reply_at = DateTimeField(null=True)
    # From the form: a resend of the same form creates no second request.
    idempotency_key = CharField(unique=True, max_length=64)

    class Meta:
        indexes = ((("dealer", "submitted_at"), False),)

    def save(self, *args, **kwargs):
        self.account_key = TradeAccount.key_for(self.account_name or "")
        self.email_key = TradeUser.key_for(self.user_email)
        return super().save(*args, **kwargs)

    @property
    def requested_values(self):
        return json.loads(self.requested or "{}")

    @property
    def snapshot_values(self):
        return json.loads(self.snapshot or "{}")


class RequestEvent(BaseModel):
    """The request's timeline: submitted, taken, applied, notes, messages."""
    request = ForeignKeyField(AccountRequest, backref="events",
                              on_delete="CASCADE")
    actor = ForeignKeyField(User, null=True)
    at = DateTimeField(default=utcnow)
    kind = CharField(max_length=24)
    note = TextField(default="")
    # Internal notes are for customer service only.
    internal = BooleanField(default=False)


class AccountChange(BaseModel):
    """Audit trail: one row per change to a trade account or trade user."""
    account = ForeignKeyField(TradeAccount, backref="changes")
    trade_user = ForeignKeyField(TradeUser, null=True, backref="changes")
    request = ForeignKeyField(AccountRequest, null=True, backref="changes")
    actor = ForeignKeyField(User, null=True)
    at = DateTimeField(default=utcnow, index=True)
    # JSON: {"field": [before, after], ...}
    changes = TextField(default="{}")


class Counter(BaseModel):
    """Named counters, e.g. the yearly sequence of request references."""
    name = CharField(primary_key=True, max_length=32)
    value = IntegerField(default=0)
