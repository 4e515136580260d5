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
        {"user": member.pk, "group": membership.group_id, "role": "vice_chair", "status": "active",
         "term_start": "", "term_end": ""},
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
