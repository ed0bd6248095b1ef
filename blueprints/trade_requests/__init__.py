"""The dealer's trade account requests: "My requests" and each request."""
from flask import Blueprint

from blueprints.trade_requests import notices
from blueprints.trade_requests.labels import (EVENT_LABELS, KIND_LABELS,
                                              REQUEST_STATUS_LABELS)

bp = Blueprint("requests", __name__, url_prefix="/requests")
bp.record_once(notices.register)


@bp.app_context_processor
def request_labels():
    """The labels every request template (the desk's too) shows."""
    return {"kind_labels": KIND_LABELS,
            "request_status_labels": REQUEST_STATUS_LABELS,
            "request_event_labels": EVENT_LABELS}


from blueprints.trade_requests import views  # noqa: E402,F401
