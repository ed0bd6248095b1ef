"""Translated names for the desk: events, fields, refusals, filters."""
from flask_babel import lazy_gettext as _l

from domain import request_refusals as rules

EVENT_LABELS = {
    "submitted": _l("Sent"),
    "taken": _l("Taken"),
    "applied": _l("Applied"),
    "rejected": _l("Rejected"),
    "note": _l("Internal note"),
    "message": _l("Message to the dealer"),
    "reply": _l("Reply from the dealer"),
}

# Subjects of the e-mail to the sender ("Your request R-…: <summary>").
EVENT_SUMMARIES = {
    "taken": _l("customer service is processing it"),
    "applied": _l("completed"),
    "rejected": _l("rejected"),
    "message": _l("a message from customer service"),
}

ACTION_DONE = {
    "take": _l("You took the request."),
    "apply": _l("The request was applied and completed."),
    "reject": _l("The request was rejected. The dealer sees the reason."),
    "note": _l("The note was added."),
    "message": _l("The message was sent to the dealer."),
}

REFUSALS = {
    rules.REFUSED_STATUS: _l("Someone else acted on this request meanwhile, "
                             "so nothing was done. Check its status below."),
    rules.REFUSED_STALE: _l("The account or user has changed since the "
                            "request was sent, so nothing was changed. "
                            "Check the current values below."),
    rules.REFUSED_NAME_TAKEN: _l("The dealer already has a trade account "
                                 "with this name, so nothing was changed."),
    rules.REFUSED_EMAIL_TAKEN: _l("An active marketplace user already has "
                                  "this email address, so nothing was "
                                  "changed."),
    rules.REFUSED_MISSING: _l("The trade account or user no longer exists, "
                              "so nothing was changed."),
    rules.REFUSED_INCOMPLETE: _l("The request lacks required details, so "
                                 "nothing was changed. Reject it with a "
                                 "reason."),
    rules.REFUSED_INVALID: _l("The request has a value that cannot be "
                              "stored, so nothing was changed. Reject it "
                              "with a reason."),
}

STATUS_FILTER_LABELS = {
    "open": _l("Open"),
    "all": _l("All"),
}

URGENCY_LABELS = {
    "overdue": _l("Overdue"),
    "due_today": _l("Due today"),
}
