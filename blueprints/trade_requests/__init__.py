"""The dealer's trade account requests: "My requests" and each request."""
from flask import Blueprint

from blueprints.trade_requests import notices
from blueprints.trade_requests.labels import request_labels

bp = Blueprint("requests", __name__, url_prefix="/requests")
bp.record_once(notices.register)
bp.context_processor(request_labels)


from blueprints.trade_requests import views  # noqa: E402,F401
