"""The chair and staff see on the meeting page who is coming, who sent apologies, who has not replied, and the quorum."""

import pytest

from meetings.models import Meeting, Reply
from members.models import AccessNeed, Membership
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied(peg, member, meeting):
    """The member is coming, Sam sent apologies with a note, and Kit has not replied."""
    away = make_person("sam@example.org", "Sam Patel", communication_preference="post", address="2 Mill Lane")
    silent = make_person("kit@example.org", "Kit Jones")
    for person in (away, silent):
        Membership.objects.create(user=person, group=peg)
    Reply.objects.create(meeting=meeting, user=member, response=Reply.Response.ATTENDING)
    Reply.objects.create(meeting=meeting, user=away, response=Reply.Response.APOLOGIES, note="In hospital that week")
    member.access_needs.set([AccessNeed.objects.create(name="Hearing loop")])
    return meeting


def page_for(client, person, meeting):
    client.force_login(person)
    return client.get(meeting.get_absolute_url())


def test_the_chair_sees_who_is_coming(client, chair, replied):
    replies = page_for(client, chair, replied).context["replies"]
    assert [r.user.full_name for r in replies["attending"]] == ["Olivia Bennett"]


def test_the_chair_sees_who_sent_apologies(client, chair, replied):
    replies = page_for(client, chair, replied).context["replies"]
    assert [r.user.full_name for r in replies["apologies"]] == ["Sam Patel"]


def test_the_chair_sees_who_has_not_replied(client, chair, replied):
    replies = page_for(client, chair, replied).context["replies"]
    assert [u.full_name for u in replies["no_reply"]] == ["Jean Ellison", "Kit Jones"]


def test_the_chair_sees_the_counts_and_the_expected_quorum(client, chair, peg, replied):
    peg.quorum_percent = 50
    peg.save()
    text = page_for(client, chair, replied).text
    assert "<strong>1</strong> coming, <strong>1</strong> sent apologies, <strong>2</strong> not replied." in text
    assert "Not yet quorate" in text
    assert "Quorum is 2 (50% of active members)." in text  # half of the 4 active members


def test_the_chair_does_not_see_needs_notes_or_contact_details(client, chair, replied):
    text = page_for(client, chair, replied).text
    assert "For staff" not in text
    assert "hearing loop" not in text
    assert "In hospital" not in text
    assert "2 Mill Lane" not in text


def test_staff_see_the_notes_sent_with_replies(client, staff, replied):
    assert "Sam Patel – “In hospital that week”" in page_for(client, staff, replied).text


def test_a_member_does_not_see_who_is_coming(client, member, replied):
    response = page_for(client, member, replied)
    assert "replies" not in response.context
    assert "Who is coming" not in response.text


def test_with_everyone_replied_the_page_says_so(client, chair, member, meeting):
    for person in (chair, member):
        Reply.objects.create(meeting=meeting, user=person, response=Reply.Response.APOLOGIES)
    text = page_for(client, chair, meeting).text
    assert "Everyone has replied." in text
    assert "No one has said they are coming yet." in text


def test_the_chair_of_another_group_sees_only_a_members_page(client, peg, panel, replied):
    """Chairing the reading panel gives no view of who is coming to the PEG's meetings."""
    panel_chair = make_person("panel-chair@example.org", "Ola Okoye")
    Membership.objects.create(user=panel_chair, group=panel, role=Membership.Role.CHAIR)
    Membership.objects.create(user=panel_chair, group=peg)
    assert "Who is coming" not in page_for(client, panel_chair, replied).text


def test_the_chairs_meeting_page_runs_a_fixed_number_of_queries(client, chair, peg, meeting, django_assert_num_queries):
    meeting.status = Meeting.Status.PAPERS_ISSUED
    meeting.save()

    def grow(n):
        for i in range(n):
            person = make_person(f"grow{i}-{Membership.objects.count()}@example.org", f"Person {i}")
            Membership.objects.create(user=person, group=peg)
            response = Reply.Response.ATTENDING if i % 3 == 0 else Reply.Response.APOLOGIES
            if i % 3 != 2:
                Reply.objects.create(meeting=meeting, user=person, response=response)

    grow(3)
    client.force_login(chair)
    # session, user, meeting (with my role and my reply), agenda items, their papers,
    # carried actions; the chair's panel: invitees, replies (with each person); whether I need
    # large print (the pack's downloads offer it first)
    with django_assert_num_queries(9):
        client.get(meeting.get_absolute_url())
    grow(12)
    with django_assert_num_queries(9):
        response = client.get(meeting.get_absolute_url())
    assert len(response.context["replies"]["no_reply"]) == 1 + 5  # the chair and every third person
