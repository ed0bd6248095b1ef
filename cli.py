"""Command-line tasks: flask --app app init-db | seed-demo | ensure-demo."""
import click

import cli_integrations
import cli_ops
from models import db
from models.schema import upgrade


def register(app):
    cli_ops.register(app)
    cli_integrations.register(app)

    @app.cli.command("init-db")
    def init_db():
        """Create the schema, or upgrade it keeping every row."""
        with db.connection_context():
            applied = upgrade()
        click.echo(f"Schema up to date ({len(applied)} migrations applied).")

    @app.cli.command("seed-demo")
    @click.option("--orders", "order_count", default=2000, show_default=True,
                  type=click.IntRange(0, 5_000_000),
                  help="How many orders to generate beside the seed's 12.")
    def seed_demo_command(order_count):
        """Load the demo data (replaces earlier demo data only)."""
        from demo.seed import NotADemoDatabase, seed_demo
        with db.connection_context():
            upgrade()
            try:
                seed_demo(order_count)
                _seed_desk_history()
            except NotADemoDatabase:
                raise click.ClickException(
                    "This database holds real data; the demo is loaded only "
                    "into an empty or demo database.")
        click.echo(f"Demo loaded: 12 seed orders and {order_count} more. "
                   "Logins: demo/demo, other/other, agent/agent.")

    @app.cli.command("ensure-demo")
    def ensure_demo():
        """Upgrade the schema; load the demo if the database has no users."""
        from demo.seed import seed_demo
        from models import User
        with db.connection_context():
            upgrade()
            if not User.select().exists():
                seed_demo()
                _seed_desk_history()
                click.echo("Demo data loaded.")


def _seed_desk_history():
    """Processed requests of the past weeks (the demo only, not the tests)."""
    import random

    from demo.desk_history import seed_desk_history
    from models import utcnow
    seed_desk_history(random.Random(4), utcnow())
