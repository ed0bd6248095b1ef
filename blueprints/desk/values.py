"""Values of accounts and users as people read them, in the viewer's locale.

The dealer's pages already name countries and languages (Babel), roles and
time zones (blueprints/trade_requests/display.py); the desk and the account
history use the same names, and "(empty)" for an empty value.
"""
from flask_babel import gettext as _

from blueprints.trade_requests.display import readable_value
from blueprints.trade_requests.labels import (ACCOUNT_FIELD_LABELS,
                                              USER_FIELD_LABELS)


def field_label(section, field):
    labels = ACCOUNT_FIELD_LABELS if section == "account" else USER_FIELD_LABELS
    return str(labels.get(field, field))


def field_value(field, value):
    """`value` of `field` for display; empty shows as "(empty)"."""
    if field == "market_access":
        return _("Yes") if value else _("No")
    return readable_value(field, value)


def register(state):
    """Template globals, for the desk and the dealer's account history."""
    state.app.jinja_env.globals.update(field_label=field_label,
                                       field_value=field_value)
