"""Production settings: `check --deploy` is clean, and missing values stop start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-for-the-test-" + "y" * 20,
    "ALLOWED_HOSTS": "peg.example.org",
    "DATABASE_URL": "postgres://engagement:never-used@127.0.0.1:1/engagement",
    "REDIS_URL": "redis://127.0.0.1:1/0",
}


def manage(*args, **env):
    # The test process allows async-unsafe ORM calls for Playwright; production never does.
    environment = {
        k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    } | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def test_check_deploy_prints_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_the_default_secret_key():
    result = manage("check", "--deploy", **(PRODUCTION | {"SECRET_KEY": ""}))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_gunicorn_cannot_load_the_app_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= PRODUCTION | {"SECRET_KEY": "", "DJANGO_SETTINGS_MODULE": "engagement.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import engagement.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_makemigrations_works_on_a_bare_checkout_with_no_settings_at_all():
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root")}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_a_missing_database_url():
    env = dict(PRODUCTION)
    del env["DATABASE_URL"]
    result = manage("check", "--deploy", **env)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_production_refuses_a_sqlite_database_url():
    result = manage("check", "--deploy", **(PRODUCTION | {"DATABASE_URL": "sqlite:////tmp/never-opened.sqlite3"}))
    assert result.returncode != 0
    assert "a PostgreSQL DATABASE_URL, not SQLite" in result.stderr
