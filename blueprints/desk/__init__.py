"""The customer service desk: the queue, request processing, service level."""
from flask import Blueprint

from blueprints.desk import history, notices, values
from blueprints.desk.labels import (EVENT_LABELS, STATUS_FILTER_LABELS,
                                    URGENCY_LABELS)
from blueprints.trade_requests.labels import (KIND_LABELS,
                                              REQUEST_STATUS_LABELS)

bp = Blueprint("desk", __name__, url_prefix="/desk")
bp.record_once(values.register)
bp.record_once(history.register)
bp.record_once(notices.register)


@bp.context_processor
def desk_labels():
    """Labels the desk templates use, translated at render time."""
    return {
        "kind_labels": KIND_LABELS,
        "request_status_labels": REQUEST_STATUS_LABELS,
        "event_labels": EVENT_LABELS,
        "status_filter_labels": STATUS_FILTER_LABELS,
        "urgency_labels": URGENCY_LABELS,
    }


from blueprints.desk import dashboard, views  # noqa: E402,F401  (routes)
