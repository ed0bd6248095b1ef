"""How a notice of a new order from the marketplace reads on the notices page."""
from flask_babel import gettext as _

from models.site_notices import KIND_NEW_ORDER
from web.notices import NoticeType, register_type


def describe(notice):
    """(text, note): the order's code, its customer and the site it is for."""
    site = notice.dealer.label if getattr(notice, "dealer_id", None) else ""
    return _("New order from the marketplace: %(code)s, %(customer)s (%(site)s)",
             code=notice.subject, customer=getattr(notice, "summary", ""),
             site=site), ""


def register(state):
    register_type(state.app, KIND_NEW_ORDER, NoticeType(
        "orders.order_detail", "code", describe))
