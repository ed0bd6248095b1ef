"""Requested values as people read them: names instead of codes.

The dealer's request pages, the desk's before → after view and the
account history all name fields and values alike, "(empty)" for nothing.
"""
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


def field_label(section, field):
    labels = ACCOUNT_FIELD_LABELS if section == "account" else USER_FIELD_LABELS
    return str(labels.get(field, field))


def field_value(field, value):
    """`value` of `field` for display; empty shows as "(empty)"."""
    if field == "market_access":
        return _("Yes") if value else _("No")
    return readable_value(field, value)


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
