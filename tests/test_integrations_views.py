"""Settings → Integrations: keys shown once, endpoints, deliveries, access."""
import logging
import re

import pytest

from integration.api_keys import hash_of
from models import ApiKey, Dealer, WebhookDelivery, WebhookEndpoint, db
from tests.api_support import ApiClient, account_id, order_body


def _site_id(code="20/90074"):
    with db.connection_context():
        return Dealer.get(Dealer.code == code).id


def _create_key(client, label="Marketplace", site=None, **headers):
    return client.post("/settings/integrations/keys", headers=headers,
                       data={"site": site or _site_id(), "label": label})


def test_the_tab_is_there_for_dealers_in_each_language(client, demo, auth):
    auth.login()
    page = client.get("/settings/integrations?lang=fi").get_data(as_text=True)
    assert "Integraatiot" in page and "API-avaimet" in page
    assert 'href="/api/v1/reference"' in page
    page = client.get("/settings/integrations?lang=en").get_data(as_text=True)
    assert "Webhook endpoints" in page


def test_agents_and_visitors_do_not_see_it(client, demo, auth):
    assert client.get("/settings/integrations").status_code == 302
    auth.login("agent")
    assert client.get("/settings/integrations").status_code == 404


def test_a_new_key_is_shown_once_and_works(client, demo, auth, caplog):
    auth.login()
    with caplog.at_level(logging.INFO, logger="order_manager.security"):
        page = _create_key(client).get_data(as_text=True)
    secret = re.search(r'<code class="secret">(om_[^<]+)</code>', page).group(1)
    with db.connection_context():
        key = ApiKey.get()
        assert key.key_hash == hash_of(secret) and secret not in key.prefix
        assert key.created_by.username == "demo"
    assert any('"event": "api_key_created"' in r.message for r in caplog.records)
    again = client.get("/settings/integrations").get_data(as_text=True)
    assert secret not in again and key.prefix in again
    api = ApiClient(client, secret)
    assert api.get("/api/v1/trade-accounts").status_code == 200
    assert "Never" not in client.get(
        "/settings/integrations?lang=en").get_data(as_text=True).split(
        "API keys")[1].split("</table>")[0]


def test_the_key_form_works_with_htmx_as_a_partial(client, demo, auth, htmx_headers):
    auth.login()
    response = _create_key(client, **htmx_headers)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in text and 'id="api-keys"' in text


@pytest.mark.parametrize("label", ["", "x" * 81, "key\u202e", "key\x00"])
def test_a_bad_label_is_refused_with_a_message(client, demo, auth, label):
    auth.login()
    response = _create_key(client, label=label)
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    with db.connection_context():
        assert ApiKey.select().count() == 0


def test_a_key_for_another_site_cannot_be_made(client, demo, auth):
    auth.login()
    response = _create_key(client, site=_site_id("30/10021"))
    assert response.status_code == 422
    with db.connection_context():
        assert ApiKey.select().count() == 0


def test_revoking_a_key_refuses_it_at_once_and_is_logged(client, demo, auth, caplog):
    auth.login()
    page = _create_key(client).get_data(as_text=True)
    secret = re.search(r'<code class="secret">(om_[^<]+)</code>', page).group(1)
    with db.connection_context():
        key_id = ApiKey.get().id
    with caplog.at_level(logging.INFO, logger="order_manager.security"):
        client.post(f"/settings/integrations/keys/{key_id}/revoke")
    assert any('"event": "api_key_revoked"' in r.message for r in caplog.records)
    assert ApiClient(client, secret).get("/api/v1/orders").status_code == 401


def test_another_sites_key_or_endpoint_is_404(client, demo, auth):
    auth.login("other")
    _create_key(client, site=_site_id("30/10021"))
    client.post("/settings/integrations/endpoints", data={
        "site": _site_id("30/10021"), "url": "https://example.com/hooks"})
    with db.connection_context():
        key_id, endpoint_id = ApiKey.get().id, WebhookEndpoint.get().id
    auth.logout()
    auth.login()
    assert client.post(f"/settings/integrations/keys/{key_id}/revoke"
                       ).status_code == 404
    assert client.post(f"/settings/integrations/endpoints/{endpoint_id}"
                       "/disable").status_code == 404
    page = client.get("/settings/integrations").get_data(as_text=True)
    assert "example.com/hooks" not in page
    with db.connection_context():
        assert ApiKey.get().revoked_at is None and WebhookEndpoint.get().active


def test_an_endpoint_shows_its_secret_once(client, demo, auth):
    auth.login()
    page = client.post("/settings/integrations/endpoints", data={
        "site": _site_id(), "url": "https://example.com/hooks"}
    ).get_data(as_text=True)
    with db.connection_context():
        secret = WebhookEndpoint.get().secret
    assert secret in page and secret.startswith("whsec_")
    assert secret not in client.get("/settings/integrations").get_data(
        as_text=True)


@pytest.mark.parametrize("url", ["", "ftp://example.com/", "not a url",
                                 "https://u:p@example.com/"])
def test_bad_endpoint_urls_are_refused(client, demo, auth, url):
    auth.login()
    response = client.post("/settings/integrations/endpoints", data={
        "site": _site_id(), "url": url})
    assert response.status_code == 422
    with db.connection_context():
        assert WebhookEndpoint.select().count() == 0


def test_internal_endpoints_are_refused_in_production(client, demo, auth):
    demo.config["TESTING"] = False
    demo.config["WEBHOOKS_ALLOW_INTERNAL"] = False
    auth.login()
    response = client.post("/settings/integrations/endpoints?lang=en", data={
        "site": _site_id(), "url": "http://169.254.169.254/latest"})
    assert response.status_code == 422
    assert "private network" in response.get_data(as_text=True)


def test_deliveries_are_listed_with_a_detail_and_resend(client, demo, auth):
    auth.login()
    client.post("/settings/integrations/endpoints", data={
        "site": _site_id(), "url": "https://example.com/hooks"})
    _create_key(client)
    with db.connection_context():
        from integration.api_keys import create_key
        _k, secret = create_key(_site_id(), "t")
    code = ApiClient(client, secret).post(
        "/api/v1/orders", order_body(account_id())).get_json()["code"]
    page = client.get("/settings/integrations?lang=en").get_data(as_text=True)
    assert code in page and "New order" in page and "Waiting" in page
    with db.connection_context():
        delivery_id = WebhookDelivery.get().id
    detail = client.get(f"/settings/integrations/deliveries/{delivery_id}")
    assert detail.status_code == 200 and code in detail.get_data(as_text=True)
    resent = client.post(
        f"/settings/integrations/deliveries/{delivery_id}/resend?lang=en")
    assert "sent again" in resent.get_data(as_text=True)
    auth.logout()
    auth.login("other")
    assert client.get(f"/settings/integrations/deliveries/{delivery_id}"
                      ).status_code == 404
    assert client.post(f"/settings/integrations/deliveries/{delivery_id}"
                       "/resend").status_code == 404


def test_forms_need_the_csrf_token(csrf_app, demo, auth, client):
    auth.login()
    assert _create_key(client).status_code == 400
    with db.connection_context():
        assert ApiKey.select().count() == 0


def test_the_page_queries_do_not_grow_with_keys_and_endpoints(client, demo, auth):
    from tests.sql_capture import captured_sql
    auth.login()
    _create_key(client)
    client.post("/settings/integrations/endpoints", data={
        "site": _site_id(), "url": "https://example.com/one"})
    with captured_sql() as few:
        client.get("/settings/integrations")
    for n in range(5):
        _create_key(client, label=f"key {n}")
        client.post("/settings/integrations/endpoints", data={
            "site": _site_id(), "url": f"https://example.com/{n}"})
    with captured_sql() as many:
        client.get("/settings/integrations")
    assert len(many) == len(few)
