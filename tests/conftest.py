import errno
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from engagement.celery import app as celery_app
from engagement.core import outbox
from meetings.models import AgendaItem, Meeting, Venue
from members import roles
from members.models import EngagementGroup, Membership, User

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run there unless told it is safe (it is: one thread, no real async).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "a-long-test-password"


def pytest_collection_modifyitems(items):
    """Refuse "page" (pytest-playwright's browser page) outside tests/browser: a test that borrows the
    name is parametrised by browser, and pytest then reorders the suite so that the browser tests'
    database flush runs before ordinary tests, emptying the rows data migrations make."""
    borrowed = [
        item.nodeid
        for item in items
        if "page" in getattr(item, "fixturenames", ()) and "browser" not in item.path.parts
    ]
    if borrowed:
        raise pytest.UsageError(f"Name this fixture or parameter something other than 'page': {', '.join(borrowed)}")


@pytest.fixture(autouse=True)
def _fast_and_private(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Every prepared query's SQL checked against its queryset built with the real values (engagement.core.prepared).
    settings.PREPARED_QUERIES_CHECK = True
    # A fresh in-process cache for each test, even where REDIS_URL is set: rate limits and
    # build locks must not leak between tests, and expiry must follow time-machine's clock.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": str(tmp_path)}
    }


@pytest.fixture(autouse=True)
def _celery_in_process():
    """Run tasks in the test process; the Celery integration tests use a real worker instead."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def fails_after_queueing(monkeypatch):
    """The outbox writes its row and then the step fails, as a crash after the status change would:
    a step that is one transaction keeps neither the change nor the row."""
    real = outbox.enqueue

    def enqueue_then_fail(task, *args):
        real(task, *args)
        raise RuntimeError("the server stopped here")

    monkeypatch.setattr(outbox, "enqueue", enqueue_then_fail)


@pytest.fixture
def unwritable_storage():
    """The file store refuses every write, as a full or read-only disk does; reading still works.
    `.undo()` makes it writable again."""

    def refuse(storage, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    fault = pytest.MonkeyPatch()
    fault.setattr(FileSystemStorage, "_save", refuse)
    yield fault
    fault.undo()


def make_person(email, name="Test Person", **fields):
    user = User.objects.create_user(email, PASSWORD, full_name=name, **fields)
    return user


@pytest.fixture
def peg(db):
    # Public, as the public "You said, we did" pages need; the panel is not, for the pages that must refuse it.
    return EngagementGroup.objects.create(name="Public Engagement Group", slug="peg", is_public=True)


@pytest.fixture
def panel(db):
    return EngagementGroup.objects.create(
        name="Reading Panel", slug="reading-panel", kind=EngagementGroup.Kind.READING_PANEL
    )


@pytest.fixture
def member(peg):
    user = make_person("member@example.org", "Olivia Bennett")
    Membership.objects.create(user=user, group=peg)
    return user


@pytest.fixture
def chair(peg):
    user = make_person("chair@example.org", "Jean Ellison")
    Membership.objects.create(user=user, group=peg, role=Membership.Role.CHAIR)
    return user


@pytest.fixture
def panel_member(panel):
    user = make_person("panel@example.org", "Grace Achterberg")
    Membership.objects.create(user=user, group=panel)
    return user


@pytest.fixture
def staff(db):
    roles.sync_staff_roles()
    user = make_person("staff@example.org", "Alex Morgan", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ENGAGEMENT_STAFF))
    return user


@pytest.fixture
def equality_staff(staff):
    staff.groups.add(Group.objects.get(name=roles.EQUALITY_DATA))
    return staff


@pytest.fixture
def venue(db):
    return Venue.objects.create(name="Community Hub", address="1 High Street", step_free=True, hearing_loop=True)


@pytest.fixture
def make_meeting(peg, venue):
    def make(days=10, group=None, **fields):
        start = timezone.now().replace(microsecond=0) + timedelta(days=days)
        return Meeting.objects.create(
            group=group or peg,
            title=fields.pop("title", "Group meeting"),
            start=start,
            end=start + timedelta(hours=3),
            venue=venue,
            **fields,
        )

    return make


@pytest.fixture
def meeting(make_meeting):
    meeting = make_meeting()
    AgendaItem.objects.create(meeting=meeting, position=1, title="Welcome", minutes_allotted=10)
    AgendaItem.objects.create(meeting=meeting, position=2, title="GP access", minutes_allotted=45)
    return meeting


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium: Playwright cannot download its own browser here.
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "chromium_sandbox": False,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


AXE_PATH = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def assert_accessible():
    """Run axe-core in the page and fail on any WCAG 2.0/2.1/2.2 A or AA violation."""

    def check(page):
        page.evaluate(AXE_PATH.read_text())
        results = page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        )
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results["violations"]
        ]
        assert problems == [], f"{page.url}: " + "; ".join(problems)
        assert results["passes"], "axe-core ran no checks"

    return check
