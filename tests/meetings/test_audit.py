"""Who changed what and when, for memberships and minutes, visible to staff in the admin."""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Meeting
from members.models import Membership

pytestmark = pytest.mark.django_db


def test_a_membership_change_in_the_admin_is_recorded_with_who_made_it(client, staff, member):
    membership = Membership.objects.get(user=member)
    client.force_login(staff)
    response = client.post(
        reverse("admin:members_membership_change", args=[membership.pk]),
        {
            "user": member.pk,
            "group": membership.group_id,
            "role": "vice_chair",
            "status": "active",
            "term_start": "",
            "term_end": "",
        },
    )
    assert response.status_code == 302
    latest = membership.history.first()
    assert (latest.role, latest.history_user, latest.history_type) == ("vice_chair", staff, "~")
    history_page = client.get(reverse("admin:members_membership_history", args=[membership.pk]))
    assert "Vice-chair" in history_page.text


def test_minutes_changes_are_recorded(meeting):
    item = AgendaItem.objects.create(meeting=meeting, title="GP access", minutes="First draft")
    item.minutes = "Corrected"
    item.save()
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.save()
    assert [h.minutes for h in item.history.all()] == ["Corrected", "First draft"]
    assert meeting.history.first().minutes_status == "approved"


def test_claim_contract_response_and_moderation_changes_are_recorded(member, staff, peg):
    from feedback.models import Comment, Partner, Project, ResponseEntry, Theme
    from members.expenses.models import ExpenseClaim

    claim = ExpenseClaim.objects.create(claimant=member, group=peg, activity_date="2026-11-01", description="Bus")
    claim.description = "Bus and train"
    claim.save()
    assert [h.description for h in claim.history.all()] == ["Bus and train", "Bus"]

    project = Project.objects.create(title="P", partner=Partner.objects.create(name="X"), lead_name="L", summary="S")
    comment = Comment.objects.create(project=project, author=member, body="Rude words")
    comment.hidden_reason = "Not respectful"
    comment.save()
    assert comment.history.first().hidden_reason == "Not respectful"

    entry = ResponseEntry.objects.create(
        project=project,
        theme=Theme.objects.create(name="T"),
        what_we_heard="W",
        how_we_reflected="H",
        where_addressed="A",
        outcome="adopted",
    )
    entry.outcome = "not_adopted"
    entry.save()
    assert [h.outcome for h in entry.history.all()] == ["not_adopted", "adopted"]
