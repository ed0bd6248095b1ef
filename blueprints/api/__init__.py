"""The integration API (JSON) the marketplace uses: /api/v1/…"""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from blueprints.api import (accounts, auth, openapi, orders,  # noqa: E402,F401
                            reference)
