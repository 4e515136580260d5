"""The header links to projects and to "You said, we did", marking only the section you are in."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CURRENT = "nhsuk-header__navigation-item--current"


def current_item(html):
    """The label of the one navigation item marked current."""
    [item] = [part for part in html.split("<li ")[1:] if CURRENT in part.split(">")[0]]
    return item.split('fallback">')[1].split("<")[0]


def test_the_project_pages_mark_projects_current(client, member, project):
    client.force_login(member)
    assert current_item(client.get(reverse("feedback:project_list")).text) == "Projects"
    assert current_item(client.get(project.get_absolute_url()).text) == "Projects"


def test_the_you_said_we_did_page_marks_only_itself_current(client, member):
    client.force_login(member)
    assert current_item(client.get(reverse("feedback:you_said_we_did")).text) == "You said, we did"


def test_the_list_page_says_it_is_the_current_page(client, member):
    client.force_login(member)
    assert 'aria-current="page"><strong class="nhsuk-header__navigation-item-current-fallback">Projects' in (
        client.get(reverse("feedback:project_list")).text
    )
