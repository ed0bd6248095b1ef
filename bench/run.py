"""`make bench`: the app at 10k and 1M orders beside its baselines, on SQLite
and on PostgreSQL.

Builds bench/out/orders-{10000,1000000}.db with `flask seed-demo`, serves
each with gunicorn and gunicorn.conf.py (make serve's settings), drives it
with wrk (8 connections per scenario, 32 for the submitters) and, in the
same run and the same way, the baselines (bench/baseline.py): a bare Flask
endpoint and the search as one raw SQL query. Then starts a private
PostgreSQL cluster (bench/postgres.py: bench/out/pg, on a Unix socket of
its own, pg_trgm), seeds the largest size into it the same way and runs the
same scenarios, worst cases, perceived searches and API load against it,
each compared with SQLite's figure at that size. Prints the table and
writes BENCHMARKS.md.

Environment: BENCH_SECONDS (per scenario, default 10), BENCH_SIZES (default
"10000 1000000"; PostgreSQL runs the largest), BENCH_DATABASES (default
"sqlite postgresql": either alone runs that database only, and
BENCHMARKS.md then holds its figures alone), BENCH_PORT (default 8765),
BENCH_PG_PORT (default 55432: names the cluster's socket), BENCH_PG_BIN
(default the newest /usr/lib/postgresql/*/bin: Debian's server programs,
PostgreSQL 15 on Debian 12).
"""
import json
import os
import signal
import subprocess
import sys
import time
import traceback
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from api_load import api_load  # noqa: E402
from cleanup import remove_earlier_runs  # noqa: E402
from load import BROWSER, PARTIAL, Browser, wrk  # noqa: E402
from report import write_report  # noqa: E402
import postgres  # noqa: E402
from servers import (Server, build_database, query,  # noqa: E402
                     read_into_file_cache, sqlite_path)
from weight import page_weight  # noqa: E402
from worst_case import date_ranges, searches, worst_cases  # noqa: E402
from perceived import perceived  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES",
                                        "10000 1000000").split()]
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite postgresql").split()
# A PO-number fragment: about 200 matches at 1M orders, so 50 rows.
SEARCH_TERM = "12361"
# An ordinary four-digit fragment: about 2 000 matches at 1M orders.
BROAD_TERM = "4711"
SEED_ORDER = "190114-204115761"
# (key, label, path, partial, same work at both sizes). The fragments
# find a hundred times more at 1M than at 10k: not compared across sizes.
SCENARIOS = [
    ("list", "Order list, page 1 (full page)", "/orders", False, True),
    ("list_partial", "Order list partial, page 1", "/orders", True, True),
    ("search", f"Search partial, q={SEARCH_TERM}",
     f"/orders?q={SEARCH_TERM}", True, False),
    ("search_broad", f"Search partial, q={BROAD_TERM}",
     f"/orders?q={BROAD_TERM}", True, False),
    ("search_word", "Search partial, q=korjaamo (a quarter of all)",
     "/orders?q=korjaamo", True, True),
    ("status", "Status filter partial (in progress)",
     "/orders?status=in_progress", True, True),
    ("page20", "Page 20 partial", "/orders?page=20", True, True),
    ("detail", "Order detail (full page)", f"/orders/{SEED_ORDER}", False,
     True),
]
SUBMIT_PATH = "/settings/trade-accounts"


def log(message):
    print(message, flush=True)


def measure(label, path, headers, connections=8, **kwargs):
    warm_up = wrk(path, headers, 2, connections, **kwargs)
    stats = wrk(path, headers, SECONDS, connections, **kwargs)
    stats["acknowledged"] = warm_up["ok"] + stats["ok"]
    log(f"  {label:44} {stats['rps']:8.1f} req/s  p50 {stats['p50']:6.1f}"
        f"  p95 {stats['p95']:6.1f}  p99 {stats['p99']:6.1f} ms"
        f"  errors {stats['errors']}")
    return stats


def submit_form(browser, url):
    """The request form's fields; the unique ones come from submit.lua."""
    token = browser.csrf_token(SUBMIT_PATH)
    site = query(url, "SELECT id FROM dealer WHERE code = '20/90074'")[0]
    return urllib.parse.urlencode({
        "kind": "create_account_and_user", "site": site,
        "address": "Mannerheimintie 1, Helsinki", "language": "fi",
        "notes": "", "first_name": "Matti", "last_name": "Meikäläinen",
        "role": "workshop_manager", "user_language": "fi",
        "time_zone": "Europe/Helsinki", "csrf_token": token})


def stored_requests(url):
    return query(url, "SELECT COUNT(*), COUNT(DISTINCT idempotency_key) "
                 "FROM account_request")


def submissions(browser, url, connections, results, key):
    response, _ = browser.request("GET", SUBMIT_PATH)
    if response.status != 200:
        reason = f"{SUBMIT_PATH} answered HTTP {response.status}"
        log(f"  skipped submissions: {reason}")
        results[key] = {"skipped": reason}
        return
    headers = dict(BROWSER, **PARTIAL, Cookie=browser.cookie_header(),
                   **{"Content-Type": "application/x-www-form-urlencoded"})
    form = submit_form(browser, url)
    run_id = f"{key[0]}x{connections}x{int(time.time())}"
    before = stored_requests(url)
    stats = measure(f"Trade-account request, {connections} submitters",
                    SUBMIT_PATH, headers, connections, script="submit.lua",
                    script_args=(form, run_id))
    after = stored_requests(url)
    # Warm-up and measured run together: every acknowledged request is
    # stored, none twice (requests cut off by wrk's stop may add a few).
    stats["stored"] = after[0] - before[0]
    stats["duplicates"] = after[0] - after[1]
    results[key] = stats


def cpu_per_request(url):
    """The scenarios' CPU ms per request in-process (bench/cpu.py)."""
    specs = [path + ("|partial" if partial else "")
             for _key, _label, path, partial, _same in SCENARIOS]
    output = subprocess.run(
        [sys.executable, os.path.join(HERE, "cpu.py"), url, *specs],
        capture_output=True, text=True, check=True).stdout
    measured = json.loads(output.strip().splitlines()[-1])
    cpu = {key: measured[spec] for (key, *_), spec in zip(SCENARIOS, specs)}
    cpu["bare"] = measured["bare"]
    return cpu


def run_size(orders, results):
    url, build_seconds = build_database(orders, log)
    results[f"build_{orders}"] = build_seconds
    read_into_file_cache(sqlite_path(url), log)
    run_app(orders, results, url, "SQLite")
    log(f"{orders} orders, baselines (same gunicorn settings):")
    with Server("bench.baseline:create_app()", url, "/hello"):
        results[(orders, "bare")] = measure("Bare Flask, short text",
                                            "/hello", BROWSER)
        results[(orders, "minimal")] = measure(
            "Minimal page of the same 50 rows", "/list", BROWSER)


def run_app(orders, results, url, name):
    """Every scenario of the app on one database; the worst cases, what
    the dealer feels and the API at the largest size."""
    orders_removed, requests_removed = remove_earlier_runs(url)
    if orders_removed or requests_removed:
        log(f"Removed what earlier runs wrote: {orders_removed} orders "
            f"posted to the API, {requests_removed} trade-account requests")
    for key, ms in cpu_per_request(url).items():
        results[("cpu", orders, key)] = ms
    log(f"\n{orders} orders on {name}, app (gunicorn.conf.py):")
    with Server("app:create_app()", url, "/healthz"):
        browser = Browser().log_in()
        cookie = {"Cookie": browser.cookie_header()}
        for key, label, path, partial, _same in SCENARIOS:
            headers = dict(BROWSER, **cookie, **(PARTIAL if partial else {}))
            results[(orders, key)] = measure(label, path, headers)
        if orders == max(SIZES):
            results["weight"] = page_weight(browser, SEARCH_TERM)
            log("  worst cases, one client:")
            results["worst"] = worst_cases(browser, log, searches())
            log("  date ranges, one client:")
            results["worst_dated"] = worst_cases(browser, log, date_ranges())
            results["perceived"] = perceived(browser.cookie_header(), log)
        submissions(browser, url, 8, results, (orders, "submit8"))
        if orders == max(SIZES):
            submissions(browser, url, 32, results, (orders, "submit32"))
            results["api"], results["worker"] = api_load(url, SECONDS, log)


def run_postgres(results):
    """The largest size on the benchmark's own PostgreSQL cluster."""
    orders = max(SIZES)
    with postgres.cluster(log):
        url, build_seconds = postgres.build_database(orders, log)
        pg = results["postgresql"] = {f"build_{orders}": build_seconds,
                                      "version": postgres.version()}
        read_into_file_cache(postgres.DATA, log)
        run_app(orders, pg, url, "PostgreSQL")


def main():
    unknown = set(DATABASES) - {"sqlite", "postgresql"}
    if unknown or not DATABASES:
        sys.exit(f"BENCH_DATABASES: {' '.join(sorted(unknown))} is not "
                 "sqlite or postgresql")
    # A TERM (a timeout, a CI job cancelled) unwinds like Ctrl-C: the
    # servers and the PostgreSQL cluster are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    results = {"started": time.time()}
    if "sqlite" in DATABASES:
        for orders in SIZES:
            run_size(orders, results)
    failed = None
    if "postgresql" in DATABASES:
        try:
            run_postgres(results)
        except Exception as error:  # SQLite's figures are still reported
            traceback.print_exc()
            failed = f"the PostgreSQL run failed: {error}"
            results.setdefault("postgresql", {})["failed"] = failed
    text = write_report(results, SIZES, SCENARIOS, SECONDS)
    log("\n" + text)
    if failed:
        sys.exit(failed)


if __name__ == "__main__":
    main()
