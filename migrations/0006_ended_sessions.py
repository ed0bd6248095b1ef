"""Sessions ended by logging out, until they would have expired anyway.

Session cookies are signed, not stored: a copy of one stays valid until its
absolute lifetime unless the server remembers that it was logged out.
"""
from peewee import CharField, DateTimeField, Model


def up(migrator, db):
    class EndedSession(Model):
        sid = CharField(primary_key=True, max_length=32)
        ends_at = DateTimeField(index=True)

        class Meta:
            database = db
            table_name = 'ended_session'
    db.create_tables([EndedSession])
