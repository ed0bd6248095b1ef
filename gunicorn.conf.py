"""gunicorn settings for `make serve` (and the benchmark, which uses them).

Environment: PORT (default 8000) and BIND (default 127.0.0.1:$PORT; set
BIND=0.0.0.0:8000 behind a proxy on another host), WEB_CONCURRENCY (worker
processes), WEB_WORKER_CLASS and WEB_THREADS (for gthread workers).
"""
import multiprocessing
import os

_cores = multiprocessing.cpu_count()

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
# Requests are CPU-bound Python (templates, queries) with short database
# waits. Sync workers take each request from the shared socket when free,
# so the load spreads evenly. Threaded workers holding keep-alive
# connections did not: with 8 clients one worker could hold three
# connections while another held one, and the benchmark's search swung
# between 220 and 480 requests/s from run to run (bench/NOTES.md). Two
# processes per core keep the cores busy while some wait on the database
# or stream an export. Behind the load balancer, which buffers slow
# clients, as sync workers should be (docs/OPERATIONS.md).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * _cores))
worker_class = os.environ.get("WEB_WORKER_CLASS", "sync")
threads = int(os.environ.get("WEB_THREADS", 1))
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
    """Compile the preloaded app's templates, so that no worker compiles
    them on its first requests, after every restart (BENCHMARKS.md); then
    freeze the app's objects out of the garbage collector's scans: each
    collection in a worker then looks at request garbage only (and
    copy-on-write pages stay shared)."""
    import gc
    app = server.app.wsgi()
    for name in app.jinja_env.list_templates(extensions=["html"]):
        app.jinja_env.get_template(name)
    gc.freeze()


def pre_fork(server, worker):
    """A worker opens its own PostgreSQL connections: the preloaded app's
    pooled ones are closed before it is forked."""
    from models.base import close_pooled_connections
    close_pooled_connections()
