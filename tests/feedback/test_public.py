"""The public page: no sign-in, only responses staff chose to publish, and no member named."""

import pytest
from django.urls import reverse

from tests.feedback.conftest import close, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def public(project, member, make_comment, make_entry):
    make_entry(project, [make_comment(project, member, "Olivia's private words")], what_we_heard="A public summary")
    project.publish_publicly = True
    return publish(close(project))


def public_url(project, slug="peg"):
    return reverse("feedback:public_response", args=[slug, project.pk])


def test_anyone_can_read_a_published_public_response(client, public):
    response = client.get(public_url(public))
    assert response.status_code == 200
    assert "A public summary" in response.text


def test_the_public_page_names_no_member_and_quotes_no_comment(client, public):
    text = client.get(public_url(public)).text
    assert "Olivia" not in text
    assert "Bennett" not in text
    assert "private words" not in text


def test_it_is_not_public_unless_staff_ticked_the_box(client, public):
    public.publish_publicly = False
    public.save()
    assert client.get(public_url(public)).status_code == 404


def test_an_unpublished_response_is_not_public(client, project, make_entry):
    make_entry(project)
    project.publish_publicly = True
    close(project)
    assert client.get(public_url(project)).status_code == 404


def test_it_is_not_public_under_another_group(client, public, panel):
    assert client.get(public_url(public, panel.slug)).status_code == 404


def test_the_index_lists_the_groups_public_responses_newest_first(client, public, make_project, make_entry):
    newer = make_project(title="A newer project")
    make_entry(newer)
    newer.publish_publicly = True
    publish(close(newer), days_after_closing=30)
    text = client.get(reverse("feedback:public_index", args=["peg"])).text
    assert text.index("A newer project") < text.index(public.title)


def test_the_index_has_an_empty_state(client, peg):
    response = client.get(reverse("feedback:public_index", args=["peg"]))
    assert response.status_code == 200
    assert "No responses have been published here yet" in response.text


def test_the_index_of_an_unknown_group_is_not_found(client, db):
    assert client.get(reverse("feedback:public_index", args=["nowhere"])).status_code == 404
