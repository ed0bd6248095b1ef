"""An account's audit trail: who changed what, when, by which request.

Shown on the dealer's account page and on the desk's request panel
(templates/accounts/_history.html); each view passes it in, one query.
"""
import json
from dataclasses import dataclass

from peewee import JOIN

from blueprints.trade_requests.display import field_label, field_value
from models import AccountChange, AccountRequest, TradeUser, User

HISTORY_LIMIT = 100


@dataclass(frozen=True)
class HistoryEntry:
    at: object
    actor: str
    reference: str
    subject: str          # the account name or the user's email
    is_user: bool
    rows: list            # [(label, before, after)]


def account_history(account, limit=HISTORY_LIMIT):
    """The newest changes of `account` first, each with its field rows."""
    changes = (AccountChange
               .select(AccountChange, User, AccountRequest, TradeUser)
               .join(User, JOIN.LEFT_OUTER, on=(AccountChange.actor == User.id))
               .switch(AccountChange)
               .join(AccountRequest, JOIN.LEFT_OUTER,
                     on=(AccountChange.request == AccountRequest.id))
               .switch(AccountChange)
               .join(TradeUser, JOIN.LEFT_OUTER,
                     on=(AccountChange.trade_user == TradeUser.id))
               .where(AccountChange.account == account.id)
               .order_by(AccountChange.at.desc(), AccountChange.id.desc())
               .limit(limit))
    return [_entry(change, account) for change in changes]


def _entry(change, account):
    section = "user" if change.trade_user_id else "account"
    try:
        fields = json.loads(change.changes or "{}")
    except ValueError:
        fields = {}
    rows = [(field_label(section, field), field_value(field, pair[0]),
             field_value(field, pair[1]))
            for field, pair in fields.items()]
    return HistoryEntry(
        at=change.at,
        actor=change.actor.display_name if change.actor_id else "",
        reference=change.request.reference if change.request_id else "",
        subject=change.trade_user.email if change.trade_user_id else account.name,
        is_user=bool(change.trade_user_id), rows=rows)

