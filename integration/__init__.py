"""The marketplace integration without Flask: API keys, taking in orders,
idempotency, and the webhook outbox with its delivery worker."""
