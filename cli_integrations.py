"""Command-line tasks of the integration: api-keys, webhooks (and the worker)."""
import os

import click
from flask import current_app

from integration import api_keys, endpoints
from integration.targets import TargetRefused
from models import ApiKey, Dealer, db, write_transaction
from web.security import audit


def _site(code):
    dealer = Dealer.get_or_none(Dealer.code == code)
    if dealer is None:
        raise click.ClickException(f"No dealer site with the code {code}.")
    return dealer


def register(app):
    @app.cli.group("api-keys")
    def api_keys_group():
        """A site's API keys for the marketplace."""

    @api_keys_group.command("create")
    @click.argument("site_code")
    @click.option("--label", required=True, help="What the key is for.")
    def create(site_code, label):
        """Make a key; it is printed once, alone on the last line."""
        with db.connection_context(), write_transaction():
            key, secret = api_keys.create_key(_site(site_code), label[:80])
        audit("api_key_created", key_id=key.id, site=site_code, via="cli")
        click.echo(f"Key {key.id} for {site_code} ({key.label}). "
                   "Store it now: it is not shown again.")
        click.echo(secret)

    @api_keys_group.command("list")
    def list_keys():
        """One key a line: id, site, prefix, state, last use, label."""
        with db.connection_context():
            keys = ApiKey.select(ApiKey, Dealer).join(Dealer).order_by(ApiKey.id)
            for key in keys:
                state = "active" if key.active else "revoked"
                used = key.last_used_at.isoformat(timespec="seconds") \
                    if key.last_used_at else "never"
                click.echo(f"{key.id}\t{key.dealer.code}\t{key.prefix}…\t"
                           f"{state}\t{used}\t{key.label}")

    @api_keys_group.command("revoke")
    @click.argument("key_id", type=int)
    def revoke(key_id):
        """Revoke a key at once."""
        with db.connection_context():
            key = ApiKey.get_or_none(ApiKey.id == key_id)
            if key is None:
                raise click.ClickException(f"No key with the id {key_id}.")
            revoked = api_keys.revoke(key)
        if revoked:
            audit("api_key_revoked", key_id=key_id, via="cli")
        click.echo(f"Key {key_id} revoked." if revoked
                   else f"Key {key_id} was already revoked.")

    @app.cli.group("webhooks")
    def webhooks_group():
        """Webhook endpoints and the worker that sends the events."""

    @webhooks_group.command("add")
    @click.argument("site_code")
    @click.argument("url")
    def add(site_code, url):
        """Register an endpoint; its signing secret is the last line."""
        allow = bool(current_app.config.get("WEBHOOKS_ALLOW_INTERNAL"))
        with db.connection_context(), write_transaction():
            try:
                endpoint = endpoints.add_endpoint(_site(site_code), url,
                                                  allow_internal=allow)
            except TargetRefused as refused:
                raise click.ClickException(
                    f"That URL cannot receive webhooks ({refused.reason}).")
        audit("webhook_endpoint_added", endpoint_id=endpoint.id,
              site=site_code, url=endpoint.url, via="cli")
        click.echo(f"Endpoint {endpoint.id} for {site_code}: {endpoint.url}")
        click.echo(endpoint.secret)

    @webhooks_group.command("worker")
    @click.option("--exit-with-parent", is_flag=True,
                  help="Stop when the process that started it ends "
                       "(make run).")
    def worker(exit_with_parent):
        """Send the outbox's events until stopped (SIGTERM or Ctrl-C)."""
        from integration.worker import Worker
        allow = bool(current_app.config.get("WEBHOOKS_ALLOW_INTERNAL"))
        click.echo("Webhook worker started.")
        Worker(allow_internal=allow,
               parent_pid=os.getppid() if exit_with_parent else None).run()
        click.echo("Webhook worker stopped.")
