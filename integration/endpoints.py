"""A site's webhook endpoints: registered with a signing secret of their own."""
import base64
import secrets

from integration.targets import UNRESOLVED, TargetRefused, check_url
from models import Dealer, WebhookEndpoint


def new_secret():
    """A Standard Webhooks secret: whsec_ and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def add_endpoint(dealer, url, user=None, allow_internal=False):
    """Register `url` for the site; TargetRefused if it may not be used.

    A name that does not resolve now is accepted (it may before the first
    event); every delivery checks the address again.
    """
    url = url.strip()
    try:
        check_url(url, allow_internal=allow_internal)
    except TargetRefused as refused:
        if refused.reason != UNRESOLVED:
            raise
    return WebhookEndpoint.create(dealer=dealer, url=url, secret=new_secret(),
                                  created_by=user)


def endpoints_of(dealer_ids):
    """The sites' endpoints with their site (one query), active ones first."""
    return (WebhookEndpoint.select(WebhookEndpoint, Dealer).join(Dealer)
            .where(WebhookEndpoint.dealer.in_(dealer_ids))
            .order_by(WebhookEndpoint.active.desc(),
                      WebhookEndpoint.created_at.desc()))


def disable(endpoint):
    """Stop sending to `endpoint`; its pending deliveries stop with it."""
    return bool(WebhookEndpoint.update(active=False)
                .where((WebhookEndpoint.id == endpoint.id)
                       & (WebhookEndpoint.active == True))  # noqa: E712
                .execute())
