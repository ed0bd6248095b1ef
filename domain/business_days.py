"""Customer service's promise: a request is processed in two business days.

Weekends and the public holidays of the dealer's country do not count. A
request sent on a non-business day is treated as sent at the start of the
next business day, so its two days count from there.
"""
import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

SERVICE_LEVEL_DAYS = 2
DEFAULT_COUNTRY = "FI"
DEFAULT_ZONE = "Europe/Helsinki"


@lru_cache(maxsize=64)
def _holidays_for(country, year):
    """The country's public holidays; Finland's for a country holidays lacks."""
    try:
        return holidays.country_holidays(country, years=year)
    except (NotImplementedError, KeyError, TypeError):
        return holidays.country_holidays(DEFAULT_COUNTRY, years=year)


def is_business_day(day, country=DEFAULT_COUNTRY):
    return day.weekday() < 5 and day not in _holidays_for(country, day.year)


def add_business_days(day, count, country=DEFAULT_COUNTRY):
    """The business day `count` business days after `day`."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_business_day(day, country):
            count -= 1
    return day


def due_date(sent_on, country=DEFAULT_COUNTRY, days=SERVICE_LEVEL_DAYS):
    """The local date a request sent on `sent_on` must be processed by.

    Sent on a business day: `days` business days after it (Monday →
    Wednesday). Sent on a weekend or holiday: as if sent on the next
    business day (Saturday → Monday → Wednesday).
    """
    start = sent_on
    while not is_business_day(start, country):
        start += datetime.timedelta(days=1)
    return add_business_days(start, days, country)


def _zone(time_zone):
    try:
        return ZoneInfo(time_zone or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def due_at(sent_at_utc, country=DEFAULT_COUNTRY, time_zone=DEFAULT_ZONE,
           days=SERVICE_LEVEL_DAYS):
    """The due instant (naive UTC): the end of the due date in the dealer's zone."""
    zone = _zone(time_zone)
    local = sent_at_utc.replace(tzinfo=datetime.timezone.utc).astimezone(zone)
    day = due_date(local.date(), country or DEFAULT_COUNTRY, days)
    end = datetime.datetime.combine(day, datetime.time(23, 59, 59), zone)
    return end.astimezone(datetime.timezone.utc).replace(tzinfo=None)
