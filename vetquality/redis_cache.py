"""Django's Redis cache, keeping one client per connection pool instead of building one per call,
and counting rate-limit events in one round trip.

django.core.cache.backends.redis makes a new redis.Redis for every cache operation, and building one
fills a table of ~170 response callbacks: about a quarter of a millisecond, paid two or three times
by every API request (token, rate limit, cached answer) and by every session read. A redis.Redis
over a connection pool is safe to share between threads, so one per pool is enough.

Django's `incr` is two round trips (EXISTS, then INCRBY), and a limiter that counts an event under
two keys made four: profiled on the public survey form, they were a sixth of an answer's cost.
`count_events` counts under every key, and starts each key's window, in one server-side script.
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


# Each key: +1, and the window's expiry set when the count starts (INCR creates a missing key at 1).
COUNT_EVENTS = """
local counts = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('EXPIRE', key, ARGV[1]) end
  counts[i] = n
end
return counts
"""


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
        self._scripts = {}

    def count_events(self, keys, window):
        """One event under each of `keys` in a window of `window` seconds: the counts so far, in order.

        The values are plain integers, which `get` reads back as Django's own `incr` leaves them."""
        client = self._cache.get_client(write=True)
        script = self._scripts.get(id(client))
        if script is None:
            script = self._scripts[id(client)] = client.register_script(COUNT_EVENTS)  # EVALSHA, loaded once
        return [int(n) for n in script(keys=[self.make_and_validate_key(k) for k in keys], args=[int(window)])]
