"""The choices the request forms offer, named in the user's language.

Language and country names come from Babel (CLDR) in the UI locale, time
zones from domain.timezones, roles from the shared labels.
"""
import unicodedata
from functools import lru_cache

from babel import Locale
from babel.core import get_global
from flask_babel import get_locale, lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from blueprints.trade_requests.labels import ROLE_LABELS
from domain import timezones
from domain.timezones import DEFAULT_ZONE

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


SUGGESTED = _l("Suggested")
REGION_LABELS = {
    "Europe": _l("Europe"), "Africa": _l("Africa"), "Asia": _l("Asia"),
    "America": _l("Americas"), "Australia": _l("Australia"),
    "Pacific": _l("Pacific Ocean"), "Atlantic": _l("Atlantic Ocean"),
    "Indian": _l("Indian Ocean"), timezones.OTHER: _l("Other"),
}


def time_zone_choices(suggested=(), keep=None):
    """The time zone select's choices, grouped by region.

    `suggested` zones (the user's, the site's) come first in their own
    group, and `keep` (a stored zone) with them, listed or not, so a zone
    no longer in the list still shows and stays selected. A suggested zone
    replaces the list entry that keeps the same time, so no time shows twice.
    """
    wanted = [z for z in dict.fromkeys([keep, *suggested])
              if z and timezones.is_real_zone(z)]
    replaced = {timezones.entry_for(z) for z in wanted}
    locale = str(_ui_locale())
    group = str(SUGGESTED)
    result = [SelectChoice(z, timezones.zone_label(z),
                           {"data-search": _search_text(z, locale)}, group)
              for z in wanted]
    for entry in timezones.zone_entries():
        if entry not in replaced:
            result.append(SelectChoice(
                entry.zone, entry.label,
                {"data-search": _search_text(entry.zone, locale)},
                str(REGION_LABELS[entry.region])))
    return result


@lru_cache(maxsize=2048)
def _search_text(zone, locale):
    """What typing may match besides the label: every city keeping the same
    time, in English and in the UI language, and their countries' names."""
    entry = timezones.entry_for(zone)
    zones = entry.members if entry else (zone,)
    ui = Locale.parse(locale)
    territories = get_global("zone_territories")
    words = []
    for member in zones:
        words.append(timezones.city(member))
        words.append(ui.time_zones.get(member, {}).get("city", ""))
        words.append(ui.territories.get(territories.get(member, ""), ""))
    text = " ".join(dict.fromkeys(w for w in words if w)).lower()
    # Without accents, as the filter compares: "sao paulo" finds São Paulo.
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))


def time_zone_name(zone):
    return timezones.zone_label(zone)


def default_zone(dealer):
    zone = getattr(dealer, "time_zone", None)
    return zone if timezones.is_real_zone(zone) else DEFAULT_ZONE
