"""Settings from the environment. Nothing secret lives in the source."""
import os

import click

INSECURE_DEV_KEY = "dev-only-not-secret"


def from_environment(instance_path):
    """The app's settings, read once when the app is created."""
    demo = os.environ.get("DEMO_MODE", "") == "1"
    default_db = "sqlite:///" + os.path.join(instance_path, "order_manager.db")
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or (
            INSECURE_DEV_KEY if demo else None),
        "DATABASE_URL": os.environ.get("DATABASE_URL", default_db),
        "DEMO_MODE": demo,
        "MARKETPLACE_NAME": os.environ.get("MARKETPLACE_NAME",
                                           "Microcat Market"),
        "SUPPORT_EMAIL": os.environ.get("SUPPORT_EMAIL",
                                        "customer.service@example.com"),
        "SUPPORT_PHONE": os.environ.get("SUPPORT_PHONE", "+358 9 000 0000"),
        "BABEL_DEFAULT_LOCALE": "fi",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Helsinki",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "PAGE_SIZE": 50,
        # The share of requests processed on time the marketplace promises.
        "SLA_TARGET_PERCENT": _percent(os.environ.get("SLA_TARGET_PERCENT"),
                                       95),
        # Security (web/security.py; docs/OPERATIONS.md explains each).
        "SESSION_IDLE_MINUTES": int(os.environ.get("SESSION_IDLE_MINUTES", 30)),
        "SESSION_MAX_HOURS": int(os.environ.get("SESSION_MAX_HOURS", 12)),
        "COOKIE_SECURE": _flag(os.environ.get("SESSION_COOKIE_SECURE")),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI",
                                                "memory://"),
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", 0)),
        # The integration API (README "Connecting the marketplace").
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT",
                                         "1200 per minute; 20000 per hour"),
        "API_MAX_BODY_BYTES": int(os.environ.get("API_MAX_BODY_BYTES",
                                                 256 * 1024)),
        # Webhooks to loopback or private addresses: demo and tests only.
        "WEBHOOKS_ALLOW_INTERNAL": demo or _flag(
            os.environ.get("WEBHOOKS_ALLOW_INTERNAL")) is True,
        "NEW_ORDERS_POLL_SECONDS": int(os.environ.get(
            "NEW_ORDERS_POLL_SECONDS", 10)),
        **mail_settings(instance_path),
    }


def mail_settings(instance_path):
    """Flask-Mail's SMTP settings. Without MAIL_SERVER nothing is sent:
    messages go to an .eml outbox folder (instance/outbox by default)."""
    server = os.environ.get("MAIL_SERVER", "")
    return {
        "MAIL_SERVER": server or "localhost",
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", 587)),
        "MAIL_USE_TLS": _flag(os.environ.get("MAIL_USE_TLS")) is not False,
        "MAIL_USE_SSL": bool(_flag(os.environ.get("MAIL_USE_SSL"))),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_DEFAULT_SENDER": os.environ.get(
            "MAIL_DEFAULT_SENDER", "Order Manager <no-reply@example.com>"),
        "MAIL_SUPPRESS_SEND": not server,
        "MAIL_OUTBOX_DIR": os.environ.get("MAIL_OUTBOX_DIR") or (
            "" if server else os.path.join(instance_path, "outbox")),
    }


def _percent(value, default):
    """A whole percentage 0–100 from the environment; refuses anything else."""
    if value in (None, ""):
        return default
    number = int(value)
    if not 0 <= number <= 100:
        raise ValueError(f"A percentage must be 0–100, not {value!r}")
    return number


def _flag(value):
    """"1"/"0" from the environment; None when unset (the default applies)."""
    if value in (None, ""):
        return None
    return value.strip().lower() in ("1", "true", "yes", "on")


def check_secret_key(app):
    """Outside demo, debug and tests a serving app refuses a missing or dev
    key. Other commands (init-db, seed-demo, api-keys …) sign nothing."""
    if app.config.get("TESTING") or app.debug or app.config.get("DEMO_MODE"):
        return
    if not _serving():
        return
    key = app.config.get("SECRET_KEY")
    if not key or key == INSECURE_DEV_KEY or len(key) < 16:
        raise RuntimeError(
            "SECRET_KEY is missing or too short: set a long random SECRET_KEY "
            "in the environment (or DEMO_MODE=1 for the local demo).")


def _serving():
    """False while a `flask` command other than `run` builds the app.

    The key signs sessions and CSRF tokens, which only serving makes. A
    WSGI server (gunicorn) builds the app outside any click command.
    """
    from flask.cli import FlaskGroup
    ctx = click.get_current_context(silent=True)
    if ctx is None or not isinstance(ctx.find_root().command, FlaskGroup):
        return True
    return ctx.command.name == "run"
