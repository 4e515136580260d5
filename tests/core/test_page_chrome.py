"""The parts of every page drawn once per process (members/templatetags/navigation.py): each page still
gets the version that is right for it, and a changed setting shows at once."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CURRENT = "nhsuk-header__navigation-item--current"


def test_it_marks_the_glossary_link_current_on_the_glossary_only(client, member):
    client.force_login(member)
    link = f'<a href="{reverse("glossary")}" aria-current="page">Words we use'
    assert link in client.get(reverse("glossary")).text
    assert link not in client.get(reverse("dashboard")).text


def test_it_marks_the_section_of_each_page_in_turn(client, member):
    client.force_login(member)
    client.get(reverse("feedback:project_list"))
    html = client.get(reverse("meetings:list")).text
    assert html.count(CURRENT) == 1
    assert (
        f'{CURRENT}">\n            <a class="nhsuk-header__navigation-link" href="{reverse("meetings:list")}"' in html
    )


def test_it_shows_the_staff_admin_link_to_staff_and_not_to_members(client, member, staff):
    client.force_login(member)
    assert ">Staff admin<" not in client.get(reverse("dashboard")).text
    client.force_login(staff)
    assert ">Staff admin<" in client.get(reverse("dashboard")).text


def test_a_changed_service_name_shows_at_once(client, member, settings):
    client.force_login(member)
    client.get(reverse("dashboard"))
    settings.SERVICE_NAME = "Voices Panel"
    assert '<span class="nhsuk-header__service-name">Voices Panel</span>' in client.get(reverse("dashboard")).text
