"""The app refuses to run in production without a real SECRET_KEY."""
import pytest

from app import create_app


@pytest.mark.parametrize("key", [None, "", "short", "dev-only-not-secret"])
def test_production_refuses_a_missing_or_weak_secret_key(monkeypatch, tmp_path, key):
    monkeypatch.delenv("DEMO_MODE", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    if key is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", key)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


def test_production_starts_with_a_real_key(monkeypatch, tmp_path):
    monkeypatch.delenv("DEMO_MODE", raising=False)
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-secret-key")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    assert create_app().config["SECRET_KEY"].startswith("a-long")


def test_demo_mode_runs_with_the_development_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DEMO_MODE", "1")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    assert create_app().config["DEMO_MODE"] is True
