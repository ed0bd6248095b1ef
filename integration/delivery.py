"""Sending outbox events: claim due deliveries, sign, send, record.

At least once: a delivery is claimed for LEASE; a worker killed while
sending leaves the claim to lapse and the delivery is tried again with the
same webhook-id, so receivers can drop duplicates. Claims are made with
FOR UPDATE SKIP LOCKED on PostgreSQL (and under SQLite's write lock), so
two workers never make the same attempt.
"""
import datetime
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

from standardwebhooks import Webhook

from integration.targets import TargetRefused, check_url
from models import (WebhookAttempt, WebhookDelivery, WebhookEndpoint,
                    WebhookEvent, utcnow, write_transaction)
from models.base import is_sqlite
from models.integrations import (DELIVERY_DELIVERED, DELIVERY_FAILED,
                                 DELIVERY_PENDING)

# The Standard Webhooks schedule: the waits after the 1st..7th failure;
# the 8th failure (about 27 hours after the event) gives up.
RETRY_DELAYS = [datetime.timedelta(seconds=s) for s in
                (5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600,
                 10 * 3600)]
SEND_TIMEOUT = 10
LEASE = datetime.timedelta(seconds=120)
EXCERPT = 300
USER_AGENT = "OrderManager-Webhooks/1"


@dataclass
class Claimed:
    delivery_id: int
    number: int
    token: str
    url: str
    secret: str
    message_id: str
    payload: str


@dataclass
class Outcome:
    status_code: int | None = None
    error: str = ""
    excerpt: str = ""
    duration_ms: int = 0

    @property
    def ok(self):
        return self.status_code is not None and 200 <= self.status_code < 300


def claim_due(limit, now=None):
    """Claim up to `limit` due deliveries for this worker."""
    now = now or utcnow()
    token = uuid.uuid4().hex
    due = (WebhookDelivery.select(WebhookDelivery.id)
           .join(WebhookEndpoint)
           .where((WebhookDelivery.status == DELIVERY_PENDING)
                  & (WebhookDelivery.next_attempt_at <= now)
                  & (WebhookDelivery.claimed_until.is_null()
                     | (WebhookDelivery.claimed_until < now))
                  & (WebhookEndpoint.active == True))  # noqa: E712
           .order_by(WebhookDelivery.next_attempt_at)
           .limit(limit))
    if not is_sqlite():
        due = due.for_update(of=WebhookDelivery, skip_locked=True)
    with write_transaction():
        ids = [row.id for row in due]
        if not ids:
            return []
        (WebhookDelivery
         .update(claimed_until=now + LEASE, claim_token=token,
                 attempts=WebhookDelivery.attempts + 1)
         .where(WebhookDelivery.id.in_(ids)).execute())
    rows = (WebhookDelivery
            .select(WebhookDelivery.id, WebhookDelivery.attempts,
                    WebhookEndpoint.url, WebhookEndpoint.secret,
                    WebhookEvent.message_id, WebhookEvent.payload)
            .join(WebhookEndpoint).switch(WebhookDelivery).join(WebhookEvent)
            .where(WebhookDelivery.claim_token == token)
            .order_by(WebhookDelivery.id).tuples())
    return [Claimed(pk, attempts, token, url, secret, message_id, payload)
            for pk, attempts, url, secret, message_id, payload in rows]


def _no_redirects():
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    return urllib.request.build_opener(NoRedirect)


OPENER = _no_redirects()


def signed_headers(claimed, now=None):
    """The Standard Webhooks headers for one attempt (signed with the
    standardwebhooks library: no hand-made HMAC)."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    signature = Webhook(claimed.secret).sign(claimed.message_id, now,
                                             claimed.payload)
    return {"Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "webhook-id": claimed.message_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": signature}


def send(claimed, allow_internal=False):
    """POST one attempt; never raises, the Outcome says what happened."""
    started = time.monotonic()
    outcome = Outcome()
    try:
        check_url(claimed.url, allow_internal=allow_internal)
        request = urllib.request.Request(
            claimed.url, data=claimed.payload.encode(), method="POST",
            headers=signed_headers(claimed))
        with OPENER.open(request, timeout=SEND_TIMEOUT) as response:
            outcome.status_code = response.status
            outcome.excerpt = _excerpt(response)
    except urllib.error.HTTPError as error:
        outcome.status_code = error.code
        outcome.excerpt = _excerpt(error)
    except TargetRefused as refused:
        outcome.error = f"refused target: {refused.reason}"
    except Exception as error:  # a network failure of any kind is retried
        outcome.error = f"{type(error).__name__}: {error}"[:EXCERPT]
    outcome.duration_ms = int((time.monotonic() - started) * 1000)
    return outcome


def _excerpt(response):
    try:
        return response.read(EXCERPT).decode("utf-8", "replace")
    except Exception:
        return ""


def record(results, now=None):
    """Store each attempt and schedule the next one, in one transaction."""
    now = now or utcnow()
    with write_transaction():
        for claimed, outcome in results:
            _record_one(claimed, outcome, now)


def _record_one(claimed, outcome, now):
    WebhookAttempt.insert(
        delivery=claimed.delivery_id, number=claimed.number, at=now,
        status_code=outcome.status_code, error=outcome.error[:EXCERPT],
        response_excerpt=outcome.excerpt[:EXCERPT],
        duration_ms=outcome.duration_ms).on_conflict_ignore().execute()
    changes = {WebhookDelivery.claimed_until: None,
               WebhookDelivery.claim_token: None,
               WebhookDelivery.last_status_code: outcome.status_code,
               WebhookDelivery.last_error: (outcome.error
                                            or outcome.excerpt)[:EXCERPT]}
    if outcome.ok:
        changes[WebhookDelivery.status] = DELIVERY_DELIVERED
        changes[WebhookDelivery.delivered_at] = now
    elif claimed.number > len(RETRY_DELAYS):
        changes[WebhookDelivery.status] = DELIVERY_FAILED
    else:
        changes[WebhookDelivery.next_attempt_at] = (
            now + RETRY_DELAYS[claimed.number - 1])
    (WebhookDelivery.update(changes)
     .where((WebhookDelivery.id == claimed.delivery_id)
            & (WebhookDelivery.claim_token == claimed.token)).execute())


def resend(delivery):
    """Send a delivery again now (same webhook-id); False if it is in flight."""
    now = utcnow()
    return bool(WebhookDelivery
                .update(status=DELIVERY_PENDING, next_attempt_at=now,
                        claimed_until=None, claim_token=None)
                .where((WebhookDelivery.id == delivery.id)
                       & (WebhookDelivery.claimed_until.is_null()
                          | (WebhookDelivery.claimed_until < now)))
                .execute())
