"""The Integrations tab: keys shown once, endpoints, deliveries to resend."""
from flask import abort, current_app, request
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.integrations import bp, deliveries
from blueprints.integrations.forms import ActionForm, ApiKeyForm, EndpointForm
from integration import api_keys, endpoints
from integration.delivery import resend
from integration.targets import TargetRefused
from models import ApiKey, WebhookEndpoint, write_transaction
from web.access import dealer_required
from web.i18n import user_sites
from web.rendering import render_page
from web.security import audit

PAGE = "integrations/page.html"
TARGET_REFUSALS = {
    "not_http": lambda: _("Enter an http:// or https:// address."),
    "no_host": lambda: _("The address has no host name."),
    "too_long": lambda: _("The address is too long."),
    "credentials": lambda: _("Leave user names and passwords out of the "
                             "address."),
    "internal": lambda: _("Events cannot be sent to local or private "
                          "network addresses."),
    "unresolved": lambda: _("The host name could not be found."),
}


def allow_internal_targets():
    config = current_app.config
    return bool(config.get("WEBHOOKS_ALLOW_INTERNAL") or config.get("TESTING"))


def _page(partial=PAGE, status=200, **shown):
    sites = user_sites()
    site_ids = [site.id for site in sites]
    context = {
        "keys": list(api_keys.keys_of(site_ids)),
        "endpoints": list(endpoints.endpoints_of(site_ids)),
        "key_form": shown.pop("key_form", None) or ApiKeyForm(
            formdata=None).for_sites(sites),
        "endpoint_form": shown.pop("endpoint_form", None) or EndpointForm(
            formdata=None).for_sites(sites),
        "action_form": ActionForm(),
        "sites": sites,
    }
    context["delivery_state"], context["deliveries"] = deliveries.page_of(
        site_ids, request.args, current_app.config["PAGE_SIZE"])
    context.update(shown)
    return render_page(PAGE, partial, status=status, **context)


@bp.route("")
@dealer_required
def index():
    """The site's API keys, webhook endpoints and recent deliveries."""
    return _page()


@bp.route("/keys", methods=["POST"])
@dealer_required
def create_key():
    """A new key, shown once in the answer and never again."""
    form = ApiKeyForm().for_sites(user_sites())
    if not form.validate():
        return _page("integrations/_keys.html", 422, key_form=form)
    key, secret = api_keys.create_key(form.site.data, form.label.data,
                                      current_user.id)
    audit("api_key_created", key_id=key.id, site=form.site.data,
          label=key.label)
    return _page("integrations/_keys.html", new_key=key, new_secret=secret)


@bp.route("/keys/<int:key_id>/revoke", methods=["POST"])
@dealer_required
def revoke_key(key_id):
    """Revoke a key at once: calls with it are refused from now on."""
    key = _owned(ApiKey, key_id)
    if ActionForm().validate() and api_keys.revoke(key):
        audit("api_key_revoked", key_id=key.id, site=key.dealer_id)
    return _page("integrations/_keys.html",
                 message=_("The key %(label)s was revoked.", label=key.label))


@bp.route("/endpoints", methods=["POST"])
@dealer_required
def add_endpoint():
    """Register a URL; its signing secret is shown once in the answer."""
    form = EndpointForm().for_sites(user_sites())
    endpoint = None
    if form.validate():
        try:
            with write_transaction():
                endpoint = endpoints.add_endpoint(
                    form.site.data, form.url.data, current_user.id,
                    allow_internal=allow_internal_targets())
        except TargetRefused as refused:
            form.url.errors.append(TARGET_REFUSALS[refused.reason]())
    if endpoint is None:
        return _page("integrations/_endpoints.html", 422, endpoint_form=form)
    audit("webhook_endpoint_added", endpoint_id=endpoint.id,
          site=endpoint.dealer_id, url=endpoint.url)
    return _page("integrations/_endpoints.html", new_endpoint=endpoint)


@bp.route("/endpoints/<int:endpoint_id>/disable", methods=["POST"])
@dealer_required
def disable_endpoint(endpoint_id):
    """Stop sending to an endpoint; what was waiting for it is given up."""
    endpoint = _owned(WebhookEndpoint, endpoint_id)
    if ActionForm().validate() and endpoints.disable(endpoint):
        audit("webhook_endpoint_disabled", endpoint_id=endpoint.id,
              site=endpoint.dealer_id)
    return _page("integrations/_endpoints.html",
                 message=_("Events are no longer sent to %(url)s.",
                           url=endpoint.url))


@bp.route("/deliveries/<int:delivery_id>")
@dealer_required
def delivery_detail(delivery_id):
    """One delivery: the event it carries and every attempt's answer."""
    found = deliveries.one(delivery_id, current_user.dealer_ids())
    if found is None:
        abort(404)
    return render_page("integrations/delivery.html",
                       "integrations/_delivery.html", delivery=found,
                       attempts=deliveries.attempts_of(found),
                       action_form=ActionForm())


@bp.route("/deliveries/<int:delivery_id>/resend", methods=["POST"])
@dealer_required
def resend_delivery(delivery_id):
    """Send again now, with the same webhook-id."""
    found = deliveries.one(delivery_id, current_user.dealer_ids())
    if found is None:
        abort(404)
    queued = ActionForm().validate() and resend(found)
    message = _("The event will be sent again in a moment.") if queued \
        else _("The event is being sent right now; nothing was changed.")
    found = deliveries.one(delivery_id, current_user.dealer_ids())
    return render_page("integrations/delivery.html",
                       "integrations/_delivery.html", delivery=found,
                       attempts=deliveries.attempts_of(found),
                       action_form=ActionForm(), message=message,
                       status=200 if queued else 409)


def _owned(model, pk):
    row = model.get_or_none((model.id == pk)
                            & model.dealer.in_(current_user.dealer_ids()))
    if row is None:
        abort(404)
    return row
