"""The notices page: what changed, newest first, each linking to its item."""
import re

import pytest

from blueprints.desk import workflow
from models import Notification, Order, User, db
from models.notices import unread_count
from tests.desk_factories import make_request
from tests.release_database import database_before
from web.notices import NoticeType, register_type


def _agent():
    return User.get(User.username == "agent")


@pytest.fixture
def noticed(demo):
    """A request taken and then messaged by customer service."""
    with db.connection_context():
        req = make_request()
        workflow.take(req, _agent(), "submitted", None)
        workflow.add_note(req, _agent(), "Tarvitsemme osoitteen.", to_dealer=True)
    return req


def _items(page):
    return re.findall(r'<li class="notice( unread)?">(.*?)</li>', page, re.S)


def test_lists_notices_newest_first_linking_to_the_request(noticed, auth, client):
    auth.login("demo")
    assert 'href="/notices"' in client.get("/orders?lang=en").get_data(as_text=True)
    page = client.get("/notices?lang=en").get_data(as_text=True)
    items = _items(page)
    assert len(items) == 2 and all(unread for unread, _body in items)
    newest, oldest = items[0][1], items[1][1]
    assert "Customer service sent a message about your request" in newest
    assert "Tarvitsemme osoitteen." in newest
    assert "Customer service has started processing your request" in oldest
    assert f'href="/requests/{noticed.reference}"' in newest
    # Shown means read: the header counts none, the next visit marks none new.
    assert "No new notices" in page
    with db.connection_context():
        assert unread_count(User.get(User.username == "demo").id) == 0
    again = client.get("/notices?lang=en").get_data(as_text=True)
    assert len(_items(again)) == 2 and not any(u for u, _b in _items(again))


def test_in_finnish_and_as_a_partial(noticed, auth, client, htmx_headers):
    auth.login("demo")
    response = client.get("/notices?lang=fi", headers=htmx_headers)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body
    assert "Asiakaspalvelu on aloittanut pyyntösi" in body
    assert "<h1>Ilmoitukset</h1>" in client.get("/notices").get_data(as_text=True)


def test_opening_the_request_still_reads_its_notices(noticed, auth, client):
    auth.login("demo")
    client.get(f"/requests/{noticed.reference}")
    with db.connection_context():
        assert not Notification.select().where(
            Notification.read == False).exists()  # noqa: E712


def test_nobody_sees_anothers_notices(noticed, auth, client):
    auth.login("other")
    page = client.get("/notices?lang=en").get_data(as_text=True)
    assert _items(page) == [] and "No notices yet" in page
    with db.connection_context():
        assert unread_count(User.get(User.username == "demo").id) == 2


def test_needs_login(demo, client):
    assert client.get("/notices").status_code == 302


def test_another_kind_of_notice_is_a_registered_type(demo, app, auth, client):
    """A new order's notice: rows of a kind, one type saying how they read."""
    register_type(app, "order_new", NoticeType(
        "orders.order_detail", "code",
        lambda notice: (f"New order {notice.subject}", "")))
    with db.connection_context():
        demo_user = User.get(User.username == "demo")
        code = Order.select().first().code
        Notification.create(user=demo_user, kind="order_new", subject=code)
        Notification.create(user=demo_user, kind="unheard_of", subject="x-1")
    auth.login("demo")
    page = client.get("/notices?lang=en").get_data(as_text=True)
    assert f'<a href="/orders/{code}">New order {code}</a>' in page
    # A kind nobody registered still shows, unlinked, never a 500.
    assert '<p class="notice-text">x-1</p>' in page


def test_migration_names_the_request_of_existing_notices(tmp_path):
    database, runner = database_before(tmp_path / "old.db",
                                       "0012_notices_of_any_kind")
    database.execute_sql(
        "INSERT INTO notification (user_id, request_id, at, read) "
        "VALUES (1, 1, '2026-01-02', 0)")
    runner.up()
    row = database.execute_sql(
        "SELECT kind, subject, request_id FROM notification").fetchone()
    assert row == ("request", "R-2026-000001", 1)
    # A notice about no request at all can now be stored.
    database.execute_sql(
        "INSERT INTO notification (user_id, kind, subject, at, read) "
        "VALUES (1, 'order_new', '190114-204115761', '2026-01-02', 0)")
