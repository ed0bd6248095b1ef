"""Carrying out a request on trade accounts and users, audited: the steps
each kind's apply() is made of, and the checks Apply makes.

Runs inside the caller's write transaction: an ApplyRefused raised here
rolls back everything, the request's status included.
"""
import json

from peewee import IntegrityError

from domain import request_rules
from domain.request_apply import changes_between, cleaned, stale_fields
from domain.request_refusals import (REFUSED_EMAIL_TAKEN, REFUSED_MISSING,
                                     REFUSED_NAME_TAKEN, REFUSED_STALE,
                                     ApplyRefused)
from domain.uniqueness import email_clash, email_key, name_taken
from models import AccountChange, TradeAccount, TradeUser, utcnow


def account_values(account):
    return request_rules.account_values(account) if account else {}


def user_values(user):
    return request_rules.user_values(user) if user else {}


def current_values(req):
    """The account and user as they are now, shaped like the snapshot."""
    account = TradeAccount.get_or_none(id=req.account_id) if req.account_id else None
    user = TradeUser.get_or_none(id=req.trade_user_id) if req.trade_user_id else None
    return {"account": account_values(account), "user": user_values(user)}


def asked(req):
    """(account values, user values) the request asks for, cleaned."""
    requested = req.requested_values
    return (cleaned("account", requested.get("account") or {}),
            cleaned("user", requested.get("user") or {}))


def conflicts(req):
    """[ApplyRefused] that Apply would meet now; nothing is changed.

    Shown on the open request, so the agent sees a taken name or email
    before pressing Apply (which checks again, in its transaction).
    """
    account, user = asked(req)
    checks = []
    if account.get("name"):
        checks.append(lambda: _check_name(req, account["name"], req.account_id))
    if user:
        checks.append(lambda: _check_user_email(req, user))
    if req.snapshot_values:
        checks.append(lambda: check_stale(req))
    found = []
    for check in checks:
        try:
            check()
        except ApplyRefused as refusal:
            found.append(refusal)
    return found


def locked_account(req):
    account = TradeAccount.get_or_none((TradeAccount.id == req.account_id)
                                       & (TradeAccount.dealer == req.dealer_id)
                                       & (TradeAccount.active == True))  # noqa: E712
    if account is None:
        raise ApplyRefused(REFUSED_MISSING)
    return account


def check_stale(req):
    """Refuse when a value the request changes moved since it was sent."""
    stale = stale_fields(req.requested_values, req.snapshot_values,
                         current_values(req))
    if stale:
        raise ApplyRefused(REFUSED_STALE, stale)


def edited_user(req, account):
    """The request's user, who must still be one of the account's users."""
    user = TradeUser.get_or_none((TradeUser.id == req.trade_user_id)
                                 & (TradeUser.account == account))
    if user is None:
        raise ApplyRefused(REFUSED_MISSING)
    return user


def _check_name(req, name, account_id=None):
    if name_taken(req.dealer_id, name, account_id):
        raise ApplyRefused(REFUSED_NAME_TAKEN, [("account", "name")])


def _check_email(email, has_access, user=None):
    if email_clash(email, has_access, user):
        raise ApplyRefused(REFUSED_EMAIL_TAKEN, [("user", "email")])


def _check_user_email(req, values):
    """The e-mail check for the user as the request would leave them."""
    user = TradeUser.get_or_none(id=req.trade_user_id) \
        if req.trade_user_id else None
    after = dict(user_values(user) or {"email": "", "market_access": True},
                 **values)
    if after["email"]:
        _check_email(after["email"], after["market_access"], user)


def _record(req, actor, account, user, changes):
    AccountChange.create(account=account, trade_user=user, request=req,
                         actor=actor, changes=json.dumps(changes))


def create_account(req, values, actor):
    _check_name(req, values["name"])
    try:
        account = TradeAccount.create(
            dealer=req.dealer_id, name_key=TradeAccount.key_for(values["name"]),
            **values)
    except IntegrityError:
        raise ApplyRefused(REFUSED_NAME_TAKEN, [("account", "name")])
    _record(req, actor, account, None, changes_between({}, values))
    return account


def create_user(req, account, values, actor):
    values = dict(values)
    values.setdefault("market_access", True)
    _check_email(values["email"], values["market_access"])
    user = TradeUser.create(account=account, email_key=email_key(values["email"]),
                            **values)
    _record(req, actor, account, user, changes_between({}, values))
    return user


def edit_account(req, account, values, actor):
    before = account_values(account)
    diff = changes_between(before, values)
    if not diff:
        return
    if "name" in diff:
        _check_name(req, values["name"], account.id)
        account.name_key = TradeAccount.key_for(values["name"])
    for field, (_old, new) in diff.items():
        setattr(account, field, new)
    account.updated_at = utcnow()
    try:
        account.save()
    except IntegrityError:
        raise ApplyRefused(REFUSED_NAME_TAKEN, [("account", "name")])
    _record(req, actor, account, None, diff)


def edit_user(req, account, user, values, actor):
    before = user_values(user)
    diff = changes_between(before, values)
    if not diff:
        return
    access_after = diff.get("market_access", [None, user.market_access])[1]
    _check_email(values.get("email", user.email), access_after, user)
    if "email" in diff:
        user.email_key = email_key(values["email"])
    for field, (_old, new) in diff.items():
        setattr(user, field, new)
    user.updated_at = utcnow()
    user.save()
    _record(req, actor, account, user, diff)
