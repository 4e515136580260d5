import pytest
from django.core.management import CommandError, call_command

from members.models import EngagementGroup, Membership, User


@pytest.mark.django_db
def test_it_creates_the_demo_group_and_logins(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    peg = EngagementGroup.objects.get(slug="peg")
    people = Membership.objects.filter(group=peg).exclude(role=Membership.Role.STAFF)
    assert people.count() == 25
    assert people.filter(role=Membership.Role.CHAIR).count() == 1
    assert people.filter(role=Membership.Role.VICE_CHAIR).count() == 1
    assert Membership.objects.filter(group__slug="reading-panel").exclude(role=Membership.Role.STAFF).count() == 8
    for email in ["staff@example.org", "chair@example.org", "member@example.org"]:
        assert User.objects.get(email=email).check_password("demo-password")
    assert User.objects.filter(is_staff=True).count() == 2


@pytest.mark.django_db
def test_it_duplicates_nothing_when_run_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), Membership.objects.count(), EngagementGroup.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Membership.objects.count(), EngagementGroup.objects.count()) == counts


@pytest.mark.django_db
def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
