"""A member downloads their data; staff erase a person who has left."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Reply
from members import privacy
from members.models import EqualityMonitoring, Membership, User

pytestmark = pytest.mark.django_db


def download(client):
    response = client.post(reverse("my_data"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return archive, json.loads(archive.read("data.json"))


def test_a_member_downloads_their_profile_memberships_and_answers(client, member):
    EqualityMonitoring.objects.create(user=member, consent_given_at=timezone.now(), sex="female")
    client.force_login(member)
    _, data = download(client)
    assert data["Your account"]["Profile"]["E-mail address"] == "member@example.org"
    assert data["Your account"]["Memberships"][0]["Group"] == "Public Engagement Group"
    assert data["Your account"]["Equality monitoring"]["Sex"] == "Female"


def test_the_download_includes_meeting_replies_and_no_one_elses(client, member, chair, make_meeting):
    meeting = make_meeting()
    Reply.objects.create(meeting=meeting, user=member, response="apologies", note="On holiday")
    Reply.objects.create(meeting=meeting, user=chair, response="attending", note="Chair's note")
    client.force_login(member)
    archive, data = download(client)
    assert [r["Note"] for r in data["Meetings"]["Meeting replies"]] == ["On holiday"]
    assert "Chair's note" not in archive.read("data.json").decode()


def test_erasing_replaces_personal_data_and_keeps_the_groups_records(member, make_meeting):
    meeting = make_meeting()
    Reply.objects.create(meeting=meeting, user=member, response="apologies", note="Hospital appointment")
    EqualityMonitoring.objects.create(user=member, consent_given_at=timezone.now(), sex="female")
    privacy.erase(member)
    member.refresh_from_db()
    assert member.full_name == privacy.FORMER_MEMBER
    assert "member@example.org" not in member.email
    assert not member.is_active and not member.has_usable_password()
    assert member.erased_at is not None
    assert not EqualityMonitoring.objects.filter(user=member).exists()
    reply = Reply.objects.get(user=member)
    assert (reply.response, reply.note) == ("apologies", "")
    assert Membership.objects.get(user=member).status == Membership.Status.STEPPED_DOWN


def test_staff_erase_from_the_admin_after_confirming(client, staff, member):
    client.force_login(staff)
    url = reverse("admin:members_user_changelist")
    confirm_page = client.post(url, {"action": "erase_personal_data", "_selected_action": [member.pk]})
    assert "Erase personal data?" in confirm_page.text
    assert User.objects.get(pk=member.pk).erased_at is None
    client.post(url, {"action": "erase_personal_data", "_selected_action": [member.pk], "confirm": "yes"})
    assert User.objects.get(pk=member.pk).erased_at is not None


def test_the_erased_person_cannot_sign_in(client, member):
    privacy.erase(member)
    response = client.post(reverse("login"), {"username": "member@example.org", "password": "a-long-test-password"})
    assert response.status_code == 200


def test_the_download_is_written_for_a_person_to_read(client, member):
    EqualityMonitoring.objects.create(user=member, consent_given_at=timezone.now(), age_band="under_25")
    Membership.objects.filter(user=member).update(term_start="2026-04-01")
    client.force_login(member)
    archive, data = download(client)
    text = archive.read("data.json").decode()
    assert data["Your account"]["Equality monitoring"]["Age"] == "Under 25"
    assert data["Your account"]["Memberships"][0]["Term start"] == "1 April 2026"
    assert "under_25" not in text and "group__name" not in text and "2026-04-01" not in text


def test_the_download_has_a_summary_page_beside_the_data(client, member):
    client.force_login(member)
    archive, _ = download(client)
    summary = archive.read("summary.html").decode()
    assert '<html lang="en-GB">' in summary
    assert "<h2>Your account</h2>" in summary
    assert "<div><dt>E-mail address</dt><dd>member@example.org</dd></div>" in summary
    assert "<div><dt>Group</dt><dd>Public Engagement Group</dd></div>" in summary
