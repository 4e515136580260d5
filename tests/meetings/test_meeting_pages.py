"""The member site's meeting list and meeting page: access, replies, papers, minutes, staff arrangements."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from feedback.models import Partner, Project
from meetings import rules
from meetings.access import get_meeting_for_page
from meetings.models import Action, AgendaItem, Attendee, Meeting, Paper, Reply
from members.models import AccessNeed, Membership
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def add_paper(item, name="paper.pdf", content=PDF_BYTES):
    paper = Paper(item=item, title="Briefing", file=SimpleUploadedFile(name, content))
    paper.full_clean()
    paper.save()
    return paper


def test_a_member_sees_their_groups_meetings(client, member, meeting, make_meeting, panel):
    make_meeting(group=panel, title="Panel session")
    client.force_login(member)
    response = client.get(reverse("meetings:list"))
    assert meeting.when_in_words in response.text
    assert "Panel session" not in response.text


def test_a_member_of_another_group_cannot_open_the_meeting(client, panel_member, meeting):
    client.force_login(panel_member)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(reverse("meetings:calendar", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("meetings:reply", args=[meeting.pk]), {"response": "attending"}).status_code == 404


def test_a_member_who_has_stepped_down_cannot_open_the_meeting(client, member, meeting):
    Membership.objects.filter(user=member).update(status=Membership.Status.STEPPED_DOWN)
    client.force_login(member)
    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_a_member_on_leave_still_opens_the_meeting(client, member, meeting):
    Membership.objects.filter(user=member).update(status=Membership.Status.ON_LEAVE)
    client.force_login(member)
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_staff_open_any_groups_meeting(client, staff, meeting):
    client.force_login(staff)
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_a_deactivated_account_is_refused_the_meeting(member, meeting):
    member.is_active = False
    with pytest.raises(Http404):
        get_meeting_for_page(member, meeting.pk)


def test_the_agenda_shows_computed_start_times(client, member, meeting):
    client.force_login(member)
    response = client.get(meeting.get_absolute_url())
    first, second = response.context["agenda"]
    assert second[0] - first[0] == timedelta(minutes=10)


def test_a_member_sends_apologies_from_the_meeting_page(client, member, meeting):
    client.force_login(member)
    response = client.post(reverse("meetings:reply", args=[meeting.pk]), {"response": "apologies", "note": "Away"})
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert (reply.user, reply.response, reply.note) == (member, "apologies", "Away")
    assert "Your apologies have been sent" in client.get(meeting.get_absolute_url()).text


def test_a_reply_without_a_choice_keeps_the_note(client, member, meeting):
    client.force_login(member)
    response = client.post(reverse("meetings:reply", args=[meeting.pk]), {"note": "I might be late"})
    assert response.status_code == 200
    assert "Select whether you will come to the meeting" in response.text
    assert "I might be late" in response.text
    assert not Reply.objects.exists()


def test_staff_cannot_reply_as_members(client, staff, meeting):
    client.force_login(staff)
    client.post(reverse("meetings:reply", args=[meeting.pk]), {"response": "attending"})
    assert not Reply.objects.exists()


def test_papers_are_hidden_until_issued(client, member, meeting):
    paper = add_paper(meeting.items.first())
    client.force_login(member)
    assert client.get(paper.get_absolute_url()).status_code == 404
    assert "Briefing" not in client.get(meeting.get_absolute_url()).text
    meeting.status = Meeting.Status.PAPERS_ISSUED
    meeting.save()
    response = client.get(paper.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_paper_cannot_be_downloaded_by_another_group(client, panel_member, meeting):
    meeting.status = Meeting.Status.PAPERS_ISSUED
    meeting.save()
    paper = add_paper(meeting.items.first())
    client.force_login(panel_member)
    assert client.get(paper.get_absolute_url()).status_code == 404


def test_a_paper_that_only_pretends_to_be_a_pdf_is_refused(meeting):
    with pytest.raises(ValidationError, match="must be a"):
        add_paper(meeting.items.first(), "paper.pdf", b"MZ\x90\x00 this is a program")


def test_paper_names_are_sanitised(meeting):
    paper = add_paper(meeting.items.first(), "../../etc/<evil> name.pdf")
    assert ".." not in paper.file.name and "<" not in paper.file.name
    assert paper.file.name.startswith("papers/")


def test_members_see_only_approved_minutes(client, member, staff, make_meeting):
    meeting = make_meeting(days=-3, status=Meeting.Status.HELD, minutes_status=Meeting.MinutesStatus.DRAFT)
    AgendaItem.objects.create(meeting=meeting, title="GP access", minutes="Members asked for longer appointments.")
    client.force_login(member)
    assert "longer appointments" not in client.get(meeting.get_absolute_url()).text
    client.force_login(staff)
    assert "longer appointments" in client.get(meeting.get_absolute_url()).text
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.save()
    client.force_login(member)
    assert "longer appointments" in client.get(meeting.get_absolute_url()).text


def test_staff_see_needs_quorum_and_who_to_contact_offline(client, staff, peg, meeting):
    loop = AccessNeed.objects.create(name="Hearing loop")
    bsl = AccessNeed.objects.create(name="BSL interpreter")
    people = []
    for i in range(6):
        person = make_person(f"p{i}@example.org", f"Person {i}", communication_preference="post" if i == 5 else "email")
        Membership.objects.create(user=person, group=peg)
        people.append(person)
    people[0].access_needs.set([loop, bsl])
    people[1].access_needs.set([loop])
    for person in people[:2]:
        Reply.objects.create(meeting=meeting, user=person, response="attending")
    peg.quorum_percent = 50
    peg.save()
    client.force_login(staff)
    text = client.get(meeting.get_absolute_url()).text
    assert "2 need hearing loop" in text
    assert "1 needs bsl interpreter" in text
    assert "Not yet quorate" in text  # 2 of 6 coming; half of 6 is 3
    Reply.objects.create(meeting=meeting, user=people[2], response="attending")
    text = client.get(meeting.get_absolute_url()).text
    assert "Expected to be quorate" in text
    assert "Person 5 (post" in text


def test_replies_of_people_no_longer_invited_do_not_count_towards_quorum(client, staff, peg, member, meeting):
    peg.quorum_percent = 50
    peg.save()
    for i in range(3):
        Membership.objects.create(user=make_person(f"p{i}@example.org", f"Person {i}"), group=peg)
    gone = make_person("gone@example.org", "Former Member")
    Membership.objects.create(user=gone, group=peg, status=Membership.Status.STEPPED_DOWN)
    for person in (member, gone):
        Reply.objects.create(meeting=meeting, user=person, response="attending")
    client.force_login(staff)
    response = client.get(meeting.get_absolute_url())
    replies = response.context["replies"]
    assert (replies["quorum"], replies["attending_count"]) == (2, 1)  # half of 4 invited; 1 of them coming
    assert "Not yet quorate" in response.text
    assert "Former Member (not counted: no longer an active member)" in response.text  # still listed by name


def test_agenda_items_link_only_to_projects_the_member_can_open(client, member, panel, meeting):
    partner = Partner.objects.create(name="Riverside County Council")

    def project(title, status, group):
        made = Project.objects.create(title=title, partner=partner, lead_name="Lead", summary="About it", status=status)
        made.groups.set([group])
        return made

    open_here = project("Open here", Project.Status.OPEN, meeting.group)
    draft = project("Still a draft", Project.Status.DRAFT, meeting.group)
    elsewhere = project("For the panel", Project.Status.OPEN, panel)
    for item, linked in zip(meeting.items.all(), (open_here, draft)):
        item.project = linked
        item.save()
    AgendaItem.objects.create(meeting=meeting, position=3, title="Panel work", project=elsewhere)
    client.force_login(member)
    text = client.get(meeting.get_absolute_url()).text
    assert f'<a href="{open_here.get_absolute_url()}">Project: Open here</a>' in text
    assert draft.get_absolute_url() not in text
    assert elsewhere.get_absolute_url() not in text
    assert "Project: Still a draft" in text
    assert "Project: For the panel" in text


def test_members_do_not_see_the_staff_panel(client, member, meeting):
    client.force_login(member)
    assert "For staff" not in client.get(meeting.get_absolute_url()).text


def test_open_actions_appear_on_the_owners_dashboard_and_the_next_agenda(client, member, make_meeting):
    past = make_meeting(days=-20, status=Meeting.Status.HELD)
    upcoming = make_meeting(days=10)
    Action.objects.create(
        meeting=past, description="Read the leaflet", owner=member, due=past.start.date() + timedelta(days=30)
    )
    client.force_login(member)
    assert "Read the leaflet" in client.get(reverse("dashboard")).text
    assert "Read the leaflet" in client.get(upcoming.get_absolute_url()).text


def test_an_owner_marks_their_action_done(client, member, meeting):
    action = Action.objects.create(meeting=meeting, description="Read it", owner=member, due=meeting.start.date())
    client.force_login(member)
    client.post(reverse("meetings:complete_action", args=[action.pk]))
    action.refresh_from_db()
    assert action.status == Action.Status.DONE


def test_nobody_else_can_mark_an_action_done(client, chair, member, meeting):
    action = Action.objects.create(meeting=meeting, description="Read it", owner=member, due=meeting.start.date())
    client.force_login(chair)
    assert client.post(reverse("meetings:complete_action", args=[action.pk])).status_code == 404


def test_the_meeting_list_runs_a_fixed_number_of_queries(client, member, make_meeting, django_assert_num_queries):
    client.force_login(member)
    for days in (-40, -20, 10, 20):
        make_meeting(days=days)
    # session, user, past page (with the count of past meetings), meetings coming up (with my reply)
    with django_assert_num_queries(4):
        client.get(reverse("meetings:list"))
    for days in range(-200, 200, 9):
        make_meeting(days=days)
    with django_assert_num_queries(4):
        client.get(reverse("meetings:list"))


def test_past_meetings_come_a_page_at_a_time(client, member, make_meeting):
    for days in range(1, 26):
        make_meeting(days=-days, title=f"Meeting {days} days ago")
    client.force_login(member)
    first = client.get(reverse("meetings:list")).text
    assert "Meeting 20 days ago" in first and "Meeting 21 days ago" not in first
    assert "Page 2 of 2" in first and 'href="?page=2"' in first
    second = client.get(reverse("meetings:list"), {"page": 2}).text
    assert "Meeting 21 days ago" in second and "Meeting 25 days ago" in second and "Meeting 20 days ago" not in second
    assert "Page 1 of 2" in second
    # As Paginator.get_page: past the end, or below 1, is the last page; not a number, the first.
    for number in ("9", "0"):
        assert "Meeting 25 days ago" in client.get(reverse("meetings:list"), {"page": number}).text
    assert "Meeting 1 days ago" in client.get(reverse("meetings:list"), {"page": "two"}).text


def test_with_no_past_meetings_the_list_says_so(client, member, make_meeting):
    make_meeting(days=5)
    client.force_login(member)
    assert "Meetings that have happened will be listed here" in client.get(reverse("meetings:list")).text


def test_the_meeting_page_runs_a_fixed_number_of_queries(client, staff, peg, meeting, django_assert_num_queries):
    meeting.status = Meeting.Status.PAPERS_ISSUED
    meeting.minutes_status = Meeting.MinutesStatus.DRAFT
    meeting.save()
    partner = Partner.objects.create(name="Riverside County Council")

    def grow(n):
        for i in range(n):
            project = Project.objects.create(
                title=f"Project {i}", partner=partner, lead_name="Lead", summary="About it"
            )
            project.groups.set([peg])
            item = AgendaItem.objects.create(meeting=meeting, title=f"Item {i}", minutes_allotted=5, project=project)
            add_paper(item)
            person = make_person(f"grow{i}-{AgendaItem.objects.count()}@example.org", f"Person {i}")
            Membership.objects.create(user=person, group=peg)
            Reply.objects.create(meeting=meeting, user=person, response="attending")
            Attendee.objects.create(meeting=meeting, user=person)
            Action.objects.create(meeting=meeting, description="Do it", owner=person, due=meeting.start.date())

    grow(2)
    client.force_login(staff)
    client.get(meeting.get_absolute_url())  # warm the content-type and permission caches
    # session, user, permissions (staff rules), meeting (with my standing and reply), agenda items
    # (with which linked projects I can open), their papers, carried actions; minutes: attendees (with
    # their declarations), apologies, actions; staff: replies (with other needs), invitees, needs roll-up;
    # whether I need large print (the downloads offer it first); registered interests that may touch the
    # items, and the minutes' declarations recorded against them
    with django_assert_num_queries(16) as first:
        client.get(meeting.get_absolute_url())
    grow(10)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(meeting.get_absolute_url())


def test_the_meeting_page_for_a_member_runs_a_fixed_number_of_queries(
    client, member, peg, meeting, django_assert_num_queries
):
    meeting.status = Meeting.Status.PAPERS_ISSUED
    meeting.save()
    partner = Partner.objects.create(name="Riverside County Council")
    Reply.objects.create(meeting=meeting, user=member, response="attending", note="I may be late")

    def grow(n):
        for i in range(n):
            project = Project.objects.create(
                title=f"Project {i}", partner=partner, lead_name="Lead", summary="About it", status=Project.Status.OPEN
            )
            project.groups.set([peg])
            add_paper(AgendaItem.objects.create(meeting=meeting, title=f"Item {i}", project=project))

    grow(1)
    client.force_login(member)
    # session, user, meeting (with my role and my reply), agenda items (with which linked projects
    # I can open), their papers, carried actions
    with django_assert_num_queries(6):
        response = client.get(meeting.get_absolute_url())
    assert "You told us you will be there. You said: “I may be late”" in response.text
    grow(10)
    with django_assert_num_queries(6):
        response = client.get(meeting.get_absolute_url())
    assert response.text.count("Project: Project") == 11
    assert response.text.count("(PDF, 1 KB)") == 11


def test_the_chair_sees_papers_before_they_are_issued_and_the_pack_link(client, chair, member, meeting):
    add_paper(meeting.items.first())
    client.force_login(chair)
    text = client.get(meeting.get_absolute_url()).text
    assert "Briefing" in text
    assert reverse("meetings:pack_pdf", args=[meeting.pk]) in text
    client.force_login(member)
    text = client.get(meeting.get_absolute_url()).text
    assert "Briefing" not in text
    assert reverse("meetings:pack_pdf", args=[meeting.pk]) not in text


def test_a_role_read_with_the_meeting_answers_only_for_that_person(chair, member, meeting):
    read_for_chair = get_meeting_for_page(chair, meeting.pk)
    assert rules.can_export_pack(chair, read_for_chair)
    assert not rules.can_export_pack(member, read_for_chair)
    assert rules.can_reply(member, read_for_chair)


def test_staff_see_declarations_and_needs_in_peoples_own_words(client, staff, peg, make_meeting):
    meeting = make_meeting(days=-3, status=Meeting.Status.HELD, minutes_status=Meeting.MinutesStatus.DRAFT)
    coming = make_person("coming@example.org", "Ada Coming", access_needs_other="A seat near the door")
    away = make_person("away@example.org", "Bea Away", access_needs_other="Large print")
    for person, response in ((coming, "attending"), (away, "apologies")):
        Membership.objects.create(user=person, group=peg)
        Reply.objects.create(meeting=meeting, user=person, response=response)
    Attendee.objects.create(meeting=meeting, user=coming, declaration_of_interest="Works for a partner")
    Attendee.objects.create(meeting=meeting, guest_name="Cy Guest", kind="guest")
    client.force_login(staff)
    text = client.get(meeting.get_absolute_url()).text
    assert "Ada Coming: A seat near the door" in text
    assert "Large print" not in text
    assert "Ada Coming: Works for a partner" in text
    assert "Cy Guest:" not in text


def test_a_cancelled_meeting_still_ahead_shows_in_the_list_as_cancelled(client, member, make_meeting):
    make_meeting(days=5, title="Called off", status=Meeting.Status.CANCELLED)
    client.force_login(member)
    response = client.get(reverse("meetings:list"))
    assert "Called off" in response.text
    assert "Cancelled" in response.text
