"""Logging in and out, redirects, inactive users, health check."""
import pytest

from models import User, db


def test_login_page_labels_in_english(client):
    html = client.get("/login?lang=en").get_data(as_text=True)
    for text in ("Username", "Password", "Log in"):
        assert text in html


def test_login_page_is_finnish_by_default(client):
    assert "Kirjaudu sisään" in client.get("/login").get_data(as_text=True)


def test_swedish_from_the_browser(client):
    html = client.get("/login", headers={"Accept-Language": "sv-SE,sv;q=0.9"})
    assert "Logga in" in html.get_data(as_text=True)


def test_login_and_logout(demo, client, auth):
    assert auth.login().headers["Location"] == "/"
    assert client.get("/orders").status_code == 200
    auth.logout()
    assert client.get("/orders").status_code == 302


def test_wrong_password_is_refused_with_a_message(demo, client, auth):
    response = client.post("/login?lang=en", data={"username": "demo",
                                                   "password": "nope"})
    assert response.status_code == 422
    assert "Wrong username or password" in response.get_data(as_text=True)


def test_inactive_user_is_refused(demo, client, auth):
    with db.connection_context():
        User.update(active=False).where(User.username == "demo").execute()
    assert auth.login().status_code == 422


def test_deactivating_ends_existing_sessions(demo, client, auth):
    auth.login()
    with db.connection_context():
        User.update(session_version=User.session_version + 1).where(
            User.username == "demo").execute()
    assert client.get("/orders").status_code == 302


@pytest.mark.parametrize("target, expected", [
    ("/orders?q=1", "/orders?q=1"),
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
])
def test_next_only_to_local_paths(demo, client, target, expected):
    response = client.post("/login", query_string={"next": target},
                           data={"username": "demo", "password": "demo"})
    assert response.headers["Location"] == expected


def test_agent_lands_on_their_home(demo, client, auth):
    auth.login("agent")
    response = client.get("/")
    assert response.status_code == 302


def test_healthz(app, client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["database"] == "ok"


def test_layout_has_menu_language_switch_and_user(demo, client, auth):
    auth.login()
    html = client.get("/orders?lang=fi").get_data(as_text=True)
    assert 'aria-label="Valikko"' in html
    assert "Tilausten hallinta" in html
    assert 'hreflang="sv"' in html and "Demo Dealer" in html
    assert "Kirjaudu ulos" in html
