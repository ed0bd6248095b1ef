"""Customer service's promise: a request is processed in two business days.

Weekends and the public holidays of the dealer's country do not count. A
request sent on a non-business day starts counting on the next business day.
"""
import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

SERVICE_LEVEL_DAYS = 2


@lru_cache(maxsize=32)
def _holidays_for(country, year):
    return holidays.country_holidays(country, years=year)


def is_business_day(day, country="FI"):
    return day.weekday() < 5 and day not in _holidays_for(country, day.year)


def add_business_days(day, count, country="FI"):
    """The business day `count` business days after `day`."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_business_day(day, country):
            count -= 1
    return day


def due_date(sent_on, country="FI", days=SERVICE_LEVEL_DAYS):
    """The local date a request sent on `sent_on` must be processed by.

    Sent on a business day: that day plus `days` business days. Sent on a
    weekend or holiday: counting starts on the next business day, which
    itself counts as the first day's sending day.
    """
    start = sent_on
    while not is_business_day(start, country):
        start += datetime.timedelta(days=1)
    return add_business_days(start, days, country)


def due_at(sent_at_utc, country="FI", time_zone="Europe/Helsinki",
           days=SERVICE_LEVEL_DAYS):
    """The due instant (naive UTC): the end of the due date in the dealer's zone."""
    zone = ZoneInfo(time_zone)
    local = sent_at_utc.replace(tzinfo=datetime.timezone.utc).astimezone(zone)
    day = due_date(local.date(), country, days)
    end = datetime.datetime.combine(day, datetime.time(23, 59, 59), zone)
    return end.astimezone(datetime.timezone.utc).replace(tzinfo=None)
