"""The dealer's side of a request's conversation with customer service.

Customer service's messages and the dealer's replies are the request's
thread. A reply goes on the request's timeline, marks the request in the
desk's queue until an agent opens it, and is a notice for the agent who
handles the request (or, before anyone has taken it, the agent who wrote
the last message): the dealer expects the person they answer to hear.
"""
from peewee import fn

from domain import replies as rules
from models import AccountRequest, RequestEvent, utcnow, write_transaction
from models.notices import KIND_REPLY, notify_about_request

THREAD_KINDS = ("message", "reply")


def reply_deadline(req):
    return rules.reply_deadline(req.status, req.resolved_at)


def can_reply(req):
    return rules.can_reply(req.status, req.resolved_at, utcnow())


def _agent_to_tell(req):
    if req.handled_by_id is not None:
        return req.handled_by_id
    last = (RequestEvent.select(RequestEvent.actor)
            .where((RequestEvent.request == req.id)
                   & (RequestEvent.kind == "message"))
            .order_by(RequestEvent.at.desc(), RequestEvent.id.desc())
            .first())
    return last.actor_id if last else None


def add_reply(req, user, text):
    """Store the reply, mark it for the desk and tell the agent, at once."""
    with write_transaction():
        event = RequestEvent.create(request=req, actor=user, kind="reply",
                                    note=text)
        # The first reply no agent has read yet: the desk marks it and
        # every later one as new.
        (AccountRequest.update(dealer_reply_at=fn.COALESCE(
            AccountRequest.dealer_reply_at, event.at))
         .where(AccountRequest.id == req.id).execute())
        agent_id = _agent_to_tell(req)
        if agent_id is not None:
            notify_about_request(agent_id, req, event, kind=KIND_REPLY)
    return event


def split_thread(events):
    """(timeline, thread): status events, and the messages both ways."""
    timeline = [e for e in events if e.kind not in THREAD_KINDS]
    thread = [e for e in events if e.kind in THREAD_KINDS]
    return timeline, thread
