"""The Order Manager: the order list, order detail, status changes, export."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from blueprints.orders import notices
from blueprints.orders.labels import ACTION_LABELS, STATUS_LABELS
from models import ORDER_STATUSES

bp = Blueprint("orders", __name__, url_prefix="/orders")
bp.record_once(notices.register)

ORDER_COLUMNS = [
    (_l("Order code"), "code"),
    (_l("Dealer code and location"), "site"),
    (_l("Purchase order number"), "po"),
    (_l("Customer"), "customer"),
    (_l("Date"), "date"),
    (_l("Status"), "status"),
    (_l("Total"), "total"),
]


@bp.context_processor
def order_labels():
    """Labels the order templates use, translated at render time (for the
    orders' own pages: no other area's template shows them)."""
    return {
        # Plain strings: a list page looks a label up for each of its rows.
        "status_labels": {key: str(label)
                          for key, label in STATUS_LABELS.items()},
        "status_values": list(ORDER_STATUSES),
        "status_choices": list(STATUS_LABELS.items()),
        "action_labels": ACTION_LABELS,
        "order_columns": ORDER_COLUMNS,
    }


from blueprints.orders.qr import qr_svg  # noqa: E402

bp.add_app_template_filter(qr_svg)

from blueprints.orders import views  # noqa: E402,F401  (registers routes)
from blueprints.orders import selection_views  # noqa: E402,F401
from blueprints.orders import downloads  # noqa: E402,F401
