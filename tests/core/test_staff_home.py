"""The staff home (the admin index): what needs doing, each item linking to where it is done, in a fixed
number of queries; and the index's models grouped by what staff do."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from engagement import staff_home
from engagement.core.models import Notification
from feedback.models import Partner, Project
from feedback.planning.models import EngagementPlan, PlanAction
from meetings.models import Action, Meeting, Reply
from members import roles
from members.expenses.models import ExpenseClaim, InvolvementPayment
from members.models import AccessNeed, Membership, User
from members.recruitment.models import Application, Round
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def make_work(group, venue, copies=1):
    """Something in every item of the home, `copies` times over. Returns the first meeting."""
    today = timezone.localdate()
    now = timezone.now().replace(microsecond=0)
    partner = Partner.objects.get_or_create(name="Riverside County Council")[0]
    need = AccessNeed.objects.get_or_create(name="Large print")[0]
    round = Round.objects.create(
        group=group,
        title=f"Join {group}",
        slug=f"join-{group.pk}-{Round.objects.count()}",
        summary="Join us.",
        about_group="We advise partners.",
        what_members_do="Meet every two months.",
        expenses="Travel paid back.",
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=7),
    )
    first = None
    for i in range(copies):
        coming = make_person(f"coming{i}-{group.pk}@example.org", f"Ada Coming {i}", access_needs_other="A quiet room")
        coming.access_needs.add(need)
        away = make_person(f"away{i}-{group.pk}@example.org", f"Bea Away {i}")
        by_post = make_person(
            f"post{i}-{group.pk}@example.org",
            f"Cy Post {i}",
            communication_preference=User.CommunicationPreference.POST,
        )
        for person in (coming, away, by_post):
            Membership.objects.create(user=person, group=group)
        start = now + timedelta(days=10 + i)
        meeting = Meeting.objects.create(
            group=group,
            title=f"Meeting {i}",
            start=start,
            end=start + timedelta(hours=3),
            venue=venue,
            papers_deadline=today - timedelta(days=1),
        )
        first = first or meeting
        meeting.record_reply(coming, Reply.Response.ATTENDING)
        meeting.record_reply(away, Reply.Response.APOLOGIES)
        Action.objects.create(
            meeting=meeting, description=f"Book the room {i}", owner=away, due=today - timedelta(days=2)
        )
        project = Project.objects.create(
            title=f"GP access {i}",
            partner=partner,
            lead_name="Dr Lee",
            summary="Booking appointments.",
            status=Project.Status.CLOSED,
            closes_on=today - timedelta(weeks=10),
            closed_at=now - timedelta(weeks=10),
        )
        plan = EngagementPlan.objects.create(project=project)
        PlanAction.objects.create(plan=plan, step=1, description="Audience", target_date=today - timedelta(days=1))
        for status in (ExpenseClaim.Status.SUBMITTED, ExpenseClaim.Status.APPROVED):
            ExpenseClaim.objects.create(
                claimant=coming,
                group=group,
                activity_date=today - timedelta(days=3),
                description=f"Bus fare {i}",
                status=status,
                submitted_at=now,
                claim_by=today + timedelta(days=60),
                approved_at=now if status == ExpenseClaim.Status.APPROVED else None,
            )
        InvolvementPayment.objects.create(
            person=coming,
            group=group,
            activity_date=today - timedelta(days=3),
            description=f"Meeting {i}",
            amount="25.00",
            status=InvolvementPayment.Status.CHECK,
        )
        Application.objects.create(
            round=round, full_name=f"Dee Applicant {i}", email="dee@example.net", why_interested="To help."
        )
        Notification.objects.create(
            user=coming,
            content_type=ContentType.objects.get_for_model(Meeting),
            object_id=meeting.pk,
            event="invitation",
            status=Notification.Status.FAILED,
        )
    return first


def home_page(client, user):
    client.force_login(user)
    return client.get(reverse("admin:index")).text


def test_it_lists_something_in_every_item(client, staff, peg, venue):
    make_work(peg, venue)
    page = home_page(client, staff)
    for title in [
        "Meetings in the next six weeks</a>: 1",
        "Actions overdue</a>: 1",
        "Responses due and overdue</a>: 1",
        "Claims waiting for a decision</a>: 1",
        "Claims approved but not paid</a>: 1",
        "Payments waiting for a benefits check</a>: 1",
        "New expressions of interest</a>: 1",
        "Plans with overdue actions</a>: 1",
        "E-mails that failed</a>: 1",
    ]:
        assert title in page
    assert "All done" not in page


def test_it_says_all_is_done_when_nothing_is_waiting(client, staff):
    page = home_page(client, staff)
    assert "All done" in page
    assert "No claims are waiting for a decision." in page


def test_meetings_ahead_are_not_work_left_to_do(client, staff, make_meeting):
    make_meeting(days=10)
    page = home_page(client, staff)
    assert "All done" in page
    assert "Meetings in the next six weeks</a>: 1" in page


def test_meetings_more_than_six_weeks_ahead_or_cancelled_are_left_out(client, staff, make_meeting):
    make_meeting(days=45)
    make_meeting(days=10, status=Meeting.Status.CANCELLED)
    assert "Meetings in the next six weeks</a>: 0" in home_page(client, staff)


def test_a_claim_links_to_its_decide_page(client, staff, peg, venue):
    make_work(peg, venue)
    claim = ExpenseClaim.objects.get(status=ExpenseClaim.Status.SUBMITTED)
    assert f'href="{reverse("admin:expenses_expenseclaim_decide", args=[claim.pk])}"' in home_page(client, staff)


def test_a_held_payment_links_to_its_benefits_check(client, staff, peg, venue):
    make_work(peg, venue)
    payment = InvolvementPayment.objects.get()
    page = home_page(client, staff)
    assert reverse("admin:expenses_involvementpayment_limit_check", args=[payment.pk]) in page
    assert "£25.00" in page


def test_failed_emails_link_to_the_staff_page_of_failed_emails(client, staff, peg, venue):
    make_work(peg, venue)
    url = reverse("admin:failed_emails")
    page = home_page(client, staff)
    assert f'href="{url}"' in page
    assert client.get(url).status_code == 200


def test_an_overdue_response_names_its_partner_and_says_it_is_overdue(rf, staff, peg, venue):
    make_work(peg, venue)
    row = item_titled(rf, staff, "Responses due and overdue").rows[0]
    assert (row[1], row[4]) == ("Riverside County Council", "Overdue")


def test_a_meetings_readiness_is_counted(rf, staff, peg, venue):
    make_work(peg, venue)
    row = item_titled(rf, staff, "Meetings in the next six weeks").rows[0]
    # Papers deadline passed, not issued; 1 of the 3 invitees coming; a third of 3 is 1 needed for quorum.
    assert row[2].endswith("(passed)") and row[3] == "Not issued"
    assert row[4] == "1 coming, 1 sent apologies, 1 not replied"
    assert row[5] == "1 of 1 needed"
    assert (row[6], row[7]) == ("1", "1")


def test_every_filtered_link_opens_its_list(client, rf, staff, peg, venue):
    make_work(peg, venue)
    client.force_login(staff)
    for _heading, items in home_context(rf, staff)["sections"]:
        for item in (item for item in items if item.url):
            assert client.get(item.url).status_code == 200, item.url


def test_the_overdue_actions_link_lists_only_overdue_actions(client, rf, staff, peg, venue):
    meeting = make_work(peg, venue)
    Action.objects.create(meeting=meeting, description="Not due yet", owner=staff, due=timezone.localdate())
    client.force_login(staff)
    page = client.get(item_titled(rf, staff, "Actions overdue").url).text
    assert "Book the room 0" in page and "Not due yet" not in page


def test_staff_without_a_model_permission_do_not_see_its_items(client, peg, venue):
    roles.sync_staff_roles()
    no_money = Group.objects.create(name="No expenses")
    no_money.permissions.set(
        Group.objects.get(name=roles.ENGAGEMENT_STAFF).permissions.exclude(content_type__app_label="expenses")
    )
    officer = make_person("officer@example.org", "Sam Whitfield", is_staff=True)
    officer.groups.add(no_money)
    make_work(peg, venue)
    page = home_page(client, officer)
    assert "Claims waiting for a decision" not in page
    assert "Responses due and overdue" in page


def test_staff_without_their_second_step_get_no_home(rf, staff, settings):
    settings.STAFF_TWO_FACTOR = True
    request = rf.get("/admin/")
    request.user = staff
    staff.is_verified = lambda: False
    assert staff_home.home(request)["sections"] == []


@pytest.mark.parametrize("copies", [1, 12])
def test_the_home_takes_the_same_queries_whatever_the_data(
    client, staff, peg, venue, copies, django_assert_num_queries
):
    make_work(peg, venue, copies)
    client.force_login(staff)
    # session, user, the user's own and their groups' permissions in one (the admin's checks and the items' share
    # them); one query an item: meetings, actions, responses, claims to decide, claims to pay, payments held
    # for a benefits check, applications, plans, events to come, failed e-mails; the recent-actions sidebar.
    with django_assert_num_queries(14):
        assert client.get(reverse("admin:index")).status_code == 200


def test_the_index_groups_models_by_what_staff_do(client, staff):
    page = home_page(client, staff)
    for heading in [
        "People and groups",
        "Meetings",
        "Projects and responses",
        "Money",
        "Recruitment",
        "Plans and surveys",
    ]:
        assert f"<caption>{heading}</caption>" in page


def test_staff_do_not_see_the_system_section(client, staff):
    page = home_page(client, staff)
    assert staff_home.SYSTEM not in page
    assert reverse("admin:core_notification_changelist") + '"' not in page


def test_superusers_see_the_system_section(client, admin_user):
    page = home_page(client, admin_user)
    assert f"<caption>{staff_home.SYSTEM}</caption>" in page
    assert reverse("admin:django_celery_beat_periodictask_changelist") in page


def test_a_model_in_no_section_is_listed_under_other(client, staff, monkeypatch):
    # The site's own mapping, changed in place: admin.site is a lazy proxy that monkeypatch.setattr cannot restore.
    monkeypatch.delitem(staff_home.SECTIONS, "meetings.venue")
    page = home_page(client, staff)
    assert "<caption>Other</caption>" in page


def home_context(rf, user):
    request = rf.get(reverse("admin:index"))
    request.user = user
    return staff_home.home(request)


def item_titled(rf, user, title):
    return next(item for _, items in home_context(rf, user)["sections"] for item in items if item.title == title)
