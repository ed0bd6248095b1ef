"""Translated names for request kinds, request statuses and trade roles.

Shared by the dealer's request pages and the customer service desk.
"""
from flask_babel import lazy_gettext as _l

import request_kinds

REQUEST_STATUS_LABELS = {
    "submitted": _l("Submitted"),
    "in_progress": _l("In progress"),
    "completed": _l("Completed"),
    "rejected": _l("Rejected"),
}

ROLE_LABELS = {
    "workshop_manager": _l("Workshop manager"),
    "body_shop_manager": _l("Body shop manager"),
    "owner": _l("Owner"),
    "service_advisor": _l("Service advisor"),
    "parts_buyer": _l("Parts buyer"),
    "technician": _l("Technician"),
}

# The names of the requested values, by JSON key ("account" / "user").
ACCOUNT_FIELD_LABELS = {
    "name": _l("Account name"),
    "address": _l("Address"),
    "country": _l("Country"),
    "language": _l("Language"),
    "notes": _l("Notes"),
}

USER_FIELD_LABELS = {
    "email": _l("Email address"),
    "first_name": _l("First name"),
    "last_name": _l("Last name"),
    "role": _l("Role"),
    "language": _l("Language"),
    "time_zone": _l("Time zone"),
    "market_access": _l("Marketplace access"),
}

# What each event of a request's timeline says to the dealer.
EVENT_LABELS = {
    "submitted": _l("Request sent"),
    "taken": _l("Customer service started processing"),
    "applied": _l("Changes made"),
    "rejected": _l("Request rejected"),
    "note": _l("Note"),
    "message": _l("Message from customer service"),
    "reply": _l("Reply to customer service"),
}


def request_labels():
    """The labels templates about requests show. Each area that renders
    them registers this as its blueprint's context processor."""
    return {"kind_labels": request_kinds.LABELS,
            "request_status_labels": REQUEST_STATUS_LABELS,
            "request_event_labels": EVENT_LABELS}
