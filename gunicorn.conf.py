"""gunicorn settings for `make serve` (and the benchmark, which uses them).

Environment: PORT (default 8000) and BIND (default 127.0.0.1:$PORT; set
BIND=0.0.0.0:8000 behind a proxy on another host), WEB_CONCURRENCY (worker
processes) and WEB_THREADS (threads per worker).
"""
import multiprocessing
import os

_cores = multiprocessing.cpu_count()

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
# Requests are CPU-bound Python (templates, ORM) with short database waits:
# a process per core plus one to cover the moments a worker waits on the
# database lock or the disk; two threads each overlap those waits too.
workers = int(os.environ.get("WEB_CONCURRENCY", _cores + 1))
threads = int(os.environ.get("WEB_THREADS", 2))
worker_class = "gthread"
# Keep-alive connections from the proxy / browser save a TCP handshake each.
keepalive = 5
timeout = 30
graceful_timeout = 20
# Load the app once, before forking: less memory, faster worker restarts.
preload_app = True
# Recycle workers now and then so slow leaks never build up.
max_requests = 20000
max_requests_jitter = 2000
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """Freeze the preloaded app's objects out of the garbage collector's
    scans: each collection in a worker then looks at request garbage only
    (and copy-on-write pages stay shared)."""
    import gc
    gc.freeze()
