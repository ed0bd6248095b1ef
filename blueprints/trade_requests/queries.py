"""Request queries, always scoped to the dealer sites a user belongs to."""
from dataclasses import dataclass

from peewee import JOIN, fn

from models import AccountRequest, Dealer, Notification, RequestEvent, User
from models.requests import REQUEST_STATUSES
from web import paging


@dataclass(frozen=True)
class RequestListState:
    q: str = ""
    status: str = ""
    page: int = 1

    def url_args(self, **changes):
        values = {"q": self.q, "status": self.status, "page": self.page}
        values.update(changes)
        if values["page"] == 1:
            values["page"] = None
        return {k: v for k, v in values.items() if v not in (None, "")}


def parse(args):
    """The list state from the URL; anything malformed means "all"."""
    status = args.get("status", "")
    if status not in REQUEST_STATUSES:
        status = ""
    return RequestListState(q=paging.query_text(args), status=status,
                            page=paging.page_number(args))


def _matching(site_ids, state):
    query = AccountRequest.select().where(AccountRequest.dealer.in_(site_ids))
    if state.q:
        like = state.q
        query = query.where(AccountRequest.reference.contains(like)
                            | AccountRequest.account_name.contains(like)
                            | AccountRequest.user_email.contains(like))
    return query


def status_counts(site_ids, state):
    counts = {status: 0 for status in REQUEST_STATUSES}
    counts.update(dict(_matching(site_ids, state)
                       .select(AccountRequest.status, fn.COUNT(AccountRequest.id))
                       .group_by(AccountRequest.status).tuples()))
    return counts


def page_of_requests(site_ids, state, window):
    """The rows of `window` (web.paging.Window), newest first, with the
    site and the sender joined in."""
    query = _matching(site_ids, state)
    if state.status:
        query = query.where(AccountRequest.status == state.status)
    return window.fetch(query.select(AccountRequest, Dealer, User)
                        .join_from(AccountRequest, Dealer)
                        .join_from(AccountRequest, User,
                                   on=(AccountRequest.submitted_by == User.id))
                        .order_by(AccountRequest.submitted_at.desc(),
                                  AccountRequest.id.desc()))


def request_for_user(reference, site_ids):
    """The request if it belongs to one of the sites, else None."""
    return (AccountRequest.select(AccountRequest, Dealer).join(Dealer)
            .where((AccountRequest.reference == reference)
                   & AccountRequest.dealer.in_(site_ids)).first())


def public_events(request):
    """The timeline the dealer sees: everything but internal notes."""
    return list(RequestEvent.select(RequestEvent, User)
                .join(User, JOIN.LEFT_OUTER,
                      on=(RequestEvent.actor == User.id))
                .where((RequestEvent.request == request)
                       & (RequestEvent.internal == False))  # noqa: E712
                .order_by(RequestEvent.at, RequestEvent.id))


def with_unread_notices(user, requests):
    """Ids of the requests the user has unread notices about."""
    ids = [r.id for r in requests]
    if not ids:
        return set()
    return {n.request_id for n in Notification.select(Notification.request)
            .where((Notification.user == user.id)
                   & (Notification.read == False)  # noqa: E712
                   & Notification.request.in_(ids))}
