"""Translated names of order statuses and actions."""
from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "new": _l("New"),
    "in_progress": _l("In progress"),
    "complete": _l("Complete"),
    "cancelled": _l("Cancelled"),
}

ACTION_LABELS = {
    "start": _l("Start processing"),
    "complete": _l("Mark complete"),
    "cancel": _l("Cancel order"),
}

ACTION_DONE = {
    "start": _l("Processing started."),
    "complete": _l("The order is complete."),
    "cancel": _l("The order was cancelled."),
}


def status_label(status):
    return str(STATUS_LABELS.get(status, status))

# Why a date of the order list's range was not applied (listing.py).
DATE_PROBLEMS = {
    "bad_from": _l("The From date is not a valid date (YYYY-MM-DD), so the "
                   "list is not limited by it."),
    "bad_to": _l("The To date is not a valid date (YYYY-MM-DD), so the "
                 "list is not limited by it."),
    "swapped": _l("The To date was before the From date, so the dates were "
                  "swapped."),
}
# A customer link that names no customer of the user's sites.
UNKNOWN_CUSTOMER = _l("That customer is not one of your sites' customers, "
                      "so the list shows every customer's orders.")

# Why one order of a bulk change was left alone (bulk.py).
BULK_REFUSED = {
    "not_found": _l("%(code)s: no such order on your sites; nothing was "
                    "changed."),
    "not_allowed": _l("%(code)s: this action is not possible for an order "
                      "that is %(status)s."),
    "stale": _l("%(code)s: its status changed meanwhile, so it was not "
                "moved."),
}
