"""Admin selects (theme, locality, person...) only pick: no link beside them changes or deletes the record."""

import pytest
from django.urls import reverse

from feedback.models import Theme
from members.models import Locality

pytestmark = pytest.mark.django_db


@pytest.fixture
def response_entry_form(client, staff):
    Theme.objects.create(name="Access to care")
    client.force_login(staff)
    return client.get(reverse("admin:feedback_responseentry_add")).text


@pytest.fixture
def person_form(client, staff, member):
    member.locality = Locality.objects.create(name="Northfield")
    member.save()
    client.force_login(staff)
    return client.get(reverse("admin:members_user_change", args=[member.pk])).text


def test_a_response_entry_form_has_no_change_or_delete_link_beside_the_theme(response_entry_form):
    assert 'id="id_theme"' in response_entry_form
    assert "change_id_theme" not in response_entry_form
    assert "delete_id_theme" not in response_entry_form


def test_a_person_form_has_no_change_or_delete_link_beside_the_locality(person_form):
    assert 'id="id_locality"' in person_form
    assert "change_id_locality" not in person_form
    assert "delete_id_locality" not in person_form


def test_a_person_form_has_no_link_leaving_it_for_the_locality(person_form):
    assert "view_id_locality" not in person_form


def test_a_missing_theme_can_still_be_added_from_the_response_entry_form(response_entry_form):
    assert "add_id_theme" in response_entry_form


def test_a_project_is_not_added_from_a_response_entry_form(response_entry_form):
    assert "add_id_project" not in response_entry_form


def test_a_group_is_not_added_from_a_membership_form(client, staff):
    client.force_login(staff)
    form = client.get(reverse("admin:members_membership_add")).text
    assert 'id="id_group"' in form
    assert "add_id_group" not in form
