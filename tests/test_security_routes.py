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
