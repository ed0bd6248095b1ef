"""Trade accounts (repair shops on the marketplace) and their users."""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField,
                    TextField)

from models.base import BaseModel, utcnow
from models.people import Dealer


class TradeAccount(BaseModel):
    dealer = ForeignKeyField(Dealer, backref="trade_accounts")
    name = CharField(max_length=120)
    # Lower-cased name: names are unique per dealer regardless of case.
    name_key = CharField(max_length=120)
    address = CharField(max_length=300, default="")
    country = CharField(max_length=2, default="FI")
    language = CharField(max_length=8, default="fi")
    notes = TextField(default="")
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("dealer", "name_key"), True),)

    @staticmethod
    def key_for(name):
        return " ".join(name.split()).casefold()


class TradeUser(BaseModel):
    account = ForeignKeyField(TradeAccount, backref="users")
    email = CharField(max_length=254)
    email_key = CharField(max_length=254, index=True)
    first_name = CharField(max_length=80)
    last_name = CharField(max_length=80)
    role = CharField(max_length=32)
    language = CharField(max_length=8, default="fi")
    time_zone = CharField(max_length=64, default="Europe/Helsinki")
    market_access = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    @staticmethod
    def key_for(email):
        return (email or "").strip().lower()

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def name_and_email(self):
        """"Matti Meikäläinen <matti@korjaamo.example>", as mail shows people."""
        name = self.full_name
        return f"{name} <{self.email}>" if name else self.email

