"""Logged-out sessions, remembered until their absolute lifetime is over."""
from peewee import CharField, DateTimeField

from models.base import BaseModel


class EndedSession(BaseModel):
    """A session id whose cookie must no longer log anyone in (0006)."""
    sid = CharField(primary_key=True, max_length=32)
    # After this the session would have expired anyway: the row can go.
    ends_at = DateTimeField(index=True)
