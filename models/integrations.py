"""What the marketplace integration keeps: API keys, idempotency records,
webhook endpoints, and the outbox of events with their deliveries."""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField)

from models.base import BaseModel, utcnow
from models.people import Dealer, User


class ApiKey(BaseModel):
    """A site's secret for the API; only its SHA-256 is stored."""
    dealer = ForeignKeyField(Dealer, backref="api_keys", on_delete="CASCADE")
    label = CharField(max_length=80)
    # The key's first characters, so people can tell their keys apart.
    prefix = CharField(max_length=16)
    key_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    last_used_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)

    @property
    def active(self):
        return self.revoked_at is None


IDEMPOTENCY_IN_FLIGHT = "in_flight"
IDEMPOTENCY_DONE = "done"


class IdempotencyRecord(BaseModel):
    """The first answer to a POST, replayed for the same key and body."""
    api_key = ForeignKeyField(ApiKey, on_delete="CASCADE")
    key = CharField(max_length=255)
    request_hash = CharField(max_length=64)
    state = CharField(max_length=16, default=IDEMPOTENCY_IN_FLIGHT)
    locked_at = DateTimeField(default=utcnow)
    response_status = IntegerField(null=True)
    response_body = TextField(null=True)
    response_location = CharField(max_length=200, null=True)
    created_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("api_key", "key"), True),)


class WebhookEndpoint(BaseModel):
    """A URL of the marketplace's that hears about a site's orders."""
    dealer = ForeignKeyField(Dealer, backref="webhook_endpoints",
                             on_delete="CASCADE")
    url = CharField(max_length=500)
    # whsec_…: kept in clear, as the sender needs it to sign every message.
    secret = CharField(max_length=80)
    created_at = DateTimeField(default=utcnow)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    active = BooleanField(default=True)


class WebhookEvent(BaseModel):
    """One outbox row, written in the transaction of the change it reports."""
    dealer = ForeignKeyField(Dealer, on_delete="CASCADE")
    message_id = CharField(max_length=40, unique=True)
    type = CharField(max_length=40)
    order_code = CharField(max_length=24, index=True)
    # The exact bytes that are signed and sent, fixed when the event happens.
    payload = TextField()
    created_at = DateTimeField(default=utcnow)


DELIVERY_PENDING = "pending"
DELIVERY_DELIVERED = "delivered"
DELIVERY_FAILED = "failed"


class WebhookDelivery(BaseModel):
    """An event on its way to one endpoint, tried until it is answered 2xx."""
    event = ForeignKeyField(WebhookEvent, backref="deliveries",
                            on_delete="CASCADE")
    endpoint = ForeignKeyField(WebhookEndpoint, backref="deliveries",
                               on_delete="CASCADE")
    status = CharField(max_length=16, default=DELIVERY_PENDING)
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(default=utcnow)
    # A worker's claim: no other worker takes the row until it lapses, and a
    # worker killed mid-send leaves a claim that lapses, so nothing is lost.
    claimed_until = DateTimeField(null=True)
    claim_token = CharField(max_length=32, null=True)
    last_status_code = IntegerField(null=True)
    last_error = CharField(max_length=300, default="")
    delivered_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("status", "next_attempt_at"), False),)


class WebhookAttempt(BaseModel):
    """One try of a delivery and what the endpoint answered."""
    delivery = ForeignKeyField(WebhookDelivery, backref="attempt_log",
                               on_delete="CASCADE")
    number = IntegerField()
    at = DateTimeField(default=utcnow)
    status_code = IntegerField(null=True)
    error = CharField(max_length=300, default="")
    response_excerpt = CharField(max_length=300, default="")
    duration_ms = IntegerField(default=0)

    class Meta:
        indexes = ((("delivery", "number"), True),)
