"""Moving a request through its statuses, safe against two agents at once.

Every status change is a conditional UPDATE on the status (and handler) the
agent's page showed, inside a write transaction: when two agents act at the
same moment, exactly one UPDATE matches a row and the other is refused.
"""
from dataclasses import dataclass

from peewee import DataError, IntegrityError

import request_kinds
from domain.request_refusals import REFUSED_INVALID, ApplyRefused, RequestMoved
from models import AccountRequest, RequestEvent, utcnow
from models import write_transaction
from models.notices import notify_about_request
from models.requests import (REQUEST_COMPLETED, REQUEST_IN_PROGRESS,
                             REQUEST_REJECTED, REQUEST_SUBMITTED)


@dataclass(frozen=True)
class Done:
    """What an action recorded, and whether its sender is told by e-mail
    too (a takeover between agents or an internal note is not news)."""
    event: RequestEvent
    tells_sender: bool


def can_take(req, agent):
    return (req.status == REQUEST_SUBMITTED
            or (req.status == REQUEST_IN_PROGRESS
                and req.handled_by_id != agent.id))


def can_resolve(req, agent):
    """Apply and Reject belong to the agent who took the request."""
    return (req.status == REQUEST_IN_PROGRESS
            and req.handled_by_id == agent.id)


def _claim(req, expected_status, expected_handler, changes):
    """The conditional UPDATE; refuses when the request moved meanwhile."""
    handler = (AccountRequest.handled_by.is_null() if expected_handler is None
               else AccountRequest.handled_by == expected_handler)
    updated = (AccountRequest.update(changes)
               .where((AccountRequest.id == req.id)
                      & (AccountRequest.status == expected_status) & handler)
               .execute())
    if updated != 1:
        raise RequestMoved()


def _dealers_to_tell(req, kind):
    """The sender; for a message also whoever at the site has replied on
    the request, as they are in the conversation too."""
    people = {req.submitted_by_id}
    if kind == "message":
        people.update(row.actor_id for row in RequestEvent
                      .select(RequestEvent.actor).distinct()
                      .where((RequestEvent.request == req.id)
                             & (RequestEvent.kind == "reply")))
    return sorted(people - {None})


def _event(req, actor, kind, note="", internal=False, notify=True):
    event = RequestEvent.create(request=req, actor=actor, kind=kind,
                                note=note, internal=internal)
    if notify:
        for user_id in _dealers_to_tell(req, kind):
            notify_about_request(user_id, req, event)
    return Done(event, tells_sender=notify)


def take(req, agent, expected_status, expected_handler):
    """Assign the request to `agent` (from the queue, or taking it over)."""
    if expected_status not in (REQUEST_SUBMITTED, REQUEST_IN_PROGRESS) or (
            expected_handler == agent.id):
        raise RequestMoved()
    with write_transaction():
        _claim(req, expected_status, expected_handler,
               {AccountRequest.status: REQUEST_IN_PROGRESS,
                AccountRequest.handled_by: agent.id})
        # A takeover between agents is not news for the dealer.
        return _event(req, agent, "taken",
                      notify=expected_status == REQUEST_SUBMITTED)


def apply(req, agent):
    """Carry the request out and complete it, all or nothing."""
    with write_transaction():
        _claim(req, REQUEST_IN_PROGRESS, agent.id,
               {AccountRequest.status: REQUEST_COMPLETED,
                AccountRequest.resolved_at: utcnow()})
        kind = request_kinds.get(req.kind)
        if kind is None:
            raise ApplyRefused(REFUSED_INVALID)
        try:
            account, user = kind.apply(req, agent)
        except (DataError, IntegrityError):
            # A value too long or malformed for a column: refuse, all rolled back.
            raise ApplyRefused(REFUSED_INVALID)
        links = {AccountRequest.account: account.id}
        if user is not None:
            links[AccountRequest.trade_user] = user.id
        AccountRequest.update(links).where(AccountRequest.id == req.id).execute()
        return _event(req, agent, "applied")


def reject(req, agent, reason):
    """Close the request unchanged, with the reason the dealer will read."""
    with write_transaction():
        _claim(req, REQUEST_IN_PROGRESS, agent.id,
               {AccountRequest.status: REQUEST_REJECTED,
                AccountRequest.resolved_at: utcnow(),
                AccountRequest.resolution_note: reason})
        return _event(req, agent, "rejected", note=reason)


def add_note(req, agent, text, to_dealer):
    """An internal note, or a message the dealer sees and is notified of."""
    with write_transaction():
        if to_dealer:
            return _event(req, agent, "message", note=text)
        return _event(req, agent, "note", note=text, internal=True,
                      notify=False)


def read_dealer_reply(req):
    """An agent opened the request: the dealer's replies are read. Returns
    when the first unread one came (None if none), to mark them new once."""
    since = req.dealer_reply_at
    if since is not None:
        (AccountRequest.update(dealer_reply_at=None)
         .where((AccountRequest.id == req.id)
                & (AccountRequest.dealer_reply_at == since)).execute())
    return since
