"""The staff admin's lists of people and memberships: 50 rows a page, in fixed queries however many there are."""

import pytest
from django.urls import reverse

from members.models import Membership, User

pytestmark = pytest.mark.django_db


def add_members(group, count, start=0):
    people = User.objects.bulk_create(
        [User(email=f"person{i}@example.org", full_name=f"Person {i}") for i in range(start, start + count)]
    )
    Membership.objects.bulk_create([Membership(user=person, group=group) for person in people])


# People list: 1 session, 2 user, 3 permissions (user's and groups'), 4-6 the filters'
# choices (groups, localities, lived-experience areas), 7 count, 8 the page of people with localities.
PEOPLE_LIST_QUERIES = 8


def test_the_people_list_runs_fixed_queries(client, staff, peg, django_assert_num_queries):
    client.force_login(staff)
    url = reverse("admin:members_user_changelist")
    add_members(peg, 3)
    with django_assert_num_queries(PEOPLE_LIST_QUERIES):
        assert client.get(url).status_code == 200
    add_members(peg, 60, start=3)
    with django_assert_num_queries(PEOPLE_LIST_QUERIES):
        response = client.get(url)
    assert response.text.count('name="_selected_action"') == 50


# Membership list: 1 session, 2 user, 3 permissions (user's and groups'), 4-6 the filters'
# choices (groups, localities, lived-experience areas), 7 count, 8 the page of memberships with
# people and groups.
MEMBERSHIP_LIST_QUERIES = 8


def test_the_membership_list_runs_fixed_queries(client, staff, peg, django_assert_num_queries):
    client.force_login(staff)
    url = reverse("admin:members_membership_changelist")
    add_members(peg, 3)
    with django_assert_num_queries(MEMBERSHIP_LIST_QUERIES):
        assert client.get(url).status_code == 200
    add_members(peg, 60, start=3)
    with django_assert_num_queries(MEMBERSHIP_LIST_QUERIES):
        response = client.get(url)
    assert response.text.count('name="_selected_action"') == 50


def test_the_people_list_shows_who_is_staff(client, staff, member):
    client.force_login(staff)
    response = client.get(reverse("admin:members_user_changelist"))
    assert '<td class="field-staff"><img src="/static/admin/img/icon-yes.svg" alt="True"></td>' in response.text
    assert '<td class="field-staff"><img src="/static/admin/img/icon-no.svg" alt="False"></td>' in response.text
