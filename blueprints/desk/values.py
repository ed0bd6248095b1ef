"""Values of accounts and users as people read them, in the viewer's locale.

Countries and languages by Babel's names, roles by their labels, the time
zone by its "(GMT+02:00) Helsinki, …" label, the access flag as Yes / No.
"""
from flask_babel import get_locale, gettext as _

from blueprints.desk.labels import FIELD_LABELS
from blueprints.trade_requests.labels import ROLE_LABELS
from domain.timezones import zone_choices


def field_label(section, field):
    return str(FIELD_LABELS.get((section, field), field))


def field_value(field, value):
    """`value` of `field` for display; empty shows as a dash."""
    if field == "market_access":
        return _("Yes") if value else _("No")
    if value in (None, ""):
        return "–"
    locale = get_locale()
    if field == "country":
        return locale.territories.get(str(value).upper(), value)
    if field == "language":
        return locale.languages.get(str(value), value)
    if field == "role":
        return str(ROLE_LABELS.get(value, value))
    if field == "time_zone":
        return dict(zone_choices()).get(value, value)
    return str(value)


def register(state):
    """Template globals, for the desk and the dealer's account history."""
    state.app.jinja_env.globals.update(field_label=field_label,
                                       field_value=field_value)
