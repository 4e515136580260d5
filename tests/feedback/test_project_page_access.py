"""The project page decides who may see it from the roles it reads with the project's groups
(feedback.access.get_project_for_page): the same answer as Project.objects.visible_to."""

import pytest
from django.http import Http404

from feedback.access import get_project_for_page
from feedback.models import Project
from members.models import Membership

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [Membership.Status.ACTIVE, Membership.Status.ON_LEAVE])
def test_a_member_with_access_sees_it_as_the_queryset_does(member, project, status):
    Membership.objects.filter(user=member).update(status=status)
    assert get_project_for_page(member, project.pk)[0] == Project.objects.visible_to(member).get(pk=project.pk)


def test_a_deactivated_account_is_refused(member, project):
    member.is_active = False
    with pytest.raises(Http404):
        get_project_for_page(member, project.pk)


def test_it_says_through_which_groups_the_member_takes_part(member, panel, make_project):
    project = make_project(groups=[panel, member.memberships.get().group])
    groups = get_project_for_page(member, project.pk)[1]
    assert {group.name: group.takes_part for group in groups} == {
        "Public Engagement Group": True,
        "Reading Panel": False,
    }
