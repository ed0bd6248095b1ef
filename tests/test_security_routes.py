"""Enumerating tests: every route of app.url_map, checked as an attacker would.

Each test walks the URL map (tests/security_routes.py fills in the URLs), so
routes added later are covered without touching this file, and reports
every failing route at once.
"""
import re

from tests.conftest import HTMX
from tests.security_routes import (PUBLIC_ENDPOINTS, STATE_CHANGING, build_url,
                             fingerprint, has_object, log_in_as, methods_of,
                             other_site, own_site, required_role, rule_id,
                             rules)

OTHER_ROLE = {"dealer": "agent", "agent": "demo"}


class Crashed:
    """Stands for a response when the view raised (a 500 in production)."""

    def __init__(self, error):
        self.status_code = f"500 ({type(error).__name__}: {error})"[:300]
        self.headers = {}


def _send(client, method, url, **kwargs):
    try:
        response = client.open(url, method=method, **kwargs)
    except Exception as error:  # noqa: BLE001  every crash is a finding
        return Crashed(error)
    response.get_data()  # run streamed bodies (CSV) to the end
    response.close()
    return response


def test_the_registry_knows_every_route(demo):
    """A new route with an object in its URL must say how to make one."""
    for rule in rules(demo):
        if rule.arguments:
            build_url(demo, rule, own_site())


def test_every_state_changing_route_refuses_a_missing_or_forged_token(
        demo, csrf_app):
    """No token, a made-up token, another session's token: 400, no change."""
    donor = csrf_app.test_client()
    donor.get("/login")
    with donor.session_transaction() as session:
        stolen = session["csrf_token"]
    from flask_wtf.csrf import generate_csrf
    with csrf_app.test_request_context():
        foreign = generate_csrf()  # signed with our key, for another session
    failures = []
    for rule in rules(csrf_app):
        for method in set(methods_of(rule)) & STATE_CHANGING:
            url = build_url(csrf_app, rule, own_site())
            for username in (None, "demo", "agent"):
                client = csrf_app.test_client()
                if username:
                    log_in_as(client, username)
                for token in (None, "forged", stolen, foreign):
                    data = {"csrf_token": token} if token else {}
                    before = fingerprint()
                    response = _send(client, method, url, data=data)
                    if response.status_code != 400 or fingerprint() != before:
                        failures.append(f"{method} {url} as {username} with "
                                        f"token {token!r}: "
                                        f"{response.status_code}")
    assert not failures, "\n".join(failures)


def test_the_csrf_refusal_is_a_translated_page(demo, csrf_app):
    client = csrf_app.test_client()
    page = client.post("/logout?lang=en")
    assert page.status_code == 400 and "<html" in page.get_data(as_text=True)
    assert "Reload the page" in page.get_data(as_text=True)
    partial = client.post("/logout?lang=fi", headers=HTMX)
    assert partial.status_code == 400
    assert "<html" not in partial.get_data(as_text=True)


def test_every_object_route_hides_another_sites_objects(demo, app):
    """demo's sites do not include other's: each such URL answers 404."""
    client = app.test_client()
    log_in_as(client, "demo")
    failures, checked = [], 0
    for rule in rules(app):
        if not has_object(rule) or required_role(app, rule) == "agent":
            continue  # agents see every site; the role test covers them
        url = build_url(app, rule, other_site())
        for method in methods_of(rule):
            for headers in ({}, HTMX):
                before = fingerprint()
                response = _send(client, method, url, headers=headers)
                checked += 1
                if response.status_code != 404 or fingerprint() != before:
                    failures.append(f"{method} {url}: {response.status_code}")
    assert not failures, "\n".join(failures)
    assert checked >= 4  # at least the order detail and status change


def test_every_role_route_refuses_the_other_role(demo, app):
    failures, checked = [], 0
    for rule in rules(app):
        role = required_role(app, rule)
        if role is None:
            continue
        client = app.test_client()
        log_in_as(client, OTHER_ROLE[role])
        url = build_url(app, rule, own_site())
        for method in methods_of(rule):
            before = fingerprint()
            response = _send(client, method, url, data={"q": "x"})
            checked += 1
            if response.status_code != 404 or fingerprint() != before:
                failures.append(f"{method} {url} ({role} only) as the other "
                                f"role: {response.status_code}")
    assert not failures, "\n".join(failures)
    assert checked >= 4


def test_every_non_public_route_needs_a_login(demo, app):
    """Anything not listed as public redirects anonymous users to the login."""
    client = app.test_client()
    failures = []
    for rule in rules(app):
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        url = build_url(app, rule, own_site())
        for method in methods_of(rule):
            response = _send(client, method, url)
            location = response.headers.get("Location", "")
            if not (response.status_code in (302, 303, 401)
                    and "/login" in location or response.status_code == 401):
                failures.append(
                    f"{method} {url}: {response.status_code} (list it in "
                    f"PUBLIC_ENDPOINTS if it is meant to be public)")
    assert not failures, "\n".join(failures)


def test_no_get_changes_state(demo, app):
    """GET every route as nobody, a dealer and an agent: no row changes."""
    failures = []
    for username in (None, "demo", "other", "agent"):
        client = app.test_client()
        if username:
            log_in_as(client, username)
        for rule in rules(app):
            if "GET" not in rule.methods:
                continue
            url = build_url(app, rule, own_site())
            for headers in ({}, HTMX):
                before = fingerprint()
                response = _send(client, "GET", url, headers=headers)
                if fingerprint() != before:
                    failures.append(f"GET {url} as {username} changed the "
                                    f"database ({response.status_code})")
                if not isinstance(response.status_code, int) \
                        or response.status_code >= 500:
                    failures.append(f"GET {url} as {username}: "
                                    f"{response.status_code}")
    assert not failures, "\n".join(failures)


def test_a_valid_token_is_accepted(demo, csrf_app):
    """The control for the refusals above: the same POST with its token works."""
    client = csrf_app.test_client()
    log_in_as(client, "demo")
    page = client.get("/orders").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302


def test_no_form_or_query_reaches_another_sites_objects(demo, app):
    """Another site's ids typed into any field or parameter: no leak, no write.

    Every form and query parameter the crawl finds is sent with the other
    site's dealer, trade account and trade user ids in each field that
    could name them (and in its usual tenant-field names).
    """
    from models import AccountRequest, AccountChange, TradeAccount, TradeUser
    from models import db as database
    from tests.hostile_crawl import baseline, crawl
    with database.connection_context():
        site = other_site()
        account = TradeAccount.select().where(TradeAccount.dealer == site).first()
        user = TradeUser.select().where(TradeUser.account == account).first()
        before = (AccountRequest.select().count(), AccountChange.select().count())
    ids = {"site": site.id, "dealer": site.id, "account": account.id,
           "account_id": account.id, "existing": account.id,
           "user": user.id, "trade_user": user.id, "user_id": user.id}
    secrets_of_other = (account.name, account.address, user.email)
    client = app.test_client()
    log_in_as(client, "demo")
    surface = crawl(app, client)
    failures = []
    for form in surface.forms.values():
        kinds = form.choices.get("kind") or [None]
        for kind in kinds:
            data = dict(baseline(form), **{k: v for k, v in ids.items()
                                           if k in form.fields or k in ids})
            if kind:
                data["kind"] = kind
            for send in (_as_query, _as_form):
                response = send(client, form, data)
                body = response.get_data(as_text=True)
                response.close()
                leaked = [s for s in secrets_of_other if s in body]
                if leaked or response.status_code >= 500:
                    failures.append(f"{form.method} {form.action} kind={kind}"
                                    f": {response.status_code} {leaked}")
    with database.connection_context():
        wrote = (AccountRequest.select().where(
            (AccountRequest.dealer == site) | (AccountRequest.account == account)
            | (AccountRequest.trade_user == user)).count())
        assert (AccountRequest.select().count(), AccountChange.select().count()) \
            >= before
    assert not failures, "\n".join(failures)
    assert wrote == 0, f"{wrote} requests name another site's objects"
    # The control: the request form's prefill does honour the user's own
    # ids, so the leak check above would have seen another site's.
    with database.connection_context():
        own = TradeAccount.select().where(
            TradeAccount.dealer == own_site()).first()
    query = {"kind": "edit_account_and_user", "site": own.dealer_id}
    plain = client.get("/settings/trade-accounts", query_string=query)
    filled = client.get("/settings/trade-accounts",
                        query_string=dict(query, account=own.id))
    assert own.address not in plain.get_data(as_text=True)
    assert own.address in filled.get_data(as_text=True)


def _as_query(client, form, data):
    return client.get(form.action, query_string=data)


def _as_form(client, form, data):
    if form.method != "POST":
        return client.get(form.action, query_string=data, headers=HTMX)
    return client.post(form.action, data=data)
