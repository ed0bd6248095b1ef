"""An order as the API shows it: API answers and webhook payloads alike."""
import datetime

from models import OrderEvent, OrderLine


def money(cents):
    """Integer cents as a decimal string: 114323 -> "1143.23"."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def utc_iso(naive_utc):
    """A stored naive-UTC instant as ISO 8601 with a Z, to the millisecond."""
    return (naive_utc.replace(tzinfo=datetime.timezone.utc)
            .isoformat(timespec="milliseconds").replace("+00:00", "Z"))


def order_document(order, lines=None, events=None):
    """The order's JSON-ready document; lines and events read if not given."""
    if lines is None:
        lines = list(OrderLine.select().where(OrderLine.order == order.id)
                     .order_by(OrderLine.line_no))
    if events is None:
        events = list(OrderEvent.select().where(OrderEvent.order == order.id)
                      .order_by(OrderEvent.at, OrderEvent.id))
    return {
        "code": order.code,
        "status": order.status,
        "created_at": utc_iso(order.created_at),
        "updated_at": utc_iso(order.updated_at),
        "account": {"id": order.account_id, "name": order.customer_name},
        "po_number": order.po_number,
        "currency": order.currency,
        "note": order.note,
        "contact_email": order.contact_email,
        "lines": [line_document(line) for line in lines],
        "total": money(order.total_cents),
        "lines_total": money(sum(line.total_cents for line in lines)),
        "events": [event_document(event) for event in events],
    }


def line_document(line):
    return {
        "line_no": line.line_no,
        "part_number": line.part_number,
        "description": line.description,
        "quantity": line.quantity,
        "unit_price": money(line.unit_price_cents),
        "line_total": money(line.total_cents),
    }


def event_document(event):
    return {
        "at": utc_iso(event.at),
        "type": "received" if not event.from_status else "status_changed",
        "from": event.from_status or None,
        "to": event.to_status,
        "by": "marketplace" if event.via else "dealer",
    }

