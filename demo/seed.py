"""Load the demo data set into an empty (or demo-only) database."""
import csv
import datetime
import io
import random
import unicodedata

from demo import catalogue as cat
from domain.order_codes import code_for, instant_of
from models import (ALL_MODELS, Counter, Dealer, Membership, Order, OrderLine,
                    TradeAccount, TradeUser, User, db, utcnow)
from models.base import is_sqlite
from models.derived import rebuild_order_counts, rebuild_order_search
from models.orders import OrderStatusCount

DEMO_MARK = "demo_seed"
BATCH = 20000


class NotADemoDatabase(Exception):
    """The database holds real data: the demo must not overwrite it."""


def seed_demo(order_count=2000, rng=None):
    """Replace the demo data set; refuse a database holding real data."""
    rng = rng or random.Random(20190114)
    if User.select().exists() and not Counter.get_or_none(name=DEMO_MARK):
        raise NotADemoDatabase()
    with db.atomic():
        for model in reversed(ALL_MODELS):
            model.delete().execute()
        Counter.create(name=DEMO_MARK, value=1)
        dealers = _dealers()
        _people(dealers)
        accounts = _trade_accounts(dealers, rng)
        _seed_orders(dealers["20/90074"], accounts["20/90074"][0], rng)
    _generated_orders(order_count, dealers, accounts, rng)


def _dealers():
    rows = cat.DEMO_DEALERS + [cat.OTHER_DEALER]
    return {code: Dealer.create(code=code, name=name, location=location,
                                country=country, time_zone=zone)
            for code, name, location, country, zone in rows}


def _user(username, name, role, email):
    user = User(username=username, display_name=name, role=role, email=email)
    user.set_password(username)
    user.save()
    return user


def _people(dealers):
    demo = _user("demo", "Demo Dealer", "dealer", "demo@example.com")
    other = _user("other", "Other Dealer", "dealer", "other@example.com")
    _user("agent", "Asiakaspalvelu Agent", "agent", "agent@example.com")
    for code, *_rest in cat.DEMO_DEALERS:
        Membership.create(user=demo, dealer=dealers[code])
    Membership.create(user=other, dealer=dealers[cat.OTHER_DEALER[0]])


def _trade_accounts(dealers, rng):
    accounts = {}
    for code, names in cat.TRADE_ACCOUNTS.items():
        dealer = dealers[code]
        language = "sv" if dealer.country == "SE" else "fi"
        accounts[code] = []
        for index, name in enumerate(names):
            account = TradeAccount.create(
                dealer=dealer, name=name, name_key=TradeAccount.key_for(name),
                address=f"Teollisuuskatu {index + 3}, {dealer.location}",
                country=dealer.country, language=language)
            accounts[code].append(account)
            for _ in range(rng.randint(1, 3)):
                _trade_user(account, dealer, language, rng)
    return accounts


def ascii_part(text):
    """Letters and digits folded to ASCII (ä → a) for demo e-mail addresses."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore")
    return "".join(c for c in folded.decode().lower() if c.isalnum())


def _trade_user(account, dealer, language, rng):
    first, last = rng.choice(cat.FIRST_NAMES), rng.choice(cat.LAST_NAMES)
    email = (f"{ascii_part(first)}.{ascii_part(last)}.{rng.randint(1, 999)}"
             f"@{ascii_part(account.name_key)[:20]}.example")
    TradeUser.create(account=account, email=email, email_key=email,
                     first_name=first, last_name=last,
                     role=rng.choice(cat.TRADE_ROLES), language=language,
                     time_zone=dealer.time_zone)


def _lines_for_total(total, rng):
    """Order lines (part, description, qty, unit price) adding up to total."""
    lines = []
    remaining = total
    for _ in range(rng.randint(1, 4)):
        part, description, price = rng.choice(cat.PARTS)
        quantity = rng.randint(1, 4)
        if quantity * price >= remaining:
            break
        lines.append((part, description, quantity, price))
        remaining -= quantity * price
    part, description, _price = rng.choice(cat.PARTS)
    lines.append((part, description, 1, remaining))
    return lines


def _seed_orders(dealer, account, rng):
    for code, po_number, status, total in cat.SEED_ORDERS:
        created = instant_of(code)
        order = Order.create(
            dealer=dealer, account=account, customer_name=account.name,
            code=code, po_number=po_number, created_at=created,
            status=status, total_cents=total, updated_at=created)
        # A cancelled order keeps its lines for the record; its total is 0.
        lines = _lines_for_total(total or rng.randint(20000, 90000), rng)
        OrderLine.insert_many(
            [(order.id, n + 1, *line) for n, line in enumerate(lines)],
            fields=[OrderLine.order, OrderLine.line_no, OrderLine.part_number,
                    OrderLine.description, OrderLine.quantity,
                    OrderLine.unit_price_cents]).execute()


STATUS_WEIGHTS = (("new", 15), ("in_progress", 10), ("complete", 65),
                  ("cancelled", 10))
ORDER_FIELDS = [Order.id, Order.dealer, Order.account, Order.customer_name,
                Order.code, Order.po_number, Order.created_at, Order.status,
                Order.total_cents, Order.updated_at, Order.currency]
LINE_FIELDS = [OrderLine.order, OrderLine.line_no, OrderLine.part_number,
               OrderLine.description, OrderLine.quantity,
               OrderLine.unit_price_cents]


def _generated_orders(count, dealers, accounts, rng):
    """`count` orders over five years, 45% per demo site, 10% the other's.

    Rows go to the database in large batches of plain tuples: a million
    orders (and about three million lines) load in well under 3 minutes.
    """
    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    sites = ([dealers[c] for c, *_ in cat.DEMO_DEALERS] * 9
             + [dealers[cat.OTHER_DEALER[0]]] * 2)
    site_accounts = [(site.id, [(a.id, a.name) for a in accounts[site.code]])
                     for site in sites]
    parts = cat.PARTS
    random, timedelta = rng.random, datetime.timedelta
    end = utcnow()
    span_ms = 5 * 365 * 24 * 3600 * 1000
    # Distinct milliseconds: the code (the creation instant) is unique.
    offsets = sorted(rng.sample(range(span_ms), count))
    start = end - timedelta(milliseconds=span_ms)
    next_order_id = (Order.select(Order.id).order_by(Order.id.desc())
                     .scalar() or 0) + 1
    orders, lines = [], []
    with _bulk_load():
        for offset in offsets:
            created = start + timedelta(milliseconds=offset)
            dealer_id, site_accounts_ = site_accounts[
                int(random() * len(site_accounts))]
            account_id, account_name = site_accounts_[
                int(random() * len(site_accounts_))]
            status = statuses[int(random() * len(statuses))]
            total = 0
            for line_no in range(1, 2 + int(random() * 5)):
                part, description, price = parts[int(random() * len(parts))]
                quantity = 1 + int(random() * 6)
                total += quantity * price
                lines.append((next_order_id, line_no, part, description,
                              quantity, price))
            orders.append((next_order_id, dealer_id, account_id, account_name,
                           code_for(created),
                           str(10000000 + int(random() * 90000000)),
                           created, status,
                           0 if status == "cancelled" else total, created,
                           "EUR"))
            next_order_id += 1
            if len(orders) >= BATCH:
                _flush(orders, lines)
        _flush(orders, lines)
    _advance_id_sequence()


class _bulk_load:
    """Load first and index afterwards.

    The order table's indexes and triggers (search index, status counts)
    are set aside while the rows go in, then rebuilt in one pass each:
    ten times faster than maintaining them row by row.
    """

    def __enter__(self):
        if is_sqlite():
            self._sqlite_enter()
        else:
            self._postgres_enter()

    def __exit__(self, *exc):
        if is_sqlite():
            self._sqlite_exit()
        else:
            self._postgres_exit()

    def _sqlite_enter(self):
        self.cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
        db.execute_sql("PRAGMA cache_size = -400000")
        self.saved = db.execute_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = "
            "'order' AND type IN ('index', 'trigger') AND sql IS NOT NULL "
            "ORDER BY type").fetchall()
        with db.atomic():
            for kind, name, _sql in self.saved:
                db.execute_sql(f'DROP {kind.upper()} "{name}"')

    def _sqlite_exit(self):
        with db.atomic():
            for _kind, _name, sql in self.saved:
                db.execute_sql(sql)
            names = {name for _kind, name, _sql in self.saved}
            if "order_search_insert" in names:
                rebuild_order_search()
            if OrderStatusCount.table_exists():
                rebuild_order_counts()
        db.execute_sql(f"PRAGMA cache_size = {int(self.cache)}")

    def _postgres_enter(self):
        """The order table's own indexes (not those backing a constraint)
        dropped and its enabled triggers disabled (the foreign keys' stay)."""
        self.indexes = db.execute_sql(
            "SELECT i.indexrelid::regclass::text, "
            "pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = '\"order\"'::regclass AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT FROM pg_constraint c "
            "WHERE c.conindid = i.indexrelid)").fetchall()
        self.triggers = [row[0] for row in db.execute_sql(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = "
            "'\"order\"'::regclass AND NOT tgisinternal AND tgenabled <> 'D'")]
        with db.atomic():
            for trigger in self.triggers:
                db.execute_sql(f'ALTER TABLE "order" DISABLE TRIGGER '
                               f'"{trigger}"')
            for name, _definition in self.indexes:
                db.execute_sql(f"DROP INDEX {name}")

    def _postgres_exit(self):
        db.execute_sql("SET maintenance_work_mem = '256MB'")
        with db.atomic():
            for _name, definition in self.indexes:
                db.execute_sql(definition)
            for trigger in self.triggers:
                db.execute_sql(f'ALTER TABLE "order" ENABLE TRIGGER '
                               f'"{trigger}"')
            rebuild_order_counts()
        db.execute_sql("RESET maintenance_work_mem")


def _advance_id_sequence():
    """Ids were given explicitly; PostgreSQL's sequence must catch up."""
    if not is_sqlite():
        db.execute_sql("SELECT setval(pg_get_serial_sequence('\"order\"', "
                       "'id'), (SELECT COALESCE(MAX(id), 1) FROM \"order\"))")


def _insert(model, fields, rows):
    """Many rows at once: executemany on SQLite, COPY on PostgreSQL."""
    columns = ", ".join(f'"{field.column_name}"' for field in fields)
    table = model._meta.table_name
    if is_sqlite():
        marks = ", ".join("?" for _ in fields)
        db.cursor().executemany(
            f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', rows)
    else:
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        text.seek(0)
        db.cursor().copy_expert(
            f'COPY "{table}" ({columns}) FROM STDIN WITH (FORMAT csv)', text)


def _flush(orders, lines):
    with db.atomic():
        _insert(Order, ORDER_FIELDS, orders)
        _insert(OrderLine, LINE_FIELDS, lines)
    orders.clear()
    lines.clear()
