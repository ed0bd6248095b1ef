"""Shared data for the trade account request tests."""
from models import Dealer, TradeAccount, TradeUser, db

KEY = "test-key-0123456789abcdef"


def site(code="20/90074"):
    with db.connection_context():
        return Dealer.get(Dealer.code == code)


def account(name="Kallion Autohuolto"):
    with db.connection_context():
        return TradeAccount.get(TradeAccount.name == name)


def first_user(account_name="Kallion Autohuolto"):
    with db.connection_context():
        return (TradeUser.select().join(TradeAccount)
                .where(TradeAccount.name == account_name)
                .order_by(TradeUser.email_key).first())


def create_data(**changes):
    data = {"kind": "create_account_and_user", "site": site().id,
            "name": "Uusi Korjaamo Oy", "address": "Mannerheimintie 1, Helsinki",
            "language": "fi", "notes": "", "email": "matti.meikalainen@uusi.example",
            "first_name": "Matti", "last_name": "Meikäläinen",
            "role": "workshop_manager", "user_language": "fi",
            "time_zone": "Europe/Helsinki", "idempotency_key": KEY}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def add_user_data(**changes):
    data = create_data(existing="y", current_name="Kallion Autohuolto",
                       name=None, address=None)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def edit_data(trade_user=None, **changes):
    """An edit form as a browser sends it after the values were filled in."""
    acc = account()
    data = {"kind": "edit_account_and_user", "site": acc.dealer_id,
            "current_name": acc.name, "name": acc.name, "address": acc.address,
            "language": acc.language, "notes": acc.notes,
            "filled_account": str(acc.id), "idempotency_key": KEY}
    if trade_user is not None:
        data.update({"edit_user": "y", "current_email": trade_user.email,
                     "email": trade_user.email,
                     "first_name": trade_user.first_name,
                     "last_name": trade_user.last_name,
                     "role": trade_user.role,
                     "user_language": trade_user.language,
                     "time_zone": trade_user.time_zone,
                     "filled_user": str(trade_user.id)})
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
