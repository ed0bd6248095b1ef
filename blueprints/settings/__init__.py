"""Settings: the trade account request form, the user's own settings."""
from flask import Blueprint

bp = Blueprint("settings", __name__, url_prefix="/settings")

from blueprints.settings import my_settings, views  # noqa: E402,F401
