"""Eight weeks of processed trade account requests for the demo.

Customer service's service-level page and the accounts' change history
mean little on an empty database, so the demo (not the tests) gets
requests sent by `demo` and processed by `agent` in the past weeks: most
on time, some late, a few rejected, plus a few still open. They go through
the same functions as real ones, then their times are moved into the past.
"""
import datetime

from blueprints.desk import workflow
from blueprints.trade_requests.submit import submit_request
from demo import catalogue as cat
from demo.seed import ascii_part
from models import (AccountChange, AccountRequest, Notification, RequestEvent,
                    TradeAccount, User, db)
from request_kinds import add_user

HISTORY_REQUESTS = 40
LATE_SHARE = 0.15
REJECT_SHARE = 0.15
REJECT_REASON = "Käyttäjällä on jo tunnus toisella sähköpostiosoitteella."


def seed_desk_history(rng, now):
    """Processed requests over the last 8 weeks and three open ones."""
    sender = User.get(User.username == "demo")
    agent = User.get(User.username == "agent")
    dealer = sender.dealers()[0]
    accounts = list(TradeAccount.select().where(TradeAccount.dealer == dealer)
                    .order_by(TradeAccount.id))
    with db.atomic():
        for number in range(HISTORY_REQUESTS):
            sent = now - datetime.timedelta(days=rng.uniform(3, 58))
            req = _add_user_request(sender, dealer, rng.choice(accounts),
                                    number, sent, rng)
            _process(req, agent, rng, now)
        for number, days_ago in enumerate((6, 1, 0), start=HISTORY_REQUESTS):
            sent = now - datetime.timedelta(days=days_ago, hours=1)
            req = _add_user_request(sender, dealer, rng.choice(accounts),
                                    number, sent, rng)
            if days_ago == 1:
                workflow.take(req, agent, "submitted", None)
        # The past is past: the demo user starts with no unread notices.
        Notification.update(read=True).execute()


def _add_user_request(sender, dealer, account, number, sent, rng):
    first, last = rng.choice(cat.FIRST_NAMES), rng.choice(cat.LAST_NAMES)
    email = f"{ascii_part(first)}.{ascii_part(last)}.{number}@demo-desk.example"
    user = {"email": email, "first_name": first, "last_name": last,
            "role": rng.choice(cat.TRADE_ROLES), "language": account.language,
            "time_zone": dealer.time_zone, "market_access": True}
    req, _created = submit_request(
        dealer=dealer, user=sender, kind=add_user.CODE,
        requested={"user": user}, snapshot={"account": {"name": account.name}},
        idempotency_key=f"demo-desk-{number}", account_name=account.name,
        user_email=email, account=account, now=sent)
    return req


def _process(req, agent, rng, now):
    """Take, then apply or reject; then date it like it happened."""
    workflow.take(req, agent, "submitted", None)
    if rng.random() < REJECT_SHARE:
        workflow.reject(req, agent, REJECT_REASON)
    else:
        workflow.apply(AccountRequest.get_by_id(req.id), agent)
    span = req.due_at - req.submitted_at
    if rng.random() < LATE_SHARE:
        resolved = req.due_at + datetime.timedelta(hours=rng.uniform(2, 40))
    else:
        resolved = req.submitted_at + span * rng.uniform(0.1, 0.9)
    resolved = min(resolved, now)
    taken = req.submitted_at + (resolved - req.submitted_at) * 0.3
    AccountRequest.update(resolved_at=resolved).where(
        AccountRequest.id == req.id).execute()
    for kind, at in (("taken", taken), ("applied", resolved),
                     ("rejected", resolved)):
        RequestEvent.update(at=at).where((RequestEvent.request == req.id)
                                         & (RequestEvent.kind == kind)).execute()
    Notification.update(at=resolved).where(
        Notification.request == req.id).execute()
    AccountChange.update(at=resolved).where(
        AccountChange.request == req.id).execute()
