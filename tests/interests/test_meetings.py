"""At a meeting: staff and the chair see registered interests that may touch each item, and
declarations made at the meeting appear in the minutes."""

import pytest
from django.urls import reverse

from feedback.models import Partner, Project
from meetings.interests.models import MeetingDeclaration
from meetings.interests.register import touching
from meetings.models import AgendaItem, Meeting
from members.models import Membership
from tests.conftest import make_person
from tests.meetings.test_documents_print import minutes_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_item(meeting, peg, partner):
    project = Project.objects.create(title="Bus passes", partner=partner, lead_name="Lead", summary="About it")
    project.groups.set([peg])
    return AgendaItem.objects.create(meeting=meeting, position=3, title="Bus passes", project=project)


def page_for(client, user, meeting):
    client.force_login(user)
    return client.get(meeting.get_absolute_url()).text


def test_staff_see_an_interest_with_the_items_partner_whatever_its_case(
    client, staff, member, meeting, project_item, declare
):
    declare(member, "  riverside county COUNCIL ")
    assert "Olivia Bennett: employment, riverside county COUNCIL" in page_for(client, staff, meeting)


def test_an_interest_linked_to_the_partner_matches_whatever_its_name(
    client, staff, member, meeting, project_item, declare, partner
):
    declare(member, "The council", partner=partner)
    assert "Olivia Bennett: employment, The council" in page_for(client, staff, meeting)


def test_the_chair_sees_the_interests_that_may_touch_the_agenda(client, chair, member, meeting, project_item, declare):
    declare(member, "Riverside County Council")
    assert "Olivia Bennett: employment" in page_for(client, chair, meeting)


def test_a_member_does_not_see_the_interests_of_others(client, member, chair, meeting, project_item, declare):
    declare(chair, "Riverside County Council")
    assert "Interests that may touch this agenda" not in page_for(client, member, meeting)


def test_an_interest_with_another_organisation_is_not_shown(client, staff, member, meeting, project_item, declare):
    declare(member, "Hill Surgery")
    assert "No interests on the register are with the partners" in page_for(client, staff, meeting)


def test_the_hints_take_one_query_however_many_items_and_interests(
    meeting, peg, partner, declare, django_assert_num_queries
):
    def grow(n):
        for i in range(n):
            other = Partner.objects.create(name=f"Partner {Partner.objects.count()}")
            project = Project.objects.create(title=f"Project {i}", partner=other, lead_name="Lead", summary="About")
            AgendaItem.objects.create(meeting=meeting, title=f"Item {i}", project=project)
            person = make_person(f"p{Partner.objects.count()}@example.org", f"Person {i}")
            Membership.objects.create(user=person, group=peg)
            declare(person, other.name)

    def items():
        return list(meeting.items.select_related("project"))

    grow(2)
    listed = items()
    with django_assert_num_queries(1):
        assert len(touching(meeting, listed)) == 2
    grow(8)
    listed = items()
    with django_assert_num_queries(1):
        assert len(touching(meeting, listed)) == 10


def test_a_declaration_made_at_the_meeting_appears_in_the_minutes(meeting, member, project_item):
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=Meeting.MinutesStatus.DRAFT)
    meeting.refresh_from_db()
    MeetingDeclaration.objects.create(item=project_item, person=member, declaration="Works for the council")
    assert "Olivia Bennett: Works for the council (item 3, Bus passes)" in minutes_text(meeting)


def test_staff_record_a_declaration_on_the_agenda_item_in_the_admin(client, staff, member, project_item):
    client.force_login(staff)
    page = client.get(reverse("admin:meetings_agendaitem_change", args=[project_item.pk])).text
    assert "Declarations of interest made at the meeting" in page


def test_a_declaration_made_at_the_meeting_appears_in_the_minutes_on_the_meeting_page(
    client, staff, meeting, member, project_item
):
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=Meeting.MinutesStatus.DRAFT)
    MeetingDeclaration.objects.create(item=project_item, person=member, declaration="Works for the council")
    assert "Olivia Bennett: Works for the council (item 3, Bus passes)" in page_for(client, staff, meeting)
