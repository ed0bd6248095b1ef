"""Driving a server: logging in like a browser, and wrk runs."""
import http.client
import json
import os
import re
import subprocess
import urllib.parse

from servers import BASE_URL, PORT

LUA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lua")
BROWSER = {"Accept-Encoding": "br, gzip", "Accept-Language": "fi"}
PARTIAL = {"HX-Request": "true", "HX-Request-Type": "partial"}
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Browser:
    """Cookies by hand: the production session cookie is Secure, and the
    benchmark speaks plain HTTP on loopback."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, path, form=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = self.cookie_header()
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response, data

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def csrf_token(self, path):
        _response, data = self.request("GET", path)
        match = CSRF.search(data.decode("utf-8", "replace"))
        return match.group(1) if match else None

    def log_in(self, username="demo"):
        token = self.csrf_token("/login")
        response, _data = self.request("POST", "/login", form={
            "username": username, "password": username, "csrf_token": token})
        if response.status != 302:
            raise RuntimeError(f"login failed: HTTP {response.status}")
        return self


def wrk(path, headers, seconds, connections=8, script="stats.lua",
        script_args=()):
    """One wrk run; returns its stats (latencies in ms, rate per second)."""
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}",
               f"-d{seconds}s", "--timeout", "10s", "-s",
               os.path.join(LUA, script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(BASE_URL + path)
    if script_args:
        command += ["--", *script_args]
    env = dict(os.environ, BENCH_LUA_DIR=LUA)
    output = subprocess.run(command, capture_output=True, text=True,
                            env=env, check=True).stdout
    line = next(line for line in output.splitlines()
                if line.startswith("BENCH "))
    raw = json.loads(line[len("BENCH "):])
    seconds_run = raw["duration_us"] / 1e6
    errors = sum(raw[key] for key in
                 ("connect", "read", "write", "status", "timeout"))
    return {
        "requests": raw["requests"], "rps": raw["requests"] / seconds_run,
        "p50": raw["p50"] / 1000, "p95": raw["p95"] / 1000,
        "p99": raw["p99"] / 1000, "errors": errors,
        "ok": raw["requests"] - raw["status"],
    }
