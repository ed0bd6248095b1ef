"""Orders over the API: create, read, list the change feed, cancel."""
import datetime

from flask import g, request, url_for

from blueprints.api import bp, schemas
from blueprints.api.openapi import IDEMPOTENCY_HEADER, operation
from blueprints.api.problems import ApiProblem, parameter_error
from blueprints.api.requests import (decode_cursor, encode_cursor, json_body,
                                     limit_arg)
from blueprints.api.responses import idempotent, json_response
from blueprints.orders.status import change_status
from domain.order_status import TransitionRefused
from integration.documents import order_document
from integration.intake import AccountNotUsable, create_order
from models import (ORDER_STATUSES, STATUS_NEW, VIA_API, Order, OrderEvent,
                    OrderLine)

CODE_PARAMETER = {"name": "code", "in": "path", "required": True,
                  "schema": {"type": "string", "maxLength": 24}}


@bp.post("/orders")
@operation("createOrder", "Hand in an order a repair shop placed",
           body=schemas.NewOrder, answer=(201, schemas.Order),
           parameters=[IDEMPOTENCY_HEADER])
def create():
    """The order gets its code, status New and an event "received"; it is
    in the dealer's list at once and an order.created webhook follows."""
    new, payload = json_body(schemas.NewOrder)
    fields = new.model_dump()

    def action():
        try:
            order, lines, events = create_order(g.api_key.dealer_id, fields)
        except AccountNotUsable:
            raise ApiProblem(422, "The account is not one of this site's "
                             "active trade accounts.", kind="account",
                             errors=[{"pointer": "/account_id",
                                      "detail": "is not an active trade "
                                                "account of this site"}])
        location = url_for("api.read", code=order.code)
        return 201, schemas.Order, order_document(order, lines, events), \
            location
    return idempotent(payload, action)


@bp.get("/orders/<code>")
@operation("getOrder", "Read one order", answer=(200, schemas.Order),
           parameters=[CODE_PARAMETER])
def read(code):
    return json_response(schemas.Order, order_document(_order_or_404(code)))


@bp.post("/orders/<code>/cancel")
@operation("cancelOrder", "Cancel an order for the customer",
           body=schemas.CancelOrder, answer=(200, schemas.Order),
           parameters=[CODE_PARAMETER, IDEMPOTENCY_HEADER],
           body_required=False)
def cancel(code):
    """Allowed while the order is New; otherwise 409 and nothing changes.
    The change is in the order's event log and an order.status_changed
    webhook follows."""
    _cancel, payload = json_body(schemas.CancelOrder, optional=True)
    order = _order_or_404(code)

    def action():
        try:
            change_status(order, "cancel", STATUS_NEW, None, via=VIA_API)
        except TransitionRefused:
            current = Order.get_by_id(order.id).status
            raise ApiProblem(409, f"The order is {current}: only a new "
                             "order can be cancelled by the customer.",
                             kind="not-cancellable")
        return 200, schemas.Order, order_document(
            Order.get_by_id(order.id)), None
    return idempotent(payload, action)


@bp.get("/orders")
@operation("listOrders", "The site's orders, least recently changed first",
           answer=(200, schemas.OrderList), parameters=[
               {"name": "status", "in": "query", "schema": {
                   "type": "string", "enum": list(ORDER_STATUSES)}},
               {"name": "updated_since", "in": "query", "schema": {
                   "type": "string", "format": "date-time"},
                "description": "Only orders changed at or after this "
                               "instant (ISO 8601; UTC if no offset)."},
               {"name": "limit", "in": "query", "schema": {
                   "type": "integer", "minimum": 1, "maximum": 100,
                   "default": 50}},
               {"name": "cursor", "in": "query", "schema": {
                   "type": "string"},
                "description": "next_cursor of the previous page."}])
def list_orders():
    """A change feed: orders by (updated_at, code's row); a cursor goes on
    after the last row seen, so paging is stable while orders change (an
    order changed meanwhile comes again, later in the feed)."""
    query = Order.select().where(Order.dealer == g.api_key.dealer_id)
    status = request.args.get("status")
    if status is not None:
        if status not in ORDER_STATUSES:
            raise parameter_error("status", "must be one of "
                                  + ", ".join(ORDER_STATUSES))
        query = query.where(Order.status == status)
    since = _instant_arg("updated_since")
    if since is not None:
        query = query.where(Order.updated_at >= since)
    after = decode_cursor([str, int])
    if after is not None:
        at = _parse_instant(after[0], "cursor")
        query = query.where((Order.updated_at > at) | (
            (Order.updated_at == at) & (Order.id > after[1])))
    limit = limit_arg()
    orders = list(query.order_by(Order.updated_at, Order.id).limit(limit + 1))
    more = len(orders) > limit
    orders = orders[:limit]
    next_cursor = encode_cursor([orders[-1].updated_at.isoformat(),
                                 orders[-1].id]) if more else None
    return json_response(schemas.OrderList, {
        "data": _documents(orders), "next_cursor": next_cursor})


def _documents(orders):
    """Documents of many orders with two queries for all their lines and
    events, not two per order."""
    ids = [order.id for order in orders]
    lines, events = {}, {}
    for line in (OrderLine.select().where(OrderLine.order.in_(ids))
                 .order_by(OrderLine.line_no)):
        lines.setdefault(line.order_id, []).append(line)
    for event in (OrderEvent.select().where(OrderEvent.order.in_(ids))
                  .order_by(OrderEvent.at, OrderEvent.id)):
        events.setdefault(event.order_id, []).append(event)
    return [order_document(order, lines.get(order.id, []),
                           events.get(order.id, [])) for order in orders]


def _order_or_404(code):
    order = Order.get_or_none((Order.dealer == g.api_key.dealer_id)
                              & (Order.code == code[:24]))
    if order is None:
        raise ApiProblem(404, "This site has no order with that code.")
    return order


def _instant_arg(name):
    value = request.args.get(name)
    return None if value is None else _parse_instant(value, name)


def _parse_instant(value, name):
    """An ISO 8601 instant as naive UTC (no offset: UTC)."""
    try:
        instant = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise parameter_error(name, "must be an ISO 8601 date and time")
    if instant.tzinfo is not None:
        instant = instant.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return instant
