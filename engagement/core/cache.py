"""Django's Redis cache, keeping one client for each server rather than building one for every call.

Django's RedisCacheClient makes a new redis-py client for each get or set, and a client builds its
table of about 170 reply handlers when made: 77 µs a call on the bench machine, more than the
round trip to Redis for the project page's kept discussion (60 µs). A redis-py client is safe to
share between threads (each command takes a connection from the pool) and after a fork (the pool
notices the new process and opens new connections), so one per server is kept.
"""

from django.core.cache.backends import redis


class _Clients(redis.RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        # By connection pool, as Django keeps one pool for each server (RedisCacheClient._get_connection_pool).
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Clients
