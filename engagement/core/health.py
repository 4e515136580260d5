"""Health checks for load balancers and orchestrators."""

import logging
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from redis.exceptions import RedisError


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    # The cache is Redis in production: the same server Celery's broker uses.
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)


# Anyone can ask for this page, so each hit only reads from storage: a load balancer
# polling it, or a stranger, cannot fill the bucket. Writing is checked at most this often.
STORAGE_WRITE_CHECK_SECONDS = 300


def _storage():
    # A request to the storage itself (a HEAD request on S3) shows it is reachable and the
    # credentials work; whether the file is there does not matter.
    default_storage.exists("health/check.txt")
    try:
        # cache.add is atomic in the shared cache: one request across all processes writes per period.
        due = cache.add("health:storage-written", "ok", STORAGE_WRITE_CHECK_SECONDS)
    except RedisError:
        # The cache's own check reports Redis. Without it the writes cannot be limited, so until
        # it is back only the read is checked, and storage is not reported failed for Redis's fault.
        return
    if due:
        try:
            name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
            default_storage.delete(name)
        except Exception:
            # Check the write again on the next hit, rather than report "ok" until the period ends.
            cache.delete("health:storage-written")
            raise


logger = logging.getLogger(__name__)

CHECKS = {"database": _database, "cache": _cache, "storage": _storage}


@never_cache
def health(request):
    """200 with every check "ok", or 503 naming what failed; says nothing else about the system."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception:  # noqa: BLE001 - any failure means "not ready"; details go to the log
            logger.exception("Health check %s failed", name)
            results[name] = "failed"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse({"status": "ok" if healthy else "failed", "checks": results}, status=200 if healthy else 503)


@never_cache
def session(request):
    """Whether the browser's session is signed in: the cheapest page that still loads the user.

    The benchmark uses it as the floor cost of any signed-in page.
    """
    return JsonResponse({"signed_in": request.user.is_authenticated})
