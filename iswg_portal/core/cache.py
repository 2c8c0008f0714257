"""The shared cache, built to survive its own outage, and the table the database cache needs.

With Redis unreachable every read misses and every write is dropped (django-redis's
IGNORE_EXCEPTIONS, each error logged), so pages are built from the database. Two operations
need an answer besides "nothing" for their callers to carry on: `add()`, on which allauth
builds the lock of its rate limits, and `incr()`, on which counters are built. Left at
django-redis's None, the lock is never taken and every sign-in is refused as "too many
attempts" after a second's wait, and a counter compared with a number raises. Here `add()`
reports success and `incr()` counts from zero: rate limits are off while the cache is down,
and sign-in stays open.
"""

from django.conf import settings
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django_redis.cache import RedisCache, omit_exception


class OutageTolerantRedisCache(RedisCache):
    """django-redis's cache whose locks and counters let a request through during an outage."""

    @omit_exception(return_value=True)
    def add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)

    def incr(self, key, delta=1, version=None, client=None):
        # django-redis answers None when the server is down (and IGNORE_EXCEPTIONS is on);
        # the counter then starts afresh, as it does when the key expired.
        value = self._incr(key, delta=delta, version=version, client=client)
        return delta if value is None else value

    @omit_exception
    def _incr(self, key, delta, version, client):
        return self.client.incr(key, delta=delta, version=version, client=client)


def create_cache_table(sender, using="default", verbosity=1, **kwargs):
    """Create the database cache's table after `migrate` (post_migrate receiver).

    Production keeps its cache in the database when it has no Redis. The table is made
    whatever the cache is today, so a server started later without REDIS_URL finds it; an
    existing table is left as it is, so every migrate may call this."""
    command = CreateCacheTable()
    command.verbosity = max(verbosity - 1, 0)
    command.create_table(using, settings.DATABASE_CACHE["LOCATION"], dry_run=False)
