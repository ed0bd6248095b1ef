"""init-db upgrades without losing data; seed-demo loads the seed exactly."""
from demo.catalogue import SEED_ORDERS
from domain.order_codes import code_for, instant_of
from models import Dealer, Order, User, db


def test_seed_demo_loads_the_twelve_orders_exactly(app, runner):
    result = runner.invoke(args=["seed-demo", "--orders", "30"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        for code, po_number, status, total in SEED_ORDERS:
            order = Order.get(Order.code == code)
            assert (order.po_number, order.status, order.total_cents,
                    order.customer_name, order.dealer.code) == (
                po_number, status, total, "JG IMT 1", "20/90074")
            assert order.created_at == instant_of(code)
        assert Order.select().count() == 42
        assert {u.username for u in User.select()} == {"demo", "other", "agent"}


def test_init_db_keeps_existing_rows(app, runner):
    runner.invoke(args=["seed-demo", "--orders", "5"])
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0
    with db.connection_context():
        assert Order.select().count() == 17


def test_seed_demo_refuses_a_real_database(app, runner):
    with db.connection_context():
        user = User(username="real", display_name="Real", role="dealer")
        user.set_password("x")
        user.save()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0
    with db.connection_context():
        assert Dealer.select().count() == 0


def test_order_codes_round_trip():
    instant = instant_of("190114-204115761")
    assert (instant.hour, instant.minute, instant.microsecond) == (20, 41, 761000)
    assert code_for(instant) == "190114-204115761"
    # The seed's short code keeps its meaning: 49 milliseconds.
    assert instant_of("190107-02544749").microsecond == 49000
