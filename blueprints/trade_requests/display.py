"""Requested values as the dealer reads them: names instead of codes."""
from flask_babel import gettext as _, lazy_gettext as _l

from blueprints.trade_requests import choices
from blueprints.trade_requests.labels import (ACCOUNT_FIELD_LABELS,
                                              USER_FIELD_LABELS)

SECTIONS = (("account", ACCOUNT_FIELD_LABELS), ("user", USER_FIELD_LABELS))
# An empty value, before or after a change: a dash read as nothing, and
# "– changes to –" told people nothing.
EMPTY = _l("(empty)")
NAMERS = {"language": choices.language_name, "country": choices.country_name,
          "role": choices.role_name, "time_zone": choices.time_zone_name}


def shown_value(field, value):
    """The value of a requested field as text in the user's language."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    namer = NAMERS.get(field)
    return namer(value) if namer else str(value)


def readable_value(field, value):
    """shown_value(), with "(empty)" for an empty value."""
    return shown_value(field, value) or str(EMPTY)


def value_rows(requested, snapshot):
    """[(section, [(label, before, after)])] in the form's field order."""
    sections = []
    for section, labels in SECTIONS:
        asked = requested.get(section) or {}
        before = snapshot.get(section) or {}
        rows = [(labels[field], readable_value(field, before.get(field))
                 if field in before else None,
                 readable_value(field, asked[field]))
                for field in labels if field in asked]
        if rows:
            sections.append((section, rows))
    return sections
