"""Idempotent POSTs: the first answer for a key is kept and replayed.

A key is claimed in a short transaction of its own (so a racing request
sees it at once and gets 409); the answer is stored in the transaction
that makes the order, so an order never exists without its record, on any
worker or host. A claim left by a process that died is taken over once it
is older than STALE_CLAIM.
"""
import datetime
import hashlib
import json
from dataclasses import dataclass

from peewee import IntegrityError

from models import IdempotencyRecord, utcnow, write_transaction
from models.integrations import IDEMPOTENCY_DONE, IDEMPOTENCY_IN_FLIGHT

STALE_CLAIM = datetime.timedelta(seconds=60)
# Kept at least 24 hours, as promised in the API reference.
KEEP_FOR = datetime.timedelta(hours=48)


class KeyInFlight(Exception):
    """Another request with the same key is still being processed."""


class KeyReusedWithOtherBody(Exception):
    """The key was first used with a different request."""


@dataclass
class Replay:
    status: int
    body: str
    location: str | None


def request_hash(method, path, payload):
    """The same request whatever its whitespace or key order."""
    canonical = json.dumps([method, path, payload], sort_keys=True,
                           separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def claim(api_key, key, fingerprint):
    """The record to complete, or a Replay; raises if the key is taken."""
    now = utcnow()
    with write_transaction():
        record = _record(api_key, key)
        if record is None:
            try:
                with write_transaction():
                    return IdempotencyRecord.create(
                        api_key=api_key, key=key, request_hash=fingerprint,
                        locked_at=now, created_at=now)
            except IntegrityError:
                record = _record(api_key, key)
        if record.request_hash != fingerprint:
            raise KeyReusedWithOtherBody()
        if record.state == IDEMPOTENCY_DONE:
            return Replay(record.response_status, record.response_body,
                          record.response_location)
        if now - record.locked_at < STALE_CLAIM or not _take_over(record, now):
            raise KeyInFlight()
        return record


def _record(api_key, key):
    return IdempotencyRecord.get_or_none(
        (IdempotencyRecord.api_key == api_key)
        & (IdempotencyRecord.key == key))


def _take_over(record, now):
    taken = (IdempotencyRecord.update(locked_at=now)
             .where((IdempotencyRecord.id == record.id)
                    & (IdempotencyRecord.locked_at == record.locked_at)
                    & (IdempotencyRecord.state == IDEMPOTENCY_IN_FLIGHT))
             .execute())
    return taken == 1


def complete(record, status, body, location=None):
    """Store the answer; call inside the transaction that made the change."""
    (IdempotencyRecord.update(state=IDEMPOTENCY_DONE, response_status=status,
                              response_body=body,
                              response_location=location)
     .where(IdempotencyRecord.id == record.id).execute())


def release(record):
    """Forget a claim whose request changed nothing: the key may be retried."""
    (IdempotencyRecord.delete()
     .where((IdempotencyRecord.id == record.id)
            & (IdempotencyRecord.state == IDEMPOTENCY_IN_FLIGHT)).execute())


def prune(now=None):
    """Delete records past their keeping time; returns how many."""
    cutoff = (now or utcnow()) - KEEP_FOR
    return (IdempotencyRecord.delete()
            .where(IdempotencyRecord.created_at < cutoff).execute())
