"""The app under gunicorn with `make serve`'s settings, and a plain client.

For the reliability tests: a real multi-process server on a free loopback
port, its log captured, killed with SIGTERM or SIGKILL on demand.
"""
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".venv", "bin")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, database_url, log_path, workers=None):
        self.port = free_port()
        self.database_url, self.log_path = database_url, log_path
        self.workers = workers
        self.secret = secrets.token_hex(32)
        self.process = None

    def start(self):
        env = dict(os.environ, DATABASE_URL=self.database_url,
                   SECRET_KEY=self.secret, PORT=str(self.port),
                   BIND=f"127.0.0.1:{self.port}", LOG_LEVEL="warning")
        env.pop("DEMO_MODE", None)
        if self.workers:
            env["WEB_CONCURRENCY"] = str(self.workers)
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [os.path.join(BIN, "gunicorn"), "--config", "gunicorn.conf.py",
             "app:create_app()"], cwd=ROOT, env=env, stdout=self._log,
            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if Client(self.port).request("GET", "/healthz")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start:\n" + self.log())

    def kill(self, sig=signal.SIGKILL):
        """Signal the whole process group: master and every worker."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)
        self._log.close()

    def stop(self):
        self.kill(signal.SIGTERM)

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            return log.read()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        try:
            self.stop()
        except subprocess.TimeoutExpired:
            self.kill()


class Client:
    """Cookies by hand: the production cookie is Secure, this is plain HTTP."""

    def __init__(self, port, cookies=None):
        self.port = port
        self.cookies = dict(cookies or {})

    def request(self, method, path, form=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port,
                                                timeout=timeout)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}"
                                          for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), data

    def log_in(self, username="demo"):
        token = CSRF.search(self.request("GET", "/login")[2]).group(1)
        status, _headers, _body = self.request("POST", "/login", form={
            "username": username, "password": username, "csrf_token": token})
        assert status == 302, f"login failed: {status}"
        return self
