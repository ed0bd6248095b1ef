"""Moving several orders at once, each through change_status.

Each selected order comes with the status the page showed it in
("CODE:status"), so an order that changed meanwhile is left alone and
reported, exactly as on the order's own page.
"""
from dataclasses import dataclass, field

from wtforms import HiddenField
from wtforms.validators import AnyOf, InputRequired

from blueprints.orders.status import change_status
from domain.order_status import ACTIONS, TransitionRefused, actions_from
from models import ORDER_STATUSES, Order
from web.forms import SafeForm

# Orders one request may move: a page holds 50; more is a mistake or abuse.
MAX_BULK = 200

NOT_FOUND, NOT_ALLOWED, STALE = "not_found", "not_allowed", "stale"


class BulkStatusForm(SafeForm):
    """The list's selection form: CSRF and the action; codes come as a list."""
    action = HiddenField(validators=[InputRequired(), AnyOf(list(ACTIONS))])


@dataclass
class BulkResult:
    moved: list = field(default_factory=list)
    # (code, reason, status shown on the page) of each order left alone.
    refused: list = field(default_factory=list)


def selected(values):
    """[(code, expected status)] from "CODE:status" values, duplicates once.

    A value without a known status keeps its code with status None (it is
    reported, not silently dropped).
    """
    picked = {}
    for value in values:
        code, _sep, status = value.strip().rpartition(":")
        if not code:
            code, status = status, ""
        if code and code not in picked:
            picked[code] = status if status in ORDER_STATUSES else None
    return list(picked.items())


def move_orders(selection, action, site_ids, user):
    """Apply `action` to each (code, expected) of the user's sites."""
    result = BulkResult()
    codes = [code for code, _status in selection]
    orders = {order.code: order for order in Order.select().where(
        Order.code.in_(codes) & Order.dealer.in_(list(site_ids)))}
    for code, expected in selection:
        order = orders.get(code)
        if order is None or expected is None:
            result.refused.append((code, NOT_FOUND, expected))
        elif action not in actions_from(expected):
            result.refused.append((code, NOT_ALLOWED, expected))
        else:
            try:
                change_status(order, action, expected, user)
                result.moved.append(code)
            except TransitionRefused:
                result.refused.append((code, STALE, expected))
    return result
