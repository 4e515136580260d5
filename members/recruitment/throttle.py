"""How many expressions of interest one internet address may send in an hour.

Counted in the Django cache, which is Redis in production, so every web
process shares the count. The address is read as the sign-in lockout
(django-axes) reads it, so both follow the same proxy settings, and is hashed:
the cache holds no IP addresses.

When the cache cannot be reached (Redis stopped, or hung past its timeout), the
limit is not applied and the failure is logged: the public form, and password
resets, keep working for everyone rather than failing for everyone.
"""

import logging

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from redis.exceptions import RedisError

WINDOW_SECONDS = 60 * 60

logger = logging.getLogger(__name__)


def _key(request):
    address = get_client_ip_address(request) or "unknown"
    return "recruitment:submissions:" + salted_hmac("recruitment.throttle", address).hexdigest()


def is_limited(request):
    return over_limit(_key(request), settings.RECRUITMENT_SUBMISSIONS_PER_HOUR)


def record(request):
    count(_key(request))


def over_limit(key, limit):
    """True once `key` has been counted `limit` times this hour (also used for password resets)."""
    try:
        return cache.get(key, 0) >= limit
    except RedisError as error:
        logger.warning("Rate limit not checked, the cache is unreachable: %s", error)
        return False


def count(key):
    try:
        # add() starts the hour only for the first submission; incr() is atomic in Redis.
        cache.add(key, 0, timeout=WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=WINDOW_SECONDS)
    except RedisError as error:
        logger.warning("Submission not counted, the cache is unreachable: %s", error)
