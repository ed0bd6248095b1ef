"""The before → after view of a request: one row per field it touches."""
from dataclasses import dataclass

from blueprints.trade_requests.display import field_label, field_value
from domain.request_apply import SECTIONS, normalized
from models.requests import OPEN_REQUEST_STATUSES
from request_kinds.carrying_out import current_values

# Shown even when unchanged, so the agent sees which account / user it is.
IDENTITY = {"account": "name", "user": "email"}


@dataclass(frozen=True)
class ReviewRow:
    section: str
    label: str
    before: str
    after: str
    changes: bool   # the request changes this value
    stale: bool     # the value changed since the dealer sent the request
    sent: str       # the value when the dealer sent the request


def review_rows(req):
    """{section: [ReviewRow]} for the account and the user.

    While the request is open, "before" is the current value, so the agent
    sees what Apply will change; afterwards it is the value at sending.
    """
    requested = req.requested_values
    snapshot = req.snapshot_values
    is_open = req.status in OPEN_REQUEST_STATUSES
    current = current_values(req) if is_open else snapshot
    result = {}
    for section, fields in SECTIONS:
        asked = requested.get(section) or {}
        seen = snapshot.get(section) or {}
        now = current.get(section) or {}
        rows = []
        if not (asked or seen):
            continue
        for field in fields:
            if field not in asked and field not in seen and (
                    field != IDENTITY[section] or field not in now):
                continue
            before = now.get(field, seen.get(field))
            after = asked.get(field, before)
            stale = (is_open and field in asked and field in seen
                     and normalized(field, seen[field])
                     != normalized(field, now.get(field)))
            rows.append(ReviewRow(
                section, field_label(section, field),
                field_value(field, before if (now or seen) else None),
                field_value(field, after),
                field in asked and (not (now or seen) or normalized(
                    field, before) != normalized(field, after)),
                stale, field_value(field, seen.get(field))))
        if rows:
            result[section] = rows
    return result
