"""Which language and time zone a request is shown in, and the formatters."""
import datetime

from flask import g, request, session
from flask_babel import (format_date, format_datetime, format_number,
                         get_locale)
from flask_babel import get_timezone, gettext as _
from flask_login import current_user

from domain.timezones import DEFAULT_ZONE
from web import formats

LOCALES = ("fi", "sv", "en")
LOCALE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


def select_locale():
    """?lang= (kept in the session) → the user's choice → browser → fi."""
    asked = request.args.get("lang")
    if asked in LOCALES:
        session["lang"] = asked
        return asked
    if session.get("lang") in LOCALES:
        return session["lang"]
    if current_user.is_authenticated and current_user.locale in LOCALES:
        return current_user.locale
    return request.accept_languages.best_match(LOCALES) or "fi"


def select_timezone():
    """The user's zone → their first dealer site's zone → Helsinki."""
    if "time_zone" not in g:
        zone = DEFAULT_ZONE
        if current_user.is_authenticated:
            zone = current_user.time_zone or _first_site_zone() or zone
        g.time_zone = zone
    return g.time_zone


def _first_site_zone():
    sites = user_sites()
    return sites[0].time_zone if sites else None


def user_sites():
    """The user's dealer sites (by code), read once per request.

    The time zone and the order list both need them.
    """
    sites = g.get("user_sites")
    if sites is None:
        sites = g.user_sites = list(current_user.dealers())
    return sites


def money(cents, currency="EUR"):
    """Cents as the locale writes money: 1 143,23 € in Finnish."""
    return money_formatter(currency)(cents)


def when(instant):
    """A UTC instant as a date and time in the user's zone and locale."""
    if instant is None:
        return ""
    return when_formatter()(instant)


def when_formatter():
    """when() for this request, looked up once: lists format hundreds.

    The same as _("%(date)s %(time)s", date=format_date(instant, "short"),
    time=format_time(instant, "short")), at a fraction of the cost: see
    web/formats.py.
    """
    formatter = g.get("when_formatter")
    if formatter is None:
        format_value = formats.date_time_formatter(
            _request_locale(), _("%(date)s %(time)s"))
        zone = formats.zone_info(str(get_timezone()))
        formatter = g.when_formatter = (
            lambda instant: format_value(formats.to_zone(instant, zone)))
    return formatter


def money_formatter(currency="EUR"):
    """money() for this request and currency, looked up once."""
    return formats.money_formatter(_request_locale(), currency)


def _request_locale():
    locale_name = g.get("locale_name")
    if locale_name is None:
        locale_name = g.locale_name = str(get_locale())
    return locale_name


def day(instant):
    return format_date(instant, "short") if instant else ""


def iso(instant):
    """Machine-readable UTC for <time datetime=…>."""
    if not instant:
        return ""
    if instant.tzinfo is not None:
        instant = instant.astimezone(datetime.timezone.utc)
    # isoformat() is C and several times quicker than strftime.
    return instant.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def register(app):
    app.jinja_env.filters.update(money=money, when=when, day=day, iso=iso,
                                 datetime=format_datetime,
                                 number=format_number)
