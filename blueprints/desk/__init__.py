"""The customer service desk: the queue, request processing, service level."""
from flask import Blueprint

from blueprints.desk import notices
from blueprints.desk.labels import (EVENT_LABELS, STATUS_FILTER_LABELS,
                                    URGENCY_LABELS)
from blueprints.trade_requests.labels import request_labels

bp = Blueprint("desk", __name__, url_prefix="/desk")
bp.context_processor(request_labels)
bp.record_once(notices.register)


@bp.context_processor
def desk_labels():
    """Labels only the desk templates use, translated at render time."""
    return {
        "event_labels": EVENT_LABELS,
        "status_filter_labels": STATUS_FILTER_LABELS,
        "urgency_labels": URGENCY_LABELS,
    }


from blueprints.desk import dashboard, views  # noqa: E402,F401  (routes)
