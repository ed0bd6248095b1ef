"""Find every form and query parameter of the app by crawling it as a user.

Starts from every GET route of app.url_map (URLs filled in by
tests/security_routes.py), follows local links, and records each form (its
method, action and fields) and each query parameter seen in a link. The
hostile-input tests then send payloads through all of them.
"""
import itertools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

from tests.security_routes import build_url, own_site, rules

TEXT_TYPES = {"text", "search", "email", "tel", "url", "number", "date",
              "password", "hidden", "datetime-local", "time", ""}
# Following these would end the session or leave the app.
SKIP_ACTIONS = ("/logout",)


@dataclass
class Form:
    method: str
    action: str
    fields: dict = field(default_factory=dict)    # name -> default value
    text_fields: list = field(default_factory=list)
    choices: dict = field(default_factory=dict)   # select/radio -> values

    endpoint: str = ""

    @property
    def key(self):
        return (self.method, self.endpoint, tuple(sorted(self.fields)))


class _PageParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms, self.links = [], []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "option" and self._select and self._form is not None:
            value = a.get("value", "")
            self._form.choices[self._select].append(value)
            if "selected" in a or not self._form.fields[self._select]:
                self._form.fields[self._select] = value
            return
        if tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(a["href"])
        elif tag == "form":
            action = a.get("action") or self.page_url
            self._form = Form((a.get("method") or "get").upper(), action)
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            self._input(a)
        elif tag == "select":
            self._select = a["name"]
            self._form.fields.setdefault(self._select, "")
            self._form.choices.setdefault(self._select, [])
            self._form.text_fields.append(self._select)
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form.fields[a["name"]] = ""
            self._form.text_fields.append(a["name"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def _input(self, a):
        kind, name = a.get("type", "text").lower(), a["name"]
        if kind in ("checkbox", "radio"):
            self._form.choices.setdefault(name, []).append(a.get("value", "on"))
            if "checked" in a:
                self._form.fields[name] = a.get("value", "on")
            self._form.text_fields.append(name)
        elif kind in ("submit", "button", "image", "reset", "file"):
            return
        else:
            self._form.fields[name] = a.get("value", "")
            if name != "csrf_token":
                self._form.text_fields.append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form.fields[self._textarea] += data


def parse_page(url, html):
    parser = _PageParser(url)
    parser.feed(html)
    for form in parser.forms:
        form.text_fields = list(dict.fromkeys(form.text_fields))
    return parser.forms, parser.links


@dataclass
class Surface:
    """What an attacker can type into: forms and query parameters."""
    pages: set = field(default_factory=set)
    forms: dict = field(default_factory=dict)       # key -> Form
    params: dict = field(default_factory=dict)      # path -> {names}


def start_urls(app):
    return [build_url(app, rule, own_site()) for rule in rules(app)
            if "GET" in rule.methods and rule.endpoint != "static"]


def endpoint_of(app, path, method="GET"):
    try:
        return app.url_map.bind("localhost").match(path, method=method)[0]
    except Exception:  # noqa: BLE001  404 / 405: no such route
        return None


def crawl(app, client, limit=150, start=None, per_endpoint=2):
    """Visit local pages breadth first, a few per endpoint; collect forms."""
    surface, queue = Surface(), list(start or start_urls(app))
    seen_paths, visits = set(), {}
    while queue and len(surface.pages) < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        endpoint = endpoint_of(app, parts.path)
        if parts.path in seen_paths or parts.path.startswith(SKIP_ACTIONS) \
                or endpoint in (None, "static") \
                or visits.get(endpoint, 0) >= per_endpoint:
            continue
        seen_paths.add(parts.path)
        visits[endpoint] = visits.get(endpoint, 0) + 1
        surface.params.setdefault(parts.path, set()).update(
            name for name, _ in parse_qsl(parts.query))
        response = client.get(url)
        body = response.get_data().decode("utf-8", "replace")  # downloads are binary
        response.close()
        surface.pages.add(url)
        if "html" not in response.content_type:
            continue
        forms, links = parse_page(url, body)
        for form in forms:
            form.endpoint = endpoint_of(app, urlsplit(form.action).path,
                                        form.method)
            if form.endpoint and not form.action.startswith(SKIP_ACTIONS):
                surface.forms.setdefault(form.key, form)
                if form.method == "GET":
                    surface.params.setdefault(urlsplit(form.action).path,
                                              set()).update(form.fields)
        for link in links:
            link_parts = urlsplit(link)
            surface.params.setdefault(link_parts.path, set()).update(
                name for name, _ in parse_qsl(link_parts.query))
            queue.append(link)
    return surface


_numbers = itertools.count(1)


def plausible(form, name):
    """A valid-looking value, so the other fields do not hide a payload."""
    if form.choices.get(name):
        return next((c for c in form.choices[name] if c), "")
    if form.fields.get(name):
        return form.fields[name]
    n = next(_numbers)
    if "email" in name:
        return f"hostile{n}@example.com"
    return f"Sample {n}"


def baseline(form):
    return {name: plausible(form, name) for name in form.fields
            if name in form.text_fields or name not in form.choices}
