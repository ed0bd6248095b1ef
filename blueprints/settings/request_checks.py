"""The request form's checks that need the database, and what a valid
form asks for."""
from flask_babel import gettext as _

import request_kinds
from domain.uniqueness import email_clash, email_key, name_key, name_taken
from models import AccountRequest
from models.requests import OPEN_REQUEST_STATUSES
from request_kinds.form_values import access_after

# Kinds whose Apply creates an account or user: two open requests for the
# same new name or e-mail could not both be applied.
NEW_ACCOUNT_KINDS = request_kinds.codes_where(lambda k: k.account.new)
NEW_USER_KINDS = request_kinds.codes_where(lambda k: k.user.new)


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
                            & AccountRequest.kind.in_(NEW_ACCOUNT_KINDS))
    else:
        query = query.where(
            (AccountRequest.email_key == email_key(email))
            & AccountRequest.kind.in_(NEW_USER_KINDS))
    return query.order_by(AccountRequest.submitted_at).scalar()


def waiting_edit(args):
    """The reference of an open request of the same kind, account and user
    that asks for exactly these changes, else None."""
    query = AccountRequest.select().where(
        (AccountRequest.kind == args["kind"])
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
    if form.request_kind.edits:
        waiting = waiting_edit(args)
        if waiting:
            form.add_error(form.name, _(
                "Request %(reference)s asks for these same changes and is "
                "already waiting for customer service.", reference=waiting))
            return True
    return False


def check_rules(state):
    """Add the errors of rules that need the database; True when none.

    Which rules apply follows from how the chosen kind treats the account
    and the user (request_kinds/kind.py).
    """
    form, kind = state.form, state.form.request_kind
    errors_before = _error_count(form)
    if kind.account.named:
        _check_named_account(state)
    # Only values that passed their own checks are looked up.
    name = form.name.data if not form.name.errors else None
    if kind.account.new and name:
        _check_new_account_name(state, name)
    if kind.account.edited and name and state.account is not None:
        _check_edited_account_name(state, name)
    if kind.user.edited and form.edit_user.data:
        _check_chosen_user(state)
    if form.has_user and form.email.data and not form.email.errors:
        _check_email(state, form.email.data)
    return _error_count(form) == errors_before


def _check_named_account(state):
    form = state.form
    if form.current_name.data and state.account is None:
        form.add_error(form.current_name, _(
            "No trade account of this site has that name. Choose one of "
            "the suggestions."))


def _check_new_account_name(state, name):
    form = state.form
    if name_taken(state.dealer.id, name):
        form.add_error(form.name, _(
            "A trade account with this name already exists. To add a user "
            "to it, turn on “Existing trade account”."))
        return
    waiting = waiting_request(state.dealer, name=name)
    if waiting:
        form.add_error(form.name, _(
            "Request %(reference)s for a trade account with this name is "
            "already waiting for customer service.", reference=waiting))


def _check_edited_account_name(state, name):
    form = state.form
    if name_taken(state.dealer.id, name, state.account.id):
        form.add_error(form.name, _(
            "Another trade account of this site already has this name."))


def _check_chosen_user(state):
    form = state.form
    if form.current_email.data and state.account is not None \
            and state.trade_user is None:
        form.add_error(form.current_email, _(
            "Choose one of the trade account's users."))


def _check_email(state, email):
    form, kind = state.form, state.form.request_kind
    edited = state.trade_user if kind.user.edited else None
    if email_clash(email, access_after(state), edited):
        form.add_error(form.email, _(
            "This email address is already used by an active trade user."))
    elif kind.user.new:
        waiting = waiting_request(email=email)
        if waiting:
            form.add_error(form.email, _(
                "Request %(reference)s for a user with this email address "
                "is already waiting for customer service.",
                reference=waiting))


def _error_count(form):
    return sum(len(field.errors) for field in form)


def request_for(state):
    """The submit_request() arguments for a valid form."""
    return state.form.request_kind.requested(state)
