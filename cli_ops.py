"""Operator commands: deactivate-user (ends every session), backup,
rebuild-derived and optimize-search."""
import sqlite3

import click

from models import User, db, write_transaction
from models.base import is_sqlite
from web.security import audit


def deactivate(username):
    """Make `username` inactive and end all their sessions; False if unknown."""
    with write_transaction():
        updated = (User.update(active=False,
                               session_version=User.session_version + 1)
                   .where(User.username == username).execute())
    return updated == 1


def backup_sqlite(path):
    """Copy the live database with SQLite's online backup API.

    The copy is consistent even while requests keep writing: the backup
    restarts its page copy if a writer changes a page it already copied.
    """
    target = sqlite3.connect(path)
    try:
        with target:
            db.connection().backup(target, pages=1024)
        check = target.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        target.close()
    return check


def register(app):
    @app.cli.command("deactivate-user")
    @click.argument("username")
    def deactivate_user(username):
        """Deactivate a user: no more logins, every session ends now."""
        with db.connection_context():
            if not deactivate(username):
                raise click.ClickException(f"No user named {username!r}.")
        audit("user_deactivated", user=username, via="cli")
        click.echo(f"{username} deactivated; their sessions have ended.")

    @app.cli.command("backup")
    @click.argument("path", type=click.Path(dir_okay=False))
    def backup(path):
        """Write an online backup of the SQLite database to PATH."""
        with db.connection_context():
            if not is_sqlite():
                raise click.ClickException(
                    "This database is PostgreSQL: back it up with pg_dump "
                    "(e.g. pg_dump -Fc DBNAME > backup.dump) and restore "
                    "with pg_restore.")
            check = backup_sqlite(path)
        if check != "ok":
            raise click.ClickException(f"Backup integrity check: {check}")
        click.echo(f"Backup written to {path} (integrity_check: ok).")

    @app.cli.command("rebuild-derived")
    def rebuild_derived():
        """Rebuild the order search indexes and counters from the orders
        (after a repair or a bulk load done without the triggers)."""
        from models.derived import rebuild_all
        with db.connection_context():
            rebuild_all()
        click.echo("Order search indexes and counters rebuilt.")

    @app.cli.command("optimize-search")
    def optimize_search():
        """Merge the order search index (SQLite; run it nightly)."""
        from models.derived import merge_order_search
        with db.connection_context():
            if not is_sqlite():
                click.echo("PostgreSQL keeps its search indexes itself "
                           "(autovacuum): nothing to do.")
                return
            with write_transaction():
                merge_order_search()
        click.echo("Order search index merged.")
