"""A site's API keys: made once, stored as a hash, revocable."""
import datetime
import hashlib
import secrets

from models import ApiKey, Dealer, utcnow

KEY_PREFIX = "om_"
# last_used_at is written at most this often per key: not a write per call.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def hash_of(secret):
    """SHA-256 suffices: the key is 256 random bits, not a password."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(dealer, label, user=None):
    """(ApiKey, secret): the secret exists only in this return value."""
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.create(dealer=dealer, label=label.strip(),
                        prefix=secret[:10], key_hash=hash_of(secret),
                        created_by=user)
    return key, secret


def key_for_secret(secret):
    """The active key a presented secret belongs to, or None."""
    if not secret.startswith(KEY_PREFIX) or len(secret) > 100:
        return None
    return (ApiKey.select()
            .where((ApiKey.key_hash == hash_of(secret))
                   & ApiKey.revoked_at.is_null())
            .first())


def note_use(key):
    """Remember when a key was last used, to the minute."""
    now = utcnow()
    if key.last_used_at and now - key.last_used_at < LAST_USED_PRECISION:
        return
    ApiKey.update(last_used_at=now).where(ApiKey.id == key.id).execute()


def revoke(key):
    """Revoke `key`; False if it was revoked already."""
    return bool(ApiKey.update(revoked_at=utcnow())
                .where((ApiKey.id == key.id) & ApiKey.revoked_at.is_null())
                .execute())


def keys_of(dealer_ids):
    """The sites' keys with their site (one query), active ones first."""
    return (ApiKey.select(ApiKey, Dealer).join(Dealer)
            .where(ApiKey.dealer.in_(dealer_ids))
            .order_by(ApiKey.revoked_at.is_null(False), ApiKey.created_at.desc()))
