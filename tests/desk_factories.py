"""AccountRequest rows as the dealer's form stores them (the data contract)."""
import datetime
import email
import email.policy
import itertools
import json
import os

from domain.business_days import due_at
from models import (AccountRequest, Dealer, RequestEvent, TradeAccount,
                    TradeUser, User, utcnow)

_numbers = itertools.count(1)

NEW_ACCOUNT = {"name": "Korjaamo Testi Oy", "address": "Testikatu 1, Helsinki",
               "country": "FI", "language": "fi", "notes": ""}
NEW_USER = {"email": "new.user@korjaamo.example", "first_name": "Uusi",
            "last_name": "Käyttäjä", "role": "workshop_manager",
            "language": "fi", "time_zone": "Europe/Helsinki",
            "market_access": True}


def make_request(kind="create_account_and_user", *, dealer=None, sender=None,
                 requested=None, snapshot=None, account=None, trade_user=None,
                 submitted_at=None, status="submitted", handled_by=None):
    """One request sent by `sender` (default: the demo dealer user)."""
    sender = sender or User.get(User.username == "demo")
    dealer = dealer or Dealer.get(Dealer.code == "20/90074")
    if requested is None:
        requested = {"account": dict(NEW_ACCOUNT), "user": dict(NEW_USER)}
    sent = submitted_at or utcnow()
    number = next(_numbers)
    req = AccountRequest.create(
        reference=f"R-{sent.year}-{900000 + number:06d}", dealer=dealer,
        submitted_by=sender, kind=kind, account=account, trade_user=trade_user,
        account_name=(requested.get("account") or {}).get("name")
        or (account.name if account else ""),
        user_email=(requested.get("user") or {}).get("email")
        or (trade_user.email if trade_user else ""),
        requested=json.dumps(requested), snapshot=json.dumps(snapshot or {}),
        status=status, submitted_at=sent, handled_by=handled_by,
        due_at=due_at(sent, dealer.country, dealer.time_zone),
        idempotency_key=f"test-{number}")
    RequestEvent.create(request=req, actor=sender, at=sent, kind="submitted")
    return req


def first_account(code="20/90074"):
    return (TradeAccount.select().join(Dealer).where(Dealer.code == code)
            .order_by(TradeAccount.id).first())


def first_user(account):
    return (TradeUser.select().where(TradeUser.account == account)
            .order_by(TradeUser.id).first())


def add_user_request(**kwargs):
    account = first_account()
    return make_request("add_user", account=account,
                        requested={"user": dict(NEW_USER)},
                        snapshot={"account": {"name": account.name}}, **kwargs)


def edit_request(account_changes=None, user_changes=None, **kwargs):
    """An edit of the first account (and its first user) of 20/90074."""
    account = first_account()
    user = first_user(account) if user_changes else None
    requested, snapshot = {}, {}
    if account_changes:
        requested["account"] = account_changes
        snapshot["account"] = {f: getattr(account, f) for f in account_changes}
    if user_changes:
        requested["user"] = user_changes
        snapshot["user"] = {f: getattr(user, f) for f in user_changes}
    return make_request("edit_account_and_user", account=account,
                        trade_user=user, requested=requested,
                        snapshot=snapshot, **kwargs)


def days_ago(days):
    return utcnow() - datetime.timedelta(days=days)


def outbox_texts(app):
    """The mails in the outbox folder, oldest first, each decoded as text:
    "To: …", "Subject: …", a blank line, the body."""
    folder = app.config["MAIL_OUTBOX_DIR"]
    if not os.path.isdir(folder):
        return []
    texts = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as handle:
            message = email.message_from_binary_file(
                handle, policy=email.policy.default)
        texts.append(f"To: {message['To']}\nSubject: {message['Subject']}\n\n"
                     f"{message.get_body().get_content()}")
    return texts
