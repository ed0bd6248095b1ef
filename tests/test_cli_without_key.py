"""README's commands work as written: those that sign nothing need no
SECRET_KEY, while serving still refuses to start without one."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLASK = [str(Path(sys.executable).parent / "flask"), "--app", "app"]


@pytest.fixture
def clean_env(tmp_path):
    """A bare environment: no SECRET_KEY, no DEMO_MODE, a temp database."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path), "LANG": "C.UTF-8",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}


def flask(args, env, timeout=120):
    return subprocess.run(FLASK + args, cwd=ROOT, env=env, timeout=timeout,
                          capture_output=True, text=True)


def test_schema_demo_and_keys_without_a_secret_key(clean_env):
    for args in (["init-db"], ["seed-demo", "--orders", "20"], ["init-db"],
                 ["api-keys", "create", "20/90074", "--label", "Marketplace"]):
        result = flask(args, clean_env)
        assert result.returncode == 0, (args, result.stderr)
        assert "SECRET_KEY" not in result.stderr
    # The key is the last line (README step 1).
    assert result.stdout.strip().splitlines()[-1]


def test_serving_without_a_secret_key_still_refuses(clean_env):
    result = flask(["run", "--port", "0"], clean_env, timeout=60)
    assert result.returncode != 0
    assert "SECRET_KEY is missing" in result.stderr
