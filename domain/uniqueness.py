"""What must be unique among trade accounts and users, decided once.

The request form refuses a request that would break these rules and the
desk's Apply refuses to carry one out; both ask here, so they cannot
disagree about the same values.

- An account's name is unique within its dealer site, whatever its case
  and spacing, inactive accounts included (the database's unique index
  says so too). Another site may have an account of the same name.
- An e-mail address is unique among the marketplace's active users, on
  every site: users with marketplace access in an active trade account.
  A user without access, or of an inactive account, holds no address.
"""
from models.accounts import TradeAccount, TradeUser


def name_key(name):
    """Account names compare without case and extra spaces."""
    return TradeAccount.key_for(name or "")


def email_key(email):
    """E-mail addresses compare without case and outer spaces."""
    return TradeUser.key_for(email)


def name_taken(dealer_id, name, except_account_id=None):
    """True when another account of the dealer site has this name."""
    query = TradeAccount.select().where(
        (TradeAccount.dealer == dealer_id)
        & (TradeAccount.name_key == name_key(name)))
    if except_account_id is not None:
        query = query.where(TradeAccount.id != except_account_id)
    return query.exists()


def email_in_use(email, except_user_id=None):
    """True when another active user of the marketplace has this address."""
    query = (TradeUser.select().join(TradeAccount)
             .where((TradeUser.email_key == email_key(email))
                    & (TradeUser.market_access == True)  # noqa: E712
                    & (TradeAccount.active == True)))  # noqa: E712
    if except_user_id is not None:
        query = query.where(TradeUser.id != except_user_id)
    return query.exists()


def email_clash(email, has_access, user=None):
    """True when `user` (None: a new user) would share `email` with another
    active user after a change that leaves them with access `has_access`.

    A user without access holds no address; a user who already holds this
    address with access keeps it, even where an old duplicate exists, so
    an edit of their role is not refused for an address it leaves alone.
    """
    if not has_access:
        return False
    if user is not None and user.market_access \
            and user.email_key == email_key(email):
        return False
    return email_in_use(email, user.id if user is not None else None)
