"""Redis settings: a hung Redis is given up on after 2 seconds, and the cache can have a Redis of its own."""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMEOUTS = {"socket_timeout": 2, "socket_connect_timeout": 2}
PRINT_SETTINGS = """
import json
from django.conf import settings
from engagement.celery import app
print(json.dumps({"cache": settings.CACHES["default"], "broker": app.conf.broker_transport_options}))
"""


@functools.cache
def settings_with(**env):
    """The cache and broker settings as a process started with `env` (and REDIS_URL) reads them."""
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_REDIS_URL"}}
    environment |= {"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "engagement.settings", "REDIS_URL": "redis://broker:6379/0"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PRINT_SETTINGS}"],
        cwd=ROOT,
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_broker_gives_up_on_a_hung_redis_after_2_seconds():
    assert settings_with()["broker"].items() >= TIMEOUTS.items()


def test_the_cache_gives_up_on_a_hung_redis_after_2_seconds():
    assert settings_with()["cache"]["OPTIONS"] == TIMEOUTS


def test_the_cache_shares_the_brokers_redis_by_default():
    assert settings_with()["cache"]["LOCATION"] == "redis://broker:6379/0"


def test_the_cache_uses_its_own_redis_when_given_one():
    assert settings_with(CACHE_REDIS_URL="redis://cache:6379/1")["cache"]["LOCATION"] == "redis://cache:6379/1"
