"""A group's public page and public minutes: for visitors, only of groups that chose to be public, naming only
members who agreed, and showing approved minutes only."""

import pytest
from django.urls import reverse

from feedback.models import Partner, Project
from meetings.interests.models import RegisterSettings
from meetings.models import AgendaItem, Attendee, Meeting
from members.models import Membership

pytestmark = pytest.mark.django_db


def page_url(group):
    return reverse("meetings:public_group", args=[group.slug])


def minutes_url(meeting):
    return reverse("meetings:public_minutes", args=[meeting.group.slug, meeting.pk])


@pytest.fixture
def approved(make_meeting):
    meeting = make_meeting(days=-20, title="Spring meeting", status=Meeting.Status.HELD)
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.save()
    AgendaItem.objects.create(meeting=meeting, title="GP access", minutes="Members asked for more phone lines.")
    return meeting


def test_a_visitor_reads_what_the_group_does(client, peg):
    peg.description = "We advise on how the NHS involves local people."
    peg.save()
    assert "We advise on how the NHS involves local people." in client.get(page_url(peg)).text


def test_a_group_that_is_not_public_is_not_found(client, panel):
    assert client.get(page_url(panel)).status_code == 404


def test_a_signed_in_member_of_a_group_that_is_not_public_does_not_find_its_public_page(client, panel, panel_member):
    client.force_login(panel_member)
    assert client.get(page_url(panel)).status_code == 404


def test_an_inactive_group_is_not_found(client, peg):
    peg.is_active = False
    peg.save()
    assert client.get(page_url(peg)).status_code == 404


def test_it_names_only_members_who_agreed(client, peg, member, chair):
    Membership.objects.filter(user=chair).update(named_publicly=True)
    text = client.get(page_url(peg)).text
    assert ("Jean Ellison, chair" in text, "Olivia Bennett" in text) == (True, False)


def test_a_member_who_stepped_down_is_no_longer_named(client, peg, chair):
    Membership.objects.filter(user=chair).update(named_publicly=True, status=Membership.Status.STEPPED_DOWN)
    assert "Jean Ellison" not in client.get(page_url(peg)).text


def test_it_lists_the_meetings_to_come(client, peg, make_meeting):
    make_meeting(days=12, title="Summer meeting")
    assert "Summer meeting" in client.get(page_url(peg)).text


def test_it_leaves_out_cancelled_meetings(client, peg, make_meeting):
    make_meeting(days=12, title="Summer meeting", status=Meeting.Status.CANCELLED)
    assert "Summer meeting" not in client.get(page_url(peg)).text


def test_it_links_to_approved_minutes(client, peg, approved):
    assert minutes_url(approved) in client.get(page_url(peg)).text


def test_it_does_not_link_to_draft_minutes(client, peg, approved):
    Meeting.objects.filter(pk=approved.pk).update(minutes_status=Meeting.MinutesStatus.DRAFT)
    assert minutes_url(approved) not in client.get(page_url(peg)).text


def test_it_links_to_the_groups_public_responses(client, peg):
    project = Project.objects.create(
        title="Booking by phone",
        partner=Partner.objects.create(name="Council"),
        lead_name="Lead",
        summary="About booking.",
        status=Project.Status.PUBLISHED,
        publish_publicly=True,
    )
    project.groups.add(peg)
    assert reverse("feedback:public_response", args=[peg.slug, project.pk]) in client.get(page_url(peg)).text


def test_it_links_the_register_of_interests_when_the_group_publishes_it(client, peg):
    url = reverse("interests:public_register", args=[peg.slug])
    assert url not in client.get(reverse("meetings:public_group", args=[peg.slug])).text
    RegisterSettings.objects.create(group=peg, publish=True)
    assert url in client.get(reverse("meetings:public_group", args=[peg.slug])).text


def test_the_page_takes_six_queries_however_much_it_lists(
    client, peg, member, chair, make_meeting, django_assert_num_queries
):
    Membership.objects.update(named_publicly=True)
    make_meeting(days=12)
    # The group, the named members, the meetings to come, the public events to sign up for, the approved
    # minutes, the latest responses.
    with django_assert_num_queries(6):
        client.get(page_url(peg))
    make_meeting(days=40)
    make_meeting(days=-40, minutes_status=Meeting.MinutesStatus.APPROVED)
    with django_assert_num_queries(6):
        client.get(page_url(peg))


def test_a_visitor_reads_approved_minutes(client, approved):
    assert "Members asked for more phone lines." in client.get(minutes_url(approved)).text


def test_the_public_minutes_count_members_present_without_naming_them(client, approved, member):
    Attendee.objects.create(meeting=approved, user=member)
    response = client.get(minutes_url(approved))
    assert (response.context["present"], "Olivia Bennett" in response.text) == (1, False)


def test_draft_minutes_are_not_found(client, approved):
    Meeting.objects.filter(pk=approved.pk).update(minutes_status=Meeting.MinutesStatus.DRAFT)
    assert client.get(minutes_url(approved)).status_code == 404


def test_minutes_of_a_group_that_is_not_public_are_not_found(client, peg, approved):
    peg.is_public = False
    peg.save()
    assert client.get(minutes_url(approved)).status_code == 404


def test_minutes_are_not_found_under_another_public_group(client, panel, approved):
    panel.is_public = True
    panel.save()
    url = reverse("meetings:public_minutes", args=[panel.slug, approved.pk])
    assert client.get(url).status_code == 404


def test_the_public_responses_of_a_group_that_is_not_public_are_not_found(client, peg):
    peg.is_public = False
    peg.save()
    assert client.get(reverse("feedback:public_index", args=[peg.slug])).status_code == 404


def test_the_home_page_links_to_each_public_group(client, peg, panel):
    text = client.get(reverse("home")).text
    assert (page_url(peg) in text, page_url(panel) in text) == (True, False)
