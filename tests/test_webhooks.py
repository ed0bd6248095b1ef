"""Webhooks: the outbox, signing, retries, claims, and where they may go."""
import datetime
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from standardwebhooks import Webhook

from blueprints.orders.status import change_status
from integration import delivery
from integration.endpoints import add_endpoint
from integration.targets import TargetRefused, check_url
from integration.worker import Worker
from models import (Dealer, Order, WebhookAttempt, WebhookDelivery,
                    WebhookEndpoint, WebhookEvent, db, write_transaction)
from models.integrations import DELIVERY_DELIVERED, DELIVERY_FAILED
from tests.webhook_receiver import Receiver

SITE = "20/90074"


def _endpoint(url):
    with db.connection_context():
        return add_endpoint(Dealer.get(Dealer.code == SITE), url,
                            allow_internal=True)


def _new_order():
    with db.connection_context():
        return (Order.select().join(Dealer).where(
            (Dealer.code == SITE) & (Order.status == "new")).first())


def _start(order):
    with db.connection_context():
        change_status(order, "start", "new", None)


def _deliveries():
    with db.connection_context():
        return list(WebhookDelivery.select().order_by(WebhookDelivery.id))


def test_a_status_change_is_sent_signed_per_standard_webhooks(demo):
    with Receiver() as receiver:
        endpoint = _endpoint(receiver.url)
        order = _new_order()
        _start(order)
        with demo.app_context():
            assert Worker(allow_internal=True).run_once() == 1
        headers, body = receiver.received[0]
        payload = Webhook(endpoint.secret).verify(body, headers)
    assert payload["type"] == "order.status_changed"
    assert payload["data"]["from"] == "new"
    assert payload["data"]["to"] == "in_progress"
    assert payload["data"]["order"]["code"] == order.code
    assert payload["data"]["order"]["status"] == "in_progress"
    assert headers["webhook-id"].startswith("msg_")
    with pytest.raises(Exception):
        Webhook(endpoint.secret).verify(body.replace(b"in_progress", b"complete"),
                                        headers)
    [sent] = _deliveries()
    assert sent.status == DELIVERY_DELIVERED and sent.attempts == 1


def test_a_rolled_back_change_writes_no_event(demo):
    _endpoint("http://127.0.0.1:9/never")
    order = _new_order()
    with db.connection_context():
        with pytest.raises(RuntimeError):
            with write_transaction():
                change_status(order, "start", "new", None)
                raise RuntimeError("the caller fails after the change")
        assert WebhookEvent.select().count() == 0
        assert WebhookDelivery.select().count() == 0
        assert Order.get_by_id(order.id).status == "new"
        change_status(order, "start", "new", None)
        assert WebhookEvent.select().count() == 1
        assert WebhookDelivery.select().count() == 1


def test_failures_are_retried_on_the_schedule_with_the_same_id(demo):
    with Receiver(status=500) as receiver:
        _endpoint(receiver.url)
        _start(_new_order())
        with demo.app_context():
            worker = Worker(allow_internal=True)
            worker.run_once()
            [pending] = _deliveries()
            assert pending.status == "pending" and pending.attempts == 1
            assert pending.last_status_code == 500
            wait = pending.next_attempt_at - datetime.datetime.utcnow()
            assert datetime.timedelta(seconds=3) < wait <= datetime.timedelta(
                seconds=5)
            assert worker.run_once() == 0  # not due yet
            for number in range(2, 5):
                with db.connection_context():
                    WebhookDelivery.update(
                        next_attempt_at=datetime.datetime(2020, 1, 1)).execute()
                if number == 4:
                    receiver.status = 200
                worker.run_once()
        ids = {headers["webhook-id"] for headers, _body in receiver.received}
    assert len(receiver.received) == 4 and len(ids) == 1
    [done] = _deliveries()
    assert done.status == DELIVERY_DELIVERED


def test_the_schedule_spans_more_than_a_day_then_gives_up(demo):
    total = sum(delivery.RETRY_DELAYS, datetime.timedelta())
    assert total > datetime.timedelta(days=1)
    with Receiver(status=503) as receiver:
        _endpoint(receiver.url)
        _start(_new_order())
        with demo.app_context():
            worker = Worker(allow_internal=True)
            for _ in range(len(delivery.RETRY_DELAYS) + 1):
                with db.connection_context():
                    WebhookDelivery.update(
                        next_attempt_at=datetime.datetime(2020, 1, 1)).execute()
                worker.run_once()
    [given_up] = _deliveries()
    assert given_up.status == DELIVERY_FAILED
    assert given_up.attempts == len(delivery.RETRY_DELAYS) + 1
    with db.connection_context():
        assert WebhookAttempt.select().count() == given_up.attempts


def test_several_workers_never_make_the_same_attempt(demo):
    with Receiver() as receiver:
        _endpoint(receiver.url)
        _endpoint(receiver.url + "/second")
        _orders_from_the_marketplace(40)
        barrier = threading.Barrier(4)

        def work():
            worker = Worker(allow_internal=True, batch=5)
            barrier.wait()
            with demo.app_context():
                while worker.run_once():
                    pass

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    deliveries = _deliveries()
    assert len(deliveries) == 80
    assert all(d.status == DELIVERY_DELIVERED and d.attempts == 1
               for d in deliveries)
    # Each event reached each endpoint exactly once.
    assert len(receiver.received) == 80
    with db.connection_context():
        assert WebhookAttempt.select().count() == 80


def _orders_from_the_marketplace(count):
    from integration.intake import create_order
    from tests.api_support import account_id
    fields = {"account_id": account_id(), "po_number": "W", "currency": "EUR",
              "note": "", "contact_email": "",
              "lines": [{"part_number": "P", "description": "D",
                         "quantity": 1, "unit_price": "1.00"}]}
    dealer = Dealer.get(Dealer.code == SITE).id
    with db.connection_context():
        for _ in range(count):
            with write_transaction():
                create_order(dealer, fields)


def test_a_worker_killed_mid_delivery_loses_nothing(demo, tmp_path):
    """SIGKILL while the receiver holds the request: the claim lapses and
    the next worker sends the same message again."""
    slow = Receiver()
    hold = threading.Event()
    original = slow.server.RequestHandlerClass.do_POST

    def slow_post(handler):
        hold.wait(20)
        original(handler)
    slow.server.RequestHandlerClass.do_POST = slow_post
    with slow:
        _endpoint(slow.url)
        _start(_new_order())
        env = dict(os.environ, DATABASE_URL=demo.config["DATABASE_URL"],
                   DEMO_MODE="1")
        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "app", "webhooks",
             "worker"], env=env, cwd=os.path.dirname(os.path.dirname(
                 os.path.abspath(__file__))),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 20
            while not slow.received and time.monotonic() < deadline:
                [claimed] = _deliveries()
                if claimed.claim_token:
                    break
                time.sleep(0.05)
            time.sleep(0.3)  # the request is on its way to the receiver
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
        [orphan] = _deliveries()
        assert orphan.claim_token and orphan.status == "pending"
        hold.set()
    with Receiver() as receiver, demo.app_context():
        with db.connection_context():
            WebhookEndpoint.update(url=receiver.url).execute()
        worker = Worker(allow_internal=True)
        assert worker.run_once() == 0  # the claim has not lapsed yet
        with db.connection_context():
            WebhookDelivery.update(
                claimed_until=datetime.datetime(2020, 1, 1)).execute()
        assert worker.run_once() == 1
    [done] = _deliveries()
    assert done.status == DELIVERY_DELIVERED
    assert receiver.received[0][0]["webhook-id"] == _event_id()


def _event_id():
    with db.connection_context():
        return WebhookEvent.get().message_id


def test_resend_sends_the_same_message_again(demo):
    with Receiver() as receiver:
        _endpoint(receiver.url)
        _start(_new_order())
        with demo.app_context():
            worker = Worker(allow_internal=True)
            worker.run_once()
            with db.connection_context():
                assert delivery.resend(WebhookDelivery.get())
            worker.run_once()
    first, second = receiver.received
    assert first[0]["webhook-id"] == second[0]["webhook-id"]
    assert first[1] == second[1]


def test_a_disabled_endpoint_gets_nothing_more(demo):
    from integration.endpoints import disable
    endpoint = _endpoint("http://127.0.0.1:9/off")
    _start(_new_order())
    with db.connection_context():
        disable(endpoint)
        assert delivery.claim_due(10) == []
        order = Order.select().where(Order.status == "new").first()
        change_status(order, "start", "new", None)
        assert WebhookDelivery.select().count() == 1


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/hook", "http://localhost:8000/hook",
    "http://api.localhost/hook", "http://10.1.2.3/", "http://192.168.0.10/",
    "http://172.16.5.4/", "http://169.254.169.254/latest/meta-data",
    "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/",
    "http://100.64.0.1/", "http://224.0.0.1/"])
def test_internal_targets_are_refused_outside_demo(url):
    with pytest.raises(TargetRefused) as refused:
        check_url(url)
    assert refused.value.reason == "internal"
    check_url(url, allow_internal=True)


@pytest.mark.parametrize("url, reason", [
    ("ftp://example.com/x", "not_http"), ("file:///etc/passwd", "not_http"),
    ("https://user:pw@example.com/", "credentials"),
    ("https:///path", "no_host"), ("http://exa mple.com/", "not_http"),
    ("https://example.com/" + "x" * 500, "too_long"),
    ("http://example.com:99999/", "not_http")])
def test_malformed_targets_are_refused(url, reason):
    with pytest.raises(TargetRefused) as refused:
        check_url(url, allow_internal=True)
    assert refused.value.reason == reason


def test_public_addresses_are_allowed():
    check_url("https://203.0.113.0.example.invalid/", resolve=False)
    check_url("https://8.8.8.8/hooks")


def test_a_delivery_to_an_internal_address_is_not_sent(demo):
    with Receiver() as receiver:
        _endpoint(receiver.url)
        _start(_new_order())
        with demo.app_context():
            Worker(allow_internal=False).run_once()
    assert receiver.received == []
    [refused] = _deliveries()
    assert refused.last_error == "refused target: internal"
    assert refused.status == "pending"
