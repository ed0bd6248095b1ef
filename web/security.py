"""Security headers, session cookies and lifetimes, login throttling, audit log.

A small after_request instead of Flask-Talisman: the policy we need is a
dozen lines, Talisman's HTTPS redirect and its own cookie handling would
overlap Flask's session settings and the load balancer's TLS, and one
dependency less is one audit finding less.
"""
import datetime
import json
import logging
import secrets
import time

from flask import abort, current_app, g, request, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user, logout_user, user_unauthorized
from peewee import SQL, fn
from werkzeug.middleware.proxy_fix import ProxyFix

from models import utcnow, write_transaction
from models.sessions import EndedSession
from web.clean_request import CONTROL_CHARACTERS

# No inline script or style anywhere: htmx is configured by a <meta>, its
# indicator CSS is a constructed stylesheet, behaviour lives in app.js.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])
HSTS = "max-age=31536000; includeSubDomains"
SECURE_COOKIE_NAME = "__Host-session"

audit_log = logging.getLogger("order_manager.security")

# Per-IP limits count every login POST; per-username limits count failures
# only, so a user is not locked out by their own successful logins.
LOGIN_LIMIT_PER_IP = "20 per minute; 200 per hour"
LOGIN_FAILURES_PER_USERNAME = "5 per minute; 30 per hour"

limiter = Limiter(key_func=get_remote_address, default_limits=[],
                  headers_enabled=True)


def _username_key():
    """The throttling key for the username typed in the login form."""
    name = (request.form.get("username") or "").strip().casefold()[:64]
    return f"login-user:{name}"


def _failed_login(response):
    return response.status_code == 422


def throttle_login(view):
    """Limit login attempts per IP address and per username (429 when hit)."""
    view = limiter.limit(LOGIN_FAILURES_PER_USERNAME, key_func=_username_key,
                         methods=["POST"], deduct_when=_failed_login)(view)
    return limiter.limit(LOGIN_LIMIT_PER_IP, methods=["POST"])(view)


def audit(event, **fields):
    """One structured line (JSON, UTC time) for a security-relevant event."""
    line = {"ts": datetime.datetime.now(datetime.timezone.utc)
            .isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "event": event}
    try:
        line.update(ip=request.remote_addr, method=request.method,
                    path=request.path[:200])
        if current_user and current_user.is_authenticated:
            line["user"] = current_user.username
    except RuntimeError:  # outside a request (CLI commands)
        pass
    line.update(fields)
    audit_log.info(json.dumps(line, ensure_ascii=False, default=str))


def retry_after_seconds():
    """Seconds until the limit just hit lets requests through again."""
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, int(current.reset_at - time.time()))


def _on_breach(request_limit):
    audit("throttled", limit=str(request_limit.limit))


def is_production(app):
    return not (app.config.get("TESTING") or app.config.get("DEMO_MODE")
                or app.debug)


def configure(app):
    """Cookie settings, proxy trust and limiter storage (before first use)."""
    secure = app.config.get("COOKIE_SECURE")
    if secure is None:
        secure = is_production(app)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_SECURE"] = secure
    if secure:
        # __Host-: only ever set over HTTPS, for this exact host, path /.
        app.config["SESSION_COOKIE_NAME"] = SECURE_COOKIE_NAME
        app.config["SESSION_COOKIE_DOMAIN"] = None
        app.config["SESSION_COOKIE_PATH"] = "/"
    # The browser forgets the cookie after the idle time; the server checks
    # both limits itself too (a copied cookie does not outlive them).
    app.config["PERMANENT_SESSION_LIFETIME"] = datetime.timedelta(
        minutes=app.config["SESSION_IDLE_MINUTES"])
    # The cookie is re-sent when the session changes, which its `seen_at`
    # does once a minute: the expiry still slides, and the other requests
    # skip signing and sending a new cookie.
    app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config["RATELIMIT_ON_BREACH_CALLBACK"] = _on_breach
    # The limiter would put its window's reset in Retry-After on every
    # answer; Retry-After belongs on 429s (web/errors.py) and on an API 409.
    app.config["RATELIMIT_HEADER_RETRY_AFTER"] = "X-RateLimit-Retry-After"
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:
        # Behind a load balancer: the client address and scheme come from
        # X-Forwarded-For / -Proto, trusted for exactly this many hops.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    limiter.init_app(app)


def start_session():
    """Called at login: a new session id, and the session's clocks start now."""
    now = int(time.time())
    session.permanent = True
    session["sid"] = secrets.token_urlsafe(16)
    session["login_at"] = now
    session["seen_at"] = now


def end_session():
    """Called at logout: this session's cookie (and any copy) is dead.

    The id is remembered until the session's absolute lifetime is over;
    older entries are dropped on the way.
    """
    sid = session.get("sid")
    if not sid:
        return
    now = utcnow()
    ends_at = now + datetime.timedelta(
        hours=current_app.config["SESSION_MAX_HOURS"])
    with write_transaction():
        EndedSession.delete().where(EndedSession.ends_at < now).execute()
        (EndedSession.insert(sid=sid, ends_at=ends_at)
         .on_conflict_ignore().execute())


def session_id():
    """This session's id (None: a session without one is never live)."""
    sid = session.get("sid")
    return sid if isinstance(sid, str) and sid else None


def session_not_ended(sid):
    """A condition that session `sid` was not logged out.

    The user loader checks the session in the same query as the user.
    """
    return ~fn.EXISTS(EndedSession.select(SQL("1"))
                      .where(EndedSession.sid == sid))


def _session_expired():
    """End a logged-in session past its idle time or its absolute lifetime."""
    if "_user_id" not in session:
        return
    now = int(time.time())
    config = current_app.config
    idle = config["SESSION_IDLE_MINUTES"] * 60
    absolute = config["SESSION_MAX_HOURS"] * 3600
    login_at, seen_at = session.get("login_at", 0), session.get("seen_at", 0)
    if now - seen_at > idle or now - login_at > absolute:
        reason = "idle" if now - seen_at > idle else "lifetime"
        audit("session_expired", reason=reason)
        logout_user()
        session.clear()
        return
    # A minute's precision is plenty for the idle timeout; the changed
    # session also re-sends the cookie with its expiry moved on.
    if now - seen_at >= 60:
        session["seen_at"] = now


def _path_hygiene():
    """A control character in the URL path names nothing: 404. (Query
    values arrive cleaned of them: web/clean_request.py.)"""
    if any(CONTROL_CHARACTERS.search(str(value))
           for value in (request.view_args or {}).values()):
        abort(404)


def _headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy",
                       "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    # Pages with customers' data stay out of shared and back-button caches.
    if g.get("_login_user_seen") and request.endpoint != "static" \
            and "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store"
    return response


def _log_handler():
    """JSON lines on stderr, unless the host already routes logging."""
    audit_log.setLevel(logging.INFO)
    if not audit_log.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        audit_log.addHandler(handler)


def register(app):
    configure(app)
    _log_handler()

    @app.before_request
    def check_session_age():
        _path_hygiene()
        _session_expired()
        g._login_user_seen = "_user_id" in session

    app.after_request(_headers)
    # Anonymous requests for pages that need a login (sent to the login page).
    user_unauthorized.connect(_refused_anonymous, app, weak=False)


def _refused_anonymous(sender, **extra):
    audit("access_refused", reason="login")
