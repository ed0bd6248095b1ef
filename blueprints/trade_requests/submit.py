"""Sending a trade account request: one transaction, exactly once per form."""
import json

from peewee import IntegrityError

from domain.business_days import due_at
from domain.request_rules import reference_for
from models import (AccountRequest, Counter, RequestEvent, utcnow,
                    write_transaction)
from models.requests import REQUEST_SUBMITTED


def _next_reference(year):
    """The year's next reference number, allocated in the caller's transaction."""
    name = f"request-ref-{year}"
    bumped = (Counter.update(value=Counter.value + 1)
              .where(Counter.name == name).execute())
    if not bumped:
        Counter.create(name=name, value=1)
    return reference_for(year, Counter.get_by_id(name).value)


def submit_request(*, dealer, user, kind, requested, snapshot, idempotency_key,
                   account_name, user_email="", account=None, trade_user=None,
                   now=None):
    """Store the request; (request, created).

    A form sent again with the same idempotency key (double click, resend,
    browser retry) returns the request it created the first time.
    """
    for _attempt in range(3):
        existing = AccountRequest.get_or_none(
            AccountRequest.idempotency_key == idempotency_key)
        if existing is not None:
            return existing, False
        try:
            return _create(dealer, user, kind, requested, snapshot,
                           idempotency_key, account_name, user_email,
                           account, trade_user, now or utcnow()), True
        except IntegrityError:
            # A concurrent send of the same form (or of the year's first
            # reference) won the race: look again.
            continue
    raise RuntimeError("Could not store the request")


def _create(dealer, user, kind, requested, snapshot, key, account_name,
            user_email, account, trade_user, now):
    with write_transaction():
        request = AccountRequest.create(
            reference=_next_reference(now.year), dealer=dealer,
            submitted_by=user, kind=kind, account=account,
            trade_user=trade_user, account_name=account_name,
            user_email=user_email,
            requested=json.dumps(requested, ensure_ascii=False,
                                 sort_keys=True),
            snapshot=json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
            status=REQUEST_SUBMITTED, submitted_at=now,
            due_at=due_at(now, dealer.country, dealer.time_zone),
            idempotency_key=key)
        RequestEvent.create(request=request, actor=user, at=now,
                            kind="submitted")
    return request
