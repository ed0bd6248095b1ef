"""Benchmark databases and servers: built and started like `make serve`."""
import glob
import os
import secrets
import signal
import sqlite3
import subprocess
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
BIN = os.path.join(ROOT, ".venv", "bin")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE_URL = f"http://127.0.0.1:{PORT}"
SECRET_KEY = secrets.token_hex(32)


def database_path(orders):
    return os.path.join(OUT, f"orders-{orders}.db")


def _inputs_mtime():
    """Newest change to what shapes the data: the seed and the migrations."""
    paths = ([os.path.join(ROOT, "demo", name) for name in
              ("seed.py", "catalogue.py")]
             + glob.glob(os.path.join(ROOT, "migrations", "*.py")))
    return max(os.path.getmtime(path) for path in paths)


def build_database(orders, log):
    """bench/out/orders-N.db from `flask seed-demo`, reused while current."""
    os.makedirs(OUT, exist_ok=True)
    path = database_path(orders)
    if os.path.exists(path) and os.path.getmtime(path) > _inputs_mtime():
        log(f"Reusing {os.path.relpath(path, ROOT)}")
        return sqlite_url(path), None
    for stale in glob.glob(path + "*"):
        os.remove(stale)
    log(f"Building {os.path.relpath(path, ROOT)} ({orders} orders)…")
    started = time.monotonic()
    seed(sqlite_url(path), orders)
    seconds = time.monotonic() - started
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log(f"  built in {seconds:.0f} s")
    return sqlite_url(path), seconds


def read_into_file_cache(path, log):
    """Read a database's files once, as a server that has run a while has
    them in the OS cache: a reused database may not have been read since
    the machine started, and the first request to touch a part of it then
    waits for the disk (here up to 100 ms) in a scenario that measures
    the queries."""
    paths = [path] if os.path.isfile(path) else [
        os.path.join(folder, name)
        for folder, _dirs, names in os.walk(path) for name in names]
    size = 0
    for file_path in paths:
        try:
            with open(file_path, "rb") as data:
                while chunk := data.read(1 << 20):
                    size += len(chunk)
        except OSError:   # a file the server removed meanwhile
            continue
    log(f"Read {size / 1e9:.1f} GB of {os.path.relpath(path, ROOT)} into "
        "the file cache")


def sqlite_url(path):
    return f"sqlite:///{path}"


def sqlite_path(url):
    """The file of an SQLite URL; None for another database."""
    return url[len("sqlite:///"):] if url.startswith("sqlite:///") else None


def connect(url):
    """A DB-API connection to the benchmark's database (SQLite or
    PostgreSQL), for the few checks the benchmark makes itself."""
    path = sqlite_path(url)
    if path:
        return sqlite3.connect(path)
    import psycopg2
    return psycopg2.connect(url)


def query(url, sql, *params):
    """The first row of `sql` (placeholders `?`), committed."""
    connection = connect(url)
    try:
        cursor = connection.cursor()
        if not sqlite_path(url):
            sql = sql.replace("?", "%s")
        cursor.execute(sql, params)
        row = cursor.fetchone() if cursor.description else None
        connection.commit()
        return row
    finally:
        connection.close()


def seed(url, orders):
    """`flask seed-demo` with `orders` orders into the database at `url`."""
    subprocess.run([os.path.join(BIN, "flask"), "--app", "app", "seed-demo",
                    "--orders", str(orders)], cwd=ROOT, env=seed_env(url),
                   check=True, stdout=subprocess.DEVNULL)


def seed_env(url):
    env = dict(os.environ)
    env.pop("DEMO_MODE", None)
    env["DATABASE_URL"] = url
    return env


def _env(url):
    env = seed_env(url)
    env.update({"SECRET_KEY": SECRET_KEY, "PORT": str(PORT),
                "LOG_LEVEL": "warning",
                # The load is one key's: measure throughput, not the limit.
                "API_RATE_LIMIT": "1000000 per minute"})
    if sqlite_path(url):
        env["BENCH_DB"] = sqlite_path(url)
    return env


class Server:
    """gunicorn with gunicorn.conf.py (make serve's settings) on PORT."""

    def __init__(self, app_spec, url, ready_path):
        self.app_spec, self.url = app_spec, url
        self.ready_path = ready_path
        self.process = None

    def __enter__(self):
        env = _env(self.url)
        if self.app_spec.startswith("app:"):
            # As `make serve` does before starting gunicorn.
            subprocess.run([os.path.join(BIN, "flask"), "--app", "app",
                            "init-db"], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
        self.process = subprocess.Popen(
            [os.path.join(BIN, "gunicorn"), "--config", "gunicorn.conf.py",
             self.app_spec], cwd=ROOT, env=env, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(BASE_URL + self.ready_path, timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"{self.app_spec} did not start on {BASE_URL}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
