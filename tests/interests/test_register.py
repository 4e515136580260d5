"""The group's register for staff and the chair, its CSV, and the public version some groups publish."""

import pytest
from django.urls import reverse

from meetings.interests.models import Interest, RegisterSettings
from members.models import Membership
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def declared(member, chair, declare):
    declare(member, "Riverside Hospitals", description="Ward clerk, three days a week")
    declare(chair, "Hill Surgery", category=Interest.Category.CLOSE_FAMILY, description="My son is a GP there")
    return member


def test_staff_see_the_register_with_descriptions(client, staff, peg, declared):
    client.force_login(staff)
    page = client.get(reverse("interests:register", args=[peg.slug])).text
    assert "Ward clerk, three days a week" in page and "My son is a GP there" in page


def test_the_chair_sees_the_register(client, chair, peg, declared):
    client.force_login(chair)
    assert "Ward clerk, three days a week" in client.get(reverse("interests:register", args=[peg.slug])).text


def test_a_member_of_the_group_is_refused_the_register(client, member, peg, declared):
    client.force_login(member)
    assert client.get(reverse("interests:register", args=[peg.slug])).status_code == 403


def test_a_member_of_another_group_is_told_there_is_no_such_register(client, panel_member, peg, declared):
    client.force_login(panel_member)
    assert client.get(reverse("interests:register", args=[peg.slug])).status_code == 404


def test_a_member_who_has_not_declared_is_shown_as_not_declared(client, staff, peg, member):
    client.force_login(staff)
    assert "Not declared" in client.get(reverse("interests:register", args=[peg.slug])).text


def test_the_csv_gives_each_interest_a_row(client, staff, peg, declared):
    client.force_login(staff)
    rows = client.get(reverse("interests:register_csv", args=[peg.slug])).text.splitlines()
    assert [row.split(",")[0] for row in rows] == ["Name", "Jean Ellison", "Olivia Bennett"]


def test_the_csv_keeps_a_typed_formula_as_text(client, staff, peg, member, declare):
    declare(member, "=HYPERLINK(1)")
    client.force_login(staff)
    assert "'=HYPERLINK(1)" in client.get(reverse("interests:register_csv", args=[peg.slug])).text


def test_the_register_runs_a_fixed_number_of_queries(client, staff, peg, declared, declare, django_assert_num_queries):
    client.force_login(staff)
    url = reverse("interests:register", args=[peg.slug])
    client.get(url)  # warm the permission cache
    # session, user, permissions (staff rule), group, people (with declarations), interests, published?
    with django_assert_num_queries(7) as first:
        client.get(url)
    for n in range(4):
        person = make_person(f"more{n}@example.org", f"More {n}")
        Membership.objects.create(user=person, group=peg)
        declare(person, f"Organisation {n}")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


@pytest.fixture
def published(peg, declared):
    RegisterSettings.objects.create(group=peg, publish=True)
    Membership.objects.filter(group=peg).update(named_publicly=True)
    return peg


def test_the_public_register_gives_type_and_organisation_without_description(client, published):
    page = client.get(reverse("interests:public_register", args=[published.slug])).text
    assert "Riverside Hospitals" in page and "Ward clerk" not in page


def test_the_public_register_gives_no_close_family_detail(client, published):
    page = client.get(reverse("interests:public_register", args=[published.slug])).text
    assert "An interest of a close family member" in page and "Hill Surgery" not in page


def test_the_public_register_lists_only_members_who_agreed_to_be_named(client, published, member):
    Membership.objects.filter(user=member).update(named_publicly=False)
    assert "Olivia Bennett" not in client.get(reverse("interests:public_register", args=[published.slug])).text


def test_there_is_no_public_register_for_a_group_that_does_not_publish(client, peg, declared):
    assert client.get(reverse("interests:public_register", args=[peg.slug])).status_code == 404
