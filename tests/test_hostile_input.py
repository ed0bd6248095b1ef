"""Hostile input through every form field and query parameter the app has.

The forms and parameters are found by crawling the app as a dealer and as
an agent (tests/hostile_crawl.py), so new ones are covered when they
appear. Every answer is below 500, and markup sent in never comes back
unescaped: not in pages, partials, e-mails or the CSV export.
"""
import csv
import io
import os
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from models import Dealer, Order, TradeAccount, db, utcnow
from tests.conftest import HTMX
from tests.hostile_crawl import (baseline, crawl, endpoint_of, parse_page,
                                 plausible)
from tests.security_routes import log_in_as, stored_tables

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% raw %}",
]
SQL = ["' OR '1'='1", "'; DROP TABLE \"order\"; --", "%", "_", "\\", "1; SELECT 1"]
UNICODE = ["Ääkkönen Åsa Øre", "\u202eevil\u202c", "🚗🔧", "e\u0301\u0301\u0301",
           "\u200b\ufeff", "＜script＞", "𝕏" * 50]
LONG = ["A" * 10_000, "é" * 3000]
CONTROL = ["\x00", "a\x00b\x01\x1b[31m", "line\r\nbreak\ttab"]
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3",
            "@SUM(A1)", "\t=1", "\r=1"]
PAYLOADS = XSS + SQL + UNICODE + LONG + CONTROL + FORMULAS
# One or two of each kind for the exhaustive sweeps (every field, every
# parameter); the property tests below draw from all of PAYLOADS.
SWEEP = (XSS[:4] + SQL[:2] + UNICODE[1:3] + LONG[:1] + CONTROL[1:3]
         + FORMULAS[:1])
# Unescaped, any of these in a response would be markup we did not write.
RAW_MARKERS = ("<script>alert", "<img src=x", "<svg onload")
USERS = ("demo", "agent")


def raw_markup(body):
    return [marker for marker in RAW_MARKERS if marker in body]


def _check(failures, what, response):
    body = response.get_data().decode("utf-8", "replace")  # downloads are binary
    response.close()
    if response.status_code >= 500:
        failures.append(f"{what}: {response.status_code}")
    elif "html" in response.content_type and raw_markup(body):
        failures.append(f"{what}: unescaped {raw_markup(body)}")


def _surfaces(app):
    clients = {}
    for username in USERS:
        client = app.test_client()
        log_in_as(client, username)
        clients[username] = (client, crawl(app, client))
    return clients


def _send_form(client, form, data, headers=None):
    if form.method == "GET":
        return client.get(form.action, query_string=data, headers=headers)
    return client.post(form.action, data=data, headers=headers)


def test_payloads_through_every_form_field(demo, app):
    """One field at a time gets each payload; the rest stay valid."""
    failures, sent, done = [], 0, set()
    for _round in range(2):  # the second round reaches forms the first made
        for username, (client, surface) in _surfaces(app).items():
            for form in surface.forms.values():
                if (username, form.key) in done:
                    continue
                done.add((username, form.key))
                base = baseline(form)
                for name in form.text_fields:
                    for payload in SWEEP:
                        data = dict(base, **{name: payload})
                        headers = HTMX if sent % 2 else None
                        _check(failures, f"{username} {form.method} "
                               f"{form.action} {name}={payload[:30]!r}",
                               _send_form(client, form, data, headers))
                        sent += 1
                # And once as the form stands, to move workflows along.
                _check(failures, f"{form.action} defaults",
                       _send_form(client, form, base))
    assert sent > 100
    assert not failures, "\n".join(failures[:50])
    assert _tables_holding("<script>alert"), (
        "no form stored a payload: the sweep's plausible values no longer "
        "make a valid submission (see plausible())")
    _stored_payloads_are_escaped_everywhere(app)


def _tables_holding(text):
    with db.connection_context():
        return [table for table in stored_tables()
                if any(text in repr(row) for row in
                       db.execute_sql(f'SELECT * FROM "{table}"').fetchall())]


def _stored_payloads_are_escaped_everywhere(app):
    """After the sweep, every page and e-mail shows the payloads escaped."""
    failures = []
    for username in USERS:
        client = app.test_client()
        log_in_as(client, username)
        surface = crawl(app, client, limit=300, per_endpoint=6)
        for url in surface.pages:
            for headers in (None, HTMX):
                _check(failures, f"{username} GET {url}",
                       client.get(url, headers=headers))
    outbox = app.config.get("MAIL_OUTBOX_DIR")
    if outbox:
        import pathlib
        for mail in pathlib.Path(outbox).glob("*.eml"):
            if raw_markup(_decoded_parts(mail.read_bytes())):
                failures.append(f"e-mail {mail.name}: unescaped markup")
    assert not failures, "\n".join(failures[:50])


def _decoded_parts(raw):
    """The non-plain-text parts of an e-mail, transfer encodings undone."""
    import email
    message = email.message_from_bytes(raw)
    parts = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            if part.get_content_subtype() == "plain":
                continue  # plain text is not markup
            parts.append(part.get_payload(decode=True).decode("utf-8", "replace"))
    return "\n".join(parts)


def test_payloads_through_every_query_parameter(demo, app):
    failures, sent = [], 0
    for username, (client, surface) in _surfaces(app).items():
        by_endpoint = {}
        for path, names in surface.params.items():
            by_endpoint.setdefault(endpoint_of(app, path), (path, set()))[1] \
                .update(names | {"q", "page", "sort", "status", "lang"})
        for path, names in by_endpoint.values():
            for payload in SWEEP:
                query = {name: payload for name in names}
                headers = HTMX if sent % 2 else None
                _check(failures, f"{username} GET {path} {payload[:30]!r}",
                       client.get(path, query_string=query, headers=headers))
                sent += 1
    assert sent > 50
    assert not failures, "\n".join(failures[:50])


def test_csv_export_neutralises_formulas_and_keeps_text(demo, app):
    with db.connection_context():
        dealer = Dealer.get(Dealer.code == "20/90074")
        account = TradeAccount.select().where(
            TradeAccount.dealer == dealer).first()
        for n, payload in enumerate(FORMULAS + XSS + SQL):
            Order.create(dealer=dealer, account=account,
                         customer_name=payload[:120], code=f"HOSTILE-{n:03d}",
                         po_number=payload[:40], created_at=utcnow(),
                         total_cents=-100 * n)
    client = app.test_client()
    log_in_as(client, "demo")
    for lang in ("fi", "en"):
        response = client.get(f"/orders/export.csv?q=HOSTILE&lang={lang}")
        assert response.status_code == 200
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        text = response.get_data(as_text=True).lstrip("\ufeff")
        delimiter = ";" if lang == "fi" else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert len(rows) == 1 + len(FORMULAS + XSS + SQL)
        for row in rows[1:]:
            for cell in row:
                if cell.startswith(("=", "+", "@", "\t", "\r")):
                    raise AssertionError(f"formula cell {cell!r}")
                if cell.startswith("-"):
                    assert re.fullmatch(r"-\d+[.,]\d\d", cell), cell
        assert any(cell == "'=HYPERLINK(\"http://evil.example\",\"x\")"
                   for row in rows for cell in row)
        assert any(cell == "<script>alert(1)</script>"
                   for row in rows for cell in row)


# Property-based: any text in any field or parameter, never a 5xx.
# Derandomized: the same examples on every run, so CI is repeatable; set
# HYPOTHESIS_EXPLORE=1 to draw new ones.
HYPOTHESIS = settings(max_examples=80, deadline=None, database=None,
                      derandomize=not os.environ.get("HYPOTHESIS_EXPLORE"),
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow])
any_text = st.one_of(st.text(max_size=300),
                     st.sampled_from(PAYLOADS),
                     st.integers().map(str))
_surface_cache = {}


def _cached(app):
    if id(app) not in _surface_cache:
        _surface_cache.clear()
        _surface_cache[id(app)] = _surfaces(app)
    return _surface_cache[id(app)]


@HYPOTHESIS
@given(data=st.data())
def test_any_text_in_any_form_never_breaks_the_app(demo, app, data):
    username = data.draw(st.sampled_from(USERS))
    client, surface = _cached(app)[username]
    forms = sorted(surface.forms.values(), key=lambda f: f.key)
    form = data.draw(st.sampled_from(forms))
    values = {}
    for name in sorted(form.fields):
        mode = data.draw(st.sampled_from(["plausible", "any", "missing"]))
        if mode == "plausible":
            values[name] = plausible(form, name)
        elif mode == "any":
            values[name] = data.draw(any_text)
    headers = HTMX if data.draw(st.booleans()) else None
    response = _send_form(client, form, values, headers)
    response.close()
    assert response.status_code < 500, (form.action, values)


@HYPOTHESIS
@given(data=st.data())
def test_any_query_never_breaks_the_app(demo, app, data):
    username = data.draw(st.sampled_from(USERS))
    client, surface = _cached(app)[username]
    paths = sorted(surface.params)
    path = data.draw(st.sampled_from(paths))
    names = sorted(surface.params[path] | {"q", "page", "sort", "lang"})
    query = data.draw(st.dictionaries(st.sampled_from(names), any_text,
                                      max_size=len(names)))
    headers = HTMX if data.draw(st.booleans()) else None
    response = client.get(path, query_string=query, headers=headers)
    response.get_data()
    response.close()
    assert response.status_code < 500, (path, query)


def _post_form(client, page_url, action_end, fill=False, **values):
    """Submit the page's form as it stands (or `fill`ed in), plus `values`."""
    forms, _links = parse_page(page_url, client.get(page_url).get_data(as_text=True))
    form = next(f for f in forms if f.method == "POST"
                and f.action.endswith(action_end))
    data = baseline(form) if fill else dict(form.fields)
    return client.post(form.action, data=dict(data, **values))


def test_emails_are_plain_text_with_payloads_kept_and_no_header_injection(
        demo, app):
    """A hostile reason reaches the dealer's e-mail as text, never markup."""
    import email
    import pathlib
    dealer = app.test_client()
    log_in_as(dealer, "demo")
    sent = _post_form(dealer, "/settings/trade-accounts", "/trade-accounts",
                      fill=True, name=XSS[0], notes=XSS[1])
    assert sent.status_code in (302, 303), sent.status_code
    reference = sent.headers["Location"].rsplit("/", 1)[-1]
    agent = app.test_client()
    log_in_as(agent, "agent")
    page = f"/desk/{reference}"
    assert _post_form(agent, page, "/take").status_code in (200, 302, 303)
    reason = XSS[0] + "\r\nBcc: attacker@example.com\r\n\r\n" + FORMULAS[0]
    rejected = _post_form(agent, page, "/reject", **{"reject-reason": reason})
    assert rejected.status_code in (200, 302, 303), rejected.status_code
    mails = sorted(pathlib.Path(app.config["MAIL_OUTBOX_DIR"]).glob("*.eml"))
    assert mails, "rejecting sent no e-mail"
    message = email.message_from_bytes(mails[-1].read_bytes())
    assert message["Bcc"] is None
    assert "attacker@example.com" not in "".join(
        f"{k}: {v}" for k, v in message.items())
    types = {part.get_content_type() for part in message.walk()
             if not part.is_multipart()}
    assert types == {"text/plain"}
    part = next(part for part in message.walk() if not part.is_multipart())
    body = part.get_payload(decode=True).decode(
        part.get_content_charset() or "utf-8")
    assert "<script>alert(1)</script>" in body  # as text, exactly as typed
