"""Changes to an existing trade account and, optionally, one of its users
(removing the user's marketplace access is one such change)."""
from flask_babel import lazy_gettext as _l

from domain.request_rules import account_values, edit_payload, user_values
from request_kinds import carrying_out as do
from request_kinds.form_values import access_after, new_user
from request_kinds.kind import EDITED, RequestKind

CODE = "edit_account_and_user"


def requested(state):
    """Only the values that change, with what they were when sent."""
    form, account, trade_user = state.form, state.account, state.trade_user
    account_new = {"name": form.name.data, "address": form.address.data or "",
                   "language": form.language.data,
                   "notes": form.notes.data or ""}
    user_now = user_new = None
    if form.edit_user.data and trade_user is not None:
        user_now = user_values(trade_user)
        user_new = dict(new_user(form), market_access=access_after(state))
    requested, snapshot = edit_payload(account_values(account), account_new,
                                       user_now, user_new)
    edited_user = trade_user if "user" in requested else None
    return dict(kind=CODE, requested=requested, snapshot=snapshot,
                account=account, trade_user=edited_user,
                account_name=account.name,
                user_email=edited_user.email if edited_user else "")


def apply(req, agent):
    account = do.locked_account(req)
    do.check_stale(req)
    account_changes, user_changes = do.asked(req)
    if account_changes:
        do.edit_account(req, account, account_changes, agent)
    user = None
    if user_changes:
        user = do.edited_user(req, account)
        do.edit_user(req, account, user, user_changes, agent)
    return account, user


KIND = RequestKind(
    CODE, _l("Edit trade account and user"), account=EDITED, user=EDITED,
    requested=requested, apply=apply)
