"""Two business days, counted over Finnish weekends, holidays and year ends."""
import datetime

import pytest

from domain.business_days import due_at, due_date, is_business_day

D = datetime.date


@pytest.mark.parametrize("sent_on, due_on, why", [
    (D(2026, 11, 23), D(2026, 11, 25), "Monday → Wednesday"),
    (D(2026, 11, 26), D(2026, 11, 30), "Thursday → Monday over a weekend"),
    (D(2026, 11, 27), D(2026, 12, 1), "Friday → Tuesday"),
    (D(2026, 11, 28), D(2026, 12, 2), "Saturday counts from Monday"),
    (D(2026, 11, 29), D(2026, 12, 2), "Sunday counts from Monday"),
    # Independence Day, 6 December: on a Sunday in 2026, a Tuesday in 2022.
    (D(2026, 12, 4), D(2026, 12, 8), "Friday before Independence Day (Sun)"),
    (D(2022, 12, 5), D(2022, 12, 8), "Monday, Independence Day Tuesday"),
    (D(2022, 12, 6), D(2022, 12, 9), "sent on Independence Day"),
    # Christmas: Eve, Day and Boxing Day are all holidays.
    (D(2026, 12, 22), D(2026, 12, 28), "Tuesday before Christmas"),
    (D(2026, 12, 23), D(2026, 12, 29), "Wednesday before Christmas Eve"),
    (D(2026, 12, 24), D(2026, 12, 30), "sent on Christmas Eve"),
    (D(2025, 12, 23), D(2025, 12, 30), "Christmas 2025 Wed–Fri"),
    # Year end: New Year's Day and Epiphany.
    (D(2026, 12, 30), D(2027, 1, 4), "over New Year's Day (Friday)"),
    (D(2026, 12, 31), D(2027, 1, 5), "New Year's Eve is a business day"),
    (D(2027, 1, 1), D(2027, 1, 7), "New Year's Day: from Monday, over Epiphany"),
    (D(2027, 1, 4), D(2027, 1, 7), "Monday before Epiphany (Wednesday)"),
    (D(2025, 12, 31), D(2026, 1, 5), "Wednesday 31.12.2025 over 1.1 Thursday"),
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    (D(2026, 4, 1), D(2026, 4, 7), "Wednesday before Easter"),
    (D(2026, 4, 2), D(2026, 4, 8), "Maundy Thursday"),
    (D(2026, 4, 3), D(2026, 4, 9), "sent on Good Friday"),
    (D(2026, 4, 6), D(2026, 4, 9), "sent on Easter Monday"),
    # Ascension Day 14 May 2026, May Day 1 May 2026 (Friday).
    (D(2026, 5, 13), D(2026, 5, 18), "before Ascension Day"),
    (D(2026, 4, 30), D(2026, 5, 5), "Walpurgis Thursday over May Day"),
    # Midsummer 2026: Eve Friday 19 June, Day Saturday 20 June.
    (D(2026, 6, 18), D(2026, 6, 23), "Thursday before Midsummer Eve"),
    (D(2026, 6, 19), D(2026, 6, 24), "sent on Midsummer Eve"),
    (D(2026, 6, 20), D(2026, 6, 24), "sent on Midsummer Day"),
])
def test_due_date_in_finland(sent_on, due_on, why):
    assert due_date(sent_on, "FI") == due_on, why


@pytest.mark.parametrize("day, expected", [
    (D(2026, 12, 6), False), (D(2026, 12, 24), False), (D(2026, 12, 25), False),
    (D(2026, 12, 26), False), (D(2026, 12, 31), True), (D(2027, 1, 1), False),
    (D(2027, 1, 6), False), (D(2026, 4, 3), False), (D(2026, 4, 6), False),
    (D(2026, 6, 19), False), (D(2026, 6, 22), True), (D(2026, 11, 27), True),
    (D(2026, 11, 28), False),
])
def test_business_days_in_finland(day, expected):
    assert is_business_day(day, "FI") is expected


def test_swedish_holidays_count_for_a_swedish_site():
    # 6 June is Sweden's National Day (a Saturday in 2026; Friday in 2025).
    assert due_date(D(2025, 6, 5), "SE") == D(2025, 6, 10)
    assert due_date(D(2025, 6, 5), "FI") == D(2025, 6, 9)


def test_unknown_country_falls_back_to_finland():
    assert due_date(D(2026, 12, 23), "XX") == D(2026, 12, 29)


@pytest.mark.parametrize("sent_at, expected, why", [
    # 23:30 UTC on Sunday is already Monday 01:30 in Helsinki.
    (datetime.datetime(2026, 11, 29, 23, 30), datetime.datetime(2026, 12, 2, 21, 59, 59),
     "Monday in Helsinki → end of Wednesday, 21:59:59 UTC in winter"),
    (datetime.datetime(2026, 11, 27, 21, 59), datetime.datetime(2026, 12, 1, 21, 59, 59),
     "Friday 23:59 in Helsinki → end of Tuesday"),
    (datetime.datetime(2026, 6, 17, 8, 0), datetime.datetime(2026, 6, 22, 20, 59, 59),
     "summer time: end of day is 20:59:59 UTC"),
])
def test_due_at_is_the_end_of_the_due_day_in_the_dealers_zone(sent_at, expected, why):
    assert due_at(sent_at, "FI", "Europe/Helsinki") == expected, why


def test_due_at_with_an_unknown_zone_uses_helsinki():
    sent = datetime.datetime(2026, 11, 23, 9, 0)
    assert due_at(sent, "FI", "Not/AZone") == due_at(sent, "FI", "Europe/Helsinki")
