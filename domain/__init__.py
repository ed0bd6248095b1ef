"""Business rules with no Flask import: testable without a request."""
