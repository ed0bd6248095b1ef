"""Concurrency and crashes against a real gunicorn server (make serve's config).

32 submitters send trade account requests for RELIABILITY_SECONDS (10 by
default): no "database is locked", no 5xx, every acknowledged request stored
exactly once. Then a SIGKILL in the middle of a load: no acknowledged
request lost, and SQLite's integrity_check says ok. Loopback only.
"""
import http.client
import os
import secrets
import sqlite3
import subprocess
import threading
import time

import pytest

from models import AccountRequest, db
from tests.hostile_crawl import baseline, parse_page
from tests.live_gunicorn import BIN, ROOT, Client, Gunicorn

pytestmark = pytest.mark.reliability
SECONDS = float(os.environ.get("RELIABILITY_SECONDS", 10))
SUBMITTERS = 32
FORM_PATH = "/settings/trade-accounts"


@pytest.fixture
def server(demo, tmp_path):
    if not db.is_closed():
        db.close()
    with Gunicorn(demo.config["DATABASE_URL"], tmp_path / "server.log") as live:
        yield live


class Load:
    """Submitters sharing one logged-in session, each with its own socket."""

    def __init__(self, port):
        self.port = port
        self.session = Client(port).log_in("demo")
        page = self.session.request("GET", FORM_PATH)[2]
        forms, _links = parse_page(FORM_PATH, page)
        self.form = next(f for f in forms if f.method == "POST"
                         and f.action.rstrip("/").endswith(FORM_PATH))
        self.acked, self.refused, self.failed = {}, [], []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def submit(self, client, key=None):
        """One request; its key and reference when the server acknowledged."""
        data = dict(baseline(self.form), csrf_token=self.form.fields["csrf_token"],
                    idempotency_key=key or secrets.token_urlsafe(24))
        status, headers, body = client.request("POST", FORM_PATH, form=data)
        location = headers.get("Location", "")
        if status in (302, 303) and "/requests/" in location:
            return data["idempotency_key"], location.rsplit("/", 1)[-1]
        with self.lock:
            self.refused.append((status, body[:300]))
        return data["idempotency_key"], None

    def _run(self, deadline):
        client = Client(self.port, self.session.cookies)
        while not self.stop.is_set() and time.monotonic() < deadline:
            try:
                key, reference = self.submit(client)
            except (OSError, http.client.HTTPException) as error:
                # The server is gone (SIGKILL test): refused, reset, or cut
                # off in the middle of an answer.
                with self.lock:
                    self.failed.append(repr(error))
                return
            if reference:
                with self.lock:
                    self.acked[key] = reference

    def run(self, seconds, threads=SUBMITTERS, background=False):
        deadline = time.monotonic() + seconds
        workers = [threading.Thread(target=self._run, args=(deadline,))
                   for _ in range(threads)]
        for worker in workers:
            worker.start()
        if background:
            return workers
        for worker in workers:
            worker.join()
        return workers


def stored(keys):
    """idempotency key -> [references] for the keys, read from the database."""
    found = {}
    with db.connection_context():
        keys = list(keys)
        for start in range(0, len(keys), 500):
            rows = (AccountRequest.select(AccountRequest.idempotency_key,
                                          AccountRequest.reference)
                    .where(AccountRequest.idempotency_key.in_(
                        keys[start:start + 500])).tuples())
            for key, reference in rows:
                found.setdefault(key, []).append(reference)
    return found


def request_count():
    with db.connection_context():
        return AccountRequest.select().count()


def test_32_concurrent_submitters_each_stored_exactly_once(server):
    before = request_count()
    load = Load(server.port)
    started = time.monotonic()
    load.run(SECONDS)
    elapsed = time.monotonic() - started
    log = server.log()
    assert "database is locked" not in log
    assert "Traceback" not in log, log[-3000:]
    assert load.failed == [] and load.refused == [], (
        load.failed[:3], load.refused[:3])
    assert len(load.acked) >= SUBMITTERS
    rows = stored(load.acked)
    assert {key: refs for key, refs in rows.items() if len(refs) != 1} == {}
    assert {key: refs[0] for key, refs in rows.items()} == load.acked
    assert request_count() - before == len(load.acked)
    # A resent form (same key) creates nothing new and names the same request.
    client = Client(server.port, load.session.cookies)
    for key in list(load.acked)[:5]:
        assert load.submit(client, key=key) == (key, load.acked[key])
    assert request_count() - before == len(load.acked)
    print(f"\n{len(load.acked)} requests acknowledged by {SUBMITTERS} "
          f"submitters in {elapsed:.1f} s "
          f"({len(load.acked) / elapsed:.0f}/s)")


def test_sigkill_mid_load_loses_no_acknowledged_request(server, demo):
    load = Load(server.port)
    workers = load.run(SECONDS, threads=16, background=True)
    time.sleep(min(3.0, SECONDS / 3))
    server.kill()  # SIGKILL to the master and every worker at once
    load.stop.set()
    for worker in workers:
        worker.join()
    assert load.acked, "nothing was acknowledged before the kill"
    assert load.failed, "the kill did not interrupt the load"
    rows = stored(load.acked)
    lost = set(load.acked) - set(rows)
    assert lost == set(), f"{len(lost)} acknowledged requests lost"
    assert all(len(refs) == 1 for refs in rows.values())
    url = demo.config["DATABASE_URL"]
    if url.startswith("sqlite"):
        path = url[len("sqlite:///"):]
        connection = sqlite3.connect(path)
        try:
            assert connection.execute(
                "PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            connection.close()
    # And the same database serves again.
    with Gunicorn(url, server.log_path) as again:
        assert Client(again.port).request("GET", "/healthz")[0] == 200
    print(f"\n{len(load.acked)} acknowledged before SIGKILL, all stored")


def test_online_backup_during_load_is_consistent(server, demo, tmp_path):
    url = demo.config["DATABASE_URL"]
    if not url.startswith("sqlite"):
        pytest.skip("PostgreSQL is backed up with pg_dump")
    load = Load(server.port)
    workers = load.run(min(SECONDS, 4), threads=16, background=True)
    time.sleep(1.5)
    target = tmp_path / "online-backup.db"
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=server.secret)
    env.pop("DEMO_MODE", None)
    result = subprocess.run(
        [os.path.join(BIN, "flask"), "--app", "app", "backup", str(target)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    for worker in workers:
        worker.join()
    assert result.returncode == 0, result.stdout + result.stderr
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        backed_up = dict(copy.execute(
            "SELECT idempotency_key, reference FROM account_request"))
    finally:
        copy.close()
    live = stored(backed_up)
    # Every request in the backup is a real one, with its reference; the
    # copy was taken while requests kept arriving.
    assert {key: refs[0] for key, refs in live.items()} == backed_up
    assert set(load.acked) & set(backed_up)
