"""A new user of an existing trade account ("Existing trade account" on)."""
from flask_babel import lazy_gettext as _l

from domain.request_apply import require_complete
from domain.request_rules import USER_FIELDS
from request_kinds import carrying_out as do
from request_kinds.form_values import new_user
from request_kinds.kind import NAMED, NEW, RequestKind

CODE = "add_user"


def requested(state):
    form, account = state.form, state.account
    user = dict(new_user(form), market_access=True)
    return dict(kind=CODE, requested={"user": user}, snapshot={},
                account=account, account_name=account.name,
                user_email=form.email.data)


def apply(req, agent):
    account = do.locked_account(req)
    _account_values, user_values = do.asked(req)
    require_complete(user_values, USER_FIELDS)
    do.check_stale(req)
    return account, do.create_user(req, account, user_values, agent)


# Chosen with the "Existing trade account" switch of a new account request.
KIND = RequestKind(
    CODE, _l("Add user to existing trade account"), account=NAMED, user=NEW,
    requested=requested, apply=apply, offered=False)
