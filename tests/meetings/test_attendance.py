"""The attendance register: prefilled from replies, taken by staff in one save, the figures read from it,
and the group's staff told once when a member misses the group's limit of meetings in a row."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings import attendance, services
from meetings.attendance import Mark
from meetings.models import Absence, Attendee, Meeting, Reply
from members.models import Membership, User
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

IN, ONLINE, APOLOGIES, ABSENT = Mark.IN_PERSON, Mark.ONLINE, Mark.APOLOGIES, Mark.NO_APOLOGIES


@pytest.fixture
def people(peg, member, chair):
    """Four members of the PEG, and an officer of the group who is told about missed meetings."""
    extra = [make_person(f"m{i}@example.org", name) for i, name in enumerate(["Priya Shah", "Tom Walsh"])]
    for person in extra:
        Membership.objects.create(user=person, group=peg)
    officer = make_person("officer@example.org", "Sam Officer", is_staff=True)
    Membership.objects.create(user=officer, group=peg, role=Membership.Role.STAFF)
    return {"olivia": member, "jean": chair, "priya": extra[0], "tom": extra[1], "officer": officer}


@pytest.fixture
def take(django_capture_on_commit_callbacks):
    """services.take_register, with what it queues for after the commit run, as in a real request."""

    def take_register(meeting, marks):
        with django_capture_on_commit_callbacks(execute=True):
            return services.take_register(meeting, marks)

    return take_register


def past_meetings(make_meeting, count):
    """Meetings 70, 60, ... days ago, oldest first."""
    return [make_meeting(days=-70 + 10 * i, title=f"Meeting {i + 1}") for i in range(count)]


# Five meetings: Olivia comes to all (one online), Jean sends apologies twice, Priya misses three in a
# row after the first, Tom comes in person then online then misses two without apologies.
HISTORY = {
    "olivia": [IN, IN, ONLINE, IN, IN],
    "jean": [IN, APOLOGIES, IN, APOLOGIES, IN],
    "priya": [IN, ABSENT, APOLOGIES, ABSENT, IN],
    "tom": [IN, ONLINE, ABSENT, ABSENT, IN],
}


@pytest.fixture
def history(people, make_meeting):
    meetings = past_meetings(make_meeting, 5)
    for i, meeting in enumerate(meetings):
        services.take_register(meeting, {people[name].pk: marks[i] for name, marks in HISTORY.items()})
    return meetings


def test_it_prefills_the_register_from_the_replies(people, make_meeting):
    meeting = make_meeting(days=-1)
    meeting.record_reply(people["olivia"], Reply.Response.ATTENDING)
    meeting.record_reply(people["jean"], Reply.Response.APOLOGIES)
    lines = {person.full_name: mark for person, mark in attendance.register_lines(meeting)}
    assert lines == {"Olivia Bennett": IN, "Jean Ellison": APOLOGIES, "Priya Shah": ABSENT, "Tom Walsh": ABSENT}


def test_it_prefills_a_yes_as_online_for_a_meeting_with_no_venue(people, make_meeting):
    meeting = make_meeting(days=-1, online_link="https://meet.example.org/peg")
    Meeting.objects.filter(pk=meeting.pk).update(venue=None)
    meeting.refresh_from_db()
    meeting.record_reply(people["olivia"], Reply.Response.ATTENDING)
    assert dict(attendance.register_lines(meeting))[people["olivia"]] == ONLINE


def test_once_taken_the_register_shows_what_staff_recorded(people, make_meeting):
    meeting = make_meeting(days=-1)
    meeting.record_reply(people["olivia"], Reply.Response.ATTENDING)
    services.take_register(meeting, {people["olivia"].pk: ONLINE})
    assert dict(attendance.register_lines(meeting))[people["olivia"]] == ONLINE


def test_it_keeps_someone_who_has_since_stepped_down_on_the_register(people, make_meeting):
    meeting = make_meeting(days=-1)
    services.take_register(meeting, {people["tom"].pk: IN})
    Membership.objects.filter(user=people["tom"]).update(status=Membership.Status.STEPPED_DOWN)
    assert people["tom"] in dict(attendance.register_lines(meeting))


def test_taking_the_register_marks_the_meeting_held(people, make_meeting):
    meeting = make_meeting(days=-1)
    services.take_register(meeting, {people["olivia"].pk: IN})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.register_taken_at is not None) == (Meeting.Status.HELD, True)


def test_a_correction_moves_a_person_from_present_to_absent(people, make_meeting):
    meeting = make_meeting(days=-1)
    services.take_register(meeting, {people["olivia"].pk: IN})
    services.take_register(meeting, {people["olivia"].pk: ABSENT})
    assert (meeting.attendees.count(), Absence.objects.get(meeting=meeting).reason) == (0, ABSENT)


def test_apologies_recorded_on_the_day_are_kept_as_a_reply_for_the_minutes(people, make_meeting):
    meeting = make_meeting(days=-1)
    meeting.record_reply(people["jean"], Reply.Response.ATTENDING)
    services.take_register(meeting, {people["jean"].pk: APOLOGIES})
    reply = Reply.objects.get(meeting=meeting, user=people["jean"])
    assert (reply.response, reply.channel) == (Reply.Response.APOLOGIES, Reply.Channel.STAFF)


def test_absent_without_apologies_takes_back_an_apologies_reply(people, make_meeting):
    meeting = make_meeting(days=-1)
    meeting.record_reply(people["tom"], Reply.Response.APOLOGIES)
    services.take_register(meeting, {people["tom"].pk: ABSENT})
    assert not Reply.objects.filter(meeting=meeting, user=people["tom"]).exists()


def test_online_attendance_is_recorded_on_the_attendee(people, make_meeting):
    meeting = make_meeting(days=-1)
    services.take_register(meeting, {people["olivia"].pk: ONLINE})
    assert Attendee.objects.get(meeting=meeting).online is True


def figures_for(peg, first=None, last=None):
    today = timezone.localdate()
    return attendance.group_figures(peg, first or today - timedelta(days=365), last or today)


def test_it_counts_each_members_attendance_over_five_meetings(peg, history):
    rows = {
        row.person.full_name: (row.expected, row.in_person, row.online, row.apologies, row.absent)
        for row in figures_for(peg).members
    }
    assert rows == {
        "Olivia Bennett": (5, 4, 1, 0, 0),
        "Jean Ellison": (5, 3, 0, 2, 0),
        "Priya Shah": (5, 2, 0, 1, 2),
        "Tom Walsh": (5, 2, 1, 0, 2),
    }


def test_it_gives_the_attendance_rate_at_each_meeting(peg, history):
    assert [row.percent for row in figures_for(peg).meetings] == [100, 50, 50, 25, 100]


def test_it_counts_only_meetings_in_the_chosen_period(peg, history):
    first, last = timezone.localdate(history[1].start), timezone.localdate(history[2].start)
    assert [row.meeting for row in figures_for(peg, first, last).meetings] == history[1:3]


def test_a_meeting_without_a_register_is_not_counted(peg, history, make_meeting):
    make_meeting(days=-5)
    assert len(figures_for(peg).meetings) == 5


def test_the_figures_take_four_queries_however_many_meetings(peg, people, make_meeting, django_assert_num_queries):
    for meeting in past_meetings(make_meeting, 2):
        services.take_register(meeting, {people["olivia"].pk: IN})
    # The meetings, the member attendees, the absences, the people.
    with django_assert_num_queries(4):
        figures_for(peg)
    for meeting in past_meetings(make_meeting, 4):
        services.take_register(meeting, {people["olivia"].pk: IN, people["tom"].pk: ABSENT})
    with django_assert_num_queries(4):
        figures_for(peg)


def test_the_groups_officer_is_told_when_a_member_misses_three_in_a_row(people, make_meeting, take):
    meetings = past_meetings(make_meeting, 3)
    for meeting in meetings:
        take(meeting, {people["tom"].pk: ABSENT if meeting != meetings[1] else APOLOGIES})
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["officer@example.org"], "Tom Walsh has missed 3 meetings of Public Engagement Group in a row")
    ]


def test_no_one_is_told_below_the_groups_limit(people, make_meeting, take):
    for meeting in past_meetings(make_meeting, 2):
        take(meeting, {people["tom"].pk: ABSENT})
    assert mail.outbox == []


def test_the_limit_is_the_groups_own(peg, people, make_meeting, take):
    peg.missed_meetings_alert = 2
    peg.save()
    for meeting in past_meetings(make_meeting, 2):
        take(meeting, {people["tom"].pk: ABSENT})
    assert len(mail.outbox) == 1


def test_staff_are_told_once_however_long_the_run_and_however_often_the_register_is_saved(people, make_meeting, take):
    meetings = past_meetings(make_meeting, 5)
    for meeting in meetings:
        take(meeting, {people["tom"].pk: ABSENT})
    take(meetings[2], {people["tom"].pk: ABSENT})
    assert len(mail.outbox) == 1


def test_a_new_run_after_the_member_comes_back_tells_staff_again(people, make_meeting, take):
    marks = [ABSENT, ABSENT, ABSENT, IN, ABSENT, ABSENT, ABSENT]
    for meeting, mark in zip(past_meetings(make_meeting, 7), marks, strict=True):
        take(meeting, {people["tom"].pk: mark})
    assert len(mail.outbox) == 2


def test_meetings_a_member_was_not_expected_at_do_not_break_the_run(people, make_meeting):
    meetings = past_meetings(make_meeting, 3)
    services.take_register(meetings[0], {people["tom"].pk: ABSENT})
    services.take_register(meetings[1], {people["olivia"].pk: IN})
    services.take_register(meetings[2], {people["tom"].pk: ABSENT, people["olivia"].pk: IN})
    assert attendance.missed_in_a_row(meetings[2], [people["tom"].pk]) == {people["tom"].pk: (2, meetings[0].pk)}


def register_url(meeting):
    return reverse("admin:meetings_meeting_register", args=[meeting.pk])


def test_staff_take_the_whole_register_in_one_save(client, staff, people, make_meeting):
    meeting = make_meeting(days=-1)
    client.force_login(staff)
    data = {f"person-{people[name].pk}": mark for name, mark in zip(HISTORY, [IN, ONLINE, APOLOGIES, ABSENT])}
    response = client.post(register_url(meeting), data)
    assert response.status_code == 302
    marks = {user_id: mark for (_, user_id), mark in attendance.recorded_marks([meeting.pk]).items()}
    assert marks == {people[name].pk: mark for name, mark in zip(HISTORY, [IN, ONLINE, APOLOGIES, ABSENT])}


def test_the_register_page_shows_the_marks_from_the_replies(client, staff, people, make_meeting):
    meeting = make_meeting(days=-1)
    meeting.record_reply(people["jean"], Reply.Response.APOLOGIES)
    client.force_login(staff)
    response = client.get(register_url(meeting))
    field = response.context["form"][f"person-{people['jean'].pk}"]
    assert field.initial == APOLOGIES


def test_a_register_with_a_person_left_blank_is_not_saved(client, staff, people, make_meeting):
    meeting = make_meeting(days=-1)
    client.force_login(staff)
    response = client.post(register_url(meeting), {f"person-{people['olivia'].pk}": IN})
    assert (response.status_code, Meeting.objects.get(pk=meeting.pk).register_taken_at) == (200, None)


def test_a_member_cannot_open_the_register(client, people, make_meeting):
    client.force_login(people["jean"])
    response = client.get(register_url(make_meeting(days=-1)))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_meeting_page_in_the_admin_links_to_its_register(client, staff, people, make_meeting):
    meeting = make_meeting(days=-1)
    client.force_login(staff)
    response = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert register_url(meeting) in response.text


def attendance_url(peg, **query):
    params = {"group": peg.pk, "first": "01/01/2000", "last": timezone.localdate().strftime("%d/%m/%Y")} | query
    return reverse("admin:meetings_meeting_attendance") + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def test_the_attendance_page_takes_day_first_dates(client, staff, peg, history):
    client.force_login(staff)
    response = client.get(attendance_url(peg, first="3/4/2000"))
    assert response.context["figures"].first == date(2000, 4, 3)


def test_the_attendance_page_shows_each_meetings_rate(client, staff, peg, history):
    client.force_login(staff)
    response = client.get(attendance_url(peg))
    assert [row.percent for row in response.context["figures"].meetings] == [100, 50, 50, 25, 100]


def test_the_attendance_page_refuses_a_period_that_ends_before_it_starts(client, staff, peg, history):
    client.force_login(staff)
    response = client.get(attendance_url(peg, first="02/01/2020", last="01/01/2020"))
    assert (response.context["figures"], "must end on or after" in response.text) == (None, True)


def test_the_attendance_spreadsheet_has_a_row_for_each_member(client, staff, peg, history):
    client.force_login(staff)
    response = client.get(attendance_url(peg, format="csv"))
    lines = response.content.decode().splitlines()
    assert lines[:2] == [
        "Member,Meetings expected,Attended in person,Attended online,Apologies,Absent",
        "Jean Ellison,5,3,0,2,0",
    ]


def test_the_attendance_spreadsheet_keeps_a_name_that_looks_like_a_formula_as_text(client, staff, peg, history):
    person = User.objects.get(full_name="Jean Ellison")
    person.full_name = "=HYPERLINK(1)"
    person.save()
    client.force_login(staff)
    response = client.get(attendance_url(peg, format="csv"))
    assert response.content.decode().splitlines()[1].startswith("'=HYPERLINK(1),")


def test_the_staff_home_links_to_the_register_of_a_meeting_today(client, staff, people, make_meeting):
    meeting = make_meeting(days=0)
    client.force_login(staff)
    assert register_url(meeting) in client.get(reverse("admin:index")).text


def test_the_staff_home_does_not_offer_the_register_before_the_day(client, staff, people, make_meeting):
    meeting = make_meeting(days=7)
    client.force_login(staff)
    assert register_url(meeting) not in client.get(reverse("admin:index")).text
