"""A local webhook receiver for tests and the bench: records what it gets."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.served import ServedInThread


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 drops connections a busy sender opens at
    # once, and each dropped SYN costs the sender a second's retry.
    request_queue_size = 128
    daemon_threads = True


class Receiver(ServedInThread):
    """Serves on a free loopback port; answers `status` (changeable)."""

    def __init__(self, status=204):
        self.status = status
        self.received = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.received.append(
                        ({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(_Server(("127.0.0.1", 0), Handler))
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
