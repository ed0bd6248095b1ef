"""A private PostgreSQL cluster for the benchmark, started and stopped by it.

The cluster lives in bench/out/pg (initdb'd on first use, kept between
runs) and listens only on a Unix socket in its own data directory (port
BENCH_PG_PORT, default 55432, names the socket; no TCP port, which a
client connection of the benchmark's own could be holding as its
ephemeral port). It never touches the system's clusters. As root
the server runs as the `postgres` user (initdb and postgres refuse root).
Each size's database (orders_N) is seeded with `flask seed-demo` and kept
while the seed and the migrations are the same: a digest of them is the
database's comment.
"""
import contextlib
import glob
import hashlib
import os
import pwd
import shutil
import subprocess
import time

from servers import OUT, ROOT, seed



def _newest_bin():
    """Debian's server programs, of the newest version installed."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    found.sort(key=lambda path: int(path.split("/")[4]) if
               path.split("/")[4].isdigit() else 0)
    return os.path.dirname(found[-1]) if found else \
        "/usr/lib/postgresql/15/bin"


PG_BIN = os.environ.get("BENCH_PG_BIN") or _newest_bin()
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "55432"))
DATA = os.path.join(OUT, "pg")
ROLE = PASSWORD = "order_manager_bench"
INCLUDE = "include 'bench.conf'"
# Modest settings for a benchmark on a small machine: the million orders'
# tables and indexes (about 1 GB) fit in shared buffers; durability stays
# as in production (fsync and synchronous_commit on).
SETTINGS = {
    "listen_addresses": "''",
    "port": str(PG_PORT),
    "unix_socket_directories": "'.'",
    "shared_buffers": "'1GB'",
    "effective_cache_size": "'4GB'",
    "work_mem": "'16MB'",
    "maintenance_work_mem": "'512MB'",
    "max_wal_size": "'4GB'",
    "checkpoint_timeout": "'15min'",
    "max_connections": "100",
    "fsync": "on",
    "synchronous_commit": "on",
    "jit": "off",
    "logging_collector": "off",
}


def _as_owner(command, **kwargs):
    """Run a PostgreSQL program as `postgres` when we are root."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    kwargs.setdefault("check", True)
    return subprocess.run(command, **kwargs)


def _psql(sql, database="postgres"):
    """One statement as the cluster's superuser over its socket; stdout."""
    return _as_owner(
        [os.path.join(PG_BIN, "psql"), "-X", "-q", "-At", "-v",
         "ON_ERROR_STOP=1", "-h", DATA, "-p", str(PG_PORT), "-U", "postgres",
         "-d", database, "-c", sql],
        capture_output=True, text=True).stdout.strip()


def _init(log):
    if os.path.exists(os.path.join(DATA, "PG_VERSION")):
        return
    log(f"Creating a PostgreSQL cluster in {os.path.relpath(DATA, ROOT)}…")
    shutil.rmtree(DATA, ignore_errors=True)
    os.makedirs(DATA, mode=0o700)
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(DATA, owner.pw_uid, owner.pw_gid)
    _as_owner([os.path.join(PG_BIN, "initdb"), "-D", DATA, "-U", "postgres",
               "-E", "UTF8", "--locale", "C.UTF-8", "--auth-local", "trust",
               "--auth-host", "scram-sha-256"], stdout=subprocess.DEVNULL)


def _configure():
    """SETTINGS in bench.conf, included last by postgresql.conf: rewritten
    at each start, so a kept cluster runs with the current settings."""
    with open(os.path.join(DATA, "bench.conf"), "w") as conf:
        conf.writelines(f"{name} = {value}\n"
                        for name, value in SETTINGS.items())
    main = os.path.join(DATA, "postgresql.conf")
    with open(main) as conf:
        included = INCLUDE in conf.read().splitlines()
    if not included:
        with open(main, "a") as conf:
            conf.write(INCLUDE + "\n")
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(os.path.join(DATA, "bench.conf"), owner.pw_uid,
                 owner.pw_gid)


@contextlib.contextmanager
def cluster(log):
    """The benchmark's cluster, running for the duration of the block."""
    _init(log)
    ctl = os.path.join(PG_BIN, "pg_ctl")
    _configure()
    if _as_owner([ctl, "-D", DATA, "status"], check=False,
                 stdout=subprocess.DEVNULL).returncode == 0:
        # A run that was killed left it running: use it, stop it after.
        log("The benchmark's PostgreSQL cluster is already running")
    else:
        _as_owner([ctl, "-D", DATA, "-l", os.path.join(DATA, "server.log"),
                   "-o", f"-p {PG_PORT}", "-w", "-t", "60", "start"],
                  stdout=subprocess.DEVNULL)
    try:
        _psql(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE "
              f"rolname = '{ROLE}') THEN CREATE ROLE {ROLE} LOGIN PASSWORD "
              f"'{PASSWORD}'; END IF; END $$")
        yield
    finally:
        _as_owner([ctl, "-D", DATA, "-m", "fast", "-w", "stop"],
                  stdout=subprocess.DEVNULL)


def version():
    return _psql("SHOW server_version").split()[0]


def url(orders):
    """Over the cluster's Unix socket, as the app reaches a database on its
    own host. The app opens a connection per request on PostgreSQL: over
    TCP with SCRAM each costs about 2 ms more of the app's CPU."""
    return (f"postgresql://{ROLE}@/orders_{orders}?host={DATA}"
            f"&port={PG_PORT}")


def _digest(orders):
    """What shapes the data: the seed, the migrations and the size."""
    paths = sorted([os.path.join(ROOT, "demo", name) for name in
                    ("seed.py", "catalogue.py")]
                   + glob.glob(os.path.join(ROOT, "migrations", "*.py")))
    digest = hashlib.sha256(str(orders).encode())
    for path in paths:
        with open(path, "rb") as handle:
            digest.update(handle.read())
    return "seed-demo " + digest.hexdigest()[:16]


def build_database(orders, log):
    """orders_N seeded by `flask seed-demo`, reused while current."""
    name, digest = f"orders_{orders}", _digest(orders)
    marker = _psql("SELECT shobj_description(oid, 'pg_database') "
                   f"FROM pg_database WHERE datname = '{name}'")
    if marker == digest:
        log(f"Reusing PostgreSQL database {name}")
        return url(orders), None
    _psql(f"DROP DATABASE IF EXISTS {name}")
    _psql(f"CREATE DATABASE {name} OWNER {ROLE}")
    # The migrations create it too; made here it needs no rights beyond
    # the database's owner's whatever the PostgreSQL version.
    _psql("CREATE EXTENSION IF NOT EXISTS pg_trgm", database=name)
    log(f"Building PostgreSQL database {name} ({orders} orders)…")
    started = time.monotonic()
    seed(url(orders), orders)
    seconds = time.monotonic() - started
    _psql("VACUUM ANALYZE", database=name)
    _psql(f"COMMENT ON DATABASE {name} IS '{digest}'")
    log(f"  built in {seconds:.0f} s (then VACUUM ANALYZE "
        f"{time.monotonic() - started - seconds:.0f} s)")
    return url(orders), seconds
