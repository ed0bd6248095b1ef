"""Desk pages: queue (full page and htmx partial), detail, dashboard, access."""
import pytest

from models import AccountRequest, db
from tests.desk_factories import days_ago, edit_request, make_request


@pytest.fixture
def agent(demo, auth):
    auth.login("agent")
    return demo


def _make(factory=make_request, **kwargs):
    with db.connection_context():
        return factory(**kwargs)


def test_queue_full_page_and_partial(agent, client, htmx_headers):
    req = _make()
    page = client.get("/desk")
    assert page.status_code == 200
    assert b"<html" in page.data and req.reference.encode() in page.data
    assert "HX-Request" in page.headers.get("Vary", "")
    partial = client.get("/desk?q=" + req.reference, headers=htmx_headers)
    assert partial.status_code == 200
    assert b"<html" not in partial.data
    assert req.reference.encode() in partial.data
    assert b'id="queue-summary"' in partial.data  # out-of-band counts


def test_queue_most_urgent_first_and_marks(agent, client):
    late = _make(submitted_at=days_ago(10))
    fresh = _make()
    body = client.get("/desk?lang=en").get_data(as_text=True)
    assert body.index(late.reference) < body.index(fresh.reference)
    assert "Overdue: 1" in body
    assert 'class="badge urgency-overdue"' in body


def test_queue_filters(agent, client):
    late = _make(submitted_at=days_ago(10))
    fresh = _make()
    body = client.get("/desk?overdue=1").get_data(as_text=True)
    assert late.reference in body and fresh.reference not in body
    body = client.get("/desk?kind=add_user").get_data(as_text=True)
    assert late.reference not in body
    body = client.get("/desk?q=korjaamo testi").get_data(as_text=True)
    assert late.reference in body
    body = client.get("/desk?mine=1").get_data(as_text=True)
    assert late.reference not in body
    body = client.get("/desk?status=completed").get_data(as_text=True)
    assert late.reference not in body


@pytest.mark.parametrize("query", [
    "status=nope", "site=abc", "site=99999", "kind=x", "page=-4",
    "page=999999999999", "overdue=yes", "q=" + "x" * 500, "q=%00%ff"])
def test_queue_bad_input_never_fails(agent, client, query):
    assert client.get("/desk?" + query).status_code == 200


def test_detail_shows_before_after(agent, client, htmx_headers):
    req = _make(edit_request, account_changes={"name": "Uusi Nimi Oy",
                                               "country": "SE"})
    body = client.get(f"/desk/{req.reference}?lang=en").get_data(as_text=True)
    assert "<html" in body
    assert "Uusi Nimi Oy" in body and "Sweden" in body and "Finland" in body
    partial = client.get(f"/desk/{req.reference}", headers=htmx_headers)
    assert b"<html" not in partial.data


def test_detail_unknown_reference_404(agent, client):
    assert client.get("/desk/R-0000-000000").status_code == 404
    assert client.get("/desk/" + "x" * 300).status_code == 404


def test_dashboard(agent, client):
    _make(submitted_at=days_ago(10))
    body = client.get("/desk/dashboard?lang=en").get_data(as_text=True)
    assert "<svg" in body and "<title" in body and "<desc" in body
    assert "Week starting" in body and 'style="' not in body


@pytest.mark.parametrize("url", ["/desk", "/desk/dashboard",
                                 "/desk/R-2026-900001"])
def test_dealers_never_reach_the_desk(demo, auth, client, url):
    auth.login("demo")
    with db.connection_context():
        make_request()
    assert client.get(url).status_code == 404


def test_anonymous_goes_to_login(demo, client):
    response = client.get("/desk")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_agent_sees_no_orders(agent, client):
    assert client.get("/orders").status_code == 404


def test_dealer_posts_to_desk_404(demo, auth, client):
    auth.login("demo")
    req = _make()
    response = client.post(f"/desk/{req.reference}/take",
                           data={"expected_status": "submitted"})
    assert response.status_code == 404
    with db.connection_context():
        assert AccountRequest.get_by_id(req.id).status == "submitted"


def test_queue_and_detail_in_finnish_and_swedish(agent, client):
    req = _make(submitted_at=days_ago(10))
    body = client.get("/desk?lang=fi").get_data(as_text=True)
    assert "Pyyntöjono" in body and "Myöhässä: 1" in body
    assert "Liikkeen koodi ja paikkakunta" in body
    body = client.get(f"/desk/{req.reference}?lang=fi").get_data(as_text=True)
    assert "Liikeasiakastilin tiedot" in body and "Tilin nimi" in body
    assert "Ota käsittelyyn" in body
    body = client.get("/desk?lang=sv").get_data(as_text=True)
    assert "Förfrågningskö" in body


def test_demo_history_fills_the_service_level(demo, auth, client):
    import random

    from demo.desk_history import HISTORY_REQUESTS, seed_desk_history
    from models import Notification, utcnow
    with db.connection_context():
        seed_desk_history(random.Random(4), utcnow())
        assert AccountRequest.select().count() == HISTORY_REQUESTS + 3
        assert not Notification.select().where(
            Notification.read == False).exists()  # noqa: E712
    auth.login("agent")
    body = client.get("/desk/dashboard?lang=en").get_data(as_text=True)
    assert body.count("<rect class=\"bar ") == 8 and " %</td>" in body


def test_queue_pages_and_site_filter(agent, client):
    from models import Dealer
    agent.config["PAGE_SIZE"] = 2
    refs = [_make(submitted_at=days_ago(n)).reference for n in (3, 2, 1)]
    with db.connection_context():
        other_site = Dealer.get(Dealer.code != "20/90074")
        other = make_request(dealer=other_site).reference
    body = client.get("/desk?lang=en").get_data(as_text=True)
    assert refs[0] in body and refs[2] not in body and 'rel="next"' in body
    body = client.get("/desk?page=2&lang=en").get_data(as_text=True)
    assert refs[2] in body and 'rel="prev"' in body
    body = client.get(f"/desk?site={other_site.id}").get_data(as_text=True)
    assert other in body and refs[0] not in body
