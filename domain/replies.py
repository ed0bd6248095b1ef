"""When a dealer may still answer customer service on a request.

While a request is open the dealer may always reply. After it is completed
or rejected a question about the outcome still belongs with it, so replies
are taken for REPLY_DAYS more, as service desks let a solved ticket be
answered for a while; the reply does not reopen the request (the outcome
stands; a changed need is a new request). Later the dealer sends a new
request or contacts customer service.
"""
import datetime

REPLY_DAYS = 14
REPLY_MAX = 2000
CLOSED_STATUSES = ("completed", "rejected")


def reply_deadline(status, resolved_at):
    """Until when (UTC) replies are taken: None while the request is open."""
    if status not in CLOSED_STATUSES or resolved_at is None:
        return None
    return resolved_at + datetime.timedelta(days=REPLY_DAYS)


def can_reply(status, resolved_at, now):
    deadline = reply_deadline(status, resolved_at)
    return deadline is None or now <= deadline
