"""A dealer answers customer service on the request: the thread, its form."""
import datetime
import re

import pytest

from models import AccountRequest, db, utcnow
from tests.reply_support import (QUESTION, asked_request, fresh, post_reply,
                                 replies_of)

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def asked(demo):
    return asked_request()


def _thread(page):
    return re.search(r'<section id="request-thread".*?</section>', page,
                     re.S).group(0)


def test_reply_without_javascript_then_the_thread_shows_both_sides(asked, auth, client):
    auth.login("demo")
    response = post_reply(client, asked, "  040 123 4567  ")
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.endswith(f"/requests/{asked.reference}#request-thread")
    [reply] = replies_of(asked)
    assert reply.note == "040 123 4567" and reply.internal is False
    assert fresh(asked).dealer_reply_at == reply.at
    page = client.get(location.split("#")[0] + "?lang=en").get_data(as_text=True)
    assert "Your reply was sent to customer service." in page
    service, dealer = re.findall(r'<li class="thread-message (\S+)">(.*?)</li>',
                                 _thread(page), re.S)
    assert service[0] == "from-service" and "Asiakaspalvelu Agent" in service[1]
    assert QUESTION in service[1] and "<time" in service[1]
    assert dealer[0] == "from-dealer" and "Demo Dealer" in dealer[1]
    assert "040 123 4567" in dealer[1] and "<time" in dealer[1]
    # The messages are in the thread, not again in the timeline.
    timeline = page.split("<h2>Timeline</h2>")[1].split('id="request-thread"')[0]
    assert QUESTION not in timeline


def test_the_form_has_a_label_and_enter_sends(asked, auth, client):
    auth.login("demo")
    thread = _thread(client.get(f"/requests/{asked.reference}?lang=en")
                     .get_data(as_text=True))
    assert '<label for="text">Your reply</label>' in thread
    assert re.search(r'<textarea[^>]*data-enter-sends[^>]*>', thread)
    # The Enter tip is only true with the script, which shows it.
    assert re.search(r'<p class="hint" id="text-script-hint" data-scripted hidden>'
                     r'Enter sends; Shift\+Enter starts a new line.</p>', thread)
    assert '<button type="submit" class="primary">Send reply</button>' in thread


def test_reply_with_htmx_swaps_the_thread(asked, auth, client, htmx_headers):
    auth.login("demo")
    response = post_reply(client, asked, "Numero on 040 123 4567.", htmx_headers)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body
    assert body.lstrip().startswith('<section id="request-thread"')
    # Focus moves to the confirmation, which a screen reader announces.
    assert re.search(r'<p class="flash flash-success" role="status" tabindex="-1" '
                     r'data-take-focus>Your reply was sent', body)
    assert "Numero on 040 123 4567." in body
    assert re.search(r"<textarea[^>]*>\s*</textarea>", body)   # emptied


@pytest.mark.parametrize("text, error", [
    ("", "Write your reply."),
    ("   \n ", "Write your reply."),
    ("x" * 2001, "At most 2000 characters."),
    ("Hei \u202eevil", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("Hei\x00", "U+0000"),
    ("Rivi\u2028toinen", "U+2028")])
def test_bad_replies_are_refused_beside_the_field(asked, auth, client, htmx_headers,
                                                  text, error):
    auth.login("demo")
    for headers in ({}, htmx_headers):
        response = post_reply(client, asked, text, headers)
        body = response.get_data(as_text=True)
        assert response.status_code == 422
        assert re.search(r'<textarea[^>]*aria-describedby="text-hint '
                         r'text-script-hint text-error"[^>]*aria-invalid="true"', body)
        assert error in body.split('id="text-error">')[1].split("</p>")[0]
        assert ("<html" in body) == (not headers)
        # Without JavaScript the page loads with the field focused.
        assert bool(re.search(r"<textarea[^>]*autofocus", body)) == (not headers)
    assert replies_of(asked) == [] and fresh(asked).dealer_reply_at is None


def test_bad_replies_are_refused_in_finnish(asked, auth, client):
    auth.login("demo")
    body = post_reply(client, asked, " ", lang="fi").get_data(as_text=True)
    assert "Kirjoita vastauksesi." in body


def test_newlines_and_tabs_are_kept_with_lf_line_ends(asked, auth, client):
    auth.login("demo")
    post_reply(client, asked, "Rivi 1\r\n\tRivi 2")
    assert [r.note for r in replies_of(asked)] == ["Rivi 1\n\tRivi 2"]


def test_another_sites_request_is_404(asked, auth, client):
    auth.login("other")
    assert client.get(f"/requests/{asked.reference}").status_code == 404
    assert post_reply(client, asked, "Hei").status_code == 404
    auth.logout()
    auth.login("agent")
    assert post_reply(client, asked, "Hei").status_code == 404
    assert replies_of(asked) == []


def test_unknown_request_is_404(demo, auth, client):
    auth.login("demo")
    response = client.post("/requests/R-1999-000000/reply", data={"text": "x"})
    assert response.status_code == 404


def test_csrf_is_checked(asked, csrf_app):
    client = csrf_app.test_client()
    login = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"username": "demo", "password": "demo",
                                "csrf_token": CSRF.search(login).group(1)})
    assert post_reply(client, asked, "Ilman tunnistetta").status_code == 400
    page = client.get(f"/requests/{asked.reference}").get_data(as_text=True)
    token = CSRF.search(_thread(page)).group(1)
    response = client.post(f"/requests/{asked.reference}/reply",
                           data={"text": "Tunnisteen kanssa", "csrf_token": token})
    assert response.status_code == 303
    assert [r.note for r in replies_of(asked)] == ["Tunnisteen kanssa"]


def _close(req, days_ago, status="completed"):
    with db.connection_context():
        AccountRequest.update(
            status=status,
            resolved_at=utcnow() - datetime.timedelta(days=days_ago)).where(
            AccountRequest.id == req.id).execute()


@pytest.mark.parametrize("status", ["completed", "rejected"])
def test_closed_request_takes_replies_for_fourteen_days(asked, auth, client,
                                                         htmx_headers, status):
    _close(asked, 13, status)
    auth.login("demo")
    page = client.get(f"/requests/{asked.reference}?lang=en").get_data(as_text=True)
    assert "This request is closed. You can still reply until" in page
    assert post_reply(client, asked, "Vielä ehtii").status_code == 303
    assert fresh(asked).status == status      # a reply does not reopen it
    _close(asked, 15, status)
    page = client.get(f"/requests/{asked.reference}?lang=en").get_data(as_text=True)
    assert 'class="reply-form"' not in page
    assert "took replies for 14 days after that" in page
    assert 'href="/settings/contact"' in _thread(page)
    for headers in ({}, htmx_headers):
        response = post_reply(client, asked, "Liian myöhään", headers)
        body = response.get_data(as_text=True)
        assert response.status_code == 409
        assert "takes no more replies" in body and 'role="alert"' in body
    assert [r.note for r in replies_of(asked)] == ["Vielä ehtii"]


def test_a_request_without_messages_can_take_a_word_from_the_dealer(demo, auth, client):
    """Before anyone writes, the dealer may add to the request."""
    from tests.desk_factories import make_request
    with db.connection_context():
        req = make_request()
    auth.login("demo")
    page = client.get(f"/requests/{req.reference}?lang=en").get_data(as_text=True)
    assert "No messages yet." in _thread(page)
    assert post_reply(client, req, "Unohdin: käyttäjä aloittaa maanantaina.").status_code == 303
    assert fresh(req).dealer_reply_at is not None


def test_finnish_labels(asked, auth, client):
    auth.login("demo")
    page = client.get(f"/requests/{asked.reference}?lang=fi").get_data(as_text=True)
    assert '<h2 id="thread-heading">Viestit</h2>' in page
    assert ">Lähetä vastaus</button>" in page and "Vastauksesi" in page
