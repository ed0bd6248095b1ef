"""Where webhooks may be sent: public http(s) addresses only.

A URL that names (or resolves to) a loopback, private, link-local or
otherwise internal address would let whoever registers an endpoint make
the server call into its own network. Such targets are refused when the
endpoint is registered and again before every delivery (a name can be
re-pointed later); demo and test mode allow them, for local receivers.
"""
import ipaddress
import socket
from urllib.parse import urlsplit

MAX_URL_LENGTH = 500


class TargetRefused(Exception):
    """The URL is not one webhooks may be sent to; .reason says why."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


# Reasons (the UI translates them).
NOT_HTTP = "not_http"
NO_HOST = "no_host"
TOO_LONG = "too_long"
CREDENTIALS = "credentials"
INTERNAL = "internal"
UNRESOLVED = "unresolved"


def check_url(url, allow_internal=False, resolve=True):
    """Refuse a URL webhooks must not go to (TargetRefused), else None."""
    if len(url) > MAX_URL_LENGTH:
        raise TargetRefused(TOO_LONG)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise TargetRefused(NOT_HTTP)
    if parts.scheme not in ("http", "https") or any(c.isspace() for c in url):
        raise TargetRefused(NOT_HTTP)
    if not parts.hostname:
        raise TargetRefused(NO_HOST)
    if parts.username or parts.password:
        raise TargetRefused(CREDENTIALS)
    if allow_internal:
        return
    for address in _addresses(parts.hostname, port, resolve):
        if not address.is_global or address.is_multicast:
            raise TargetRefused(INTERNAL)


def _addresses(host, port, resolve):
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    if host.rstrip(".").lower().endswith("localhost"):
        raise TargetRefused(INTERNAL)
    if not resolve:
        return []
    try:
        infos = socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise TargetRefused(UNRESOLVED)
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
