"""The ☰ menu: each role's sections, in order."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

# (endpoint, label, role). Entries whose blueprint is not registered are
# left out, so the menu only ever links to pages that exist.
SECTIONS = [
    ("orders.order_list", _l("Order Manager"), "dealer"),
    ("requests.request_list", _l("My requests"), "dealer"),
    ("accounts.account_list", _l("Trade accounts"), "dealer"),
    ("settings.trade_account_settings", _l("Settings"), "dealer"),
    ("desk.queue", _l("Request queue"), "agent"),
    ("desk.dashboard", _l("Service level"), "agent"),
    ("settings.my_settings", _l("My settings"), "agent"),
]


def nav_items():
    if not current_user.is_authenticated:
        return []
    return [(endpoint, label) for endpoint, label, role in SECTIONS
            if role == current_user.role
            and endpoint in current_app.view_functions]


def register(app):
    app.jinja_env.globals["nav_items"] = nav_items
