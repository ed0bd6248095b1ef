"""A new trade account with its first user."""
from flask_babel import lazy_gettext as _l

from domain.request_apply import require_complete
from domain.request_rules import ACCOUNT_FIELDS, USER_FIELDS
from request_kinds import add_user, carrying_out as do
from request_kinds.form_values import new_user
from request_kinds.kind import NEW, RequestKind

CODE = "create_account_and_user"


def requested(state):
    form, dealer = state.form, state.dealer
    account = {"name": form.name.data, "address": form.address.data,
               "country": dealer.country, "language": form.language.data,
               "notes": form.notes.data or ""}
    user = dict(new_user(form), market_access=True)
    return dict(kind=CODE, requested={"account": account, "user": user},
                snapshot={}, account_name=form.name.data,
                user_email=form.email.data)


def apply(req, agent):
    account_values, user_values = do.asked(req)
    require_complete(account_values, ACCOUNT_FIELDS)
    require_complete(user_values, USER_FIELDS)
    account = do.create_account(req, account_values, agent)
    return account, do.create_user(req, account, user_values, agent)


KIND = RequestKind(
    CODE, _l("Create trade account and add user"), account=NEW, user=NEW,
    requested=requested, apply=apply, with_existing_account=add_user.CODE)
