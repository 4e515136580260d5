"""Engagement staff manage people, but cannot hand out staff roles or superuser status."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members import roles

pytestmark = pytest.mark.django_db


def change_form_data(user, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_name": "",
        "phone": "",
        "address": "",
        "postcode": "",
        "communication_preference": "email",
        "access_needs_other": "",
        "is_active": "on",
        "is_staff": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    return data | changes


def test_engagement_staff_cannot_make_themselves_superuser_or_take_other_roles(client, staff):
    client.force_login(staff)
    equality = Group.objects.get(name=roles.EQUALITY_DATA)
    response = client.post(
        reverse("admin:members_user_change", args=[staff.pk]),
        change_form_data(staff, is_superuser="on", groups=[equality.pk]),
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert not staff.is_superuser
    assert not staff.groups.filter(pk=equality.pk).exists()
    assert staff.groups.filter(name=roles.ENGAGEMENT_STAFF).exists()


def test_a_superuser_can_give_someone_a_staff_role(client, staff, django_user_model):
    admin = django_user_model.objects.create_superuser("root@example.org", "a-long-test-password", full_name="Root")
    client.force_login(admin)
    equality = Group.objects.get(name=roles.EQUALITY_DATA)
    response = client.post(
        reverse("admin:members_user_change", args=[staff.pk]), change_form_data(staff, groups=[equality.pk])
    )
    assert response.status_code == 302
    assert staff.groups.filter(pk=equality.pk).exists()
