"""The fast list formatters write exactly what Flask-Babel writes."""
import datetime
import random
from decimal import Decimal

import pytest
from flask_babel import force_locale, format_currency, format_date
from flask_babel import format_time, gettext as _

from web.i18n import money, when

INSTANTS = [datetime.datetime(2019, 1, 14, 20, 41, 15, 761000),
            datetime.datetime(2024, 3, 31, 0, 59, 59),     # DST starts
            datetime.datetime(2024, 10, 27, 0, 30),        # DST ends
            datetime.datetime(2026, 12, 31, 23, 59),
            datetime.datetime(2000, 2, 29, 11, 5),
            datetime.datetime(2021, 6, 1, 12, 0)]
CENTS = [0, 1, 99, 100, 1290, 114323, 99999, 100000, 123456789,
         -1, -114323, -100000, 10 ** 11]


@pytest.mark.parametrize("locale", ["fi", "sv", "en"])
@pytest.mark.parametrize("zone", ["Europe/Helsinki", "Europe/Stockholm",
                                  "America/New_York", "UTC"])
def test_fast_formats_match_babel(app, locale, zone):
    rng = random.Random(locale + zone)
    instants = INSTANTS + [datetime.datetime(2020, 1, 1) + datetime.timedelta(
        minutes=rng.randrange(3_000_000)) for _ in range(60)]
    # The same days at other hours and the same minutes on other days:
    # days and minutes are formatted once and then reused.
    instants += [instant + datetime.timedelta(hours=hours)
                 for instant in instants[:20] for hours in (7, 24 * 9)]
    amounts = CENTS + [rng.randrange(-10 ** 9, 10 ** 9) for _ in range(60)]
    with app.test_request_context(), force_locale(locale):
        app.config["BABEL_DEFAULT_TIMEZONE"] = zone
        from flask import g
        g.time_zone = zone          # what select_timezone() caches
        for instant in instants:
            assert when(instant) == _(
                "%(date)s %(time)s", date=format_date(instant, "short"),
                time=format_time(instant, "short"))
        for cents in amounts:
            for currency in ("EUR", "SEK"):
                assert money(cents, currency) == format_currency(
                    Decimal(cents) / 100, currency)
