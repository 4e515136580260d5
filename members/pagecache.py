"""Whole pages cached per person, made stale by any write to the database.

The busiest pages (dashboard, meetings, projects, "You Said, We Did", claims and the
big admin lists) are read far more often than anything changes. Rendering one costs
10 to 100 times a bare signed-in request, mostly the ORM and the templates, so a
repeat view is served from the shared cache instead.

A cached page is keyed by:

- the person, so nobody is ever shown a page made for someone else;
- the address with its query string;
- the browser's CSRF secret, so the forms in the page (sign out, reply, comment)
  carry a token that browser's cookie accepts;
- the *generation*: a number in the shared cache that every committed INSERT,
  UPDATE or DELETE in any process (web, Celery worker or beat, management
  command) moves on. Writes are seen at the database connection, so bulk updates
  and raw SQL count as well as model saves.

So after any change, anyone's next view is rendered afresh. What changes with the
clock alone (a deadline passing, a meeting starting) shows within
PAGE_CACHE_SECONDS, which also bounds staleness if the cache itself was unreachable
during a write. Nothing is cached for a visitor, for a page that carries a message,
sets a cookie or is not a plain 200, or when the browser has no CSRF cookie yet.
If the cache is down, pages are rendered as if it were empty.
"""

import hashlib
import logging
import re
import secrets
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HIT_HEADER = "X-Page-Cache"

# Writes to these tables change nothing a cached page shows: sign-in sessions and
# django-axes' record of sign-in attempts, written on almost every sign-in, and Celery
# beat's record of when each scheduled task last ran, written every few minutes.
IGNORED_TABLES = frozenset(
    {
        "django_session",
        "axes_accessattempt",
        "axes_accesslog",
        "axes_accessfailurelog",
        "django_celery_beat_periodictask",
        "django_celery_beat_periodictasks",
    }
)
WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)', re.IGNORECASE)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Random, not 1: after the key is evicted, a restarted count must not meet
        # pages cached under an earlier generation of the same number.
        cache.add(GENERATION_KEY, secrets.randbits(62), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def move_on():
    """Make every cached page stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or evicted: the next read starts a new one
        pass
    except Exception:  # the cache is down; its pages expire within PAGE_CACHE_SECONDS
        logger.warning("Could not move the page cache on", exc_info=True)


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    write = WRITE.match(sql) if isinstance(sql, str) else None
    # A write that touched no rows (an UPDATE matching nothing, INSERT ... ON CONFLICT DO
    # NOTHING on a row already there, as the scheduled e-mail planning does) changed nothing.
    # With RETURNING, SQLite counts rows only as they are read, so those always count.
    changed = context["cursor"].rowcount != 0 or "RETURNING" in sql
    if write and changed and write.group(1).lower() not in IGNORED_TABLES:
        connection = context["connection"]
        if not connection.in_atomic_block:
            move_on()
        # Once per transaction, and only when it commits: a page rendered between the
        # write and the commit would otherwise be cached under the new generation.
        # (run_on_commit is emptied by a rollback, so a new transaction registers again.)
        elif not any(callback is move_on for _, callback, _ in connection.run_on_commit):
            transaction.on_commit(move_on, using=connection.alias)
    return result


def _install(sender, connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def watch_database_writes():
    """Called once from MembersConfig.ready(): every new database connection moves the generation on when it writes."""
    connection_created.connect(_install, dispatch_uid="members.pagecache.install")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and request.user.is_authenticated
        and request.META.get("CSRF_COOKIE")
        and not len(messages.get_messages(request))
    )


def _key(request):
    identity = f"{request.user.pk}\n{request.META['CSRF_COOKIE']}\n{request.get_full_path()}"
    return "pagecache:" + hashlib.sha256(identity.encode()).hexdigest()


def serve(request, render, still_allowed=None):
    """The page `render()` makes for this request, from the cache when it is there and current.

    `render()` makes its own permission checks. A cached page skips them, so a view that
    checks access to one object passes `still_allowed`: a cheap check run before a cached
    copy is served. If it fails, `render()` runs and refuses as usual.
    """
    if not _cacheable_request(request):
        return render()
    key = _key(request)
    try:
        # One round trip for both: the page is stored with the generation it was made in.
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
    except Exception:
        logger.warning("Page cache unavailable; rendering", exc_info=True)
        return render()
    cached = found.get(key)
    if cached is not None and cached[0] == current and (still_allowed is None or still_allowed()):
        _, content, headers = cached
        response = HttpResponse(content, headers=headers)
        response[HIT_HEADER] = "hit"
        return response
    response = render()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if (
        response.status_code == 200
        and not response.streaming
        and _sets_no_cookie_but_csrf(request, response)
        and not len(messages.get_messages(request))
    ):
        try:
            # Under the generation read before rendering: if anything was written
            # meanwhile, this copy is already stale and will not be served.
            cache.set(key, (current, response.content, dict(response.headers)), settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Could not store a page in the cache", exc_info=True)
        response[HIT_HEADER] = "miss"
    return response


def _sets_no_cookie_but_csrf(request, response):
    # A page with a form renews the browser's CSRF cookie (the admin does it inside the
    # view); any other cookie, or a new CSRF secret, must not be replayed from the cache.
    cookies = dict(response.cookies)
    csrf = cookies.pop(settings.CSRF_COOKIE_NAME, None)
    return not cookies and (csrf is None or csrf.value == request.META["CSRF_COOKIE"])


def cached_per_person(still_allowed=None):
    """Decorator for a read-only page view; put it below @login_required.

    For a view of one object, `still_allowed(request, *args, **kwargs)` says whether the
    person may still see it (see `serve`).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            check = still_allowed and (lambda: still_allowed(request, *args, **kwargs))
            return serve(request, lambda: view(request, *args, **kwargs), check)

        return wrapper

    return decorator


class CachedChangelistMixin:
    """For admin lists over tables that grow: a repeat view of the same list is served from the cache.

    The admin's permission checks run on every request, cached or not.
    """

    def changelist_view(self, request, extra_context=None):
        # ModelAdmin makes this check inside changelist_view, which a cached page skips.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return serve(request, lambda: super(CachedChangelistMixin, self).changelist_view(request, extra_context))
