"""When a dealer may still reply: open requests always, closed ones 14 days."""
import datetime

import pytest

from domain.replies import can_reply, reply_deadline

CLOSED = datetime.datetime(2026, 3, 2, 12, 0)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize("status, resolved_at, now, allowed", [
    ("submitted", None, CLOSED, True),
    ("in_progress", None, CLOSED + 400 * DAY, True),
    ("completed", CLOSED, CLOSED + DAY, True),
    ("completed", CLOSED, CLOSED + 14 * DAY, True),           # to the minute
    ("completed", CLOSED, CLOSED + 14 * DAY + datetime.timedelta(seconds=1), False),
    ("rejected", CLOSED, CLOSED + 13 * DAY, True),
    ("rejected", CLOSED, CLOSED + 30 * DAY, False),
    ("completed", None, CLOSED, True),        # closed before resolved_at existed
])
def test_can_reply(status, resolved_at, now, allowed):
    assert can_reply(status, resolved_at, now) is allowed


def test_deadline_only_for_closed_requests():
    assert reply_deadline("in_progress", None) is None
    assert reply_deadline("rejected", CLOSED) == CLOSED + 14 * DAY
