"""The request form's checks that need the database, and what a valid form asks for."""
from flask_babel import gettext as _

from domain.request_rules import account_values, edit_payload, user_values
from domain.uniqueness import email_clash, email_key, name_key, name_taken
from models import AccountRequest
from models.requests import (KIND_ADD_USER, KIND_CREATE_ACCOUNT, KIND_EDIT,
                             OPEN_REQUEST_STATUSES)


def waiting_request(dealer=None, name=None, email=None):
    """The reference of an open request that already asks for this new
    account name (of the dealer) or this new user's e-mail, else None.

    Customer service could apply only one of two such requests: the dealer
    hears of the first one now instead of a refusal two days later.
    """
    query = AccountRequest.select(AccountRequest.reference).where(
        AccountRequest.status.in_(OPEN_REQUEST_STATUSES))
    if name is not None:
        query = query.where((AccountRequest.account_key == name_key(name))
                            & (AccountRequest.dealer == dealer)
                            & (AccountRequest.kind == KIND_CREATE_ACCOUNT))
    else:
        query = query.where(
            (AccountRequest.email_key == email_key(email))
            & AccountRequest.kind.in_((KIND_CREATE_ACCOUNT, KIND_ADD_USER)))
    return query.order_by(AccountRequest.submitted_at).scalar()


def waiting_edit(args):
    """The reference of an open edit request of the same account and user
    that asks for exactly these changes, else None."""
    query = AccountRequest.select().where(
        (AccountRequest.kind == KIND_EDIT)
        & AccountRequest.status.in_(OPEN_REQUEST_STATUSES)
        & (AccountRequest.account == args["account"])
        & (AccountRequest.trade_user == args["trade_user"]))
    return next((sent.reference for sent in query.order_by(
        AccountRequest.submitted_at)
        if sent.requested_values == args["requested"]), None)


def refuse_pointless_edit(state, args):
    """Refuse, next to the fields, an edit that changes nothing or that an
    open request already asks for; True when refused."""
    form = state.form
    if not args["requested"]:
        form.add_error(form.name, _(
            "The request changes nothing. Change at least one detail of "
            "the account or the user."))
        return True
    if args["kind"] == KIND_EDIT:
        waiting = waiting_edit(args)
        if waiting:
            form.add_error(form.name, _(
                "Request %(reference)s asks for these same changes and is "
                "already waiting for customer service.", reference=waiting))
            return True
    return False


def check_rules(state):
    """Add the errors of rules that need the database; True when none."""
    form = state.form
    errors_before = _error_count(form)
    if form.uses_existing_account and form.current_name.data \
            and state.account is None:
        form.add_error(form.current_name, _(
            "No trade account of this site has that name. Choose one of "
            "the suggestions."))
    # Only values that passed their own checks are looked up.
    name = form.name.data if not form.name.errors else None
    if not form.uses_existing_account and name \
            and name_taken(state.dealer.id, name):
        form.add_error(form.name, _(
            "A trade account with this name already exists. To add a user "
            "to it, turn on “Existing trade account”."))
    elif not form.uses_existing_account and not form.is_edit and name:
        waiting = waiting_request(state.dealer, name=name)
        if waiting:
            form.add_error(form.name, _(
                "Request %(reference)s for a trade account with this name is "
                "already waiting for customer service.", reference=waiting))
    if form.is_edit and state.account is not None and name \
            and name_taken(state.dealer.id, name, state.account.id):
        form.add_error(form.name, _(
            "Another trade account of this site already has this name."))
    if form.is_edit and form.edit_user.data and form.current_email.data \
            and state.account is not None and state.trade_user is None:
        form.add_error(form.current_email, _(
            "Choose one of the trade account's users."))
    if form.has_user and form.email.data and not form.email.errors:
        edited = state.trade_user if form.is_edit else None
        if email_clash(form.email.data, _keeps_access(state), edited):
            form.add_error(form.email, _(
                "This email address is already used by an active trade user."))
        elif not form.is_edit:
            waiting = waiting_request(email=form.email.data)
            if waiting:
                form.add_error(form.email, _(
                    "Request %(reference)s for a user with this email address "
                    "is already waiting for customer service.",
                    reference=waiting))
    return _error_count(form) == errors_before


def _keeps_access(state):
    """Whether the request's user has marketplace access once applied."""
    if not state.form.is_edit or state.trade_user is None:
        return True
    return state.trade_user.market_access and not state.form.remove_access.data


def _error_count(form):
    return sum(len(field.errors) for field in form)


def _new_user(form):
    return {"email": form.email.data, "first_name": form.first_name.data,
            "last_name": form.last_name.data, "role": form.role.data,
            "language": form.user_language.data,
            "time_zone": form.time_zone.data}


def request_for(state):
    """The submit_request() arguments for a valid form."""
    form, dealer = state.form, state.dealer
    user = dict(_new_user(form), market_access=True)
    if not form.is_edit and not form.existing.data:
        account = {"name": form.name.data, "address": form.address.data,
                   "country": dealer.country, "language": form.language.data,
                   "notes": form.notes.data or ""}
        return dict(kind=KIND_CREATE_ACCOUNT, requested={
            "account": account, "user": user}, snapshot={},
            account_name=form.name.data, user_email=form.email.data)
    if not form.is_edit:
        return dict(kind=KIND_ADD_USER, requested={"user": user}, snapshot={},
                    account=state.account, account_name=state.account.name,
                    user_email=form.email.data)
    return _edit_request(state)


def _edit_request(state):
    form, account, trade_user = state.form, state.account, state.trade_user
    account_new = {"name": form.name.data, "address": form.address.data or "",
                   "language": form.language.data,
                   "notes": form.notes.data or ""}
    user_now = user_new = None
    if form.edit_user.data and trade_user is not None:
        user_now = user_values(trade_user)
        user_new = dict(_new_user(form), market_access=_keeps_access(state))
    requested, snapshot = edit_payload(account_values(account), account_new,
                                       user_now, user_new)
    edited_user = trade_user if "user" in requested else None
    return dict(kind=KIND_EDIT, requested=requested, snapshot=snapshot,
                account=account, trade_user=edited_user,
                account_name=account.name,
                user_email=edited_user.email if edited_user else "")
