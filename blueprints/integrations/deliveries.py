"""Queries for the deliveries list, scoped to the user's sites."""
from dataclasses import dataclass

from models import (WebhookAttempt, WebhookDelivery, WebhookEndpoint,
                    WebhookEvent)

PAGE_SIZE = 50
MAX_PAGE = 10_000


@dataclass
class DeliveryPage:
    rows: list
    page: int
    has_next: bool

    def url_args(self, page):
        return {"page": page} if page != 1 else {}


def _scoped(site_ids):
    return (WebhookDelivery.select(WebhookDelivery, WebhookEvent,
                                   WebhookEndpoint)
            .join(WebhookEvent).switch(WebhookDelivery).join(WebhookEndpoint)
            .where(WebhookEvent.dealer.in_(site_ids)))


def page_of(site_ids, args):
    """A page of deliveries, newest first; each row shown exactly once."""
    try:
        page = min(max(int(args.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        page = 1
    rows = list(_scoped(site_ids).order_by(WebhookDelivery.id.desc())
                .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1))
    return DeliveryPage(rows[:PAGE_SIZE], page, len(rows) > PAGE_SIZE)


def one(delivery_id, site_ids):
    return _scoped(site_ids).where(WebhookDelivery.id == delivery_id).first()


def attempts_of(delivery):
    return list(WebhookAttempt.select()
                .where(WebhookAttempt.delivery == delivery.id)
                .order_by(WebhookAttempt.number.desc()))
