"""The rules for applying a trade account request, with no database access.

A request carries the values the dealer asked for ("requested") and the
values the dealer saw when sending ("snapshot"), both shaped
{"account": {...}, "user": {...}}. Before anything changes, the current
values must still match the snapshot for every field the request changes:
otherwise someone else changed the data in between, and applying would
silently overwrite their change.
"""
from domain.request_refusals import REFUSED_INCOMPLETE, ApplyRefused
from domain.request_rules import ACCOUNT_FIELDS, USER_FIELDS

SECTIONS = (("account", ACCOUNT_FIELDS), ("user", USER_FIELDS))


def normalized(field, value):
    """A value as compared: emails and names ignore case and spacing."""
    if field == "market_access":
        return bool(value)
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text.casefold() if field in ("email", "name") else text


def stale_fields(requested, snapshot, current):
    """[(section, field)] the request changes whose value moved since sending.

    Only fields present in both the request and the snapshot are checked:
    a field the dealer did not touch may change freely meanwhile.
    """
    stale = []
    for section, fields in SECTIONS:
        asked = requested.get(section) or {}
        seen = snapshot.get(section) or {}
        now = current.get(section) or {}
        for field in fields:
            if field in asked and field in seen and (
                    normalized(field, seen[field])
                    != normalized(field, now.get(field))):
                stale.append((section, field))
    return stale


def require_complete(values, fields):
    """A new account or user needs every field but notes and access flag."""
    optional = ("notes", "market_access", "address")
    missing = [f for f in fields if f not in optional
               and not str(values.get(f) or "").strip()]
    if missing:
        raise ApplyRefused(REFUSED_INCOMPLETE, missing)


def changes_between(before, after):
    """{field: [before, after]} for the fields whose value differs."""
    return {field: [before.get(field), value]
            for field, value in after.items() if before.get(field) != value}


def cleaned(section, values):
    """The requested values of a section, limited to known fields, trimmed."""
    fields = ACCOUNT_FIELDS if section == "account" else USER_FIELDS
    result = {}
    for field in fields:
        if field not in values:
            continue
        value = values[field]
        if field == "market_access":
            result[field] = bool(value)
        elif field == "email":
            result[field] = (value or "").strip()
        elif field == "notes":
            result[field] = (value or "").strip()
        else:
            result[field] = " ".join(str(value or "").split())
    return result
