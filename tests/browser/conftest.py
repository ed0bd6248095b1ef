"""Browser tests: the real app on a local port, driven in system Chromium.

Chromium comes from Debian (/usr/bin/chromium, or CHROMIUM_PATH). Where it
cannot be found the tests skip with the reason, except under CI=true,
where a missing browser is a failure.
"""
import os
import random
import shutil

import pytest
from werkzeug.serving import make_server

from app import create_app
from models import db
from models.schema import upgrade
from tests.served import ServedInThread

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def chromium_path():
    candidates = [os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium",
                  shutil.which("chromium"), shutil.which("chromium-browser")]
    return next((c for c in candidates if c and os.path.exists(c)), None)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = "No Chromium found (install Debian's chromium or set CHROMIUM_PATH)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class LiveServer(ServedInThread):
    """The app served by werkzeug in a thread, on a free local port."""

    def __init__(self, app):
        self.app = app
        super().__init__(make_server("127.0.0.1", 0, app, threaded=True))
        self.url = f"http://127.0.0.1:{self.server.server_port}"


@pytest.fixture
def live_server(tmp_path):
    """A fresh demo database and the app serving it, with CSRF on."""
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'live.db'}"
    app = create_app({"TESTING": True, "DATABASE_URL": url,
                      "SECRET_KEY": "browser-test-secret-key-0123456789",
                      "MAIL_SUPPRESS_SEND": True,
                      "MAIL_OUTBOX_DIR": str(tmp_path / "outbox")})
    from demo.seed import seed_demo
    with db.connection_context():
        if url.startswith("postgres"):
            db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        upgrade()
        seed_demo(order_count=200, rng=random.Random(11))
    with LiveServer(app) as server:
        yield server


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(10000)
    page.base_url = live_server.url
    yield page
    context.close()


def log_in(page, username="demo", password=None, lang="en"):
    """Log in through the form, as a person would."""
    page.goto(f"{page.base_url}/login?lang={lang}")
    labels = {"en": ("Username", "Password", "Log in"),
              "fi": ("Käyttäjätunnus", "Salasana", "Kirjaudu sisään")}[lang]
    page.get_by_label(labels[0]).fill(username)
    page.get_by_label(labels[1]).fill(password or username)
    page.get_by_role("button", name=labels[2]).click()
    page.wait_for_load_state()


def serious_axe_violations(page):
    """axe-core's serious and critical violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page)
    return [v for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")]
