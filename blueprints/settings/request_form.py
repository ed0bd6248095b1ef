"""The request form's state: site, chosen account and user, filled values.

Used by every view that renders the form, so a section swap, a resend and
the first load all see the form the same way.
"""
import re
import secrets
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _

from blueprints.settings.forms import KINDS, RequestForm, options
from blueprints.trade_requests import choices
from domain.safe_text import unsafe_character
from models import TradeAccount, TradeUser

SUGGESTION_LIMIT = 20
# What new_key() makes; anything else is replaced by a new key.
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass
class FormState:
    form: RequestForm
    sites: list
    dealer: object
    account: object = None
    trade_user: object = None
    users: tuple = ()
    suggestions: tuple = ()
    # True when this render replaced the shown values with current ones.
    filled_now: bool = False


def new_key():
    return secrets.token_urlsafe(24)


def account_named(dealer, name):
    """The dealer site's active trade account called `name` (any case)."""
    if not name or unsafe_character(name):   # no account has such a name
        return None
    return TradeAccount.get_or_none(
        (TradeAccount.dealer == dealer)
        & (TradeAccount.name_key == TradeAccount.key_for(name))
        & (TradeAccount.active == True))  # noqa: E712


def suggestions(dealer, typed, limit=SUGGESTION_LIMIT):
    """Names of the site's trade accounts containing what was typed."""
    if unsafe_character(typed or ""):
        return []
    query = (TradeAccount.select(TradeAccount.name)
             .where((TradeAccount.dealer == dealer)
                    & (TradeAccount.active == True)))  # noqa: E712
    key = TradeAccount.key_for(typed or "")
    if key:
        query = query.where(TradeAccount.name_key.contains(key))
    return [a.name for a in query.order_by(TradeAccount.name_key).limit(limit)]


def users_of(account):
    if account is None:
        return ()
    users = TradeUser.select().where(TradeUser.account == account)
    return tuple(sorted(users, key=lambda u: (u.full_name.casefold(),
                                              u.email_key)))


def build(user, formdata=None, prefill=None):
    """The form for `user` from submitted data (or a fresh one), filled in."""
    sites = list(user.dealers())
    form = RequestForm(formdata=formdata)
    if formdata is None:
        _prefill(form, sites, prefill or {})
    if not KEY_PATTERN.fullmatch(form.idempotency_key.data or ""):
        form.idempotency_key.data = new_key()
    form.site.choices = options((site.id, site.label) for site in sites)
    dealer = next((s for s in sites if s.id == form.site.data), sites[0])
    form.site.data = dealer.id
    _set_choices(form, dealer)
    form.label_for_mode()
    # The marketplace's name is a setting; the Finnish label names it.
    form.remove_access.label.text = _(
        "Remove marketplace access",
        marketplace=current_app.config["MARKETPLACE_NAME"])
    form.country.data = choices.country_name(dealer.country)
    state = FormState(form=form, sites=sites, dealer=dealer)
    if form.request_kind.account.named:
        state.account = account_named(dealer, form.current_name.data)
        state.suggestions = suggestions(dealer, form.current_name.data)
    _fill_account(state)
    _fill_user(state)
    _set_zone_choices(state, user)
    return state


def _set_zone_choices(state, user):
    """The site's and the sender's zones first; an edited user's stored
    zone stays selectable even when the list no longer names it."""
    stored = state.trade_user.time_zone if state.trade_user else None
    state.form.time_zone.choices = choices.time_zone_choices(
        suggested=[state.dealer.time_zone, user.time_zone], keep=stored)


def _prefill(form, sites, prefill):
    """"Request a change" links name the account (and user) to edit."""
    kind = prefill.get("kind")
    if kind in KINDS:
        form.kind.data = kind
    if prefill.get("existing"):
        form.existing.data = True
    if _int(prefill.get("site")) in [s.id for s in sites]:
        form.site.data = _int(prefill.get("site"))
    account = TradeAccount.get_or_none(
        (TradeAccount.id == _int(prefill.get("account")))
        & TradeAccount.dealer.in_([s.id for s in sites]))
    if account is None:
        return
    form.site.data = account.dealer_id
    form.current_name.data = account.name
    trade_user = TradeUser.get_or_none(
        (TradeUser.id == _int(prefill.get("user")))
        & (TradeUser.account == account))
    if trade_user is not None:
        form.edit_user.data = True
        form.current_email.data = trade_user.email


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _set_choices(form, dealer):
    language = choices.default_language(dealer.country)
    form.language.choices = options(choices.language_choices())
    form.user_language.choices = options(choices.language_choices())
    form.role.choices = options(choices.role_choices())
    defaults = {form.language: language, form.user_language: language,
                form.role: "workshop_manager",
                form.time_zone: choices.default_zone(dealer)}
    for field, default in defaults.items():
        if not field.data:
            field.data = default


def _fill_account(state):
    """Choosing an account to edit shows its current values, once."""
    form, account = state.form, state.account
    edits = form.request_kind.account.edited
    state.users = users_of(account)
    # People know their users by name: "Matti Meikäläinen <matti@…>".
    form.current_email.choices = options([("", _("Choose a user"))] + [
        (u.email, u.name_and_email) for u in state.users])
    if account is None:
        form.filled_account.data = ""
        return
    if edits and form.filled_account.data != str(account.id):
        form.name.data = account.name
        form.address.data = account.address
        form.language.data = account.language
        form.notes.data = account.notes
        form.filled_account.data = str(account.id)
        state.filled_now = True
    if edits:
        form.country.data = choices.country_name(account.country)


def _fill_user(state):
    form = state.form
    wanted = (form.current_email.data or "").strip().lower()
    state.trade_user = next(
        (u for u in state.users if u.email_key == wanted), None)
    trade_user = state.trade_user
    if trade_user is None or not form.request_kind.user.edited \
            or not form.edit_user.data:
        if trade_user is None:
            form.filled_user.data = ""
        return
    if form.filled_user.data != str(trade_user.id):
        form.email.data = trade_user.email
        form.first_name.data = trade_user.first_name
        form.last_name.data = trade_user.last_name
        form.role.data = trade_user.role
        form.user_language.data = trade_user.language
        form.time_zone.data = trade_user.time_zone
        form.remove_access.data = False
        form.filled_user.data = str(trade_user.id)
        state.filled_now = True
