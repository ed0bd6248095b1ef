"""Fixtures in the flaskr shape: a fresh temp-file database per test."""
import os
import random

import pytest

from app import create_app
from models import db
from models.base import is_sqlite
from models.schema import upgrade


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """Hashing demo passwords with scrypt dominates test time; tests don't
    test the hash's strength."""
    from models import people
    monkeypatch.setattr(people, "PASSWORD_HASH_METHOD", "pbkdf2:sha256:1000")


@pytest.fixture
def app(tmp_path):
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.db'}"
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "DATABASE_URL": url,
        "WTF_CSRF_ENABLED": False,
        "MAIL_SUPPRESS_SEND": True,
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
    })
    with db.connection_context():
        _reset_schema()
        upgrade()
    yield app
    if not db.is_closed():
        db.close()


def _reset_schema():
    """On a shared server database (PostgreSQL), start every test empty."""
    if not is_sqlite():
        db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


@pytest.fixture
def csrf_app(app):
    """The same app with CSRF protection on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


@pytest.fixture
def demo(app):
    """The demo data set with a few generated orders."""
    from demo.seed import seed_demo
    with db.connection_context():
        seed_demo(order_count=60, rng=random.Random(7))
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, username="demo", password=None):
        return self._client.post("/login", data={
            "username": username, "password": password or username})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


HTMX = {"HX-Request": "true", "HX-Request-Type": "partial"}


@pytest.fixture
def htmx_headers():
    """Headers htmx 4 sends for a request that swaps a page region."""
    return dict(HTMX)
