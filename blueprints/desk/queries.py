"""Queue and request queries for customer service (every dealer's requests)."""
import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask_babel import get_timezone
from peewee import JOIN, Case, fn

from blueprints.desk.listing import STATUS_ALL, STATUS_OPEN
from domain.request_rules import due_state
from models import AccountRequest, Dealer, RequestEvent, User, utcnow
from models.requests import OPEN_REQUEST_STATUSES


@dataclass(frozen=True)
class Clock:
    """Now, and the end of the agent's today, both naive UTC."""
    now: datetime.datetime
    today_end: datetime.datetime

    @classmethod
    def for_zone(cls, now, zone):
        local = now.replace(tzinfo=datetime.timezone.utc).astimezone(zone)
        end = datetime.datetime.combine(local.date(), datetime.time.max, zone)
        return cls(now, end.astimezone(datetime.timezone.utc).replace(tzinfo=None),
                   str(zone))

    zone: str = "Europe/Helsinki"

    def urgency(self, req):
        """"overdue", "due_today" or "" for an open request (the same rule
        as the dealer's list, with "today" in the agent's zone)."""
        return due_state(req.status, req.due_at, self.now, self.zone) or ""


def agent_zone():
    """The viewer's zone as a ZoneInfo (Babel's pytz zone misplaces dates)."""
    return ZoneInfo(str(get_timezone()))


def current_clock():
    return Clock.for_zone(utcnow(), agent_zone())


def _is_open():
    return AccountRequest.status.in_(OPEN_REQUEST_STATUSES)


def _overdue(clock):
    return _is_open() & (AccountRequest.due_at < clock.now)


def _due_today(clock):
    return (_is_open() & (AccountRequest.due_at >= clock.now)
            & (AccountRequest.due_at <= clock.today_end))


def _matching(state, agent, clock):
    """Requests matching every filter but the urgency ones' counts."""
    query = AccountRequest.select()
    if state.status == STATUS_OPEN:
        query = query.where(_is_open())
    elif state.status != STATUS_ALL:
        query = query.where(AccountRequest.status == state.status)
    if state.site:
        query = query.where(AccountRequest.dealer == state.site)
    if state.kind:
        query = query.where(AccountRequest.kind == state.kind)
    if state.mine:
        query = query.where(AccountRequest.handled_by == agent.id)
    if state.q:
        query = query.where(AccountRequest.reference.contains(state.q)
                            | AccountRequest.account_name.contains(state.q)
                            | AccountRequest.user_email.contains(state.q))
    if state.overdue:
        query = query.where(_overdue(clock))
    return query


def counts(state, agent, clock):
    """Found, due today and overdue for the current filters, one query."""
    query = _matching(state, agent, clock).select(
        fn.COUNT(AccountRequest.id),
        fn.SUM(Case(None, [(_due_today(clock), 1)], 0)),
        fn.SUM(Case(None, [(_overdue(clock), 1)], 0)))
    found, due_today, overdue = query.tuples().get()
    return {"found": found or 0, "due_today": due_today or 0,
            "overdue": overdue or 0}


def page_of_requests(state, agent, clock, window):
    """The rows of `window` (web.paging.Window), most urgent first: due
    time, then the oldest."""
    handler = User.alias()
    return window.fetch(_matching(state, agent, clock)
            .select(AccountRequest, Dealer, handler)
            .join(Dealer)
            .switch(AccountRequest)
            .join(handler, JOIN.LEFT_OUTER,
                  on=(AccountRequest.handled_by == handler.id))
            .order_by(AccountRequest.due_at, AccountRequest.submitted_at,
                      AccountRequest.id))


def request_by_reference(reference):
    """The request with its dealer, sender and handler; None if unknown."""
    sender, handler = User.alias(), User.alias()
    return (AccountRequest.select(AccountRequest, Dealer, sender, handler)
            .join(Dealer).switch(AccountRequest)
            .join(sender, on=(AccountRequest.submitted_by == sender.id))
            .switch(AccountRequest)
            .join(handler, JOIN.LEFT_OUTER,
                  on=(AccountRequest.handled_by == handler.id))
            .where(AccountRequest.reference == reference[:20])
            .first())


def events_of(req):
    """The timeline with each actor, oldest first (internal notes too)."""
    return list(RequestEvent.select(RequestEvent, User)
                .join(User, JOIN.LEFT_OUTER,
                      on=(RequestEvent.actor == User.id))
                .where(RequestEvent.request == req)
                .order_by(RequestEvent.at, RequestEvent.id))


def all_sites():
    return list(Dealer.select().order_by(Dealer.code))
