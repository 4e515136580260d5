import os

import pytest
from django.contrib.auth.models import Group

from members import roles
from members.models import EngagementGroup, Membership, User

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run there unless told it is safe (it is: one thread, no real async).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _fast_and_private(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def make_person(email, name="Test Person", **fields):
    user = User.objects.create_user(email, PASSWORD, full_name=name, **fields)
    return user


@pytest.fixture
def peg(db):
    return EngagementGroup.objects.create(name="Public Engagement Group", slug="peg")


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
