"""Settings: the trade account request form, the user's own settings."""
from flask import Blueprint

from blueprints.trade_requests.labels import request_labels

bp = Blueprint("settings", __name__, url_prefix="/settings")
# A sent request's confirmation names its kind and status.
bp.context_processor(request_labels)

from blueprints.settings import my_settings, views  # noqa: E402,F401
