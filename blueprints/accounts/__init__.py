"""The dealer's trade accounts and their users (read-only)."""
from flask import Blueprint

from blueprints.trade_requests.labels import request_labels

bp = Blueprint("accounts", __name__, url_prefix="/accounts")
# The account page lists its open requests by kind and status.
bp.context_processor(request_labels)

from blueprints.accounts import views  # noqa: E402,F401
