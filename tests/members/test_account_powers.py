"""No one takes over an account stronger than their own (members.rules.accounts_manageable_by).

A staff user may change, set the password of, deactivate, erase or delete only
accounts whose roles (auth groups, permissions, staff and superuser status) they
hold too; only a superuser acts on a superuser.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from members import roles
from members.models import User
from members.rules import can_manage_account
from tests import import_jobs
from tests.conftest import PASSWORD, make_person

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-password-42"


def make_role(role, email):
    """One account of each staff role the matrix compares."""
    roles.sync_staff_roles()
    if role == "superuser":
        return User.objects.create_superuser(email, PASSWORD, full_name=f"Super {email}")
    person = make_person(email, f"Staff {email}", is_staff=True)
    names = {
        "strong": [roles.ENGAGEMENT_STAFF, roles.EQUALITY_DATA, roles.CONTRACTS],
        "officer": [roles.ENGAGEMENT_STAFF],
        "bare": [],
    }
    person.groups.add(*Group.objects.filter(name__in=names[role]))
    return person


# Who holds every role of whom: the rule the admin must follow.
HOLDS_ALL = {
    "superuser": {"superuser", "strong", "officer", "bare"},
    "strong": {"strong", "officer", "bare"},
    "officer": {"officer", "bare"},
    "bare": {"bare"},
}
# A staff user with no groups has no admin permissions at all, so is refused everything.
HAS_USER_PERMISSIONS = {"superuser", "strong", "officer"}


def change_form_data(person):
    return {
        "email": person.email,
        "full_name": "Changed Name",
        "preferred_name": "",
        "phone": "",
        "address": "",
        "postcode": "",
        "communication_preference": person.communication_preference,
        "access_needs_other": "",
        "is_active": "on",
        "is_staff": "on" if person.is_staff else "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }


def change(client, target):
    client.post(reverse("admin:members_user_change", args=[target.pk]), change_form_data(target))
    target.refresh_from_db()
    return target.full_name == "Changed Name"


def set_password(client, target):
    client.post(
        reverse("admin:auth_user_password_change", args=[target.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    target.refresh_from_db()
    return target.check_password(NEW_PASSWORD)


def erase(client, target):
    client.post(
        reverse("admin:members_user_changelist"),
        {"action": "erase_personal_data", "_selected_action": [target.pk], "confirm": "yes"},
    )
    target.refresh_from_db()
    return target.erased_at is not None


def delete(client, target):
    client.post(
        reverse("admin:members_user_changelist"),
        {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"},
    )
    return not User.objects.filter(pk=target.pk).exists()


OPERATIONS = {"change": change, "set_password": set_password, "erase": erase, "delete": delete}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("target_role", sorted(HOLDS_ALL))
@pytest.mark.parametrize("actor_role", sorted(HOLDS_ALL))
def test_an_account_action_is_allowed_exactly_when_the_actor_holds_all_the_targets_roles(
    client, actor_role, target_role, operation
):
    actor = make_role(actor_role, "actor@example.org")
    target = make_role(target_role, "target@example.org")
    client.force_login(actor)
    allowed = actor_role in HAS_USER_PERMISSIONS and target_role in HOLDS_ALL[actor_role]
    assert OPERATIONS[operation](client, target) is allowed


def test_an_officer_cannot_set_a_stronger_accounts_password(client):
    officer, strong = make_role("officer", "officer@example.org"), make_role("strong", "strong@example.org")
    client.force_login(officer)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[strong.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 403


def test_a_stronger_account_is_shown_read_only_with_the_reason(client):
    officer, superuser = make_role("officer", "officer@example.org"), make_role("superuser", "root@example.org")
    client.force_login(officer)
    page = client.get(reverse("admin:members_user_change", args=[superuser.pk]))
    assert page.status_code == 200
    assert "You can see this account but not change it" in page.text
    assert 'name="email"' not in page.text


def test_an_account_the_officer_may_manage_has_no_refusal(client, member):
    client.force_login(make_role("officer", "officer@example.org"))
    page = client.get(reverse("admin:members_user_change", args=[member.pk]))
    assert "You can see this account but not change it" not in page.text
    assert 'name="email"' in page.text


def test_a_refused_list_action_says_who_and_changes_nothing(client, member):
    officer, strong = make_role("officer", "officer@example.org"), make_role("strong", "strong@example.org")
    client.force_login(officer)
    response = client.post(
        reverse("admin:members_user_changelist"),
        {"action": "erase_personal_data", "_selected_action": [member.pk, strong.pk], "confirm": "yes"},
        follow=True,
    )
    assert "Nothing was done. You cannot change Staff strong@example.org" in response.text
    member.refresh_from_db()
    assert member.erased_at is None


def test_a_direct_permission_the_actor_lacks_makes_the_account_refused(member):
    officer = make_role("officer", "officer@example.org")
    assert can_manage_account(officer, member)
    member.user_permissions.add(Permission.objects.get(codename="view_equality_report"))
    assert not can_manage_account(officer, member)


def test_an_import_cannot_change_a_stronger_account(client, django_capture_on_commit_callbacks):
    officer, strong = make_role("officer", "officer@example.org"), make_role("strong", "strong@example.org")
    client.force_login(officer)
    csv = f"email,full_name\n{strong.email},Taken Over\n"
    response = import_jobs.upload(client, "members_user", csv, django_capture_on_commit_callbacks)
    assert "You cannot change this account" in response.text
    strong.refresh_from_db()
    assert strong.full_name != "Taken Over"


def test_an_officer_cannot_open_the_task_schedule(client):
    client.force_login(make_role("officer", "officer@example.org"))
    assert client.get(reverse("admin:django_celery_beat_periodictask_changelist")).status_code == 403


def test_a_schedule_permission_once_given_to_staff_is_taken_away():
    roles.sync_staff_roles()
    staff = Group.objects.get(name=roles.ENGAGEMENT_STAFF)
    staff.permissions.add(Permission.objects.get(codename="change_periodictask"))
    roles.sync_staff_roles()
    assert not staff.permissions.filter(content_type__app_label="django_celery_beat").exists()
