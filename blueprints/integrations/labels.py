"""How the Integrations tab names event types and delivery states."""
from flask_babel import lazy_gettext as _l

from blueprints.integrations import bp
from integration.outbox import ORDER_CREATED, ORDER_STATUS_CHANGED
from models.integrations import (DELIVERY_DELIVERED, DELIVERY_FAILED,
                                 DELIVERY_PENDING)

EVENT_LABELS = {ORDER_CREATED: _l("New order"),
                ORDER_STATUS_CHANGED: _l("Status change")}
DELIVERY_LABELS = {DELIVERY_PENDING: _l("Waiting"),
                   DELIVERY_DELIVERED: _l("Delivered"),
                   DELIVERY_FAILED: _l("Failed")}


@bp.context_processor
def labels():
    return {"event_labels": EVENT_LABELS, "delivery_labels": DELIVERY_LABELS}
