"""Switches read like the guide's: a labelled role="switch" with Kyllä/Ei."""
import re

from models import db
from tests.desk_factories import make_request

SWITCH = re.compile(
    r'<label for="(?P<id>[\w-]+)">(?P<label>[^<]+)</label>\s*'
    r'<span class="switch-control"><input (?P<attrs>[^>]*)>'
    r'<span class="switch-state" aria-hidden="true">'
    r'<span class="switch-on">(?P<on>[^<]+)</span>'
    r'<span class="switch-off">(?P<off>[^<]+)</span></span></span>')


def switches(page):
    return {m["label"]: m for m in SWITCH.finditer(page)}


def test_request_form_switch_has_label_role_and_state_words(demo, auth, client):
    auth.login("demo")
    page = client.get("/settings/trade-accounts?lang=fi").get_data(as_text=True)
    found = switches(page)["Nykyinen liikeasiakastili"]
    assert f'id="{found["id"]}"' in found["attrs"]
    assert 'role="switch"' in found["attrs"] and 'type="checkbox"' in found["attrs"]
    assert "checked" not in found["attrs"]
    assert (found["on"], found["off"]) == ("Kyllä", "Ei")


def test_edit_form_switches_in_english(demo, auth, client):
    auth.login("demo")
    page = client.get("/settings/trade-accounts/form", query_string={"lang": "en",
        "kind": "edit_account_and_user", "edit_user": "y"}).get_data(as_text=True)
    found = switches(page)
    assert set(found) >= {"Edit user details", "Remove marketplace access"}
    assert "checked" in found["Edit user details"]["attrs"]
    assert (found["Edit user details"]["on"],
            found["Edit user details"]["off"]) == ("Yes", "No")


def test_no_switch_is_left_without_state_words(demo, auth, client):
    """Every role="switch" on the request form and the desk is the macro's."""
    auth.login("demo")
    pages = [client.get("/settings/trade-accounts/form", query_string={
        "kind": "edit_account_and_user", "edit_user": "y"}).get_data(as_text=True)]
    with db.connection_context():
        req = make_request()
    auth.logout()
    auth.login("agent")
    pages.append(client.get(f"/desk/{req.reference}").get_data(as_text=True))
    for page in pages:
        assert page.count('role="switch"') == len(switches(page)) > 0
