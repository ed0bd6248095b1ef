"""The "Trade account settings" tab: the request form and its sections."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.settings import bp
from blueprints.settings.request_form import KEY_PATTERN, build, suggestions
from blueprints.settings.request_checks import (check_rules,
                                                refuse_pointless_edit,
                                                request_for)
from blueprints.trade_requests.display import value_rows
from blueprints.trade_requests.submit import submit_request
from models import AccountRequest
from web.access import dealer_required
from web.rendering import render_page, wants_partial

PAGE = "settings/trade_accounts.html"


def _form_page(state, partial="settings/_request_form.html", status=200,
               message=None):
    return render_page(PAGE, partial, status=status, state=state,
                       form=state.form, message=message)


@bp.route("/trade-accounts")
@dealer_required
def trade_account_settings():
    """The request form: fresh (Clear all), or filled for "Request a change"."""
    return _form_page(build(current_user, prefill=request.args))


@bp.route("/trade-accounts/form")
@dealer_required
def request_sections():
    """The form's sections for the chosen type and switches, values kept."""
    return _form_page(build(current_user, formdata=request.args),
                      partial="settings/_request_fields.html")


@bp.route("/trade-accounts/suggest")
@dealer_required
def account_suggestions():
    """Names of the chosen site's trade accounts matching what was typed."""
    sites = {site.id: site for site in current_user.dealers()}
    dealer = sites.get(request.args.get("site", type=int)) or next(
        iter(sites.values()), None)
    names = suggestions(dealer, request.args.get("current_name", "")[:120]) \
        if dealer else []
    return render_template("settings/_suggestions.html", names=names)


@bp.route("/trade-accounts", methods=["POST"])
@dealer_required
def send_request():
    """Validate and send; a resend of the same form shows the first result."""
    sent = _already_sent(request.form.get("idempotency_key", ""))
    if sent is not None:
        return _sent(sent)
    state = build(current_user, formdata=request.form)
    form = state.form
    if request.form.get("action") == "update":
        return _form_page(state)
    valid = form.check()
    valid = check_rules(state) and valid
    if state.filled_now:
        return _form_page(state, status=422, message=_(
            "The current details were filled in. Change what should "
            "change, then send the request."))
    if not valid:
        return _form_page(state, status=422)
    args = request_for(state)
    if refuse_pointless_edit(state, args):
        return _form_page(state, status=422)
    sent, _created = submit_request(
        dealer=state.dealer, user=current_user._get_current_object(),
        idempotency_key=form.idempotency_key.data, **args)
    if sent.submitted_by_id != current_user.id:
        return _form_page(build(current_user), status=409, message=_(
            "The form has expired. Fill it in again and send it."))
    return _sent(sent)


def _already_sent(key):
    if not KEY_PATTERN.fullmatch(key):
        return None
    return AccountRequest.get_or_none(
        (AccountRequest.idempotency_key == key)
        & (AccountRequest.submitted_by == current_user.id))


def _sent(sent):
    """The confirmation in place of the form; without htmx, the request page."""
    if not wants_partial():
        flash(_("Request %(reference)s sent.", reference=sent.reference),
              "success")
        return redirect(url_for("requests.request_detail",
                                reference=sent.reference))
    return render_template("settings/_request_sent.html", sent=sent,
                           rows=value_rows(sent.requested_values, {}))
