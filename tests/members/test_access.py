"""Members see only the groups they belong to; checked on the server for every group page."""

import pytest
from django.urls import reverse

from members.models import Membership
from tests.conftest import PASSWORD


def group_url(group):
    return reverse("group_detail", args=[group.slug])


@pytest.mark.django_db
def test_it_shows_a_member_their_own_group(client, member, peg):
    client.force_login(member)
    response = client.get(group_url(peg))
    assert response.status_code == 200
    assert "Public Engagement Group" in response.text


@pytest.mark.django_db
def test_it_hides_the_peg_from_a_reading_panel_only_member(client, panel_member, peg):
    client.force_login(panel_member)
    assert client.get(group_url(peg)).status_code == 404


@pytest.mark.django_db
def test_it_hides_the_reading_panel_from_a_peg_only_member(client, member, panel):
    client.force_login(member)
    assert client.get(group_url(panel)).status_code == 404


@pytest.mark.django_db
def test_it_lists_only_own_groups_on_the_dashboard(client, panel_member, peg, panel):
    client.force_login(panel_member)
    response = client.get(reverse("dashboard"))
    assert "Reading Panel" in response.text
    assert "Public Engagement Group" not in response.text


@pytest.mark.django_db
def test_it_removes_access_when_a_member_steps_down(client, member, peg):
    Membership.objects.filter(user=member).update(status=Membership.Status.STEPPED_DOWN)
    client.force_login(member)
    assert client.get(group_url(peg)).status_code == 404


@pytest.mark.django_db
def test_it_keeps_access_while_on_leave(client, member, peg):
    Membership.objects.filter(user=member).update(status=Membership.Status.ON_LEAVE)
    client.force_login(member)
    assert client.get(group_url(peg)).status_code == 200


@pytest.mark.django_db
def test_it_lets_engagement_staff_see_every_group(client, staff, peg, panel):
    client.force_login(staff)
    assert client.get(group_url(peg)).status_code == 200
    assert client.get(group_url(panel)).status_code == 200


@pytest.mark.django_db
def test_it_sends_visitors_to_sign_in(client, peg):
    for url in [reverse("dashboard"), reverse("profile"), group_url(peg), reverse("equality_monitoring")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_it_keeps_members_out_of_the_admin(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:members_user_changelist"))
    assert response.status_code == 302
    assert "login" in response.url


@pytest.mark.django_db
def test_it_signs_in_by_email_in_any_case(client, member):
    response = client.post(reverse("login"), {"username": "Member@Example.ORG", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


@pytest.mark.django_db
def test_it_explains_a_wrong_password(client, member):
    response = client.post(reverse("login"), {"username": "member@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "is not right" in response.text
    assert 'value="member@example.org"' in response.text


@pytest.mark.django_db
def test_it_signs_out_with_a_post(client, member):
    client.force_login(member)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302
