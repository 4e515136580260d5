"""History in the admin is a record, not an undo: old versions can be read but never restored."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from engagement.core.history_admin import RecordOnlyHistoryAdmin
from feedback.models import Comment, Partner, Project
from meetings import services as meeting_services
from meetings.models import Meeting
from members.expenses import services as expense_services
from members.expenses.models import ClaimLine, ExpenseClaim

pytestmark = pytest.mark.django_db


def version_page(obj, record):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, record.history_id])


@pytest.fixture
def claim(member, peg):
    claim = ExpenseClaim.objects.create(
        claimant=member, group=peg, activity_date=timezone.localdate() - timedelta(days=7), description="Group meeting"
    )
    ClaimLine.objects.create(claim=claim, kind=ClaimLine.Kind.PARKING, amount=Decimal("4.50"))
    expense_services.submit(claim, member)
    return claim


@pytest.fixture
def withdrawn_comment(peg, member):
    project = Project.objects.create(
        title="Improving access to GP services",
        partner=Partner.objects.create(name="Riverside County Council"),
        lead_name="Priyanka Bhatt",
        summary="How you book appointments is changing.",
        status=Project.Status.OPEN,
        closes_on=timezone.localdate() + timedelta(days=7),
    )
    project.groups.set([peg])
    comment = Comment.objects.create(project=project, author=member, body="The 8am phone queue is the problem.")
    comment.withdraw()
    return comment


def test_staff_can_read_an_old_version_of_a_claim(client, staff, claim):
    client.force_login(staff)
    response = client.get(version_page(claim, claim.history.earliest()))
    assert response.status_code == 200


def test_an_old_version_of_a_meeting_has_no_revert_button(client, staff, meeting):
    meeting_services.cancel(meeting)
    client.force_login(staff)
    response = client.get(version_page(meeting, meeting.history.earliest()))
    assert response.status_code == 200
    assert 'name="_save"' not in response.text
    assert "Revert" not in response.text


def test_a_posted_revert_does_not_bring_back_a_withdrawn_comment(client, staff, withdrawn_comment):
    client.force_login(staff)
    response = client.post(version_page(withdrawn_comment, withdrawn_comment.history.earliest()), {"hidden_reason": ""})
    assert response.status_code == 405
    withdrawn_comment.refresh_from_db()
    assert withdrawn_comment.withdrawn_at is not None
    assert withdrawn_comment.history.count() == 2


def test_a_posted_revert_does_not_schedule_a_cancelled_meeting_again(client, staff, meeting):
    meeting_services.cancel(meeting)
    old = timezone.localtime(meeting.start)
    old_end = timezone.localtime(meeting.end)
    client.force_login(staff)
    response = client.post(
        version_page(meeting, meeting.history.earliest()),
        {
            "group": meeting.group_id,
            "title": meeting.title,
            "kind": meeting.kind,
            "start_0": old.strftime("%d/%m/%Y"),
            "start_1": old.strftime("%H:%M:%S"),
            "end_0": old_end.strftime("%d/%m/%Y"),
            "end_1": old_end.strftime("%H:%M:%S"),
            "venue": meeting.venue_id,
            "minutes_status": meeting.minutes_status,
        },
    )
    assert response.status_code == 405
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (Meeting.Status.CANCELLED, 1)


def test_every_admin_with_history_refuses_to_revert():
    with_history = [
        type(model_admin)
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]
    assert with_history
    assert [cls for cls in with_history if not issubclass(cls, RecordOnlyHistoryAdmin)] == []
