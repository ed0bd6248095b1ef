"""Every text field of every form refuses control and direction characters
with a message next to the field (422), and stores nothing."""
import pytest

from models import AccountRequest, RequestEvent, User, db
from tests.desk_factories import make_request
from tests.requests_support import create_data, edit_data, first_user
from web.forms import SafeForm

FORM = "/settings/trade-accounts"
HOSTILE = [("\u202eevil", "U+202E RIGHT-TO-LEFT OVERRIDE"),
           ("nul\x00byte", "U+0000"),
           ("esc\x1b[31m", "U+001B"),
           ("unit\x1fsep", "U+001F"),
           ("line\u2028sep", "U+2028 LINE SEPARATOR")]


def sent_requests():
    with db.connection_context():
        return AccountRequest.select().count()


def assert_refused_next_to(response, field, described):
    page = response.get_data(as_text=True)
    assert response.status_code == 422, page[:500]
    assert f'id="{field}-error"' in page
    error = page.split(f'id="{field}-error"', 1)[1].split("</p>", 1)[0]
    assert "cannot be stored" in error and described in error
    assert f'aria-describedby="{field}-error"' in page \
        or f'{field}-hint {field}-error"' in page


@pytest.fixture
def dealer(demo, client, auth):
    auth.login("demo")
    return client


@pytest.mark.parametrize("text, described", HOSTILE)
@pytest.mark.parametrize("field", ["name", "address", "first_name",
                                   "last_name", "email"])
def test_request_form_single_line_fields(dealer, htmx_headers, field, text,
                                         described):
    response = dealer.post(FORM + "?lang=en", headers=htmx_headers,
                           data=create_data(**{field: text}))
    assert_refused_next_to(response, field, described)
    assert sent_requests() == 0


@pytest.mark.parametrize("text, described", HOSTILE)
def test_request_form_notes(dealer, htmx_headers, text, described):
    response = dealer.post(FORM + "?lang=en", headers=htmx_headers,
                           data=create_data(notes="Soita ensin\r\n" + text))
    assert_refused_next_to(response, "notes", described)
    assert sent_requests() == 0


def test_notes_may_hold_line_breaks_and_tabs(dealer, htmx_headers):
    response = dealer.post(FORM, headers=htmx_headers,
                           data=create_data(notes="Rivi 1\r\n\tRivi 2"))
    assert response.status_code == 200 and sent_requests() == 1


def test_edit_form_current_name_and_new_values(dealer, htmx_headers):
    response = dealer.post(FORM + "?lang=en", headers=htmx_headers,
                           data=edit_data(current_name="Kallion\x00Autohuolto"))
    assert_refused_next_to(response, "current_name", "U+0000")
    response = dealer.post(FORM + "?lang=en", headers=htmx_headers,
                           data=edit_data(first_user(), last_name="Korhonen\u202e"))
    assert_refused_next_to(response, "last_name", "U+202E")
    assert sent_requests() == 0


def test_without_htmx_the_page_shows_the_refusal(dealer):
    response = dealer.post(FORM + "?lang=en", data=create_data(name="a\x00b"))
    assert_refused_next_to(response, "name", "U+0000")
    assert "<html" in response.get_data(as_text=True)


@pytest.mark.parametrize("email", ["🚗@korjaamo.example", "mätti@korjaamo.example",
                                   "matti🔧@korjaamo.example"])
def test_email_with_a_non_ascii_local_part_is_refused(dealer, htmx_headers, email):
    response = dealer.post(FORM + "?lang=en", headers=htmx_headers,
                           data=create_data(email=email))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="email-error"' in page and "a–z without accents" in page
    assert sent_requests() == 0


def test_the_refusal_is_translated(dealer, htmx_headers):
    response = dealer.post(FORM + "?lang=fi", headers=htmx_headers,
                           data=create_data(name="\u202eOy"))
    assert response.status_code == 422
    assert "U+202E" in response.get_data(as_text=True)
    assert "cannot be stored" not in response.get_data(as_text=True)


@pytest.fixture
def agent(demo, client, auth):
    auth.login("agent")
    with db.connection_context():
        request = make_request()
    return client, request


def events_of(request):
    with db.connection_context():
        return RequestEvent.select().where(RequestEvent.request == request.id).count()


@pytest.mark.parametrize("text, described", HOSTILE)
def test_desk_note(agent, htmx_headers, text, described):
    client, request = agent
    before = events_of(request)
    response = client.post(f"/desk/{request.reference}/note?lang=en",
                           headers=htmx_headers, data={"note-text": text})
    assert_refused_next_to(response, "note-text", described)
    assert events_of(request) == before


@pytest.mark.parametrize("text, described", HOSTILE)
def test_desk_reject_reason(agent, htmx_headers, text, described):
    client, request = agent
    client.post(f"/desk/{request.reference}/take",
                data={"expected_status": "submitted", "expected_handler": ""})
    response = client.post(f"/desk/{request.reference}/reject?lang=en",
                           headers=htmx_headers,
                           data={"reject-expected_status": "in_progress",
                                 "reject-reason": text})
    assert_refused_next_to(response, "reject-reason", described)
    with db.connection_context():
        assert AccountRequest.get_by_id(request.id).status == "in_progress"


@pytest.mark.parametrize("field", ["time_zone", "locale"])
def test_my_settings(dealer, field):
    values = {"locale": "en", "time_zone": "Europe/Helsinki"}
    values[field] += "\x00"
    response = dealer.post("/settings/me?lang=en", data=values)
    assert_refused_next_to(response, field, "U+0000")
    with db.connection_context():
        assert User.get(User.username == "demo").locale is None


def test_every_form_is_a_safe_form():
    """New forms are covered only if they derive from SafeForm."""
    from blueprints.auth import LoginForm
    from blueprints.desk.forms import ActionForm, NoteForm, RejectForm
    from blueprints.orders.status import StatusForm
    from blueprints.settings.forms import MySettingsForm, RequestForm
    for form in (LoginForm, ActionForm, NoteForm, RejectForm, StatusForm,
                 MySettingsForm, RequestForm):
        assert issubclass(form, SafeForm), form
    from flask_wtf import FlaskForm
    assert {cls.__name__ for cls in _subclasses(FlaskForm)} - {"SafeForm"} \
        <= {cls.__name__ for cls in _subclasses(SafeForm)}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)
