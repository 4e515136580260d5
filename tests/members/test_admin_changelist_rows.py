"""The big admin lists draw their rows and action picker themselves (engagement/core/changelists.py): the page must
come out as Django's own result_list tag and action form draw it."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.urls import reverse

from engagement.core import changelists
from members.models import Locality, Membership, User
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def tidy(html):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r">\s+<", "><", html).strip()


def drawn_as_django_draws_it(client, model, url, monkeypatch):
    """The list page as drawn, and as Django's own tag and action form draw it (whitespace between tags aside)."""
    ours = tidy(client.get(url).text)
    with monkeypatch.context() as patched:
        patched.setattr(changelists.QuickChangeList, "draws_rows_quickly", False)
        patched.setattr(admin.site.get_model_admin(model), "action_form", helpers.ActionForm)
        djangos = tidy(client.get(url).text)
    assert ours == djangos
    return ours


@pytest.mark.parametrize("query", ["", "?is_staff__exact=0&o=-2.3", "?q=Tom+%26+%3CJerry%3E"])
def test_the_people_list_is_drawn_as_django_draws_it(client, staff, member, peg, query, monkeypatch):
    make_person("tom@example.org", "Tom & <Jerry>", locality=Locality.objects.create(name="North & East"))
    client.force_login(staff)
    page = drawn_as_django_draws_it(client, User, reverse("admin:members_user_changelist") + query, monkeypatch)
    assert 'name="_selected_action"' in page
    if query.startswith("?is_staff"):
        assert "_changelist_filters=is_staff__exact%3D0%26o%3D-2.3" in page


def test_the_membership_list_is_drawn_as_django_draws_it(client, staff, member, peg, monkeypatch):
    Membership.objects.filter(user=member).update(term_start="2025-04-01", term_end="2027-03-31")
    Membership.objects.create(user=staff, group=peg, term_start="2025-04-01")
    client.force_login(staff)
    page = drawn_as_django_draws_it(client, Membership, reverse("admin:members_membership_changelist"), monkeypatch)
    assert page.count("1 Apr 2025") == 2


def test_the_page_links_of_a_long_people_list_are_drawn_as_django_draws_them(client, staff, peg, monkeypatch):
    User.objects.bulk_create([User(email=f"person{i}@example.org", full_name=f"Person {i}") for i in range(560)])
    client.force_login(staff)
    page = drawn_as_django_draws_it(client, User, reverse("admin:members_user_changelist") + "?p=2", monkeypatch)
    assert '<span class="this-page">2</span>' in page
    assert "…" in page


def test_the_filters_by_name_offer_what_djangos_own_filters_offer(client, staff, member, peg, monkeypatch):
    Locality.objects.create(name="North & East")
    client.force_login(staff)
    url = reverse("admin:members_user_changelist")
    ours = tidy(client.get(url).text)
    user_admin = admin.site.get_model_admin(User)
    djangos_filters = [field if isinstance(field, str) else field[0] for field in user_admin.list_filter]
    monkeypatch.setattr(user_admin, "list_filter", djangos_filters)
    assert tidy(client.get(url).text) == ours
    assert "North &amp; East" in ours
