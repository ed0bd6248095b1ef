"""Browser tests: the real app on a local port, driven in system Chromium.

Chromium comes from Debian (/usr/bin/chromium, or CHROMIUM_PATH). Where it
cannot be found the tests skip with the reason, except under CI=true,
where a missing browser is a failure.
"""
import os
import random
import re
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
        yield WatchedBrowser(browser)
        browser.close()


# The page reports each Content-Security-Policy violation as a console error
# too (Chromium's own "Refused to …" line may be missing or worded otherwise).
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
  console.error('securitypolicyviolation: ' + event.violatedDirective + ' '
                + event.blockedURI + ' ' + (event.sample || ''));
});
"""
# A 4xx answer is swapped by htmx 4 on purpose (422 invalid form, 409 stale
# change, 404 unknown URL); Chromium logs it as "Failed to load resource".
EXPECTED_ERROR = re.compile(
    r"^Failed to load resource: the server responded with a status of 4\d\d")


class WatchedBrowser:
    """The browser, whose every context is watched for console errors, CSP
    violations and uncaught exceptions; each browser test fails on any."""

    def __init__(self, browser):
        self._browser = browser
        self.problems = []

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", self._console)
        context.on("weberror", lambda error: self.problems.append(
            f"uncaught: {error.error}"))
        return context

    def _console(self, message):
        if message.type == "error" and not EXPECTED_ERROR.match(message.text):
            self.problems.append(f"{message.text} ({message.location.get('url')})")

    def flush(self):
        """Let events still on their way from the open pages arrive."""
        for context in self._browser.contexts:
            for page in context.pages[:1]:
                page.wait_for_timeout(50)

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a browser test whose pages logged an error or a CSP violation."""
    browser = item.funcargs.get("browser")
    if isinstance(browser, WatchedBrowser):
        browser.problems.clear()
    result = yield
    if isinstance(browser, WatchedBrowser):
        browser.flush()
    if isinstance(browser, WatchedBrowser) and browser.problems:
        pytest.fail("The browser console reported:\n"
                    + "\n".join(dict.fromkeys(browser.problems)))
    return result


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
