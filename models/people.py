"""Dealer sites, the people who log in, and which sites they belong to."""
from flask_login import UserMixin
from peewee import BooleanField, CharField, ForeignKeyField, IntegerField
from werkzeug.security import check_password_hash, generate_password_hash

from models import prepared
from models.base import BaseModel

# Werkzeug's strong default; tests swap in a cheap method to stay fast.
PASSWORD_HASH_METHOD = "scrypt"

ROLE_DEALER = "dealer"
ROLE_AGENT = "agent"


class Dealer(BaseModel):
    code = CharField(unique=True, max_length=32)
    name = CharField(max_length=200)
    location = CharField(max_length=100)
    country = CharField(max_length=2, default="FI")
    time_zone = CharField(max_length=64, default="Europe/Helsinki")

    @property
    def label(self):
        """The order list's "Dealer code and location": 20/90074 – Helsinki."""
        return f"{self.code} – {self.location}"


class User(UserMixin, BaseModel):
    username = CharField(unique=True, max_length=64)
    password_hash = CharField(max_length=255)
    display_name = CharField(max_length=200)
    email = CharField(max_length=254, default="")
    role = CharField(max_length=16, default=ROLE_DEALER)
    locale = CharField(max_length=8, null=True)
    time_zone = CharField(max_length=64, null=True)
    active = BooleanField(default=True)
    # Bumped to end every session of the user (deactivation, password change).
    session_version = IntegerField(default=1)

    @property
    def is_active(self):
        return self.active

    @property
    def is_agent(self):
        return self.role == ROLE_AGENT

    def get_id(self):
        return f"{self.id}:{self.session_version}"

    def set_password(self, password):
        self.password_hash = generate_password_hash(
            password, method=PASSWORD_HASH_METHOD)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def dealers(self):
        """The dealer sites this user belongs to, by code (a list)."""
        # Compiled once (models/prepared.py): every dealer page asks.
        text, params = prepared.sql(_sites_of, self.id)
        return list(Dealer.raw(text, *params))

    def dealer_ids(self):
        return [row[0] for row in prepared.rows(_site_ids_of, self.id)]


def _sites_of(user_id):
    return (Dealer.select().join(Membership)
            .where(Membership.user == user_id).order_by(Dealer.code))


def _site_ids_of(user_id):
    return (Membership.select(Membership.dealer)
            .where(Membership.user == user_id))


class Membership(BaseModel):
    user = ForeignKeyField(User, backref="memberships", on_delete="CASCADE")
    dealer = ForeignKeyField(Dealer, backref="memberships", on_delete="CASCADE")

    class Meta:
        indexes = ((("user", "dealer"), True),)
