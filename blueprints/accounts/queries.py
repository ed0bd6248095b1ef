"""Trade account queries, scoped to the dealer sites a user belongs to."""
from peewee import fn

from models import Dealer, TradeAccount, TradeUser


def matching_accounts(site_ids, q=""):
    """Accounts matching `q` by name, or by one of their users' email/name,
    in list order."""
    query = (TradeAccount.select(TradeAccount, Dealer).join(Dealer)
             .where(TradeAccount.dealer.in_(site_ids)))
    if q:
        key = TradeAccount.key_for(q)
        matching_users = (TradeUser.select(TradeUser.account)
                          .where(TradeUser.email_key.contains(key.lower())
                                 | fn.LOWER(TradeUser.first_name).contains(key)
                                 | fn.LOWER(TradeUser.last_name).contains(key)))
        query = query.where(TradeAccount.name_key.contains(key)
                            | TradeAccount.id.in_(matching_users))
    return query.order_by(TradeAccount.name_key, TradeAccount.id)


def account_for_user(account_id, site_ids):
    return (TradeAccount.select(TradeAccount, Dealer).join(Dealer)
            .where((TradeAccount.id == account_id)
                   & TradeAccount.dealer.in_(site_ids)).first())


def users_of(account):
    return list(TradeUser.select().where(TradeUser.account == account)
                .order_by(TradeUser.last_name, TradeUser.first_name,
                          TradeUser.id))


def users_by_account(accounts):
    """{account id: [users]} for a page of accounts, in one query."""
    grouped = {account.id: [] for account in accounts}
    if grouped:
        for user in (TradeUser.select()
                     .where(TradeUser.account.in_(list(grouped)))
                     .order_by(TradeUser.last_name, TradeUser.first_name)):
            grouped[user.account_id].append(user)
    return grouped
