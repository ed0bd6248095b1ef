"""CPU time per request, in-process: the app's own cost, without the
network, the load generator or other work on the machine.

Usage: python bench/cpu.py DATABASE_URL PATH[|partial] ...  → one JSON
line {path: ms}. Run by bench/run.py in a process of its own per database.
On PostgreSQL the server's own work is in another process, not in these
figures.
"""
import gc
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
REQUESTS = 100


def main(url, specs):
    from app import create_app
    app = create_app({"SECRET_KEY": os.urandom(32).hex(),
                      "DATABASE_URL": url,
                      "WTF_CSRF_ENABLED": False, "COOKIE_SECURE": False,
                      "DB_KEEP_CONNECTIONS": True})
    client = app.test_client()
    client.post("/login", data={"username": "demo", "password": "demo"})
    results = {}
    for spec in specs:
        path, _, kind = spec.partition("|")
        headers = {"Accept-Encoding": "br, gzip"}
        if kind == "partial":
            headers.update({"HX-Request": "true",
                            "HX-Request-Type": "partial"})
        for _ in range(10):
            assert client.get(path, headers=headers).status_code == 200
        gc.collect()
        started = time.process_time()
        for _ in range(REQUESTS):
            client.get(path, headers=headers)
        results[spec] = (time.process_time() - started) / REQUESTS * 1000
    results["bare"] = _bare_flask(url)
    print(json.dumps(results))


def _bare_flask(url):
    """The bare Flask baseline's /hello, measured the same way."""
    os.environ["BENCH_DB"] = url.removeprefix("sqlite:///")
    from bench.baseline import create_app
    client = create_app().test_client()
    for _ in range(10):
        client.get("/hello")
    started = time.process_time()
    for _ in range(REQUESTS * 10):
        client.get("/hello")
    return (time.process_time() - started) / (REQUESTS * 10) * 1000


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
