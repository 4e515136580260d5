"""The expression-of-interest form works while Redis, where the rate limit is counted, is down or hung."""

import logging
import socket
import time

import pytest

from members.recruitment.models import Application
from tests.recruitment.conftest import apply

pytestmark = pytest.mark.django_db


def redis_cache(settings, location):
    return {
        "default": {
            "BACKEND": "engagement.core.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": settings.REDIS_TIMEOUTS,
        }
    }


@pytest.fixture
def use_cache(settings):
    """Point the cache at `location` for the test; the in-process cache is back before the conftest clears it."""
    previous = settings.CACHES

    def use(location):
        settings.CACHES = redis_cache(settings, location)

    yield use
    settings.CACHES = previous


@pytest.fixture
def redis_stopped(use_cache):
    use_cache("redis://127.0.0.1:1/0")  # nothing listens on port 1: every connection is refused


@pytest.fixture
def redis_hung(use_cache):
    """A server that accepts connections and never answers, as a Redis stopped with SIGSTOP does."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        use_cache(f"redis://127.0.0.1:{server.getsockname()[1]}/0")
        yield


def test_it_takes_an_expression_of_interest_while_redis_is_stopped(client, open_round, form_data, redis_stopped):
    response = apply(client, open_round, form_data)
    assert response.status_code == 302 and Application.objects.filter(round=open_round).count() == 1


def test_it_logs_that_the_limit_was_not_applied(client, open_round, form_data, redis_stopped, caplog):
    with caplog.at_level(logging.WARNING, logger="members.recruitment.throttle"):
        apply(client, open_round, form_data)
    assert "Rate limit not checked, the cache is unreachable" in caplog.text


def test_it_takes_an_expression_of_interest_within_seconds_while_redis_hangs(client, open_round, form_data, redis_hung):
    started = time.monotonic()
    response = apply(client, open_round, form_data)
    # Two cache calls (check, then count), each given up after the 2-second timeout; without it, each waits for ever.
    assert response.status_code == 302 and time.monotonic() - started < 6
