"""EngagementGroup.objects.visible_to with the memberships a page has already read (the dashboard) sees the
same groups as without them, and a membership that is not the user's own, or gives no access, opens nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser

from meetings.models import Meeting
from members.models import EngagementGroup, Membership

pytestmark = pytest.mark.django_db


def visible(user, memberships):
    return set(EngagementGroup.objects.visible_to(user, memberships))


def test_it_sees_the_groups_the_subquery_sees(member, peg, panel):
    memberships = list(Membership.objects.with_access().filter(user=member))
    assert visible(member, memberships) == set(EngagementGroup.objects.visible_to(member)) == {peg}


def test_it_ignores_someone_elses_membership(member, panel_member, panel):
    assert visible(member, list(Membership.objects.filter(user=panel_member))) == set()


def test_it_ignores_a_membership_that_gives_no_access(member, peg):
    Membership.objects.filter(user=member).update(status=Membership.Status.STEPPED_DOWN)
    assert visible(member, list(Membership.objects.filter(user=member))) == set()


def test_staff_see_every_group_whatever_their_memberships(staff, peg, panel):
    Membership.objects.create(user=staff, group=peg)
    assert visible(staff, list(Membership.objects.filter(user=staff))) == {peg, panel}


def test_no_one_signed_out_sees_a_group(peg):
    assert visible(AnonymousUser(), []) == set()


def test_meetings_follow_the_groups(member, panel_member, panel, make_meeting):
    ours = make_meeting(days=5)
    make_meeting(days=5, group=panel)
    memberships = list(Membership.objects.filter(user__in=[member, panel_member]))
    assert list(Meeting.objects.visible_to(member, memberships)) == [ours]
