"""Queries for the deliveries list, scoped to the user's sites."""
from dataclasses import dataclass

from models import (WebhookAttempt, WebhookDelivery, WebhookEndpoint,
                    WebhookEvent)
from web import paging


@dataclass(frozen=True)
class DeliveryListState:
    """The deliveries list's URL state: only its page."""
    page: int = 1

    def url_args(self, page=None):
        page = self.page if page is None else page
        return {"page": page} if page != 1 else {}


def _scoped(site_ids):
    return (WebhookDelivery.select(WebhookDelivery, WebhookEvent,
                                   WebhookEndpoint)
            .join(WebhookEvent).switch(WebhookDelivery).join(WebhookEndpoint)
            .where(WebhookEvent.dealer.in_(site_ids)))


def page_of(site_ids, args, page_size):
    """(state, web.paging.Page) of deliveries, newest first. No total: the
    deliveries grow with every order and status change, and counting them
    all on each visit would cost more than the page."""
    state = DeliveryListState(paging.page_number(args))
    window = paging.Window(state.page, page_size)
    rows = window.fetch(_scoped(site_ids).order_by(WebhookDelivery.id.desc()))
    return state, window.page(rows)


def one(delivery_id, site_ids):
    return _scoped(site_ids).where(WebhookDelivery.id == delivery_id).first()


def attempts_of(delivery):
    return list(WebhookAttempt.select()
                .where(WebhookAttempt.delivery == delivery.id)
                .order_by(WebhookAttempt.number.desc()))
