"""The marketplace integration: API keys, idempotency records, webhook
endpoints, the event outbox and its deliveries; orders keep the note and
contact e-mail the marketplace sends, and events say where a change came
from. The order feed of the API walks (dealer, updated_at, id)."""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField,
                    IntegerField, Model, TextField)


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db

    class Dealer(Base):
        class Meta:
            table_name = "dealer"

    class User(Base):
        class Meta:
            table_name = "user"

    class ApiKey(Base):
        dealer = ForeignKeyField(Dealer, on_delete="CASCADE")
        label = CharField(max_length=80)
        prefix = CharField(max_length=16)
        key_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField()
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        last_used_at = DateTimeField(null=True)
        revoked_at = DateTimeField(null=True)

        class Meta:
            table_name = "api_key"

    class IdempotencyRecord(Base):
        api_key = ForeignKeyField(ApiKey, on_delete="CASCADE")
        key = CharField(max_length=255)
        request_hash = CharField(max_length=64)
        state = CharField(max_length=16)
        locked_at = DateTimeField()
        response_status = IntegerField(null=True)
        response_body = TextField(null=True)
        response_location = CharField(max_length=200, null=True)
        created_at = DateTimeField(index=True)

        class Meta:
            table_name = "idempotency_record"
            indexes = ((("api_key", "key"), True),)

    class WebhookEndpoint(Base):
        dealer = ForeignKeyField(Dealer, on_delete="CASCADE")
        url = CharField(max_length=500)
        secret = CharField(max_length=80)
        created_at = DateTimeField()
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        active = BooleanField(default=True)

        class Meta:
            table_name = "webhook_endpoint"

    class WebhookEvent(Base):
        dealer = ForeignKeyField(Dealer, on_delete="CASCADE")
        message_id = CharField(max_length=40, unique=True)
        type = CharField(max_length=40)
        order_code = CharField(max_length=24, index=True)
        payload = TextField()
        created_at = DateTimeField()

        class Meta:
            table_name = "webhook_event"

    class WebhookDelivery(Base):
        event = ForeignKeyField(WebhookEvent, on_delete="CASCADE")
        endpoint = ForeignKeyField(WebhookEndpoint, on_delete="CASCADE")
        status = CharField(max_length=16)
        attempts = IntegerField(default=0)
        next_attempt_at = DateTimeField()
        claimed_until = DateTimeField(null=True)
        claim_token = CharField(max_length=32, null=True)
        last_status_code = IntegerField(null=True)
        last_error = CharField(max_length=300, default="")
        delivered_at = DateTimeField(null=True)

        class Meta:
            table_name = "webhook_delivery"
            indexes = ((("status", "next_attempt_at"), False),)

    class WebhookAttempt(Base):
        delivery = ForeignKeyField(WebhookDelivery, on_delete="CASCADE")
        number = IntegerField()
        at = DateTimeField()
        status_code = IntegerField(null=True)
        error = CharField(max_length=300, default="")
        response_excerpt = CharField(max_length=300, default="")
        duration_ms = IntegerField(default=0)

        class Meta:
            table_name = "webhook_attempt"
            indexes = ((("delivery", "number"), True),)

    db.create_tables([ApiKey, IdempotencyRecord, WebhookEndpoint,
                      WebhookEvent, WebhookDelivery, WebhookAttempt])
    # Defaults in the database itself, so inserts that do not name the new
    # columns (the demo loader, a psql or sqlite3 session) still work.
    for statement in (
            """ALTER TABLE "order" ADD COLUMN note TEXT NOT NULL DEFAULT ''""",
            """ALTER TABLE "order" ADD COLUMN contact_email VARCHAR(254) """
            """NOT NULL DEFAULT ''""",
            """ALTER TABLE order_event ADD COLUMN via VARCHAR(16) """
            """NOT NULL DEFAULT ''"""):
        db.execute_sql(statement)
    migrator.migrate(
        migrator.add_index("order", ("dealer_id", "updated_at", "id"), False))
