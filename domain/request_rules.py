"""Rules of trade account requests, free of Flask: what a request asks for.

The requested values are JSON {"account": {...}, "user": {...}}. A new
account or user names every field; an edit names only the fields that
change, with their new values, and the snapshot holds the values those
fields had when the request was sent.
"""
import datetime
from zoneinfo import ZoneInfo

# Released migration 0007 imports name_key and email_key from here.
from domain.uniqueness import email_key, name_key  # noqa: F401
from models.requests import OPEN_REQUEST_STATUSES

ACCOUNT_FIELDS = ("name", "address", "country", "language", "notes")
USER_FIELDS = ("email", "first_name", "last_name", "role", "language",
               "time_zone", "market_access")
# What an edit can change: the account's country follows the dealer's.
EDITABLE_ACCOUNT_FIELDS = ("name", "address", "language", "notes")

DUE_OVERDUE = "overdue"
DUE_TODAY = "due_today"


def account_values(account):
    return {field: getattr(account, field) for field in ACCOUNT_FIELDS}


def user_values(trade_user):
    return {field: getattr(trade_user, field) for field in USER_FIELDS}


def comparable(field, value):
    """A value as an edit compares it: text without the whitespace a form
    trims or a browser adds (CRLF line ends, doubled spaces), an e-mail
    address without case, an empty value as "". A change of these alone is
    no change."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(" ".join(line.split()) for line in lines).strip()
    return email_key(text) if field == "email" else text


def changes(current, proposed, fields):
    """{field: new value} for the fields whose proposed value differs."""
    return {field: proposed[field] for field in fields
            if field in proposed
            and comparable(field, proposed[field])
            != comparable(field, current.get(field))}


def edit_payload(account_now, account_new, user_now=None, user_new=None):
    """(requested, snapshot) for an edit; both empty when nothing changes."""
    requested, snapshot = {}, {}
    account_changes = changes(account_now, account_new, EDITABLE_ACCOUNT_FIELDS)
    if account_changes:
        requested["account"] = account_changes
        snapshot["account"] = {k: account_now.get(k) for k in account_changes}
    if user_now is not None and user_new is not None:
        user_changes = changes(user_now, user_new, USER_FIELDS)
        if user_changes:
            requested["user"] = user_changes
            snapshot["user"] = {k: user_now.get(k) for k in user_changes}
    return requested, snapshot


def reference_for(year, number):
    return f"R-{year}-{number:06d}"


def due_state(status, due_at, now, time_zone):
    """"overdue", "due_today" or None for an open request's due instant."""
    if status not in OPEN_REQUEST_STATUSES or due_at is None:
        return None
    if due_at < now:
        return DUE_OVERDUE
    zone = ZoneInfo(time_zone)

    def local_day(instant):
        return (instant.replace(tzinfo=datetime.timezone.utc)
                .astimezone(zone).date())
    return DUE_TODAY if local_day(due_at) == local_day(now) else None
