"""The integration under load: orders posted by the marketplace, replays of
the same Idempotency-Keys, and the webhook worker's delivery rate."""
import http.client
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from load import wrk
from servers import BIN, PORT, ROOT, _env, query

sys.path.insert(0, ROOT)
from tests.webhook_receiver import Receiver  # noqa: E402

CLIENTS = 16
REPLAYS = 200
SITE = "20/90074"
PENDING = ("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'pending' "
           "AND endpoint_id = (SELECT MAX(id) FROM webhook_endpoint)")


def _flask(url, *args):
    env = dict(_env(url), WEBHOOKS_ALLOW_INTERNAL="1")
    output = subprocess.run([os.path.join(BIN, "flask"), "--app", "app", *args],
                            cwd=ROOT, env=env, check=True, capture_output=True,
                            text=True).stdout
    return output.strip().splitlines()[-1]


def _post(key, idempotency_key, body):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request("POST", "/api/v1/orders", body=body, headers={
        "Authorization": f"Bearer {key}", "Idempotency-Key": idempotency_key,
        "Content-Type": "application/json"})
    response = connection.getresponse()
    answer = (response.status, response.getheader("Idempotent-Replayed"),
              response.read())
    connection.close()
    return answer


def _replays(key, account, run_id):
    """REPLAYS orders, then every one of them again from CLIENTS threads:
    each replay must be the first answer, byte for byte."""
    bodies = {f"replay-{run_id}-{n}": json.dumps({
        "account_id": account, "po_number": f"R{run_id}-{n}",
        "lines": [{"part_number": "P1", "description": "Part",
                   "quantity": 1, "unit_price": "9.99"}]})
        for n in range(REPLAYS)}
    first = {k: _post(key, k, body) for k, body in bodies.items()}
    with ThreadPoolExecutor(CLIENTS) as pool:
        again = dict(zip(bodies, pool.map(
            lambda item: _post(key, item[0], item[1]), bodies.items())))
    same = sum(1 for k in bodies if first[k][0] == 201
               and again[k] == (201, "true", first[k][2]))
    return {"replays": REPLAYS, "replays_identical": same}


def _deliver_all(url, pending, receiver):
    """Start the worker and time it until nothing is pending."""
    env = dict(_env(url), WEBHOOKS_ALLOW_INTERNAL="1")
    started = time.monotonic()
    worker = subprocess.Popen([os.path.join(BIN, "flask"), "--app", "app",
                               "webhooks", "worker"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = started + 300
        while time.monotonic() < deadline:
            left = query(url, PENDING)[0]
            if left == 0:
                break
            time.sleep(0.05)
        seconds = time.monotonic() - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    ids = {headers["webhook-id"] for headers, _body in receiver.received}
    return {"events": pending, "seconds": seconds,
            "events_per_s": pending / seconds, "received": len(receiver.received),
            "distinct_ids": len(ids), "left": left}


def api_load(url, seconds, log):
    """Run while the app is served; returns the figures for the report."""
    run_id = str(int(time.time()))
    key = _flask(url, "api-keys", "create", SITE, "--label", "bench")
    account = query(url, "SELECT trade_account.id FROM trade_account "
                     "JOIN dealer ON dealer.id = trade_account.dealer_id "
                     "WHERE dealer.code = ? AND trade_account.active "
                     "ORDER BY trade_account.id LIMIT 1", SITE)[0]
    # Endpoints of earlier runs (their receivers are gone) get nothing.
    query(url, "UPDATE webhook_endpoint SET active = FALSE")
    with Receiver() as receiver:
        _flask(url, "webhooks", "add", SITE, receiver.url)
        headers = {"Authorization": f"Bearer {key}",
                   "Content-Type": "application/json"}
        warm = wrk("/api/v1/orders", headers, 2, CLIENTS,
                   script="api_orders.lua", script_args=(str(account), run_id))
        stats = wrk("/api/v1/orders", headers, seconds, CLIENTS,
                    script="api_orders.lua", script_args=(str(account), run_id))
        stored, distinct_po, distinct_codes = query(
            url, 'SELECT COUNT(*), COUNT(DISTINCT po_number), '
            'COUNT(DISTINCT code) FROM "order" WHERE po_number LIKE ?',
            f"B{run_id}%")
        stats.update(acknowledged=warm["ok"] + stats["ok"], stored=stored,
                     duplicate_orders=stored - distinct_po,
                     duplicate_codes=stored - distinct_codes)
        stats.update(_replays(key, account, run_id))
        log(f"  API orders, {CLIENTS} clients: {stats['rps']:.1f} orders/s  "
            f"p95 {stats['p95']:.1f} ms  errors {stats['errors']}  "
            f"stored {stored} for {stats['acknowledged']} acknowledged  "
            f"replays identical {stats['replays_identical']}/{REPLAYS}")
        pending = query(url, PENDING)[0]
        worker = _deliver_all(url, pending, receiver)
        log(f"  Webhook worker: {worker['events']} events in "
            f"{worker['seconds']:.1f} s = {worker['events_per_s']:.0f}/s, "
            f"{worker['received']} received, {worker['distinct_ids']} ids")
    return stats, worker
