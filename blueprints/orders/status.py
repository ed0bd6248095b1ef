"""Moving an order through its statuses, safely against stale pages."""
from wtforms import HiddenField
from wtforms.validators import AnyOf, InputRequired

from domain.order_status import ACTIONS, TransitionRefused, target_status
from integration.outbox import record_status_change
from models import (ORDER_STATUSES, STATUS_CANCELLED, Order, OrderEvent,
                    utcnow, write_transaction)
from web.forms import SafeForm


class StatusForm(SafeForm):
    """One button's form: the action, and the status the page showed."""
    action = HiddenField(validators=[InputRequired(), AnyOf(list(ACTIONS))])
    expected = HiddenField(validators=[InputRequired(),
                                       AnyOf(list(ORDER_STATUSES))])


def change_status(order, action, expected, user, via=""):
    """Apply `action` if the order is still in `expected`; else refuse.

    The update is conditional on the status, so two tabs (or two people)
    acting on the same order cannot both succeed. The webhook event is
    written in the same transaction (integration/outbox.py).
    """
    with write_transaction():
        if order.status != expected:
            raise TransitionRefused(action)
        target = target_status(action, expected)
        changes = {Order.status: target, Order.updated_at: utcnow()}
        if target == STATUS_CANCELLED:
            changes[Order.total_cents] = 0
        updated = (Order.update(changes)
                   .where((Order.id == order.id) & (Order.status == expected))
                   .execute())
        if updated != 1:
            raise TransitionRefused(action)
        OrderEvent.create(order=order, user=user, from_status=expected,
                          to_status=target, via=via)
        record_status_change(Order.get_by_id(order.id), expected, target)
    return target
