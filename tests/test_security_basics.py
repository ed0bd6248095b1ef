"""Headers, cookies, session lifetimes, throttling, audit lines, operator CLI."""
import json
import logging
import pytest

from app import create_app
from tests.conftest import AuthActions
from web.security import CONTENT_SECURITY_POLICY


def audit_lines(caplog):
    return [json.loads(r.getMessage()) for r in caplog.records
            if r.name == "order_manager.security"]


@pytest.mark.parametrize("path", ["/login", "/orders", "/nope", "/healthz"])
def test_every_response_has_the_security_headers(demo, client, auth, path):
    auth.login()
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'",
                      "base-uri 'none'", "frame-ancestors 'none'",
                      "form-action 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # plain http here


def test_hsts_only_over_https(client):
    response = client.get("/login", base_url="https://orders.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_logged_in_pages_are_not_cached(demo, client, auth):
    auth.login()
    assert client.get("/orders").headers["Cache-Control"] == "no-store"


def test_test_and_demo_cookie_is_httponly_lax(client):
    cookie = client.get("/login?lang=en").headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_cookie_is_secure_and_host_prefixed(tmp_path, monkeypatch):
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    app = create_app({"SECRET_KEY": "a-long-production-secret-key-123",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}"})
    assert not app.config["TESTING"]
    response = app.test_client().get("/login",
                                     base_url="https://orders.example")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    for part in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert part in cookie
    assert "Domain" not in cookie


def test_inactivity_ends_the_session(demo, client, auth, caplog):
    caplog.set_level(logging.INFO, "order_manager.security")
    auth.login()
    with client.session_transaction() as session:
        session["seen_at"] -= 31 * 60
    assert client.get("/orders").status_code == 302
    expired = [l for l in audit_lines(caplog) if l["event"] == "session_expired"]
    assert expired[-1]["reason"] == "idle"


def test_absolute_lifetime_ends_an_active_session(demo, client, auth):
    auth.login()
    with client.session_transaction() as session:
        session["login_at"] -= 13 * 3600
    assert client.get("/orders").status_code == 302


def test_a_copied_cookie_is_dead_after_logout(demo, client, auth, app):
    auth.login()
    stolen = client.get_cookie("session").value
    auth.logout()
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/orders").status_code == 302


def test_logout_ends_only_that_session(demo, app):
    laptop, phone = app.test_client(), app.test_client()
    for client in (laptop, phone):
        AuthActions(client).login()
    AuthActions(laptop).logout()
    assert laptop.get("/orders").status_code == 302
    assert phone.get("/orders").status_code == 200


def test_deactivate_user_command_ends_sessions(demo, client, auth, runner):
    auth.login()
    result = runner.invoke(args=["deactivate-user", "demo"])
    assert result.exit_code == 0, result.output
    assert client.get("/orders").status_code == 302
    assert auth.login().status_code == 422
    assert runner.invoke(args=["deactivate-user", "nobody"]).exit_code != 0


def test_login_throttled_per_username_with_translated_page(demo, client):
    for _ in range(5):
        client.post("/login", data={"username": "demo", "password": "x"})
    response = client.post("/login?lang=en", data={"username": "demo",
                                                   "password": "demo"})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert "Retry-After" in response.headers
    fi = client.post("/login?lang=fi", data={"username": "DEMO ",
                                             "password": "x"})
    assert fi.status_code == 429 and "<html" in fi.get_data(as_text=True)
    # Another username from the same address still may try.
    other = client.post("/login", data={"username": "other",
                                        "password": "other"})
    assert other.status_code == 302


def test_login_throttled_per_address(demo, client):
    codes = [client.post("/login", data={"username": f"u{i}",
                                         "password": "x"}).status_code
             for i in range(21)]
    assert codes[:20] == [422] * 20 and codes[20] == 429


def test_successful_logins_do_not_count_against_the_username(demo, app):
    for _ in range(8):
        client = app.test_client()
        assert client.post("/login", data={"username": "demo",
                                           "password": "demo"}).status_code == 302


def test_audit_lines_are_json_with_utc_times(demo, client, auth, caplog):
    caplog.set_level(logging.INFO, "order_manager.security")
    client.post("/login", data={"username": "demo", "password": "bad"})
    auth.login()
    client.get("/desk")  # not a route, or an agent's: either way refused
    auth.logout()
    auth.login("agent")
    client.get("/orders")
    events = [line["event"] for line in audit_lines(caplog)]
    sessions = [e for e in events if e in ("login_failed", "login", "logout")]
    assert sessions[:3] == ["login_failed", "login", "logout"]
    assert "access_refused" in events
    for line in audit_lines(caplog):
        assert line["ts"].endswith("Z") and line["ip"] == "127.0.0.1"


def test_anonymous_refusal_is_logged(demo, client, caplog):
    caplog.set_level(logging.INFO, "order_manager.security")
    assert client.get("/orders").status_code == 302
    assert audit_lines(caplog)[-1]["reason"] == "login"


def test_csrf_failure_is_logged(demo, csrf_app, caplog):
    caplog.set_level(logging.INFO, "order_manager.security")
    response = csrf_app.test_client().post("/login", data={"username": "x"})
    assert response.status_code == 400
    assert audit_lines(caplog)[-1]["reason"] == "csrf"


def test_csp_constant_matches_the_header(client):
    assert client.get("/login").headers["Content-Security-Policy"] == \
        CONTENT_SECURITY_POLICY


def test_spoofed_forwarded_for_does_not_escape_the_throttle(demo, client):
    codes = [client.post("/login", data={"username": f"u{i}", "password": "x"},
                         headers={"X-Forwarded-For": f"198.51.100.{i}"})
             .status_code for i in range(21)]
    assert codes[-1] == 429


def test_replayed_submission_creates_nothing_new(demo, csrf_app):
    """Replayed with its token: the same request; after logout: nothing."""
    import re

    from models import AccountRequest, db
    from tests.hostile_crawl import baseline, parse_page
    token = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
    client = csrf_app.test_client()
    login = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"username": "demo", "password": "demo",
                                "csrf_token": token.search(login).group(1)})
    page = client.get("/settings/trade-accounts").get_data(as_text=True)
    form = next(f for f in parse_page("/settings/trade-accounts", page)[0]
                if f.action.endswith("/settings/trade-accounts"))
    data = dict(baseline(form), csrf_token=form.fields["csrf_token"])
    first = client.post(form.action, data=data)
    assert first.status_code == 302 and "/requests/" in first.headers["Location"]
    with db.connection_context():
        count = AccountRequest.select().count()
    again = client.post(form.action, data=data)
    assert again.headers["Location"] == first.headers["Location"]
    stolen = client.get_cookie("session").value
    client.post("/logout", data={"csrf_token": data["csrf_token"]})
    thief = csrf_app.test_client()
    thief.set_cookie("session", stolen)
    replay = thief.post(form.action, data=dict(data, idempotency_key="x" * 32))
    assert replay.status_code in (302, 400)
    assert "/requests/" not in replay.headers.get("Location", "")
    with db.connection_context():
        assert AccountRequest.select().count() == count
