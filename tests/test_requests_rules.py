"""The pure request rules: what an edit asks for, and due-date states."""
import datetime

import pytest

from domain.request_rules import due_state, edit_payload, reference_for

NOW = datetime.datetime(2026, 11, 27, 10, 0)  # 12:00 in Helsinki


def test_edit_payload_names_only_changes():
    account_now = {"name": "A", "address": "X 1", "language": "fi", "notes": "",
                   "country": "FI"}
    user_now = {"email": "a@b.example", "first_name": "A", "last_name": "B",
                "role": "owner", "language": "fi", "time_zone": "Europe/Helsinki",
                "market_access": True}
    requested, snapshot = edit_payload(
        account_now, dict(account_now, address="X 2", country="SE"),
        user_now, dict(user_now, market_access=False))
    assert requested == {"account": {"address": "X 2"},
                         "user": {"market_access": False}}
    assert snapshot == {"account": {"address": "X 1"},
                        "user": {"market_access": True}}
    assert edit_payload(account_now, dict(account_now)) == ({}, {})


@pytest.mark.parametrize("status, due_at, expected", [
    ("submitted", NOW - datetime.timedelta(minutes=1), "overdue"),
    ("in_progress", datetime.datetime(2026, 11, 27, 21, 59, 59), "due_today"),
    ("submitted", datetime.datetime(2026, 11, 28, 21, 59, 59), None),
    ("completed", NOW - datetime.timedelta(days=3), None),
    ("rejected", NOW, None),
])
def test_due_state(status, due_at, expected):
    assert due_state(status, due_at, NOW, "Europe/Helsinki") == expected


def test_reference_format():
    assert reference_for(2026, 123) == "R-2026-000123"
