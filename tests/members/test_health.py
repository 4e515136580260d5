"""The health check reads storage on every hit but writes to it at most once every few minutes."""

from datetime import timedelta

import pytest
from django.urls import reverse

from engagement.core import health

pytestmark = pytest.mark.django_db


class FakeStorage:
    """Counts writes; reads and writes fail when told to."""

    def __init__(self):
        self.saved = 0
        self.reads_fail = False
        self.writes_fail = False

    def exists(self, name):
        if self.reads_fail:
            raise ConnectionError("bucket unreachable")
        return False

    def save(self, name, content):
        if self.writes_fail:
            raise PermissionError("bucket is read-only")
        self.saved += 1
        return name

    def delete(self, name):
        pass


@pytest.fixture
def storage(monkeypatch):
    fake = FakeStorage()
    monkeypatch.setattr(health, "default_storage", fake)
    return fake


def test_repeated_hits_write_to_storage_only_once(client, storage):
    responses = [client.get(reverse("health")) for _ in range(5)]
    assert [response.status_code for response in responses] == [200] * 5
    assert storage.saved == 1


def test_storage_is_written_to_again_after_a_few_minutes(client, storage, time_machine):
    time_machine.move_to("2026-03-02 10:00:00Z")
    client.get(reverse("health"))
    time_machine.shift(timedelta(seconds=health.STORAGE_WRITE_CHECK_SECONDS + 1))
    client.get(reverse("health"))
    assert storage.saved == 2


def test_the_health_check_fails_when_storage_cannot_be_read(client, storage):
    client.get(reverse("health"))
    storage.reads_fail = True
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "failed"


def test_a_failed_write_is_checked_again_on_the_next_hit(client, storage):
    storage.writes_fail = True
    assert client.get(reverse("health")).status_code == 503
    storage.writes_fail = False
    assert client.get(reverse("health")).status_code == 200
    assert storage.saved == 1


@pytest.fixture
def redis_stopped(settings):
    previous = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "engagement.core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1: every connection is refused
            "OPTIONS": settings.REDIS_TIMEOUTS,
        }
    }
    yield
    settings.CACHES = previous


def test_with_redis_stopped_only_the_cache_is_reported_failed(client, storage, redis_stopped):
    response = client.get(reverse("health"))
    assert (response.status_code, response.json()["checks"]) == (
        503,
        {"database": "ok", "cache": "failed", "storage": "ok"},
    )
