"""Every route of the app, and how to fill in its URL for a given dealer site.

The enumerating security tests walk app.url_map through this module, so a
route is covered the day it is added. A route whose URL holds an object
needs one line here saying how to make (or find) that object for a dealer
site; a route nobody registered fails the tests with a message saying so.
"""
import datetime
import hashlib
import itertools

import pytest

from demo.catalogue import OTHER_DEALER, SEED_DEALER
from models import (AccountRequest, ApiKey, Dealer, Membership, Order,
                    TradeAccount, TradeUser, User, WebhookDelivery,
                    WebhookEndpoint, WebhookEvent, db, utcnow)
from models.base import is_sqlite

# Open to anyone, logged in or not.
# The new-orders poll answers a logged-out tab with an element that stops
# polling (and no data), rather than a login page swapped into the header.
PUBLIC_ENDPOINTS = {"static", "index", "auth.login", "auth.logout",
                    "health.healthz", "orders.new_orders_poll"}
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
_counter = itertools.count(1)


def dealer(code):
    return Dealer.get(Dealer.code == code)


def own_site():
    """A site the demo dealer user belongs to."""
    return dealer(SEED_DEALER[0])


def other_site():
    """A site only the user `other` belongs to."""
    return dealer(OTHER_DEALER[0])


def _order_code(site):
    order = Order.select().where(Order.dealer == site).first()
    if order is None:
        pytest.fail(f"The demo data has no order for site {site.code}")
    return order.code


def _trade_account(site):
    return TradeAccount.select().where(TradeAccount.dealer == site).first()


def _trade_user(site):
    return (TradeUser.select().join(TradeAccount)
            .where(TradeAccount.dealer == site).first())


def _request_reference(site):
    """A request of the site: an existing one, else a minimal new one."""
    found = AccountRequest.select().where(AccountRequest.dealer == site).first()
    if found:
        return found.reference
    sender = (User.select().join(Membership)
              .where(Membership.dealer == site).first())
    account = _trade_account(site)
    n = next(_counter)
    return AccountRequest.create(
        reference=f"R-2026-9{site.id:02d}{n:03d}", dealer=site,
        submitted_by=sender, kind="edit_account_and_user", account=account,
        account_name=account.name, due_at=utcnow() + datetime.timedelta(days=2),
        idempotency_key=f"security-test-{site.id}-{n}").reference


def _api_key(site):
    return ApiKey.create(dealer=site, label="security test", prefix="om_test",
                         key_hash=f"security-{site.id}-{next(_counter)}")


def _endpoint(site):
    return (WebhookEndpoint.select().where(WebhookEndpoint.dealer == site)
            .first() or WebhookEndpoint.create(
                dealer=site, url="https://example.com/hooks",
                secret="whsec_c2VjdXJpdHktdGVzdC1zZWNyZXQ="))


def _delivery(site):
    event = WebhookEvent.create(
        dealer=site, message_id=f"msg_security_{next(_counter)}",
        type="order.created", order_code=_order_code(site), payload="{}")
    return WebhookDelivery.create(event=event, endpoint=_endpoint(site))


# URL argument name -> the value naming such an object of a dealer site.
OBJECT_MAKERS = {
    "code": _order_code,
    "reference": _request_reference,
    "ref": _request_reference,
    "account_id": lambda site: _trade_account(site).id,
    "trade_account_id": lambda site: _trade_account(site).id,
    "user_id": lambda site: _trade_user(site).id,
    "trade_user_id": lambda site: _trade_user(site).id,
    "key_id": lambda site: _api_key(site).id,
    "endpoint_id": lambda site: _endpoint(site).id,
    "delivery_id": lambda site: _delivery(site).id,
}
# Arguments that name no tenant object, with a harmless value.
PLAIN_VALUES = {("static", "filename"): "app.css"}
# (endpoint, argument) -> maker, where a name means something else there.
ENDPOINT_MAKERS = {}


def rules(app):
    """The app's session routes, in a stable order.

    The JSON API under /api/ authenticates each request with a site's key,
    not a session or a CSRF token; tests/test_api_errors.py walks its
    routes for the same refusals (401 without a key, 404 for another
    site's objects).
    """
    return sorted((rule for rule in app.url_map.iter_rules()
                   if not rule.endpoint.startswith("api.")),
                  key=lambda r: (r.rule, r.endpoint))


def api_rules(app):
    return sorted((rule for rule in app.url_map.iter_rules()
                   if rule.endpoint.startswith("api.")),
                  key=lambda r: (r.rule, r.endpoint))


def methods_of(rule):
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def required_role(app, rule):
    """'dealer' / 'agent' for views behind role_required, else None."""
    return getattr(app.view_functions[rule.endpoint], "required_role", None)


def has_object(rule):
    return any((rule.endpoint, arg) not in PLAIN_VALUES
               for arg in rule.arguments)


def url_values(rule, site):
    """URL values for `rule` naming objects of `site` (inside a db context)."""
    values = {}
    for arg in sorted(rule.arguments):
        if (rule.endpoint, arg) in PLAIN_VALUES:
            values[arg] = PLAIN_VALUES[(rule.endpoint, arg)]
            continue
        maker = ENDPOINT_MAKERS.get((rule.endpoint, arg)) or OBJECT_MAKERS.get(arg)
        if maker is None:
            pytest.fail(
                f"Route {rule.rule} ({rule.endpoint}) has the URL argument "
                f"{arg!r} and no fixture for it: add to OBJECT_MAKERS (or "
                f"ENDPOINT_MAKERS) in tests/security_routes.py how to get "
                f"such an object of a given dealer site.")
        values[arg] = maker(site)
    return values


def build_url(app, rule, site):
    with db.connection_context():
        values = url_values(rule, site)
    with app.test_request_context():
        from flask import url_for
        return url_for(rule.endpoint, **values)


def log_in_as(client, username):
    """A logged-in session without the login form (works with CSRF on)."""
    import time
    with db.connection_context():
        user = User.get(User.username == username)
    now = int(time.time())
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["sid"] = f"test-{user.id}-{now}"
        session["login_at"] = now
        session["seen_at"] = now
    return user


def stored_tables():
    """Every table holding rows. SQLite's FTS5 tables are left out: their
    rows live in their shadow tables (which are included), and the
    contentless code index cannot be read back at all."""
    tables = db.get_tables()
    if is_sqlite():
        virtual = {name for (name,) in db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql LIKE 'CREATE VIRTUAL TABLE%'")}
        tables = [table for table in tables if table not in virtual]
    return sorted(tables)


def fingerprint():
    """A digest of every row of every table: equal means nothing changed."""
    digest = hashlib.sha256()
    with db.connection_context():
        for table in stored_tables():
            rows = db.execute_sql(f'SELECT * FROM "{table}"').fetchall()
            digest.update(table.encode())
            for row in sorted(repr(tuple(r)) for r in rows):
                digest.update(row.encode())
    return digest.hexdigest()


def rule_id(rule):
    return f"{rule.endpoint}:{rule.rule}"
