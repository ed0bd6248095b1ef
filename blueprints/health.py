"""Liveness and database check for load balancers and monitors."""
from flask import Blueprint, jsonify

from models import db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz():
    """200 when the app can reach its database, 503 when it cannot."""
    try:
        db.execute_sql("SELECT 1").fetchone()
    except Exception:  # any database failure means "not healthy"
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
