"""The dealer's trade accounts and their users (read-only)."""
from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/accounts")

from blueprints.accounts import views  # noqa: E402,F401
