"""The choices the request forms offer, named in the user's language.

Language and country names come from Babel (CLDR) in the UI locale, time
zones from domain.timezones, roles from the shared labels.
"""
from babel import Locale
from flask_babel import get_locale

from blueprints.trade_requests.labels import ROLE_LABELS
from domain.timezones import DEFAULT_ZONE, zone_choices

# The languages a trade account or trade user can have on the marketplace.
LANGUAGES = ("fi", "sv", "en")
# A dealer's country decides the default language of new accounts and users.
COUNTRY_LANGUAGE = {"FI": "fi", "SE": "sv"}


def _ui_locale():
    return get_locale() or Locale.parse("fi")


def _capitalised(name):
    return name[:1].upper() + name[1:]


def language_name(code):
    """fi → "Suomi" in Finnish, "Finnish" in English (Babel's names)."""
    name = _ui_locale().languages.get(code)
    return _capitalised(name) if name else code


def language_choices():
    return [(code, language_name(code)) for code in LANGUAGES]


def country_name(code):
    """FI → "Suomi" / "Finland" / "Finland" (Babel's territory names)."""
    return _ui_locale().territories.get((code or "").upper(), code or "")


def default_language(country):
    return COUNTRY_LANGUAGE.get((country or "").upper(), "en")


def role_choices():
    return [(key, str(label)) for key, label in ROLE_LABELS.items()]


def role_name(key):
    label = ROLE_LABELS.get(key)
    return str(label) if label else key


def time_zone_choices():
    return zone_choices()


def time_zone_name(zone):
    return dict(zone_choices()).get(zone, zone)


def default_zone(dealer):
    zone = getattr(dealer, "time_zone", None)
    return zone if zone in dict(zone_choices()) else DEFAULT_ZONE
