"""Fast money and date-time formatting for long lists.

Flask-Babel's formatters look the locale and zone up and parse the CLDR
pattern on every call: about 0.1 ms a value, most of a 50-row page's time.
These formatters prepare each locale's patterns once, then format a value
with plain string operations. The output is Babel's, character for
character (tests/test_formats.py compares them); anything the fast path
does not cover is formatted by Babel itself.
"""
import datetime
import re
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import (DateTimeFormat, get_date_format, get_period_names,
                         get_time_format)
from babel.numbers import format_currency, get_decimal_symbol, get_group_symbol

SAMPLE_CENTS = 123456789


FIELDS = {
    "d": lambda v, p: str(v.day), "dd": lambda v, p: f"{v.day:02d}",
    "M": lambda v, p: str(v.month), "MM": lambda v, p: f"{v.month:02d}",
    "y": lambda v, p: str(v.year), "yyyy": lambda v, p: f"{v.year:04d}",
    "yy": lambda v, p: f"{v.year % 100:02d}",
    "H": lambda v, p: str(v.hour), "HH": lambda v, p: f"{v.hour:02d}",
    "h": lambda v, p: str(v.hour % 12 or 12),
    "hh": lambda v, p: f"{v.hour % 12 or 12:02d}",
    "m": lambda v, p: str(v.minute), "mm": lambda v, p: f"{v.minute:02d}",
    "ss": lambda v, p: f"{v.second:02d}",
    "a": lambda v, p: p["pm" if v.hour >= 12 else "am"],
}


class _Fields(dict):
    """The CLDR fields of one local time, for `pattern.format % fields`."""

    def __init__(self, value, locale, periods):
        super().__init__()
        self.value, self.locale, self.periods = value, locale, periods

    def __missing__(self, key):
        field = FIELDS.get(key)
        if field is None:
            return DateTimeFormat(self.value, self.locale)[key]
        return field(self.value, self.periods)


@lru_cache(maxsize=64)
def date_time_formatter(locale_name, template):
    """(local datetime) -> "date time" in the locale's short formats.

    `template` is the translated "%(date)s %(time)s".
    """
    locale = Locale.parse(locale_name)
    date_format = get_date_format("short", locale).format
    time_format = get_time_format("short", locale).format
    periods = get_period_names("abbreviated", "format", locale)

    # A list repeats days and minutes: each is formatted once per process
    # (at most a few thousand days and 1 440 minutes a locale), as long as
    # the patterns use only fields that depend on nothing else.
    dates, times = {}, {}
    cacheable = (_field_names(date_format) <= DATE_FIELDS
                 and _field_names(time_format) <= TIME_FIELDS)

    def format_value(value):
        if not cacheable:
            fields = _Fields(value, locale, periods)
            return template % {"date": date_format % fields,
                               "time": time_format % fields}
        day = (value.year, value.month, value.day)
        minute = (value.hour, value.minute, value.second)
        date_text = dates.get(day)
        if date_text is None:
            date_text = dates[day] = date_format % _Fields(value, locale,
                                                           periods)
        time_text = times.get(minute)
        if time_text is None:
            time_text = times[minute] = time_format % _Fields(value, locale,
                                                              periods)
        return template % {"date": date_text, "time": time_text}
    return format_value


DATE_FIELDS = {"d", "dd", "M", "MM", "y", "yy", "yyyy"}
TIME_FIELDS = {"H", "HH", "h", "hh", "m", "mm", "ss", "a"}


def _field_names(pattern_format):
    """The CLDR fields of a Babel pattern's `format` ("%(H)s.%(mm)s")."""
    return set(re.findall(r"%\((\w+)\)s", pattern_format))


@lru_cache(maxsize=64)
def money_formatter(locale_name, currency):
    """(cents) -> the amount as Babel writes it for the locale.

    Babel formats one sample amount of each sign; the number inside is
    replaced by a slot, and each later amount is written into that slot.
    """
    locale = Locale.parse(locale_name)
    group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)

    def number(cents):
        whole, fraction = divmod(abs(cents), 100)
        return f"{whole:,}".replace(",", "\0").replace("\0", group) + \
            f"{decimal}{fraction:02d}"

    def babel(cents):
        return format_currency(Decimal(cents) / 100, currency, locale=locale)

    templates = []
    for sample in (SAMPLE_CENTS, -SAMPLE_CENTS):
        text, digits = babel(sample), number(sample)
        if text.count(digits) != 1:
            return babel          # a layout the slot cannot express
        templates.append(text.replace(digits, "{}"))
    positive, negative = templates

    def format_cents(cents):
        return (negative if cents < 0 else positive).format(number(cents))
    return format_cents


def to_zone(instant, zone):
    """A naive-UTC instant as local time in `zone` (pytz, a name or a ZoneInfo).

    Converted with zoneinfo, in C, rather than pytz's Python code.
    """
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=datetime.timezone.utc)
    if not isinstance(zone, ZoneInfo):
        zone = zone_info(str(zone))
    return instant.astimezone(zone)


@lru_cache(maxsize=64)
def zone_info(name):
    return ZoneInfo(name)
