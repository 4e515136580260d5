"""The demo's register: the chair's interest with the GP federation is flagged against the GP item of a
demo meeting, the member has nothing to declare, and seeding twice changes nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from meetings.interests.models import Declaration, Interest
from meetings.models import Meeting
from members.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_seeding_twice_keeps_the_chairs_two_interests(seeded):
    call_command("seed_demo")
    assert Interest.objects.filter(declaration__person__email="chair@example.org").count() == 2


def test_the_demo_member_has_declared_nothing(seeded):
    declaration = Declaration.objects.get(person__email="member@example.org")
    assert (declaration.interests.count(), declaration.recorded_by.email) == (0, "staff@example.org")


def test_the_chair_sees_their_gp_federation_interest_against_the_next_meetings_gp_item(client, seeded):
    meeting = (
        Meeting.objects.exclude(status=Meeting.Status.CANCELLED)
        .filter(start__gte=timezone.now(), items__project__isnull=False)
        .earliest("start")
    )
    client.force_login(User.objects.get(email="chair@example.org"))
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "partner organisation, Riverside and Downs GP Federation" in page
