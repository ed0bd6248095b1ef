"""The initial schema: dealers, people, trade accounts, orders, requests."""
# Generated from a schema diff; Python-side defaults (utcnow) live in the models.
from peewee import *


def up(migrator, db):
    class Dealer(Model):
        code = CharField(unique=True, max_length=32)
        name = CharField(max_length=200)
        location = CharField(max_length=100)
        country = CharField(max_length=2, default='FI')
        time_zone = CharField(max_length=64, default='Europe/Helsinki')
        class Meta:
            database = db
            table_name = 'dealer'
    db.create_tables([Dealer])

    class TradeAccount(Model):
        dealer = ForeignKeyField(Dealer)
        name = CharField(max_length=120)
        name_key = CharField(max_length=120)
        address = CharField(max_length=300, default='')
        country = CharField(max_length=2, default='FI')
        language = CharField(max_length=8, default='fi')
        notes = TextField(default='')
        active = BooleanField(default=True)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'trade_account'
            indexes = ((('dealer', 'name_key'), True),)
    db.create_tables([TradeAccount])

    class TradeUser(Model):
        account = ForeignKeyField(TradeAccount)
        email = CharField(max_length=254)
        email_key = CharField(index=True, max_length=254)
        first_name = CharField(max_length=80)
        last_name = CharField(max_length=80)
        role = CharField(max_length=32)
        language = CharField(max_length=8, default='fi')
        time_zone = CharField(max_length=64, default='Europe/Helsinki')
        market_access = BooleanField(default=True)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'trade_user'
    db.create_tables([TradeUser])

    class User(Model):
        username = CharField(unique=True, max_length=64)
        password_hash = CharField()
        display_name = CharField(max_length=200)
        email = CharField(max_length=254, default='')
        role = CharField(max_length=16, default='dealer')
        locale = CharField(null=True, max_length=8)
        time_zone = CharField(null=True, max_length=64)
        active = BooleanField(default=True)
        session_version = IntegerField(default=1)
        class Meta:
            database = db
            table_name = 'user'
    db.create_tables([User])

    class AccountRequest(Model):
        reference = CharField(unique=True, max_length=20)
        dealer = ForeignKeyField(Dealer)
        submitted_by = ForeignKeyField(User)
        kind = CharField(max_length=32)
        account = ForeignKeyField(TradeAccount, null=True)
        trade_user = ForeignKeyField(TradeUser, null=True)
        account_name = CharField(max_length=120)
        user_email = CharField(max_length=254, default='')
        requested = TextField(default='{}')
        snapshot = TextField(default='{}')
        status = CharField(index=True, max_length=16, default='submitted')
        submitted_at = DateTimeField()
        due_at = DateTimeField(index=True)
        handled_by = ForeignKeyField(User, null=True)
        resolved_at = DateTimeField(null=True)
        resolution_note = TextField(default='')
        idempotency_key = CharField(unique=True, max_length=64)
        class Meta:
            database = db
            table_name = 'account_request'
            indexes = ((('dealer', 'submitted_at'), False),)
    db.create_tables([AccountRequest])

    class AccountChange(Model):
        account = ForeignKeyField(TradeAccount)
        trade_user = ForeignKeyField(TradeUser, null=True)
        request = ForeignKeyField(AccountRequest, null=True)
        actor = ForeignKeyField(User, null=True)
        at = DateTimeField(index=True)
        changes = TextField(default='{}')
        class Meta:
            database = db
            table_name = 'account_change'
    db.create_tables([AccountChange])

    class Counter(Model):
        name = CharField(primary_key=True, max_length=32)
        value = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'counter'
    db.create_tables([Counter])

    class Membership(Model):
        user = ForeignKeyField(User, on_delete='CASCADE')
        dealer = ForeignKeyField(Dealer, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'membership'
            indexes = ((('user', 'dealer'), True),)
    db.create_tables([Membership])

    class RequestEvent(Model):
        request = ForeignKeyField(AccountRequest, on_delete='CASCADE')
        actor = ForeignKeyField(User, null=True)
        at = DateTimeField()
        kind = CharField(max_length=24)
        note = TextField(default='')
        internal = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'request_event'
    db.create_tables([RequestEvent])

    class Notification(Model):
        user = ForeignKeyField(User, on_delete='CASCADE')
        request = ForeignKeyField(AccountRequest, on_delete='CASCADE')
        event = ForeignKeyField(RequestEvent, null=True, on_delete='CASCADE')
        at = DateTimeField()
        read = BooleanField(index=True, default=False)
        class Meta:
            database = db
            table_name = 'notification'
    db.create_tables([Notification])

    class Order(Model):
        dealer = ForeignKeyField(Dealer)
        account = ForeignKeyField(TradeAccount)
        customer_name = CharField(max_length=120)
        code = CharField(unique=True, max_length=24)
        po_number = CharField(max_length=40)
        created_at = DateTimeField(index=True)
        status = CharField(max_length=16, default='new')
        total_cents = IntegerField(default=0)
        currency = CharField(max_length=3, default='EUR')
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'order'
            indexes = ((('dealer', 'created_at'), False), (('dealer', 'status', 'created_at'), False))
    db.create_tables([Order])

    class OrderEvent(Model):
        order = ForeignKeyField(Order, on_delete='CASCADE')
        user = ForeignKeyField(User, null=True)
        at = DateTimeField()
        from_status = CharField(max_length=16)
        to_status = CharField(max_length=16)
        class Meta:
            database = db
            table_name = 'order_event'
    db.create_tables([OrderEvent])

    class OrderLine(Model):
        order = ForeignKeyField(Order, on_delete='CASCADE')
        line_no = IntegerField()
        part_number = CharField(max_length=40)
        description = CharField(max_length=200)
        quantity = IntegerField()
        unit_price_cents = IntegerField()
        class Meta:
            database = db
            table_name = 'order_line'
    db.create_tables([OrderLine])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('order_line'))
    migrator.migrate(migrator.drop_table('order_event'))
    migrator.migrate(migrator.drop_table('order'))
    migrator.migrate(migrator.drop_table('notification'))
    migrator.migrate(migrator.drop_table('request_event'))
    migrator.migrate(migrator.drop_table('membership'))
    migrator.migrate(migrator.drop_table('counter'))
    migrator.migrate(migrator.drop_table('account_change'))
    migrator.migrate(migrator.drop_table('account_request'))
    migrator.migrate(migrator.drop_table('user'))
    migrator.migrate(migrator.drop_table('trade_user'))
    migrator.migrate(migrator.drop_table('trade_account'))
    migrator.migrate(migrator.drop_table('dealer'))
