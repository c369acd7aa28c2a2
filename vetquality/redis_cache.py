"""Django's Redis cache, keeping one client per connection pool instead of building one per call.

django.core.cache.backends.redis makes a new redis.Redis for every cache operation, and building one
fills a table of ~170 response callbacks: about a quarter of a millisecond, paid two or three times
by every API request (token, rate limit, cached answer) and by every session read. A redis.Redis
over a connection pool is safe to share between threads, so one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class PooledRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
