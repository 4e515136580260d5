"""The Redis cache keeps one client for each server, and works as Django's does."""

import pytest
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError

from engagement.core.cache import RedisCache


def cache_at(location):
    return RedisCache(location, {"OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2}})


def test_each_call_gets_the_same_client():
    cache = cache_at("redis://127.0.0.1:1/0")
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_a_second_server_is_read_through_its_own_client():
    cache = cache_at("redis://127.0.0.1:1/0,redis://127.0.0.1:2/0")
    writer, reader = cache._cache.get_client(write=True), cache._cache.get_client()
    assert writer is not reader
    assert reader.connection_pool.connection_kwargs["port"] == 2


def test_an_unreachable_redis_fails_each_call_as_djangos_does():
    ours, djangos = cache_at("redis://127.0.0.1:1/0"), RedisCache("redis://127.0.0.1:1/0", {})
    djangos._class = RedisCacheClient
    for cache in (djangos, ours, ours):
        with pytest.raises(RedisConnectionError):
            cache.get("anything")
