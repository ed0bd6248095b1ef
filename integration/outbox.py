"""The transactional outbox: an order's change and its event commit together.

Callers run inside the transaction that changes the order; the event and
one delivery per active endpoint of the site are written in it too, so a
change that commits always has its event and one that rolls back never
does. The worker (integration/worker.py) sends them afterwards.
"""
import json
import uuid

from integration.documents import order_document, utc_iso
from models import WebhookDelivery, WebhookEndpoint, WebhookEvent, utcnow

ORDER_CREATED = "order.created"
ORDER_STATUS_CHANGED = "order.status_changed"


def record_order_event(order, event_type, lines=None, events=None, **extra):
    """Write `event_type` for `order` (and its deliveries); returns the event.

    Must be called inside the caller's transaction (db.atomic()); `lines`
    and `events` are the order's, when the caller has them at hand.
    """
    now = utcnow()
    payload = {"type": event_type, "timestamp": utc_iso(now),
               "data": {"order": order_document(order, lines, events),
                        **extra}}
    event = WebhookEvent.create(
        dealer=order.dealer_id, message_id=f"msg_{uuid.uuid4().hex}",
        type=event_type, order_code=order.code, created_at=now,
        payload=json.dumps(payload, ensure_ascii=False,
                           separators=(",", ":")))
    endpoints = (WebhookEndpoint.select(WebhookEndpoint.id)
                 .where((WebhookEndpoint.dealer == order.dealer_id)
                        & (WebhookEndpoint.active == True)))  # noqa: E712
    rows = [{"event": event.id, "endpoint": endpoint.id,
             "next_attempt_at": now} for endpoint in endpoints]
    if rows:
        WebhookDelivery.insert_many(rows).execute()
    return event


def record_status_change(order, from_status, to_status):
    return record_order_event(order, ORDER_STATUS_CHANGED,
                              **{"from": from_status, "to": to_status})
