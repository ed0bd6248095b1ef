"""The peewee models. Import from here; the modules split them by area."""
from models.accounts import TradeAccount, TradeUser
from models.base import BaseModel, db, open_database, utcnow, write_transaction
from models.integrations import (ApiKey, IdempotencyRecord, WebhookAttempt,
                                 WebhookDelivery, WebhookEndpoint,
                                 WebhookEvent)
from models.orders import (ORDER_STATUSES, STATUS_CANCELLED, STATUS_COMPLETE,
                           STATUS_IN_PROGRESS, STATUS_NEW, VIA_API, Order,
                           OrderEvent, OrderLine)
from models.people import ROLE_AGENT, ROLE_DEALER, Dealer, Membership, User
from models.notices import Notification
from models.requests import (AccountChange, AccountRequest, Counter,
                             RequestEvent)
from models.site_notices import SiteNotice, SiteNoticeRead

ALL_MODELS = [Dealer, User, Membership, TradeAccount, TradeUser, Order,
              OrderLine, OrderEvent, AccountRequest, RequestEvent,
              Notification, AccountChange, Counter, ApiKey, IdempotencyRecord,
              WebhookEndpoint, WebhookEvent, WebhookDelivery, WebhookAttempt,
              SiteNotice, SiteNoticeRead]

__all__ = [m.__name__ for m in ALL_MODELS] + [
    "ALL_MODELS", "BaseModel", "db", "open_database", "utcnow",
    "write_transaction", "ORDER_STATUSES", "STATUS_NEW", "STATUS_IN_PROGRESS",
    "STATUS_COMPLETE", "STATUS_CANCELLED", "VIA_API", "ROLE_AGENT", "ROLE_DEALER"]
