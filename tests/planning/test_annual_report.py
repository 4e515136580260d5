"""The group's annual report (April to March), computed from known data, as a page and a PDF."""

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template
from django.urls import reverse
from pypdf import PdfReader

from feedback.models import Comment, Partner, Project, ResponseEntry, Theme
from feedback.planning.reports import annual_report
from meetings.models import Attendee, Meeting
from members.expenses.models import ClaimLine, ExpenseClaim
from members.models import Membership
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

UK = ZoneInfo("Europe/London")
Outcome = ResponseEntry.Outcome
YEAR = 2025  # 1 April 2025 to 31 March 2026


def at(day, hour=10):
    return datetime.combine(day, time(hour), tzinfo=UK)


def join(group, email, on, role=Membership.Role.MEMBER, **fields):
    with time_machine.travel(at(on), tick=False):
        person = make_person(email, email.split("@")[0].title())
        Membership.objects.create(user=person, group=group, role=role, **fields)
    return person


def change_status(person, group, on, status):
    with time_machine.travel(at(on), tick=False):
        membership = Membership.objects.get(user=person, group=group)
        membership.status = status
        membership.save()


def meeting(group, day, people, status=Meeting.Status.HELD, guests=0):
    held = Meeting.objects.create(
        group=group,
        title=f"Meeting {day:%B}",
        start=at(day),
        end=at(day, 13),
        status=status,
        online_link="https://example.org",
    )
    Attendee.objects.bulk_create([Attendee(meeting=held, user=person) for person in people])
    Attendee.objects.bulk_create([Attendee(meeting=held, guest_name=f"Guest {i}", kind="guest") for i in range(guests)])
    return held


def project(group, title, opened, closed=None, published=None):
    made = Project.objects.create(
        title=title,
        partner=Partner.objects.get_or_create(name="Riverside County Council")[0],
        lead_name="Dana Whitcombe",
        summary="A project.",
        status=Project.Status.PUBLISHED if published else Project.Status.CLOSED if closed else Project.Status.OPEN,
        opened_at=at(opened),
        closed_at=at(closed, 23) if closed else None,
        response_published_at=at(published) if published else None,
    )
    made.groups.set([group])
    return made


def comment(project, author, on, **fields):
    return Comment.objects.create(project=project, author=author, body="A view", created=at(on), **fields)


def entry(project, outcome, comments=(), heard="Members asked for evening appointments."):
    made = ResponseEntry.objects.create(
        project=project,
        theme=Theme.objects.get_or_create(name="Access to care")[0],
        what_we_heard=heard,
        how_we_reflected="We did something about it.",
        outcome=outcome,
    )
    made.comments.set(comments)
    return made


def paid_claim(group, person, paid_on, *amounts, status=ExpenseClaim.Status.PAID):
    claim = ExpenseClaim.objects.create(
        claimant=person, group=group, activity_date=paid_on - timedelta(days=20), description="Meeting"
    )
    for amount in amounts:
        ClaimLine.objects.create(claim=claim, kind=ClaimLine.Kind.PARKING, amount=Decimal(amount))
    ExpenseClaim.objects.filter(pk=claim.pk).update(
        status=status, paid_on=paid_on if status == ExpenseClaim.Status.PAID else None, payment_reference="BACS 1"
    )
    return claim


@pytest.fixture
def year(peg, panel, staff):
    """A year of the group, with things just before and after it that must not count."""
    lead = join(peg, "lead@example.org", date(2024, 1, 10), role=Membership.Role.CHAIR)
    steady = join(peg, "steady@example.org", date(2024, 6, 1))
    newcomer = join(peg, "newcomer@example.org", date(2025, 5, 10))
    # Added to the system before the year, but their term began in it: that is when they joined.
    join(peg, "termed@example.org", date(2025, 1, 5), term_start=date(2025, 4, 15))
    leaver = join(peg, "leaver@example.org", date(2024, 2, 1))
    change_status(leaver, peg, date(2025, 10, 1), Membership.Status.STEPPED_DOWN)
    resting = join(peg, "resting@example.org", date(2024, 2, 1))
    change_status(resting, peg, date(2025, 6, 1), Membership.Status.ON_LEAVE)
    earlier = join(peg, "earlier@example.org", date(2024, 2, 1))
    change_status(earlier, peg, date(2024, 12, 1), Membership.Status.STEPPED_DOWN)
    join(peg, "helper@example.org", date(2025, 7, 1), role=Membership.Role.STAFF)

    # 1 May: lead, steady, termed, leaver and resting were active (5); 3 came, with staff and a guest.
    meeting(peg, date(2025, 5, 1), [lead, steady, leaver, staff], guests=1)
    # 1 November: lead, steady, newcomer and termed were active (4); 2 came, and someone on leave.
    meeting(peg, date(2025, 11, 1), [lead, newcomer, resting])
    meeting(peg, date(2026, 1, 15), [])  # held, attendance not recorded
    meeting(peg, date(2026, 2, 1), [lead], status=Meeting.Status.CANCELLED)
    meeting(peg, date(2025, 3, 20), [lead])  # the year before
    meeting(panel, date(2025, 6, 1), [])  # another group

    first = project(peg, "Public health website", date(2025, 6, 1), date(2025, 7, 1), date(2025, 7, 13))
    second = project(peg, "Signposting service", date(2025, 9, 1), date(2025, 10, 1), date(2025, 10, 21))
    third = project(peg, "Dementia services", date(2025, 12, 1), date(2026, 1, 5))
    older = project(peg, "GP access", date(2024, 12, 1), date(2025, 1, 10), date(2025, 4, 5))
    project(panel, "Leaving hospital leaflet", date(2025, 6, 1))

    c1 = comment(first, steady, date(2025, 6, 10))
    comment(first, lead, date(2025, 6, 11))
    c3 = comment(second, newcomer, date(2025, 9, 10))
    c4 = comment(third, steady, date(2025, 12, 5))
    comment(third, steady, date(2025, 12, 6), withdrawn_at=at(date(2025, 12, 7)))
    comment(third, lead, date(2025, 12, 6), hidden_at=at(date(2025, 12, 7)))
    c7 = comment(older, steady, date(2025, 1, 1))
    entry(first, Outcome.ADOPTED, [c1], heard="Use everyday words on the website.")
    entry(first, Outcome.NOT_ADOPTED)
    entry(second, Outcome.PARTLY_ADOPTED, [c3])
    entry(second, Outcome.ADOPTED, heard="Open the phone line in the evening.")
    entry(third, Outcome.ADOPTED, [c4])  # not published: not counted
    entry(older, Outcome.ADOPTED, [c7], heard="Keep the phone for people who cannot book online.")

    paid_claim(peg, steady, date(2025, 6, 30), "4.50", "12.30")
    paid_claim(peg, lead, date(2026, 3, 31), "7.00")
    paid_claim(peg, lead, date(2026, 4, 1), "50.00")  # paid the next year
    paid_claim(peg, lead, date(2025, 8, 1), "9.00", status=ExpenseClaim.Status.APPROVED)  # not paid yet
    paid_claim(panel, lead, date(2025, 8, 1), "30.00")  # another group
    return peg


def test_it_counts_meetings_held_and_their_attendance(year):
    report = annual_report(year, YEAR)
    held = [row.meeting.start.date() for row in report.meetings]
    assert held == [date(2025, 5, 1), date(2025, 11, 1), date(2026, 1, 15)]
    # 15 January: attendance not recorded, so it is left out of the average.
    assert [(row.attended, row.invited, row.percent) for row in report.meetings] == [
        (3, 5, 60),
        (2, 4, 50),
        (0, 4, None),
    ]
    assert report.attendance_percent == 55
    assert len(report.recorded_meetings) == 2


def test_it_counts_members_who_joined_and_stepped_down_in_the_year(year):
    report = annual_report(year, YEAR)
    assert (report.joined, report.left) == (2, 1)


def test_it_counts_projects_comments_and_the_share_answered(year):
    report = annual_report(year, YEAR)
    assert report.projects_reviewed == 3
    assert (report.comments, report.answered, report.answered_percent) == (4, 2, 50)


def test_it_counts_outcomes_and_the_median_time_to_respond(year):
    report = annual_report(year, YEAR)
    assert dict(report.outcomes) == {
        Outcome.ADOPTED: 3,
        Outcome.PARTLY_ADOPTED: 1,
        Outcome.NOT_ADOPTED: 1,
        Outcome.UNDER_CONSIDERATION: 0,
    }
    assert (report.responses_published, report.median_days_to_respond) == (3, 20)


def test_it_adds_up_the_expenses_paid_in_the_year(year):
    assert annual_report(year, YEAR).expenses_paid == Decimal("23.80")


def test_its_highlights_are_adopted_views_newest_first(year):
    highlights = [entry.what_we_heard for entry in annual_report(year, YEAR).highlights]
    assert highlights == [
        "Open the phone line in the evening.",
        "Use everyday words on the website.",
        "Keep the phone for people who cannot book online.",
    ]


def test_an_empty_year_has_nothing_to_report(peg):
    report = annual_report(peg, 2019)
    assert (report.meetings, report.joined, report.comments, report.highlights) == ([], 0, 0, [])
    assert report.attendance_percent is None and report.median_days_to_respond is None
    assert report.expenses_paid == Decimal("0.00")


def test_the_figures_take_thirteen_queries_however_much_happened(year, peg, django_assert_num_queries):
    with django_assert_num_queries(13):
        annual_report(peg, YEAR)
    people = [join(peg, f"extra{i}@example.org", date(2025, 5, 1)) for i in range(10)]
    for i in range(5):
        meeting(peg, date(2025, 6, 1) + timedelta(days=30 * i), people[: i + 3])
        extra = project(peg, f"Extra project {i}", date(2025, 6, 1), date(2025, 7, 1), date(2025, 7, 10 + i))
        entry(extra, Outcome.ADOPTED, [comment(extra, person, date(2025, 6, 2)) for person in people])
        paid_claim(peg, people[i], date(2025, 9, 1), "1.00")
    with django_assert_num_queries(13):
        report = annual_report(peg, YEAR)
    assert len(report.meetings) == 8


def url(year=YEAR, slug="peg"):
    return reverse("planning:annual_report", args=[slug, year])


def test_the_chair_and_staff_see_the_report(client, chair, staff, year):
    for person in (chair, staff):
        client.force_login(person)
        response = client.get(url())
        assert response.status_code == 200
        assert "Annual report 2025/26" in response.text
    text = response.text
    assert "1 April 2025 to 31 March 2026" in text
    assert "55% of active members, over 2 meetings with attendance recorded" in text
    assert "50% (2 of 4)" in text and "20 days from comments closing" in text and "£23.80" in text
    assert 'role="img"' in text and " style=" not in text


def test_members_cannot_see_the_report(client, member, year):
    client.force_login(member)
    assert client.get(url()).status_code == 403


def test_another_group_cannot_see_it_at_all(client, panel_member, year):
    client.force_login(panel_member)
    assert client.get(url()).status_code == 404


def test_there_is_no_report_for_a_year_to_come(client, staff, peg):
    client.force_login(staff)
    assert client.get(url(2040)).status_code == 404
    assert client.get(reverse("planning:annual_report_pdf", args=["peg", 2040])).status_code == 404


# Session, user, the staff member's permissions, the group, then the twelve above, and
# whether the reader needs large print (the downloads offer it first).
REPORT_PAGE_QUERIES = 18


def test_the_report_page_runs_fixed_queries(client, staff, year, django_assert_num_queries):
    client.force_login(staff)
    with django_assert_num_queries(REPORT_PAGE_QUERIES):
        client.get(url())


def test_an_empty_year_page_has_empty_states(client, staff, peg):
    client.force_login(staff)
    text = client.get(url(2019)).text
    assert "The group held no meetings in this year." in text
    assert "No responses were published in this year." in text
    assert "No views were adopted in responses published this year." in text


def test_the_pdf_reads_back_with_its_headings_and_figures(client, chair, year):
    client.force_login(chair)
    response = client.get(reverse("planning:annual_report_pdf", args=["peg", YEAR]))
    content = b"".join(response.streaming_content)
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert reader.metadata.title == "Annual report 2025/26: Public Engagement Group"
    assert response["Content-Disposition"].endswith('annual-report-peg-2025-26.pdf"')
    for expected in [
        "Annual report 2025/26: Public Engagement Group",
        "The year in figures",
        "Meetings held 3",
        "55% of active members",
        "Members who joined 2",
        "Members who stepped down 1",
        "Projects reviewed 3",
        "Comments made 4",
        "50% (2 of 4)",
        "20 days from comments closing",
        "£23.80",
        "Outcomes of the group’s views",
        "Adopted 3",
        "You said, we did: highlights",
        "Open the phone line in the evening.",
    ]:
        assert expected in text, expected


def render_link(user, group, rf):
    request = rf.get("/")
    request.user = user
    template = Template("{% load planning_tags %}{% annual_report_link %}")
    return template.render(Context({"request": request, "group": group}))


def test_the_you_said_we_did_page_links_the_chair_to_the_report(client, chair, member, peg, rf):
    client.force_login(chair)
    assert "Annual report for the Public Engagement Group" in client.get(reverse("feedback:you_said_we_did")).text
    assert "Annual report" not in render_link(member, peg, rf)
