"""The webhook worker: a loop beside the web server (make run, make serve).

Sends run in a small thread pool (an endpoint that is slow to answer does
not hold up the others); the database is written only from this thread.
"""
import datetime
import logging
import os
import signal
import threading
from concurrent.futures import ThreadPoolExecutor

from integration import delivery, idempotency
from models import db, utcnow

log = logging.getLogger("order_manager.webhooks")
PRUNE_EVERY = datetime.timedelta(hours=1)


class Worker:
    def __init__(self, allow_internal=False, batch=64, threads=16,
                 idle_seconds=1.0, parent_pid=None):
        self.allow_internal = allow_internal
        self.batch = batch
        self.idle_seconds = idle_seconds
        self.parent_pid = parent_pid
        self.pool = ThreadPoolExecutor(max_workers=threads)
        self.stopping = threading.Event()
        self.last_prune = None

    def run_once(self):
        """Claim, send and record one batch; returns how many were sent."""
        with db.connection_context():
            claimed = delivery.claim_due(self.batch)
            if not claimed:
                self._prune()
                return 0
            outcomes = list(self.pool.map(
                lambda item: delivery.send(item, self.allow_internal),
                claimed))
            delivery.record(zip(claimed, outcomes))
        for item, outcome in zip(claimed, outcomes):
            log.info("delivery %s attempt %s: %s", item.delivery_id,
                     item.number, outcome.status_code or outcome.error)
        return len(claimed)

    def _prune(self):
        now = utcnow()
        if self.last_prune and now - self.last_prune < PRUNE_EVERY:
            return
        self.last_prune = now
        idempotency.prune(now)

    def run(self):
        """Loop until SIGTERM/SIGINT, or until the parent process is gone."""
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: self.stopping.set())
        while not self.stopping.is_set():
            if self.parent_pid and os.getppid() != self.parent_pid:
                break
            try:
                sent = self.run_once()
            except Exception:  # a lost database: wait, then go on
                log.exception("webhook worker round failed")
                sent = 0
            if not sent:
                self.stopping.wait(self.idle_seconds)
        self.pool.shutdown(wait=True)

