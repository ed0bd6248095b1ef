"""Settings → Integrations: a site's API keys, webhook endpoints and the
deliveries of its order events."""
from flask import Blueprint

bp = Blueprint("integrations", __name__, url_prefix="/settings/integrations")

from blueprints.integrations import labels, views  # noqa: E402,F401
